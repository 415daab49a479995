// Shared assertions for the rule-family tests (rules-grammar, rules-arn, rules-cleanrooms).
import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/analysis';
import type { AnalyzeOptions, Finding } from '../../../src/analysis/types';
import { applyEdits } from '../../../src/fill/apply';

const MINE = /^(grammar|condition|arn|cleanrooms)-/;

/** The document text a finding covers. */
export const under = (text: string, f: { offset: number; length: number }): string => text.substr(f.offset, f.length);
/** Findings of the grammar/condition/arn/cleanrooms families. */
export const mine = (text: string, o?: AnalyzeOptions): Finding[] => analyze(text, o).findings.filter((f) => MINE.test(f.rule));
/** Pretty JSON, as the AWS pages print policies. */
export const j = (o: unknown): string => JSON.stringify(o, null, 4);

/** Exactly one finding of `rule`, with that severity, on exactly `expectedUnder`, with a message and an AWS doc link. */
export function one(text: string, rule: string, severity: string, expectedUnder: string, o?: AnalyzeOptions): Finding {
  const fs = analyze(text, o).findings.filter((f) => f.rule === rule);
  assert.equal(
    fs.length,
    1,
    `expected exactly one ${rule}, got ${fs.length}: ${JSON.stringify(analyze(text, o).findings.map((f) => [f.rule, under(text, f)]))}`,
  );
  const f = fs[0];
  assert.equal(f.severity, severity, `${rule} severity`);
  assert.equal(under(text, f), expectedUnder, `${rule} range`);
  assert.ok(f.message.length > 20 && f.docUrl.startsWith('https://docs.aws.amazon.com/'), `${rule} message/docUrl`);
  return f;
}

/** No finding of `rule` (an id or a pattern of ids). */
export function none(text: string, rule: string | RegExp, o?: AnalyzeOptions): void {
  const fs = analyze(text, o).findings.filter((f) => (typeof rule === 'string' ? f.rule === rule : rule.test(f.rule)));
  assert.deepEqual(
    fs.map((f) => `${f.rule}: ${under(text, f)}`),
    [],
    `unexpected ${rule}`,
  );
}

/** No error or warning from the grammar/condition/arn/cleanrooms families. */
export function clean(text: string, o?: AnalyzeOptions): void {
  const bad = mine(text, o).filter((f) => f.severity === 'error' || f.severity === 'warning');
  assert.deepEqual(
    bad.map((f) => `${f.rule}: ${under(text, f)} — ${f.message}`),
    [],
    text,
  );
}

/**
 * Apply the (preferred) fix of `f`: the finding must disappear and no new error may appear (placeholder tokens the fix
 * inserts on purpose are allowed when `allowTokens`). Returns the fixed text.
 */
export function fixes(text: string, f: Finding, expectTitle?: RegExp, o?: AnalyzeOptions, allowTokens = false): string {
  assert.ok(f.fixes?.length, `${f.rule} has a fix`);
  const fix = f.fixes.find((x) => x.preferred) ?? f.fixes[0];
  if (expectTitle) assert.match(fix.title, expectTitle);
  const after = applyEdits(text, fix.edits);
  const before = analyze(text, o).findings;
  const now = analyze(after, o).findings;
  assert.equal(
    now.filter((x) => x.rule === f.rule).length,
    before.filter((x) => x.rule === f.rule).length - 1,
    `${f.rule} disappears after its fix:\n${after}`,
  );
  const key = (t: string, x: Finding) => `${x.rule}|${under(t, x)}`;
  const errBefore = before.filter((x) => x.severity === 'error').map((x) => key(text, x));
  for (const x of now.filter((x) => x.severity === 'error')) {
    if (allowTokens && x.rule === 'placeholder-token') continue;
    const k = key(after, x);
    const i = errBefore.indexOf(k);
    assert.ok(i >= 0, `fix for ${f.rule} introduced error ${k}:\n${after}`);
    errBefore.splice(i, 1);
  }
  return after;
}
