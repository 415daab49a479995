// The committed mutation report (npm run test:mutation; docs/testing.md) must be up to date with src/: the run records
// the src/ hash it was made for beside the report, and this test fails when src/ has changed since. Rerun
// `npm run test:mutation` (incremental: minutes after a small change) and commit reports/mutation/.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { srcHash } from '../../scripts/src-hash.mjs';

const ROOT = join(__dirname, '..', '..');
const DIR = join(ROOT, 'reports', 'mutation');

describe('mutation report', () => {
  it('is committed in Stryker’s JSON schema, with its incremental file', () => {
    const report = JSON.parse(readFileSync(join(DIR, 'mutation.json'), 'utf8')) as { schemaVersion?: string; files?: Record<string, unknown> };
    assert.ok(report.schemaVersion, 'mutation.json has a schemaVersion');
    const files = Object.keys(report.files ?? {});
    for (const folder of ['src/analysis/', 'src/fill/', 'src/iam-data/', 'src/evaluate/']) {
      assert.ok(
        files.some((f) => f.startsWith(folder)),
        `the report covers ${folder}`,
      );
    }
    assert.ok(existsSync(join(DIR, 'stryker-incremental.json')), 'the incremental file is committed');
  });

  it('was made for the src/ that is here (rerun npm run test:mutation after changing src/)', () => {
    const recorded = readFileSync(join(DIR, 'src-hash.txt'), 'utf8').trim();
    assert.equal(recorded, srcHash(ROOT), 'src/ changed since the mutation report was made');
  });
});
