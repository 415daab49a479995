// cleanrooms-iam: the CLI entry (bundled to dist/cli.js). All logic lives in run.ts and the pure modules beside it.
import { run } from './run';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // `cleanrooms-iam lint . | head`: the reader went away; stop quietly.
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

try {
  process.exitCode = run(process.argv.slice(2), {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    stdoutIsTTY: process.stdout.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    dataDir: __dirname,
  });
} catch (e) {
  // Never a stack trace: one line, exit 2.
  process.stderr.write(`cleanrooms-iam: internal error: ${(e as Error)?.message ?? String(e)}\n`);
  process.exitCode = 2;
}
