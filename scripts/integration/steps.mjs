// Asserted steps for the page-driven checks (ui.mjs, vsix-check.mjs): each step is timed and reported like mocha's
// spec reporter; a failed step is reported with a screenshot for diagnosis, and the next steps still run.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @param {string} name used in failure screenshot file names */
export function stepRunner(name) {
  const counts = { passed: 0, failed: 0 };
  /** @param {import('playwright-core').Page | undefined} page @param {string} title @param {() => Promise<string | void>} fn */
  async function step(page, title, fn) {
    const t0 = Date.now();
    try {
      const note = await fn();
      counts.passed++;
      console.log(`  ✔ ${title}${note ? ` — ${note}` : ''} (${Date.now() - t0}ms)`);
    } catch (e) {
      counts.failed++;
      console.log(
        `  ✘ ${title}\n      ${String(e?.message ?? e)
          .split('\n')
          .join('\n      ')}`,
      );
      if (page) {
        const shot = join(tmpdir(), `cleanrooms-iam-${name}-failure-${counts.passed + counts.failed}.png`);
        await page.screenshot({ path: shot }).catch(() => {});
        console.log(`      screenshot: ${shot}`);
        // Leave the workbench in a neutral state for the next step.
        await page.keyboard.press('Escape').catch(() => {});
      }
    }
  }
  return { counts, step };
}
