// The reliability properties, shared by the mocha suite (short, fixed seed) and `npm run fuzz` (long runs).
import fc from 'fast-check';
import { parseJson } from '../../../src/analysis/json';
import { allRules } from '../../../src/analysis/rules';
import { placeholderKind } from '../../../src/catalog/placeholder-kinds';
import { applyEdits, findPlaceholders, groupPlaceholders, planFill } from '../../../src/fill';
import {
  bytesTextArb,
  policyTextArb,
  policyTreeArb,
  randomJsonTextArb,
  randomStringArb,
  repetitionPolicyArb,
  serialize,
  styleArb,
  templateMutantArb,
} from './arbitraries';
import { checkAll, findingSignature, iamIndex, InvariantError, mapOffset, preview, timedAnalyze } from './support';
import type { Finding, TextEdit } from '../../../src/analysis/types';

export interface ReliabilityProperty {
  name: string;
  description: string;
  /** Runs used by the mocha suite (keeps the whole suite well under a minute). */
  ciRuns: number;
  property: fc.IProperty<never>;
}

/** JSON syntax errors, as the engine's parser counts them (it masks values nested too deep first, so a 5,000-deep
 * array cannot overflow the stack here, as a plain recursive parse of it could, depending on the stack in use). */
function parseErrorCount(text: string): number {
  return parseJson(text).errors.length;
}

/** Both the gated path (plain analyze) and the forced path (a user glob matched) must hold every invariant. */
function checkBoth(text: string): void {
  checkAll(text, { iam: iamIndex() });
  checkAll(text, { forcePolicy: true, iam: iamIndex() });
}

function checkFill(text: string): void {
  const occ = findPlaceholders(text);
  for (const o of occ) {
    if (o.offset < 0 || o.offset + o.length > text.length || text.substr(o.offset, o.length) !== o.key) {
      throw new InvariantError(`placeholder occurrence ${o.key}@${o.offset}+${o.length} does not cover its key`, text);
    }
  }
  const answers = new Map(groupPlaceholders(occ).map((g) => [g.key, placeholderKind(g.kind).sample + '"\\😀']));
  const edits = planFill(occ, answers);
  for (let i = 1; i < edits.length; i++) {
    if (edits[i].offset < edits[i - 1].offset + edits[i - 1].length) throw new InvariantError('planFill produced overlapping edits', text);
  }
  const filled = applyEdits(text, edits);
  if (parseErrorCount(filled) > parseErrorCount(text)) {
    throw new InvariantError(`filling placeholders broke the JSON: ${preview(filled, 300)}`, text);
  }
}

/**
 * Apply every preferred fix once (in document order, skipping one whose edits overlap an earlier one's, as Fix All
 * does), re-analyse, and require that no finding the first pass fixed comes back with a preferred fix: one pass of
 * Fix All must reach what it can reach (it needed three runs on one file, issue 12 item 12).
 */
function checkFixAllFixedPoint(text: string): void {
  const r = timedAnalyze(text, { iam: iamIndex() });
  const chosen: Array<{ f: Finding; edits: TextEdit[] }> = [];
  const taken: Array<[number, number]> = [];
  for (const f of r.findings) {
    const fix = f.fixes?.find((x) => x.preferred);
    if (!fix) continue;
    const spans = fix.edits.map((e) => [e.offset, e.offset + e.length] as [number, number]);
    // Overlapping or touching edits (two insertions at one offset) are left for a second pass, as Fix All does.
    if (spans.some(([a, b]) => taken.some(([c, d]) => a <= d && c <= b))) continue;
    taken.push(...spans);
    chosen.push({ f, edits: fix.edits });
  }
  if (!chosen.length) return;
  const edits = chosen.flatMap((c) => c.edits).sort((a, b) => a.offset - b.offset);
  const after = applyEdits(text, edits);
  const r2 = timedAnalyze(after, { iam: iamIndex() });
  for (const { f } of chosen) {
    const at = mapOffset(f.offset, edits);
    const back = r2.findings.find((x) => x.rule === f.rule && x.offset === at && x.message === f.message && x.fixes?.some((y) => y.preferred));
    if (back)
      throw new InvariantError(
        `Fix All is not a fixed point: ${f.rule}@${f.offset} still offers its preferred fix after one pass:\n  ${preview(after, 300)}`,
        text,
      );
  }
}

/** A comment on its own line after the root's `{`, with the document's line ending: only a json-comment is added. */
function checkCommentInvariance(text: string, newline: string): void {
  const brace = text.indexOf('{');
  if (brace < 0) return;
  const commented = text.slice(0, brace + 1) + newline + '// note' + newline + text.slice(brace + 1);
  const a = timedAnalyze(text, { iam: iamIndex() });
  const b = timedAnalyze(commented, { iam: iamIndex() });
  const comments = b.findings.filter((f) => f.rule === 'json-comment');
  if (a.kind !== 'not-a-policy' && comments.length !== 1) throw new InvariantError(`expected one json-comment, got ${comments.length}`, commented);
  const sa = findingSignature(text, a);
  const sb = findingSignature(commented, { ...b, findings: b.findings.filter((f) => f.rule !== 'json-comment') });
  if (JSON.stringify(sa) !== JSON.stringify(sb)) {
    throw new InvariantError(`a comment changed the findings:\n  without ${JSON.stringify(sa)}\n  with    ${JSON.stringify(sb)}`, commented);
  }
}

const RULE_IDS = (): string[] =>
  allRules()
    .map((r) => r.id)
    .concat(['json-syntax']);

