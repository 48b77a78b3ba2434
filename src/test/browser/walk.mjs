// The steps of one walk through a page in a real browser, shared by the browser tests.
import { test } from 'node:test';
import path from 'node:path';

/**
 * Makes `uiTest(name, body, { always })`: one step of a single walk. A failed step leaves a
 * screenshot of the page as it was in `screenshots`; the steps after it are skipped rather than
 * left to time out, except a final check (always: true) that says what else went wrong.
 * @param page gives the page as it is now (it is opened in `before`)
 */
export function walkSteps({ root, screenshots, page }) {
  let failed = false;
  return function uiTest(name, body, { always = false } = {}) {
    test(name, async (t) => {
      if (failed && !always) {
        t.skip('an earlier step failed');
        return;
      }
      try {
        await body();
      }
      catch (error) {
        failed = true;
        const file = path.join(screenshots, `failed-${name.replace(/[^A-Za-z0-9]+/g, '-')}.png`);
        await page()?.screenshot({ path: file, fullPage: true }).catch(() => {});
        console.log(`# screenshot of the failure: ${path.relative(root, file)}`);
        throw error;
      }
    });
  };
}
