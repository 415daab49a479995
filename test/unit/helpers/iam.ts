// Test helper: the IAM reference index, read from dist/iam-data.json (generated first, with the build function,
// when the file is missing). Cached per test process. For other engineers' tests: `analyze(text, { iam: loadTestIamIndex() })`.
import { existsSync, readFileSync } from 'node:fs';
import { buildIamData, DEFAULT_OUT } from '../../../scripts/build-iam-data';
import { parseIamIndex, type IamIndex } from '../../../src/iam-data';

let cached: IamIndex | undefined;

export function loadTestIamIndex(): IamIndex {
  if (cached) return cached;
  if (!existsSync(DEFAULT_OUT)) buildIamData(DEFAULT_OUT);
  cached = parseIamIndex(readFileSync(DEFAULT_OUT, 'utf8'));
  return cached;
}