export const PROPERTIES: ReliabilityProperty[] = [
  {
    name: 'random-json',
    description: 'fast-check JSON values, bare and as a policy Statement',
    ciRuns: 300,
    property: fc.property(randomJsonTextArb, (text) => checkBoth(text)) as unknown as fc.IProperty<never>,
  },
  {
    name: 'random-bytes',
    description: 'random bytes decoded as UTF-8 (invalid sequences included) or Latin-1, optionally behind a policy prefix',
    ciRuns: 200,
    property: fc.property(bytesTextArb, (text) => checkBoth(text)) as unknown as fc.IProperty<never>,
  },
  {
    name: 'random-strings',
    description: 'random unicode/binary strings (lone surrogates, combining marks), optionally after {"Statement":',
    ciRuns: 300,
    property: fc.property(randomStringArb, (text) => checkBoth(text)) as unknown as fc.IProperty<never>,
  },
  {
    name: 'policy-shaped',
    description: 'policy-shaped documents from IAM vocabulary: every fix re-checked',
    ciRuns: 250,
    property: fc.property(policyTextArb, fc.constantFrom(undefined, 'trust-policy.json', 'permissions.json'), (text, fileName) => {
      checkAll(text, { fileName, iam: iamIndex() });
    }) as unknown as fc.IProperty<never>,
  },
  {
    name: 'template-mutants',
    description: 'every catalog template (sample values, <tokens>, {{doc braces}}) after 1-4 random mutations',
    ciRuns: 250,
    property: fc.property(templateMutantArb, ({ text }) => {
      checkAll(text, { iam: iamIndex() });
    }) as unknown as fc.IProperty<never>,
  },
  {
    name: 'formatting-invariance',
    description: 'the same policy in two layouts (indent, tabs, CRLF, CR) gets the same findings on the same text',
    ciRuns: 200,
    property: fc.property(policyTreeArb, styleArb, styleArb, (tree, a, b) => {
      const ta = serialize(tree, a);
      const tb = serialize(tree, b);
      const sa = findingSignature(ta, timedAnalyze(ta, { iam: iamIndex() }));
      const sb = findingSignature(tb, timedAnalyze(tb, { iam: iamIndex() }));
      if (JSON.stringify(sa) !== JSON.stringify(sb)) {
        throw new InvariantError(`findings differ between layouts:\n  A ${JSON.stringify(sa)}\n  B ${JSON.stringify(sb)}\n  other layout: ${preview(tb)}`, ta);
      }
    }) as unknown as fc.IProperty<never>,
  },
  {
    name: 'severity-overrides',
    description: "rules set to 'off' vanish, every other finding stays, and none appears",
    ciRuns: 150,
    property: fc.property(policyTextArb, fc.infiniteStream(fc.boolean()), (text, coin) => {
      const off = RULE_IDS().filter(() => coin.next().value);
      const all = timedAnalyze(text, { iam: iamIndex() });
      const some = timedAnalyze(text, { iam: iamIndex(), severityOverrides: Object.fromEntries(off.map((id) => [id, 'off'])) });
      // Every finding of a rule that is off vanishes; no other finding does, and none appears: a rule that stays quiet
      // where another rule found something stays quiet when that rule is off (issue 13: one rule's setting never
      // changes another rule's findings).
      const left = findingSignature(text, some);
      const stillOff = some.findings.filter((f) => off.includes(f.rule));
      if (stillOff.length) throw new InvariantError(`rule ${stillOff[0].rule} is off but still reported`, text);
      const remaining = new Map<string, number>();
      for (const k of left) remaining.set(k, (remaining.get(k) ?? 0) + 1);
      for (const k of findingSignature(text, { ...all, findings: all.findings.filter((f) => !off.includes(f.rule)) })) {
        const n = remaining.get(k) ?? 0;
        if (!n) throw new InvariantError(`turning off ${off.join(', ')} removed the finding ${k}`, text);
        remaining.set(k, n - 1);
      }
      const appeared = [...remaining].filter(([, n]) => n > 0).map(([k]) => k);
      if (appeared.length) throw new InvariantError(`turning off ${off.join(', ')} added the finding ${appeared[0]}`, text);
    }) as unknown as fc.IProperty<never>,
  },
  {
    name: 'repetition',
    description: 'a policy with one repetition-heavy value (<, ${, {{, *?, //, \\ … up to 60,000 characters) is analysed within the time bound, fixes included',
    ciRuns: 40,
    property: fc.property(repetitionPolicyArb, (text) => {
      checkAll(text, { iam: iamIndex() }, { fixes: text.length < 30_000 });
    }) as unknown as fc.IProperty<never>,
  },
  {
    name: 'comments-line-endings',
    description: 'a // comment in a policy with LF, CRLF or CR-only line endings adds exactly one json-comment and changes nothing else',
    ciRuns: 150,
    property: fc.property(policyTreeArb, styleArb, (tree, style) => {
      const st = { ...style, indent: style.indent || '  ' };
      checkCommentInvariance(serialize(tree, st), st.newline);
    }) as unknown as fc.IProperty<never>,
  },
  {
    name: 'fix-all-fixed-point',
    description: 'applying every preferred fix once, then re-analysing, leaves no preferred fix that the first pass could have applied',
    ciRuns: 200,
    property: fc.property(
      fc.oneof(
        templateMutantArb.map((m) => m.text),
        policyTextArb,
      ),
      (text) => checkFixAllFixedPoint(text),
    ) as unknown as fc.IProperty<never>,
  },
  {
    name: 'fill-edits',
    description: 'placeholder occurrences cover their raw text; filling them (with quotes, backslashes, emoji) never breaks the JSON',
    ciRuns: 300,
    property: fc.property(
      fc.oneof(
        templateMutantArb.map((m) => m.text),
        policyTextArb,
      ),
      (text) => checkFill(text),
    ) as unknown as fc.IProperty<never>,
  },
];
