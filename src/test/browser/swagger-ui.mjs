// Swagger UI as a person uses it, in a real headless Chromium (Debian's /usr/bin/chromium driven
// by playwright-core): every operation opens, the examples dropdown of POST /exports offers every
// file of src/main/resources/openapi/examples and each fills the body, "Try it out" with the
// AMAZON_S3 example answers 202 on screen, GET /exports/{id} with the id from that answer answers
// 200, and Swagger UI reports no error. Screenshots go to target/swagger-ui/.
//
// Run by .ci/swagger-ui-browser, which starts the service and installs what this needs.
// SERVICE_URL (default http://localhost:8081) is the running service.
//
// Selectors use Swagger UI's ids (operations-<tag>-<operationId>) and class names, never
// response descriptions: those belong to the OpenAPI annotations and change with them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { walkSteps } from './walk.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const examplesDir = path.join(root, 'src/main/resources/openapi/examples');
const screenshots = path.join(root, 'target/swagger-ui');
const service = (process.env.SERVICE_URL ?? 'http://localhost:8081').replace(/\/$/, '');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

// The example that is executed; the local run's Adobe emulator accepts every one of them.
const TRIED_EXAMPLE = 'AMAZON_S3';

let browser;
let page;
const scriptErrors = [];
let exportId;

before(async () => {
  // No screenshot of an earlier run may pass for one of this run.
  await rm(screenshots, { recursive: true, force: true });
  await mkdir(screenshots, { recursive: true });
  // --no-sandbox: CI runs as root, where Chromium refuses to start sandboxed.
  browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  // The machine is slow and shared: a generous limit for every wait and click.
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      console.log(`# browser console: ${message.text()}`);
    }
  });
});

after(async () => {
  await browser?.close();
});

const uiTest = walkSteps({ root, screenshots, page: () => page });

async function shippedExamples() {
  const files = (await readdir(examplesDir)).filter((file) => file.endsWith('.json')).sort();
  return Object.fromEntries(await Promise.all(files.map(async (file) => [
    file.replace(/\.json$/, ''),
    JSON.parse(await readFile(path.join(examplesDir, file), 'utf8')),
  ])));
}

function operationBlock(operationId) {
  return page.locator(`.opblock[id$="-${operationId}"]`);
}

function examplesSelect(operation) {
  return operation.locator('.opblock-section-request-body select.examples-select-element');
}

/** Opens an operation's block (if it is not open yet) and switches it to "Try it out". */
async function tryOut(operationId) {
  const operation = operationBlock(operationId);
  if (!(await operation.evaluate((block) => block.classList.contains('is-open')))) {
    await operation.locator('.opblock-summary-control').click();
  }
  await operation.locator('.try-out__btn').click();
  await operation.locator('.btn.execute').waitFor();
  return operation;
}

/** Waits until the request body editor holds this JSON (Swagger UI re-renders after a choice). */
async function bodyBecomes(operation, expected, name) {
  const body = operation.locator('.opblock-section-request-body textarea.body-param__text');
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      assert.deepEqual(JSON.parse(await body.inputValue()), expected, `the body after choosing ${name}`);
      return;
    }
    catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
    }
    await page.waitForTimeout(200);
  }
}

/** Clicks Execute; returns the live status Swagger UI shows and the response as received. */
async function execute(operation, isTheRequest) {
  const answered = page.waitForResponse((response) => isTheRequest(response.request()));
  await operation.locator('.btn.execute').click();
  const response = await answered;
  const live = operation.locator('.responses-wrapper .live-responses-table .response');
  const status = live.locator('.response-col_status').first();
  await status.waitFor();
  return { shown: (await status.innerText()).trim(), body: live.locator('.response-col_description').first(), response };
}

uiTest('swagger-ui.html opens Swagger UI on the OpenAPI document', async () => {
  const document = page.waitForResponse((response) => new URL(response.url()).pathname.startsWith('/v3/api-docs'));
  await page.goto(`${service}/swagger-ui.html`);
  assert.equal((await document).status(), 200, 'the OpenAPI document');
  await operationBlock('startExport').waitFor();
  assert.match(new URL(page.url()).pathname, /\/swagger-ui\/index\.html$/);
  await page.screenshot({ path: path.join(screenshots, 'swagger-ui.png') });
});

