// `npm test`: build, typecheck, unit tests (mocha, plain Node), the integration suites inside a real VS Code
// (code-server), then the packaged-extension check (the .vsix installed into code-server, and `npm start`). Every step
// runs even when an earlier test step failed, so one run reports everything; the last line is the total over all test
// layers, `all: N passed, N failed`, and the exit code is non-zero if anything failed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(cmd, args, { capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: capture ? ['inherit', 'pipe', 'inherit'] : 'inherit' });
    let out = '';
    if (capture) {
      child.stdout.on('data', (d) => {
        process.stdout.write(d);
        out += d.toString();
      });
    }
    const stop = (sig) => child.kill(sig);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    child.on('close', (code, signal) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve({ code: code ?? (signal ? 1 : 0), out });
    });
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// lint: ESLint (type-aware) and Prettier's check, before any test runs.
for (const script of ['build', 'typecheck', 'lint']) {
  const { code } = await run(npm, ['run', '-s', script]);
  if (code !== 0) {
    console.error(`npm run ${script} failed (exit ${code})`);
    process.exit(code);
  }
}

let passed = 0;
let failed = 0;
let ok = true;

const unit = await run(process.execPath, ['node_modules/mocha/bin/mocha.js'], { capture: true });
const up = /(\d+) passing/.exec(unit.out);
const uf = /(\d+) failing/.exec(unit.out);
if (!up) failed++; // no summary: mocha crashed before running the suite
passed += up ? Number(up[1]) : 0;
failed += uf ? Number(uf[1]) : 0;
ok &&= unit.code === 0;

/** Run a layer that ends with `N passed, N failed`, and add its counts. */
async function layer(script, env = {}) {
  Object.assign(process.env, env);
  const r = await run(process.execPath, [script], { capture: true });
  const last = [...r.out.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
  if (!last) failed++; // no result: the layer did not report
  passed += last ? Number(last[1]) : 0;
  failed += last ? Number(last[2]) : 0;
  ok &&= r.code === 0;
}

await layer('scripts/integration/run-tests.mjs');
// Screenshots of this run go to a temporary folder, not over the README's images.
const shots = mkdtempSync(join(tmpdir(), 'cleanrooms-iam-vsix-shots-'));
await layer('scripts/integration/vsix-check.mjs', { CLEANROOMS_IAM_UI_IMAGES: shots });
rmSync(shots, { recursive: true, force: true });

console.log(`all: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
