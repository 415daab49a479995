// `npm run test:vsix`: what a user installs, checked in the real VS Code (code-server + headless chromium).
//   A. the .vsix: build, package it (scripts/package.mjs), `code-server --install-extension` it into a fresh
//      --extensions-dir, start code-server WITHOUT extensionDevelopmentPath, open examples/, and check through the UI:
//        - the AWS page's read-data permissions policy shows error/warning squiggles and cleanrooms-iam rows in the
//          Problems panel                                                      -> docs/images/seed-squiggles.png
//        - hovering glue:GetTable in the correct permissions policy shows its IAM description -> docs/images/hover-action.png
//        - "Clean Rooms: New Policy from Template…" shows the templates grouped by role    -> docs/images/new-policy.png
//   B. `npm start`: run it in the background (its own process group, like a terminal job), wait for the URL, load it,
//      check that it printed one URL and opened a temp copy of examples/, open the bad example, wait for squiggles
//      -> docs/images/start-workbench.png; run Fix All and save, and check that the copy changed and the repository's
//      examples/ did not; then Ctrl-C (SIGINT to the group) and verify that no process it started is left and its temp
//      user data and copy are gone.
// Prints `N passed, N failed` last; exit 1 on any failure.
// Options: --no-build (use the current dist/), --skip-start (part A only), --skip-vsix (part B only).
// Env: CLEANROOMS_IAM_UI_IMAGES (screenshot folder, default docs/images), CLEANROOMS_IAM_UI_TIMEOUT_MS (per wait,
//      default 30000), CLEANROOMS_IAM_VERBOSE=1.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { provision } from './provision.mjs';
import {
  CHROMIUM_ARGS,
  firstFreePort,
  freePort,
  groupAlive,
  installVsix,
  isOfflineNoise,
  launchCodeServer,
  makeDataDir,
  workbenchUrl,
} from './code-server.mjs';
import { packageVsix } from '../package.mjs';
import { stepRunner } from './steps.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = new Set(process.argv.slice(2));
for (const a of args) if (!['--no-build', '--skip-start', '--skip-vsix'].includes(a)) throw new Error(`unknown option ${a}`);
const imagesDir = resolve(process.env.CLEANROOMS_IAM_UI_IMAGES || join(repoRoot, 'docs', 'images'));
const WAIT = Number(process.env.CLEANROOMS_IAM_UI_TIMEOUT_MS || 30_000);
const verbose = process.env.CLEANROOMS_IAM_VERBOSE === '1';
const examples = join(repoRoot, 'examples');
const BAD = 'aws-page-read-data-permissions-policy.json';
const GOOD_PERMISSIONS = 'read-data-permissions-policy.json';
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

const { counts, step } = stepRunner('vsix');
const timings = [];
const phase = (name, t0) => timings.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const quickInputVisible = '.quick-input-widget:visible';
const activeEditor = (page) => page.locator('.editor-group-container.active .monaco-editor').first();

async function newPage(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => verbose && !isOfflineNoise(m.text()) && console.log(`[page:${m.type()}] ${m.text()}`));
  return page;
}

async function waitWorkbench(page) {
  await page.locator('.monaco-workbench').waitFor({ timeout: WAIT * 2 });
  await page
    .locator(`.explorer-folders-view .monaco-list-row[aria-label*="${BAD}"]`)
    .first()
    .waitFor({ timeout: WAIT * 2 });
}

/** Quick Open (Ctrl+P) a file of the workspace and wait for its tab. */
async function openFile(page, name) {
  await page.locator('.monaco-workbench .part.editor').click({ position: { x: 400, y: 300 } });
  await page.keyboard.press('Control+P');
  await page.locator(`${quickInputVisible} .quick-input-box input`).waitFor({ timeout: WAIT });
  await page.keyboard.type(name);
  // aria-label starts with the file name: "read-data-…" must not pick "aws-page-read-data-…".
  const row = page.locator(`${quickInputVisible} .monaco-list-row[aria-label^="${name}"]`).first();
  await row.waitFor({ timeout: WAIT });
  await row.click();
  await page.locator(`.tab.active[aria-label^="${name}"]`).first().waitFor({ timeout: WAIT });
  await page.mouse.move(200, 650); // off the tab: no tooltip in the screenshots
}

