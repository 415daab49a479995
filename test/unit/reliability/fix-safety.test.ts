// Fix safety (issue 12, items 1 and 12): no fix creates a duplicate key, no preferred fix turns an exact operator
// into a wildcard one, no fix is offered next to a JSON syntax error; Fix All never does any of that.
import { strict as assert } from 'node:assert';
import { parseTree, type Node } from 'jsonc-parser';
import { analyze } from '../../../src/analysis';
import type { AnalyzeOptions, Finding } from '../../../src/analysis/types';
import { applyEdits } from '../../../src/fill/apply';
import { planFixAll } from '../../../src/vscode/logic/fixall';
import { loadTestIamIndex } from '../helpers/iam';

const opts = (): AnalyzeOptions => ({ iam: loadTestIamIndex(), fileName: 'trust-policy.json' });
const MEMBERSHIP = 'arn:aws:cleanrooms:us-east-1:111111111111:membership/a1b2c3d4-0000-4000-8000-000000000001';

function trust(cond: unknown): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'cleanrooms.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: cond }],
    },
    null,
    2,
  );
}

/** Keys that occur twice (case-insensitively) in one object, anywhere in the document. */
export function duplicateKeysIn(text: string): string[] {
  const out: string[] = [];
  const walk = (n: Node | undefined): void => {
    if (!n) return;
    if (n.type === 'object') {
      const seen = new Set<string>();
      for (const p of n.children ?? []) {
        const k = String(p.children?.[0]?.value).toLowerCase();
        if (seen.has(k)) out.push(k);
        seen.add(k);
      }
    }
    for (const c of n.children ?? []) walk(c);
  };
  walk(parseTree(text));
  return out;
}

function fixAll(text: string, o: AnalyzeOptions): string {
  return applyEdits(text, planFixAll(analyze(text, o).findings).edits);
}

function everyFix(text: string, o: AnalyzeOptions): Array<{ f: Finding; after: string; preferred: boolean }> {
  const out: Array<{ f: Finding; after: string; preferred: boolean }> = [];
  for (const f of analyze(text, o).findings) for (const x of f.fixes ?? []) out.push({ f, after: applyEdits(text, x.edits), preferred: !!x.preferred });
  return out;
}

describe('fix safety', () => {
  it('Clean Rooms trust: aws:SourceArm is not renamed onto the pinned aws:SourceArn (fix nor Fix All)', () => {
    const text = trust({ ArnLike: { 'aws:SourceArn': MEMBERSHIP, 'aws:SourceArm': 'arn:aws:cleanrooms:*:*:membership/*' } });
    const o = opts();
    const fs = analyze(text, o).findings;
    assert.ok(
      fs.some((f) => /SourceArm/.test(text.substr(f.offset, f.length))),
      'the misspelt key is still reported',
    );
    for (const { f, after } of everyFix(text, o)) assert.deepEqual(duplicateKeysIn(after), [], `${f.rule} fix creates a duplicate key`);
    const fixed = fixAll(text, o);
    assert.deepEqual(duplicateKeysIn(fixed), []);
    assert.ok(fixed.includes(MEMBERSHIP), 'the pinned membership survives Fix All');
  });

  it('a service-prefix rename onto an existing key is not offered either (iam-unknown-service)', () => {
    const text = trust({ StringEquals: { 'aws:SourceAccount': '111111111111', 'awz:SourceAccount': '222222222222' } });
    for (const { f, after } of everyFix(text, opts())) assert.deepEqual(duplicateKeysIn(after), [], `${f.rule} fix creates a duplicate key`);
  });

  it('StringEquals -> StringLike (a literal "*" becomes a wildcard) is offered, but not preferred, and Fix All leaves it', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 's3:prefix': 'home/*' } } }],
    });
    const o = { iam: loadTestIamIndex() };
    const all = everyFix(text, o).filter((x) => /StringLike/.test(x.after));
    assert.ok(all.length > 0, 'the StringLike fix is still offered');
    assert.ok(
      all.every((x) => !x.preferred),
      'but never preferred',
    );
    assert.ok(!fixAll(text, o).includes('StringLike'));
  });

  it('no fix is offered next to a syntax error (unterminated string: "Alloww", "2012-10-177")', () => {
    const text = '{\n  "Version": "2012-10-1,\n  "Statement": [{"Effect": "Allo, "Action": "s3:GetObject", "Resource": "*"}]\n}\n';
    const fs = analyze(text, opts()).findings;
    assert.ok(fs.some((f) => f.rule === 'json-syntax'));
    for (const f of fs) if (f.rule !== 'json-syntax') assert.equal(f.fixes, undefined, `${f.rule} offers a fix on broken JSON`);
    const fixed = fixAll(text, opts());
    assert.ok(!/Alloww|2012-10-177/.test(fixed), fixed);
  });

  it('every fix on the regression documents keeps keys unique and adds no error', () => {
    const docs = [
      trust({ ArnLike: { 'aws:SourceArn': MEMBERSHIP, 'aws:SourceArm': 'arn:aws:cleanrooms:*:*:membership/*' } }),
      trust({ StringEquals: { 'aws:SourceAccount': '111111111111', 'aws:sourceaccount': '111111111111' } }),
      trust({ StringEquals: { 'aws:SourceAccount': '111111111111' }, StringEqual: { 'aws:SourceAccount': '1' } }),
    ];
    const o = opts();
    for (const text of docs) {
      const errs = analyze(text, o).findings.filter((f) => f.severity === 'error').length;
      for (const { f, after } of everyFix(text, o)) {
        assert.deepEqual(
          duplicateKeysIn(after).filter((k) => !duplicateKeysIn(text).includes(k)),
          [],
          `${f.rule} fix creates a duplicate key:\n${after}`,
        );
        assert.ok(analyze(after, o).findings.filter((x) => x.severity === 'error').length <= errs, `${f.rule} fix adds an error:\n${after}`);
      }
    }
  });
});
