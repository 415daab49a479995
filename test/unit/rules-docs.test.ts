// Every rule documents itself: a complete example policy that triggers it, and docs/rules.md generated from the registry.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTree, type ParseError } from 'jsonc-parser';
import { allRules, analyze } from '../../src/analysis';
import { RULE_FAMILIES } from '../../src/analysis/rules';
import type { RuleMeta } from '../../src/analysis/types';
import { rulesMarkdown } from '../../src/analysis/docs';
import { exampleFindings } from '../../src/analysis/role-pair';
import { loadTestIamIndex } from './helpers/iam';

const ROOT = path.resolve(__dirname, '../..');
const iam = loadTestIamIndex();

/** Type-level check: tsc (npm run typecheck, which covers test/) compiles this function; it never runs. */
export function metaTypeChecks(): RuleMeta[] {
  const withExample: RuleMeta = { id: 'x', severity: 'error', title: 't', description: 'd', docUrl: 'https://docs.aws.amazon.com/', example: '{}' };
  // @ts-expect-error -- a rule's meta without its example does not compile
  const withoutExample: RuleMeta = { id: 'x', severity: 'error', title: 't', description: 'd', docUrl: 'https://docs.aws.amazon.com/' };
  return [withExample, withoutExample];
}

describe('rule documentation', () => {
  it('every rule has a complete example document, written in its meta (a meta without one does not compile)', () => {
    for (const r of allRules()) {
      assert.ok(r.example, `${r.id} has no example`);
      assert.ok(r.description.length > 30 && r.title.length > 3, `${r.id}: title/description`);
      assert.match(r.docUrl, /^https:\/\/docs\.aws\.amazon\.com\//, r.id);
    }
    // The registry serves the metas as the families declare them: the example is the meta's own, not attached later.
    for (const family of RULE_FAMILIES)
      for (const r of family.rules)
        assert.equal(
          allRules().find((x) => x.id === r.id),
          r,
          r.id,
        );
  });

  for (const r of allRules()) {
    it(`${r.id}: its example triggers it`, () => {
      const text = r.example;
      // A whole document: an object with a top-level Statement (not a fragment such as `"Action": 42`).
      const errors: ParseError[] = [];
      const root = parseTree(text, errors);
      assert.equal(root?.type, 'object', `${r.id}: the example is not a JSON object`);
      assert.ok(
        root.children?.some((p) => p.children?.[0]?.value === 'Statement'),
        `${r.id}: the example has no Statement`,
      );
      if (r.id !== 'json-syntax') assert.deepEqual(errors, [], `${r.id}: the example is not valid JSON`);
      const result = analyze(text, { iam, ...r.exampleOptions });
      // A rule over a role's two files fires on the pair (its example and exampleSibling), the others on the example alone.
      const hits = r.exampleSibling ? exampleFindings(r, iam) : result.findings.filter((f) => f.rule === r.id);
      assert.ok(hits.length > 0, `${r.id} does not fire on its example; got ${JSON.stringify(result.findings.map((f) => f.rule))}`);
      if (r.exampleSibling) assert.deepEqual(exampleFindings({ ...r, exampleSibling: undefined }, iam), [], `${r.id}: fires without its sibling`);
      // Every finding of the example has a real message and points at text of the example.
      for (const f of hits) assert.ok(f.message.length > 20 && f.offset + f.length <= text.length, r.id);
    });
  }

  it('docs/rules.md lists every rule with its family, severity, fix, AWS page, example and message', () => {
    const md = rulesMarkdown(iam);
    for (const family of RULE_FAMILIES) {
      for (const r of family.rules) {
        const row = md.split('\n').find((l) => l.startsWith(`| [\`${r.id}\`]`));
        assert.ok(row, `${r.id}: no table row`);
        assert.ok(row.includes(`| ${family.name} |`) && row.includes(`| ${r.severity} |`) && row.includes(r.docUrl), `${r.id}: row ${row}`);
      }
    }
    assert.match(md, /\| \[`json-syntax`\]\(#json-syntax\) \| error \| core \| yes \|/);
    assert.match(md, /\| \[`grammar-resource-both`\]\(#grammar-resource-both\) \| error \| grammar \| no \|/);
    assert.match(md, /### `arn-s3-two-colons`[\s\S]*?```json\n[\s\S]*?"arn:aws:s3::acme-sales-data\/\*"[\s\S]*?```[\s\S]*?This S3 ARN has two colons/);
  });

  it('the checked-in docs/rules.md is what scripts/generate-docs.ts produces', () => {
    const onDisk = fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');
    assert.equal(onDisk, rulesMarkdown(iam), 'docs/rules.md is stale: run npm run docs');
  });
});