async function squiggles(page) {
  const ed = activeEditor(page);
  await ed.locator('.squiggly-error, .squiggly-warning').first().waitFor({ timeout: WAIT });
  return { errors: await ed.locator('.squiggly-error').count(), warnings: await ed.locator('.squiggly-warning').count() };
}

async function partVsix(browser) {
  let t0 = Date.now();
  const tools = provision();
  phase('provision', t0);
  if (!args.has('--no-build')) {
    t0 = Date.now();
    const b = spawnSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'inherit' });
    if (b.status !== 0) throw new Error(`npm run build failed (exit ${b.status ?? b.signal})`);
    phase('build', t0);
  }
  const data = makeDataDir('cleanrooms-iam-vsix-');
  let server;
  let page;
  try {
    let vsix;
    await step(undefined, 'npm run package: vsce packages the built tree', async () => {
      t0 = Date.now();
      vsix = packageVsix({ out: join(data.dir, 'cleanrooms-iam.vsix'), quiet: true });
      phase('package', t0);
      return `${(vsix.bytes / 1024).toFixed(1)} KB`;
    });
    if (!vsix) return;
    await step(undefined, 'code-server --install-extension installs it into a fresh extensions folder', async () => {
      t0 = Date.now();
      installVsix(tools, data, vsix.file);
      phase('install', t0);
      const dirs = readdirSync(data.extensions).filter((d) => d.toLowerCase().startsWith(EXTENSION_ID.toLowerCase()));
      if (dirs.length !== 1) throw new Error(`expected one ${EXTENSION_ID}-* folder in ${data.extensions}, found: ${readdirSync(data.extensions).join(', ')}`);
      for (const f of ['package.json', 'dist/extension.js', 'dist/iam-data.json']) {
        if (!existsSync(join(data.extensions, dirs[0], f))) throw new Error(`${dirs[0]}/${f} missing after install`);
      }
      return dirs[0];
    });

    t0 = Date.now();
    server = await launchCodeServer({ tools, data, port: await freePort(), smokeTestDriver: false });
    page = await newPage(browser);
    await page.goto(workbenchUrl(server, examples), { waitUntil: 'domcontentloaded', timeout: 120_000 });

    await step(page, 'the workbench opens examples/ (no extension development host)', async () => {
      await waitWorkbench(page);
      phase('workbench', t0);
      const title = await page.title();
      if (/Extension Development Host/.test(title)) throw new Error(`running in development mode: "${title}"`);
      return `"${title}"`;
    });

    await step(page, `hovering glue:GetTable in ${GOOD_PERMISSIONS} shows its IAM description`, async () => {
      await openFile(page, GOOD_PERMISSIONS);
      const token = activeEditor(page)
        .locator('.view-line span span')
        .filter({ hasText: /^"glue:GetTable"$/ })
        .first();
      await token.waitFor({ timeout: WAIT });
      const hover = page.locator('.monaco-hover:visible .hover-contents, .monaco-hover:visible .monaco-hover-content').first();
      // The IAM data loads on first use: the first hover may say "still loading"; hover again until it has details.
      const deadline = Date.now() + WAIT;
      let text = '';
      for (;;) {
        await page.mouse.move(10, 10);
        await token.hover();
        await hover.waitFor({ timeout: WAIT }).catch(() => {});
        text = (await hover.innerText().catch(() => '')).replace(/\s+/g, ' ');
        if (/access level/i.test(text) && /glue:GetTable/.test(text)) break;
        if (Date.now() > deadline) throw new Error(`hover never showed the action's details; last: "${text.slice(0, 200)}"`);
        await page.waitForTimeout(500);
      }
      await page.screenshot({ path: join(imagesDir, 'hover-action.png') });
      await page.mouse.move(10, 10);
      return `"${text.slice(0, 120)}…"`;
    });

    await step(page, '"Clean Rooms: New Policy from Template…" lists the templates grouped by role', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await page.locator(`${quickInputVisible} .quick-input-box input`).waitFor({ timeout: WAIT });
      await page.keyboard.type('Clean Rooms: New Policy from Template');
      await page.locator(`${quickInputVisible} .monaco-list-row:has-text("New Policy from Template")`).first().waitFor({ timeout: WAIT });
      await page.keyboard.press('Enter');
      await page.locator(`${quickInputVisible} .quick-input-title:has-text("New Policy from Template")`).waitFor({ timeout: WAIT });
      // The template pick: separators (one per role) between the rows.
      const separators = page.locator(`${quickInputVisible} .quick-input-list .quick-input-list-separator`);
      await page.waitForFunction(
        (sel) => [...document.querySelectorAll(sel)].filter((e) => e.textContent.trim()).length >= 2,
        `.quick-input-widget .quick-input-list .quick-input-list-separator`,
        { timeout: WAIT },
      );
      const roles = (await separators.allInnerTexts()).map((s) => s.trim()).filter(Boolean);
      const rows = await page.locator(`${quickInputVisible} .quick-input-list .monaco-list-row`).count();
      await page.screenshot({ path: join(imagesDir, 'new-policy.png') });
      await page.keyboard.press('Escape');
      return `${rows} visible row(s); roles: ${roles
        .slice(0, 4)
        .map((r) => `"${r}"`)
        .join(', ')}${roles.length > 4 ? '…' : ''}`;
    });
    await step(page, `${BAD}: squiggles in the editor and ${'cleanrooms-iam'} rows in the Problems panel`, async () => {
      await openFile(page, BAD);
      const n = await squiggles(page);
      // Line 57 holds the two-colon S3 ARN (an error): bring it into view (Ctrl+G centres it).
      await page.keyboard.press('Control+G');
      await page.locator(`${quickInputVisible} .quick-input-box input`).waitFor({ timeout: WAIT });
      await page.keyboard.type('57');
      await page.keyboard.press('Enter');
      await activeEditor(page).locator('.squiggly-error').first().waitFor({ timeout: WAIT });
      n.errors = await activeEditor(page).locator('.squiggly-error').count();
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row:has-text("cleanrooms-iam")');
      await rows.first().waitFor({ timeout: WAIT });
      // Go back to the editor (the panel stays open) so the squiggles are not hidden behind the focus outline.
      await page.keyboard.press('Control+1');
      await page.screenshot({ path: join(imagesDir, 'seed-squiggles.png') });
      const first = (await rows.first().innerText()).replace(/\s+/g, ' ').trim();
      return `${n.errors} error / ${n.warnings} warning squiggle(s); ${await rows.count()} Problems row(s), first "${first.slice(0, 90)}"`;
    });
  } finally {
    await page?.close().catch(() => {});
    await server?.stop().catch(() => {});
    rmSync(data.dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** B: `npm start` in the background, a look at it, then Ctrl-C. */
async function partStart(browser) {
  const t0 = Date.now();
  const port = await firstFreePort(8765 + 100); // away from a developer's own `npm start` on 8765
  // detached: its own process group, as a shell puts a job; Ctrl-C in a terminal signals that whole group.
  const child = spawn('npm', ['start', '--', '--no-build', '--port', String(port)], { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((r) => child.once('exit', (code, signal) => r(code ?? signal)));
  let page;
  let codeServerPid;
  let dataDir;
  let copyDir;
  try {
    let url;
    await step(undefined, 'npm start prints the workbench URL', async () => {
      const deadline = Date.now() + 180_000;
      while (!(url = out.match(/^(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/m)?.[1])) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`npm start exited (${child.exitCode ?? child.signalCode}):\n${out}`);
        if (Date.now() > deadline) throw new Error(`no URL after 180 s:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      codeServerPid = Number(out.match(/\(pid (\d+), its own process group/)?.[1]);
      dataDir = out.match(/user data in (\S+?)\)/)?.[1];
      copyDir = out.match(/^\[start\] folder: a fresh copy of .* in (\S+) \(removed on exit/m)?.[1];
      if (!codeServerPid || !dataDir) throw new Error(`no pid / user data dir in the output:\n${out}`);
      if (!copyDir || resolve(copyDir) === examples) throw new Error(`npm start did not open a copy of examples/:\n${out}`);
      const urls = out.match(/https?:\/\/\S+/g) ?? [];
      if (urls.length !== 1) throw new Error(`expected exactly one URL in the output, found ${urls.length}:\n${out}`);
      phase('npm start to URL', t0);
      return `${url.slice(0, 60)}… (code-server pid ${codeServerPid})`;
    });
    if (!url) return;
    page = await newPage(browser);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await step(page, `the URL shows examples/ and ${BAD} gets squiggles`, async () => {
      await waitWorkbench(page);
      await openFile(page, BAD);
      const n = await squiggles(page);
      await page.screenshot({ path: join(imagesDir, 'start-workbench.png') });
      return `${n.errors} error / ${n.warnings} warning squiggle(s)`;
    });
    await step(page, 'Fix All, then save: the fixes land in the temp copy, examples/ in the repository is unchanged', async () => {
      const original = readFileSync(join(examples, BAD), 'utf8');
      const copied = join(copyDir, BAD);
      if (readFileSync(copied, 'utf8') !== original) throw new Error(`${copied} differs from examples/${BAD} before any edit`);
      await page.keyboard.press('F1');
      await page.locator(`${quickInputVisible} .quick-input-box input`).waitFor({ timeout: WAIT });
      await page.keyboard.type('Clean Rooms: Fix All Auto-Fixable Problems');
      await page.locator(`${quickInputVisible} .monaco-list-row[aria-label*="Fix All Auto-Fixable Problems"]`).first().waitFor({ timeout: WAIT });
      await page.keyboard.press('Enter');
      await activeEditor(page).click({ position: { x: 300, y: 200 } });
      const deadline = Date.now() + WAIT;
      let saved;
      while ((saved = readFileSync(copied, 'utf8')) === original) {
        if (Date.now() > deadline) throw new Error(`no fix was saved into ${copied}`);
        await page.keyboard.press('Control+S');
        await new Promise((r) => setTimeout(r, 300));
      }
      if (readFileSync(join(examples, BAD), 'utf8') !== original) throw new Error(`examples/${BAD} in the repository changed`);
      return `copy changed by ${saved.length - original.length >= 0 ? '+' : ''}${saved.length - original.length} chars; repository file unchanged`;
    });
  } finally {
    await page?.close().catch(() => {});
    await step(undefined, 'Ctrl-C (SIGINT to the npm start process group) stops everything it started', async () => {
      const s0 = Date.now();
      try {
        process.kill(-child.pid, 'SIGINT');
      } catch {
        /* already gone */
      }
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 20_000))]);
      // Wait a little for the last children (extension host, watcher) of both groups.
      const left = () => [child.pid, codeServerPid].filter((g) => g && groupAlive(g));
      for (let i = 0; i < 50 && left().length; i++) await new Promise((r) => setTimeout(r, 100));
      const groups = left();
      for (const g of groups) {
        try {
          process.kill(-g, 'SIGKILL'); // do not leave them behind for the next run
        } catch {
          /* gone */
        }
      }
      if (code === 'timeout') throw new Error(`npm start still running 20 s after SIGINT:\n${out.slice(-2000)}`);
      if (groups.length) throw new Error(`processes left in group(s) ${groups.join(', ')}`);
      if (dataDir && existsSync(dataDir)) throw new Error(`temp user data ${dataDir} was not removed`);
      if (copyDir && existsSync(copyDir)) throw new Error(`temp copy of the examples ${copyDir} was not removed`);
      if (!/\[start\] stopped\./.test(out)) throw new Error(`no "[start] stopped." line:\n${out.slice(-2000)}`);
      return `exit ${code}, stopped in ${Date.now() - s0} ms, no process left`;
    });
    phase('npm start check', t0);
  }
}

async function main() {
  const started = Date.now();
  let browser;
  try {
    mkdirSync(imagesDir, { recursive: true });
    const tools = provision();
    browser = await chromium.launch({ executablePath: tools.chromium, headless: true, args: CHROMIUM_ARGS });
    if (!args.has('--skip-vsix')) {
      console.log('A. the packaged .vsix, installed into code-server');
      await partVsix(browser);
    }
    if (!args.has('--skip-start')) {
      console.log('B. npm start');
      await partStart(browser);
    }
  } catch (e) {
    counts.failed++;
    console.log(`  ✘ ${e?.stack ?? e}`);
  } finally {
    await browser?.close().catch(() => {});
  }
  console.log(`[vsix] screenshots in ${imagesDir}; done in ${((Date.now() - started) / 1000).toFixed(1)} s (${timings.join(', ')})`);
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  // Exit now: idle keep-alive sockets of the health checks would otherwise hold the process for a while.
  process.exit(counts.failed > 0 ? 1 : 0);
}

await main();