uiTest('every operation opens, and Swagger UI resolves each', async () => {
  const operations = await page.locator('.opblock').all();
  assert.ok(operations.length >= 2, `operations shown: ${operations.length}`);
  for (const operation of operations) {
    await operation.locator('.opblock-summary-control').click();
    await operation.locator('.opblock-body').waitFor();
  }
  // Opening an operation makes Swagger UI resolve its part of the document ($refs, allOf);
  // what it cannot resolve it lists at the top of the page, checked at the end.
  await page.waitForFunction(() => {
    const { specSelectors } = window.ui;
    return specSelectors.specJson().get('paths').every((item, pathName) => item.keySeq()
      .filter((key) => ['get', 'put', 'post', 'delete', 'patch'].includes(key))
      .every((method) => specSelectors.specResolvedSubtree(['paths', pathName, method]) !== undefined));
  }, undefined, { timeout: 120_000 });
});

uiTest('the examples dropdown of POST /exports offers every shipped example, and each fills the body', async () => {
  const examples = await shippedExamples();
  assert.ok(TRIED_EXAMPLE in examples, `${TRIED_EXAMPLE}.json is shipped`);
  const operation = await tryOut('startExport');
  const offered = await examplesSelect(operation).locator('option').evaluateAll(
    (options) => options.map((option) => option.value).filter((value) => value !== '__MODIFIED__VALUE__'));
  assert.deepEqual([...offered].sort(), Object.keys(examples));
  // Each as Swagger UI puts it into the body: the shipped file, field for field (escapes too).
  for (const name of [...offered.filter((name) => name !== TRIED_EXAMPLE), TRIED_EXAMPLE]) {
    await examplesSelect(operation).selectOption(name);
    await bodyBecomes(operation, examples[name], name);
  }
  await operation.screenshot({ path: path.join(screenshots, 'post-exports-examples.png') });
});

uiTest(`POST /exports with the ${TRIED_EXAMPLE} example answers 202 on screen`, async () => {
  const operation = operationBlock('startExport');
  assert.equal(await examplesSelect(operation).inputValue(), TRIED_EXAMPLE);
  await bodyBecomes(operation, (await shippedExamples())[TRIED_EXAMPLE], TRIED_EXAMPLE);
  const { shown, body, response } = await execute(operation,
    (request) => request.method() === 'POST' && new URL(request.url()).pathname === '/exports');
  await operation.screenshot({ path: path.join(screenshots, 'post-exports-202.png') });
  assert.equal(response.status(), 202, await response.text());
  assert.equal(shown, '202');
  exportId = (await response.json()).id;
  assert.match(exportId ?? '', /^[0-9a-f-]{36}$/, 'the id in the 202 body');
  assert.match(await body.innerText(), new RegExp(exportId), 'Swagger UI shows the body with the id');
});

uiTest('GET /exports/{id} with the id from the 202 answers 200 on screen', async () => {
  const operation = await tryOut('getExport');
  await operation.locator('tr[data-param-name="id"] input').fill(exportId);
  const { shown, body, response } = await execute(operation,
    (request) => request.method() === 'GET' && new URL(request.url()).pathname === `/exports/${exportId}`);
  await operation.screenshot({ path: path.join(screenshots, 'get-export-200.png') });
  assert.equal(response.status(), 200, await response.text());
  assert.equal(shown, '200');
  assert.equal((await response.json()).id, exportId);
  assert.match(await body.innerText(), new RegExp(exportId), 'Swagger UI shows the export');
});

uiTest('Swagger UI reported no error: nothing unresolved, no script error', async () => {
  const reported = await page.locator('.swagger-ui .errors-wrapper').allInnerTexts();
  assert.deepEqual(reported, [], 'the errors Swagger UI lists at the top of the page');
  assert.deepEqual(scriptErrors, [], 'uncaught errors in the page');
}, { always: true });
