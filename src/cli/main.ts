// cleanrooms-iam: the CLI entry (bundled to dist/cli.js). All logic lives in run.ts and the pure modules beside it.
import { run } from './run';

// Output that cannot be written is never a stack trace. `cleanrooms-iam lint . | head`: the reader went away; stop
// quietly with the exit code so far. Any other failure (`> /dev/full`: ENOSPC, EIO, …): one line on stderr, exit 2.
let outputFailed = false;
function onOutputError(e: NodeJS.ErrnoException): void {
  if (outputFailed) return;
  outputFailed = true;
  if (e?.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  try {
    process.stderr.write(`cleanrooms-iam: cannot write the output: ${e?.code ?? ''}${e?.code ? ' ' : ''}${e?.message ?? String(e)}\n`);
  } catch {
    // stderr is gone too: nothing left to tell.
  }
  process.exit(2);
}
process.stdout.on('error', onOutputError);
process.stderr.on('error', () => process.exit(2));

const write = (stream: NodeJS.WriteStream, s: string): void => {
  if (outputFailed) return;
  try {
    stream.write(s);
  } catch (e) {
    onOutputError(e as NodeJS.ErrnoException);
  }
};

try {
  process.exitCode = run(process.argv.slice(2), {
    stdout: (s) => write(process.stdout, s),
    stderr: (s) => write(process.stderr, s),
    stdoutIsTTY: process.stdout.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    dataDir: __dirname,
  });
} catch (e) {
  // Never a stack trace: one line, exit 2.
  write(process.stderr, `cleanrooms-iam: internal error: ${(e as Error)?.message ?? String(e)}\n`);
  process.exitCode = 2;
}
