// `npm test`: build, typecheck, unit tests (mocha, plain Node), then the integration suites inside a real VS Code
// (code-server). Every step runs even when an earlier test step failed, so one run reports everything; the last line is
// the total over both test layers, `all: N passed, N failed`, and the exit code is non-zero if anything failed.
import { spawn } from 'node:child_process';

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
for (const script of ['build', 'typecheck']) {
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

const integ = await run(process.execPath, ['scripts/integration/run-tests.mjs'], { capture: true });
const last = [...integ.out.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
if (!last) failed++; // no result: the integration run did not report
passed += last ? Number(last[1]) : 0;
failed += last ? Number(last[2]) : 0;
ok &&= integ.code === 0;

console.log(`all: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
