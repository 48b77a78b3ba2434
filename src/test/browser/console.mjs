// The console as a person uses it, in a real headless Chromium (Debian's /usr/bin/chromium driven
// by playwright-core), against the service run as README.md says (./mvnw spring-boot:test-run,
// with its Adobe emulator): two exports are started through the API, one of them in a sandbox
// whose first target connection the emulator refuses (AdobeEmulator.REFUSE_ONCE); the console's
// filter finds the failing one, its page shows the failed step on the timeline and Adobe's error,
// the Resume button (after its confirmation) turns it SUCCEEDED without a page reload, and its
// runs chart shows both audiences' runs, the one that fails marked. No script error and no
// Content-Security-Policy violation may occur. Screenshots go to target/console/.
//
// Run by .ci/console-browser, which starts the service and installs what this needs.
// SERVICE_URL (default http://localhost:8081) is the running service.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { walkSteps } from './walk.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const screenshots = path.join(root, 'target/console');
const service = (process.env.SERVICE_URL ?? 'http://localhost:8081').replace(/\/$/, '');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Names of this run's own, so that earlier exports of the same local run do not count.
const run = Math.random().toString(36).slice(2, 8);
const OK_NAME = `console-ok-${run}`;
const FAILING_NAME = `console-failing-${run}`;
// The emulator refuses the first target connection in a sandbox named so (AdobeEmulator.REFUSE_ONCE).
const FAILING_SANDBOX = `refuse-once-${run}`;
// RunScript.lifelike ends a run FAILED when its audience id's Java hashCode is 0 modulo 10: this
// one's is; the example's own audience (979558ae-…) succeeds.
const FAILING_AUDIENCE = '0f218900-a9bf-4c15-ae08-a95cff549bc2';

let browser;
let page;
const scriptErrors = [];
const consoleErrors = [];
let okId;
let failingId;

before(async () => {
  await rm(screenshots, { recursive: true, force: true });
  await mkdir(screenshots, { recursive: true });
  // --no-sandbox: CI runs as root, where Chromium refuses to start sandboxed; no background
  // networking: this machine's network is closed.
  browser = await chromium.launch({
    executablePath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      consoleErrors.push(message.text());
      console.log(`# browser console: ${message.text()}`);
    }
  });
  // Every action asks first (hx-confirm): say yes, and note what was asked.
  page.on('dialog', async (dialog) => {
    console.log(`# confirmation: ${dialog.message()}`);
    await dialog.accept();
  });
});

after(async () => {
  await browser?.close();
});

const uiTest = walkSteps({ root, screenshots, page: () => page });

async function startExport(body) {
  const response = await fetch(`${service}/exports`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const answer = await response.text();
  assert.equal(response.status, 202, answer);
  return JSON.parse(answer).id;
}

async function example(name) {
  return JSON.parse(await readFile(path.join(root, 'src/main/resources/openapi/examples', `${name}.json`), 'utf8'));
}

/** The list's row of an export: its name is the link to its page. */
function row(name) {
  return page.locator('#results tbody tr', { has: page.getByRole('link', { name, exact: true }) });
}

uiTest('two exports started through the API are listed, one of them FAILED, without a reload', async () => {
  const s3 = await example('AMAZON_S3');
  okId = await startExport({ ...s3, name: OK_NAME });
  failingId = await startExport({
    ...s3, name: FAILING_NAME, sandbox: FAILING_SANDBOX,
    audiences: [...s3.audiences, { id: FAILING_AUDIENCE, name: 'Win-back' }],
  });
  await page.goto(`${service}/console`);
  await page.evaluate(() => { window.consoleTestMarker = 'not reloaded'; });
  await row(OK_NAME).waitFor();
  // The list refreshes itself: the failing export turns FAILED in place.
  await row(FAILING_NAME).locator('.chip', { hasText: 'FAILED' }).waitFor();
  assert.equal(await page.evaluate(() => window.consoleTestMarker), 'not reloaded', 'the list was not reloaded');
  await page.screenshot({ path: path.join(screenshots, 'list.png'), fullPage: true });
});

uiTest('the filter finds the failing export by status and name', async () => {
  await page.getByLabel('Status').selectOption('FAILED');
  await page.getByLabel('Name contains').fill(run);
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/status=FAILED/);
  await row(FAILING_NAME).waitFor();
  assert.equal(await row(OK_NAME).count(), 0, 'the export that did not fail is filtered out');
  assert.equal(await page.locator('#results tbody tr').count(), 1, 'only the failing export of this run');
  // How many steps got done before the failure depends on how the parallel ones were timed.
  const progress = row(FAILING_NAME).locator('progress');
  const [done, total] = [Number(await progress.getAttribute('value')), Number(await progress.getAttribute('max'))];
  assert.equal(total, 13, 'the steps it has');
  assert.ok(done >= 3 && done < total, `steps done before the failure: ${done}`);
  assert.match(await row(FAILING_NAME).innerText(), new RegExp(`${done} / ${total}`));
  await page.screenshot({ path: path.join(screenshots, 'list-filtered.png'), fullPage: true });
});

