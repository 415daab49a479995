// `npm run test:desktop`: the same mocha suites (test/integration/**/*.test.ts) and the same runner
// (test/integration/runner) in DESKTOP VS Code, through @vscode/test-electron's runTests.
// It DOWNLOADS VS Code from Microsoft's update server (cached in .vscode-test/), so it needs network access:
// it cannot run on the offline CI machines of this project, which use `npm run test:integration` (code-server)
// instead. Use it on a developer laptop or on GitHub Actions (on Linux without a display: `xvfb-run -a npm run
// test:desktop`). Env: CLEANROOMS_IAM_VSCODE_VERSION ('stable' by default, or e.g. '1.90.0' for the oldest
// supported engine), CLEANROOMS_IAM_TEST_GREP.
// Ends with `N passed, N failed` like the code-server runner; exit 1 on any failure or when no result was written.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildIntegrationTests, printResult, repoRoot, runnerPath, workspaceDir } from './run-tests.mjs';

const started = Date.now();
let passed = 0;
let failed = 0;
const tmp = mkdtempSync(join(tmpdir(), 'cleanrooms-iam-desktop-'));
const resultFile = join(tmp, 'result.json');
try {
  const n = await buildIntegrationTests();
  console.log(`[desktop] ${n} test file(s) compiled`);
  try {
    await runTests({
      version: process.env.CLEANROOMS_IAM_VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: runnerPath, // a file exporting run(): Promise<void>
      extensionTestsEnv: {
        CLEANROOMS_IAM_TEST_RESULT: resultFile,
        ...(process.env.CLEANROOMS_IAM_TEST_GREP ? { CLEANROOMS_IAM_TEST_GREP: process.env.CLEANROOMS_IAM_TEST_GREP } : {}),
      },
      // The first launch argument is the folder to open. Other installed extensions stay disabled, and a fresh
      // user-data-dir / extensions-dir live under .vscode-test (test-electron's default, reuseMachineInstall false).
      launchArgs: [workspaceDir, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (e) {
    // runTests rejects when VS Code exits non-zero (a failed test makes run() reject); the result file says why.
    if (!existsSync(resultFile)) throw e;
  }
  if (existsSync(resultFile)) {
    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    printResult(result);
    passed = result.passed;
    failed = result.failed;
  } else {
    console.log('\n[desktop] no result file was written: no test ran.');
    failed = 1;
  }
} catch (e) {
  console.log(`\n[desktop] ${e.stack ?? e}`);
  failed = Math.max(failed, 1);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`[desktop] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
