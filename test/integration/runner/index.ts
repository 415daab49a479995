// The extensionTestsPath module: VS Code's extension host loads the compiled form
// (out/test/integration/runner/index.js) and calls run() once the extension under development is loaded.
// It runs every compiled *.test.js under out/test/integration (except this runner) with mocha (bdd: describe/it),
// writes a JSON result to the file named by CLEANROOMS_IAM_TEST_RESULT, and rejects when a test failed.
// Used by scripts/integration/run-tests.mjs (code-server) and scripts/integration/run-desktop.mjs (@vscode/test-electron).
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface TestRecord {
  title: string;
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface TestResult {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
  tests: TestRecord[];
  metrics: { name: string; value: number }[];
}

export const RESULT_ENV = 'CLEANROOMS_IAM_TEST_RESULT';
export const GREP_ENV = 'CLEANROOMS_IAM_TEST_GREP';

// Minimal view of the mocha API we use (mocha is loaded at run time from the repo's node_modules, not bundled).
interface MochaRunner {
  on(event: string, fn: (...args: any[]) => void): MochaRunner;
}
interface MochaInstance {
  addFile(file: string): void;
  grep(re: RegExp): MochaInstance;
  run(done: (failures: number) => void): MochaRunner;
}
type MochaCtor = new (options: Record<string, unknown>) => MochaInstance;

function findTestFiles(dir: string, runnerDir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path.resolve(full) !== path.resolve(runnerDir)) out.push(...findTestFiles(full, runnerDir));
    } else if (entry.name.endsWith('.test.js')) {
      out.push(full);
    }
  }
  return out.sort();
}

/** Finds the directory holding node_modules/mocha, walking up from here (out/test/integration/runner). */
function loadMocha(): MochaCtor {
  let dir = __dirname;
  for (;;) {
    // lib/mocha.js in mocha 11 (the version the Stryker mocha runner supports), lib/mocha.cjs from mocha 12 on.
    const candidate = ['mocha.cjs', 'mocha.js'].map((f) => path.join(dir, 'node_modules', 'mocha', 'lib', f)).find((f) => fs.existsSync(f));
    if (candidate) {
      // A computed path keeps esbuild from bundling mocha; its CommonJS build works in every extension host.
      const req = require;
      const mod = req(candidate);
      return (mod.default ?? mod) as MochaCtor;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`mocha not found in any node_modules above ${__dirname}`);
    dir = parent;
  }
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const stack = err.stack ?? `${err.name}: ${err.message}`;
    // Keep the assertion message even when the stack does not repeat it.
    return stack.includes(err.message) ? stack : `${err.name}: ${err.message}\n${stack}`;
  }
  return String(err);
}

export function run(): Promise<void> {
  const resultFile = process.env[RESULT_ENV];
  const testsRoot = path.resolve(__dirname, '..');
  const Mocha = loadMocha();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env[GREP_ENV];
  if (grep) mocha.grep(new RegExp(grep));
  for (const f of findTestFiles(testsRoot, __dirname)) mocha.addFile(f);

  const result: TestResult = { passed: 0, failed: 0, pending: 0, failures: [], tests: [], metrics: [] };

  // Tests report measurements with console.log('METRIC <name>', <number>): record them in the result file too.
  // The extension host defines console.log as an accessor (get/set) that forwards to the renderer: a plain
  // assignment does not take, so redefine the property and put the original descriptor back afterwards.
  const originalDescriptor = Object.getOwnPropertyDescriptor(console, 'log');
  const originalLog = console.log;
  Object.defineProperty(console, 'log', {
    configurable: true,
    writable: true,
    value: (...args: unknown[]) => {
      if (args[0] && typeof args[0] === 'string') {
        const m = /^METRIC\s+(\S+)$/.exec(args[0]);
        const value = Number(args[1]);
        if (m && args.length === 2 && Number.isFinite(value)) result.metrics.push({ name: m[1], value });
      }
      originalLog.apply(console, args);
    },
  });
  const restoreLog = () => {
    if (originalDescriptor) Object.defineProperty(console, 'log', originalDescriptor);
    else delete (console as { log?: unknown }).log;
  };

  const write = () => {
    if (!resultFile) return;
    fs.writeFileSync(resultFile, JSON.stringify(result, null, 2));
  };

  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        restoreLog();
        write();
        if (failures > 0 || result.failed > 0) reject(new Error(`${result.failed || failures} test(s) failed`));
        else resolve();
      });
      runner.on('pass', (test: any) => {
        result.passed++;
        result.tests.push({ title: test.title, fullTitle: test.fullTitle(), state: 'passed', durationMs: test.duration });
      });
      runner.on('fail', (test: any, err: unknown) => {
        result.failed++;
        const error = errorText(err);
        result.failures.push({ title: test.fullTitle(), error });
        result.tests.push({ title: test.title, fullTitle: test.fullTitle(), state: 'failed', durationMs: test.duration, error });
      });
      runner.on('pending', (test: any) => {
        result.pending++;
        result.tests.push({ title: test.title, fullTitle: test.fullTitle(), state: 'pending' });
      });
    } catch (err) {
      // A test file that throws while loading: report it as a failure rather than "no tests".
      restoreLog();
      result.failed++;
      result.failures.push({ title: 'loading test files', error: errorText(err) });
      write();
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
