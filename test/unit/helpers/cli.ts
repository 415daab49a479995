// The CLI run in-process with captured output: one helper for every CLI-level test.
import * as os from 'node:os';
import * as path from 'node:path';
import { run, type CliIo } from '../../../src/cli/run';

export const ROOT = path.resolve(__dirname, '../../..');
/** A data folder with no IAM reference data in it (the iam-data rules are skipped). */
export const NO_DATA = path.join(os.tmpdir(), 'cleanrooms-iam-no-data-here');

export interface Captured {
  code: number;
  out: string;
  err: string;
}

/** `cleanrooms-iam <argv>` with stdout/stderr captured, no TTY, an empty environment, cwd = the repository. */
export function runCli(argv: string[], over: Partial<CliIo> = {}, dataDir = NO_DATA): Captured {
  let out = '';
  let err = '';
  const code = run(argv, {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    stdoutIsTTY: false,
    env: {},
    cwd: ROOT,
    dataDir,
    ...over,
  });
  return { code, out, err };
}