uiTest('its page shows the failed step on the timeline and Adobe\'s error', async () => {
  await page.getByRole('link', { name: FAILING_NAME, exact: true }).click();
  await page.waitForURL(`${service}/console/exports/${failingId}`);
  await page.getByRole('heading', { name: FAILING_NAME, level: 1 }).waitFor();
  assert.equal((await page.locator('#export-status').innerText()).trim(), 'FAILED');

  const failedStep = page.locator('table.timeline tr[data-step="TARGET_CONNECTION"]');
  assert.equal(await failedStep.getAttribute('data-status'), 'FAILED');
  assert.equal(await failedStep.locator('rect.bar-FAILED').count(), 1, 'a red bar for the failed step');
  // Steps that ran in parallel with it have bars too, and their Adobe ids on hover.
  const base = page.locator('table.timeline tr[data-step="BASE_CONNECTION"]');
  assert.equal(await base.locator('rect.bar-SUCCEEDED').count(), 1);
  assert.match(await base.locator('td.gantt').getAttribute('title'), /Adobe id: \S+\netag: "/);
  assert.equal(await page.locator('table.timeline tr[data-step="DATAFLOW"] rect.bar').count(), 0,
    'a step that never started has no bar');

  const error = page.locator('#error');
  assert.match(await error.innerText(), /TARGET_CONNECTION/);
  assert.match(await error.innerText(), /FLOW-1021-400/, "Adobe's code");
  assert.match(await error.innerText(), /refuses the first target connection/, "Adobe's message");
  await page.screenshot({ path: path.join(screenshots, 'export-failed.png'), fullPage: true });
});

uiTest('Resume, once confirmed, turns it SUCCEEDED without a reload', async () => {
  await page.evaluate(() => { window.consoleTestMarker = 'not reloaded'; });
  const resumed = page.waitForResponse((response) => response.request().method() === 'POST'
    && new URL(response.url()).pathname === `/console/exports/${failingId}/resume`);
  await page.getByRole('button', { name: 'Resume' }).click();
  assert.equal((await resumed).status(), 200);
  await page.locator('#notice', { hasText: 'Resumed' }).waitFor();
  await page.locator('#export-status', { hasText: 'SUCCEEDED' }).waitFor();
  assert.equal(await page.evaluate(() => window.consoleTestMarker), 'not reloaded', 'the page was not reloaded');
  assert.equal(await page.locator('#error').count(), 0, 'the error is gone');
  assert.equal(await page.locator('table.timeline rect.bar-FAILED').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Resume' }).count(), 0, 'nothing to resume any more');
  await page.getByRole('button', { name: 'Pause' }).waitFor();
});

uiTest('its runs chart shows both audiences\' runs, and marks the one that failed', async () => {
  const chart = page.locator('canvas#runs-chart');
  await chart.waitFor();
  const runs = () => chart.evaluate((canvas) => {
    const data = Chart.getChart(canvas)?.data;
    return data ? { labels: data.labels, activated: data.datasets[0].data } : { labels: [], activated: [] };
  });
  await page.waitForFunction(() => {
    const data = Chart.getChart(document.querySelector('canvas#runs-chart'))?.data;
    return data && data.labels.length >= 2;
  }, undefined, { timeout: 60_000 });
  assert.ok((await runs()).labels.length >= 2, 'one run per audience');
  assert.ok(await page.locator('#runs table.run-list tbody tr').count() >= 2, 'the runs listed beneath');
  // The emulator's runs wait 5 s and run 15 s; the chart is redrawn as they end.
  await page.waitForFunction(() => {
    const data = Chart.getChart(document.querySelector('canvas#runs-chart'))?.data;
    return data && data.labels.some((label) => label.endsWith('FAILED'))
      && data.datasets[0].data.some((activated) => activated > 0);
  }, undefined, { timeout: 90_000, polling: 500 });
  const marked = await chart.evaluate((canvas) => {
    const { labels, datasets } = Chart.getChart(canvas).data;
    return labels.map((label, i) => ({ label, marked: datasets[3].data[i] !== null }));
  });
  assert.ok(marked.some((run) => run.label.endsWith('FAILED') && run.marked), JSON.stringify(marked));
  assert.ok(marked.every((run) => run.label.endsWith('FAILED') || run.label.endsWith('CANCELLED') || !run.marked),
    `only runs that failed are marked: ${JSON.stringify(marked)}`);
  assert.equal(await page.locator('#runs tr[data-run-state="FAILED"]').count(), 1, 'the failed run, listed');
  await page.locator('#runs').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshots, 'export-succeeded.png'), fullPage: true });
});

uiTest('no script error and nothing refused by the Content-Security-Policy', async () => {
  assert.deepEqual(scriptErrors, [], 'uncaught errors in the page');
  assert.deepEqual(consoleErrors, [], 'errors in the browser console (CSP violations among them)');
}, { always: true });
