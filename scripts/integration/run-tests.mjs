// `npm run test:integration`: runs test/integration/**/*.test.ts inside a real VS Code extension host.
// code-server (VS Code's server + workbench, from npm) serves the workbench; headless Debian chromium, driven by
// playwright-core, opens it with VS Code's built-in test payload (extensionDevelopmentPath / extensionTestsPath).
// The mocha runner (test/integration/runner) writes a JSON result to the file named by CLEANROOMS_IAM_TEST_RESULT;
// this script prints every test like mocha's spec reporter and ends with `N passed, N failed` as the LAST line.
// Exit 1 on any failure, on timeout, or when no result file was written (nothing ran).
// Options (env): CLEANROOMS_IAM_TEST_TIMEOUT_MS (build + run, after provisioning; default 300000), CLEANROOMS_IAM_TEST_GREP (mocha grep),
// CLEANROOMS_IAM_VERBOSE=1 (print all workbench / server log lines). See /work/shared/recipes/real-vscode-tests.md.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { provision } from './provision.mjs';
import { startCodeServer, CHROMIUM_ARGS, isOfflineNoise, workbenchUrl } from './code-server.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const outDir = join(repoRoot, 'out', 'test', 'integration');
export const runnerPath = join(outDir, 'runner', 'index.js');
export const workspaceDir = join(repoRoot, 'test', 'fixtures', 'workspace');

function findFiles(dir, suffix) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...findFiles(full, suffix));
    else if (e.name.endsWith(suffix)) out.push(full);
  }
  return out.sort();
}

/** Compiles the suites and the runner to out/test/integration (CJS, node; vscode external, mocha loaded at run time). */
export async function buildIntegrationTests() {
  const srcDir = join(repoRoot, 'test', 'integration');
  const entryPoints = [...findFiles(srcDir, '.test.ts'), join(srcDir, 'runner', 'index.ts')];
  mkdirSync(outDir, { recursive: true });
  const built = await esbuild.build({
    entryPoints,
    outbase: srcDir,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    // Like esbuild.mjs: jsonc-parser's "main" is a UMD build whose require('./impl/…') calls esbuild cannot follow.
    mainFields: ['module', 'main'],
    sourcemap: 'inline',
    logLevel: 'warning',
    write: false,
  });
  // Write only what changed and delete compiled tests whose source is gone: another run (another engineer, same
  // tree) may be loading these files right now, so never wipe the folder.
  const written = new Set();
  for (const f of built.outputFiles) {
    written.add(f.path);
    mkdirSync(dirname(f.path), { recursive: true });
    if (!existsSync(f.path) || !readFileSync(f.path).equals(Buffer.from(f.contents))) writeFileSync(f.path, f.contents);
  }
  for (const old of findFiles(outDir, '.test.js')) if (!written.has(old)) rmSync(old, { force: true });
  workspaceReady();
  return entryPoints.length - 1;
}

export function workspaceReady() {
  mkdirSync(workspaceDir, { recursive: true });
}

export function printResult(result) {
  // Spec-reporter-like listing, grouped by suite path.
  let lastSuite = '';
  const failures = [];
  for (const t of result.tests ?? []) {
    const suite = t.fullTitle.endsWith(t.title) ? t.fullTitle.slice(0, -t.title.length).trim() : '';
    if (suite !== lastSuite) {
      console.log(`\n  ${suite}`);
      lastSuite = suite;
    }
    const ms = t.durationMs !== undefined && t.durationMs > 75 ? ` (${t.durationMs}ms)` : '';
    if (t.state === 'passed') console.log(`    ✔ ${t.title}${ms}`);
    else if (t.state === 'pending') console.log(`    - ${t.title}`);
    else {
      failures.push(t);
      console.log(`    ${failures.length}) ${t.title}`);
    }
  }
  // Failures not tied to a test record (e.g. a file that failed to load).
  for (const f of result.failures ?? []) {
    if (!(result.tests ?? []).some((t) => t.state === 'failed' && t.fullTitle === f.title)) {
      failures.push({ fullTitle: f.title, error: f.error });
    }
  }
  console.log(`\n  ${result.passed} passing${result.pending ? `, ${result.pending} pending` : ''}${result.failed ? `, ${result.failed} failing` : ''}`);
  failures.forEach((f, i) => {
    console.log(`\n  ${i + 1}) ${f.fullTitle}:`);
    console.log(
      String(f.error)
        .split('\n')
        .map((l) => `     ${l}`)
        .join('\n'),
    );
  });
  // Measurements reported by tests with console.log('METRIC <name>', <number>), e.g. edit-to-diagnostics-ms.
  if (result.metrics?.length) console.log('');
  for (const m of result.metrics ?? []) console.log(`  METRIC ${m.name}: ${m.value}${m.name.endsWith('-ms') ? ' ms' : ''}`);
}

