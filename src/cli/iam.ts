// Loads the IAM reference index (dist/iam-data.json, generated at build time next to dist/cli.js). Node only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseIamIndex } from '../iam-data/load';
import type { IamIndex } from '../iam-data/types';

export const IAM_DATA_FILE = 'iam-data.json';

export type IamLoad = { index?: IamIndex; file: string } | { error: string };

/**
 * Returns the index when `<dir>/iam-data.json` exists, nothing when it does not (the IAM-data rules are then
 * skipped and --version says so), and a one-line error when it exists but cannot be read or is not an index.
 */
export function loadIamIndex(dir: string): IamLoad {
  const file = path.join(dir, IAM_DATA_FILE);
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code === 'ENOENT') return { file };
    return { error: `${file}: cannot read the IAM reference data: ${(err as Error).message}` };
  }
  try {
    return { index: parseIamIndex(raw), file };
  } catch (err) {
    return { error: `${file}: ${(err as Error).message}` };
  }
}
