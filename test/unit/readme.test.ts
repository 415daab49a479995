import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { updateReadme, replaceSection } from '../../scripts/readme-sections';
import { allRules } from '../../src/analysis';
import { TEMPLATES } from '../../src/catalog';
import { loadTestIamIndex } from './helpers/iam';

const ROOT = path.resolve(__dirname, '..', '..');

describe('README', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('its template and rule lists are what scripts/generate-docs.ts produces (npm run docs)', () => {
    assert.equal(readme, updateReadme(readme, loadTestIamIndex()), 'README.md is stale: run npm run docs');
  });

  it('lists every template prefix and every rule id', () => {
    for (const t of TEMPLATES) assert.ok(readme.includes(`\`${t.snippetPrefix}\``), t.snippetPrefix);
    for (const r of allRules()) assert.ok(readme.includes(`[\`${r.id}\`](docs/rules.md#${r.id})`), r.id);
  });

  it('section replacement keeps the rest of the text and needs both markers', () => {
    assert.equal(replaceSection('a<!-- x:start -->old<!-- x:end -->b', 'x', 'new'), 'a<!-- x:start -->\nnew\n<!-- x:end -->b');
    assert.throws(() => replaceSection('no markers', 'x', 'y'));
  });

  it('every image the README shows exists', () => {
    for (const m of readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) assert.ok(fs.existsSync(path.join(ROOT, m[1])), m[1]);
  });
});
