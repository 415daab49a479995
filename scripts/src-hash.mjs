// The hash of src/ that a mutation report was made for: SHA-256 over every source file's path and bytes, in path order.
// Generated files (src/analysis/generated/, git-ignored) are left out, as the mutation run leaves them out.
// `npm run test:mutation` records it in reports/mutation/src-hash.txt; a unit test fails when src/ has changed since.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

const SKIP = new Set([join('src', 'analysis', 'generated')]);

function files(root, dir, out) {
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = join(dir, e.name);
    if (SKIP.has(rel)) continue;
    if (e.isDirectory()) files(root, rel, out);
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/** @param {string} root the repository root */
export function srcHash(root) {
  const h = createHash('sha256');
  for (const rel of files(root, 'src', []).sort()) {
    const posix = rel.split(sep).join('/');
    h.update(`${posix}\0`);
    h.update(readFileSync(join(root, rel)));
    h.update('\0');
  }
  return h.digest('hex');
}
