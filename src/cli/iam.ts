// Loads the IAM reference index (dist/iam-data.json, generated at build time next to dist/cli.js). Node only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IamIndex } from '../iam-data/types';

export const IAM_DATA_FILE = 'iam-data.json';

export type IamLoad = { index?: IamIndex; file: string } | { error: string };

/**
 * Returns the index when `<dir>/iam-data.json` exists, nothing when it does not (the IAM-data rules are then
 * skipped), and a one-line error when it exists but cannot be read or is not an index.
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
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { error: `${file}: the IAM reference data is not valid JSON; rebuild it with npm run build` };
  }
  const meta = (data as { meta?: { version?: unknown } } | null)?.meta;
  if (!meta || typeof meta.version !== 'string') {
    return { error: `${file}: not an IAM reference index (no meta.version); rebuild it with npm run build` };
  }
  return { index: data as IamIndex, file };
}