async function main() {
  const t0 = Date.now();
  let started = t0;
  const timeoutMs = Number(process.env.CLEANROOMS_IAM_TEST_TIMEOUT_MS || 300_000);
  const verbose = process.env.CLEANROOMS_IAM_VERBOSE === '1';
  let passed = 0;
  let failed = 0;
  let server;
  let browser;
  let tmp;
  const phases = [];
  let mark = Date.now();
  const phase = (name) => {
    const now = Date.now();
    phases.push(`${name} ${((now - mark) / 1000).toFixed(1)} s`);
    mark = now;
  };
  try {
    const tools = provision();
    phase('provision');
    // The timeout is for building and running the suites: a cold install of the tools (minutes on a loaded machine)
    // does not count against it.
    started = Date.now();
    const n = await buildIntegrationTests();
    phase('build');
    console.log(`[integration] ${n} test file(s) compiled to ${relative(repoRoot, outDir)}`);

    tmp = mkdtempSync(join(tmpdir(), 'cleanrooms-iam-result-'));
    const resultDir = tmp;
    process.on('exit', () => rmSync(resultDir, { recursive: true, force: true })); // also on SIGINT / SIGTERM
    const resultFile = join(tmp, 'result.json');
    server = await startCodeServer({
      tools,
      env: { CLEANROOMS_IAM_TEST_RESULT: resultFile },
      logFile: join(tmp, 'code-server.log'),
    });
    phase('code-server');
    browser = await chromium.launch({ executablePath: tools.chromium, headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage();

    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (verbose) return console.log(`[vscode:${type}] ${line}`);
      // Quiet mode: only errors that are not offline noise nor the runner's own "N test(s) failed" (the per-test
      // listing and the METRIC lines are printed at the end, from the result file).
      if (type === 'error' && !isOfflineNoise(line) && !/^Error: \d+ test\(s\) failed/.test(line)) {
        console.log(`[vscode:error] ${line}`);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    page.on('pageerror', (e) => verbose && console.log(`[page error] ${e.message}`));

    const url = workbenchUrl(server, workspaceDir, repoRoot, runnerPath);
    // The overall timeout covers loading the workbench too.
    let timer;
    const timedOut = new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs - (Date.now() - started))));
    const code = await Promise.race([
      page.goto(url, { waitUntil: 'domcontentloaded', timeout: 0 }).then(
        () => exited,
        (e) => `page did not load: ${e.message}`, // also swallows the rejection when the browser closes on timeout
      ),
      timedOut,
    ]);
    clearTimeout(timer);
    phase('workbench + tests');

    if (existsSync(resultFile)) {
      const result = JSON.parse(readFileSync(resultFile, 'utf8'));
      printResult(result);
      passed = result.passed;
      failed = result.failed;
      if (passed + failed === 0) {
        console.log('\n[integration] no test ran (no test files, or CLEANROOMS_IAM_TEST_GREP matched nothing).');
        failed = 1;
      }
    } else {
      failed = Math.max(failed, 1);
      console.log(`\n[integration] no result file was written: no test ran (runner exit: ${code}).`);
      const serverLog = server
        .output()
        .split('\n')
        .filter((l) => l.trim() && !isOfflineNoise(l));
      if (serverLog.length) console.log(`[integration] code-server output (last lines):\n${serverLog.slice(-30).join('\n')}`);
    }
    if (code === 'timeout') {
      console.log(`\n[integration] timed out after ${timeoutMs} ms`);
      failed = Math.max(failed, 1);
    } else if (code !== 0 && failed === 0) {
      console.log(`\n[integration] the runner exited with code ${code}`);
      failed = 1;
    }
  } catch (e) {
    console.log(`\n[integration] ${e.stack ?? e}`);
    failed = Math.max(failed, 1);
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
  phase('teardown');
  console.log(`[integration] done in ${((Date.now() - t0) / 1000).toFixed(1)} s (${phases.join(', ')})`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
