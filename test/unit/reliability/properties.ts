// The reliability properties, shared by the mocha suite (short, fixed seed) and `npm run fuzz` (long runs).
import fc from 'fast-check';
import { parseTree, type ParseError } from 'jsonc-parser';
import { allRules } from '../../../src/analysis/rules';
import { placeholderKind } from '../../../src/catalog/placeholder-kinds';
import { applyEdits, findPlaceholders, groupPlaceholders, planFill } from '../../../src/fill';
import {
  bytesTextArb,
  policyTextArb,
  policyTreeArb,
  randomJsonTextArb,
  randomStringArb,
  serialize,
  styleArb,
  templateMutantArb,
} from './arbitraries';
import { checkAll, findingSignature, iamIndex, InvariantError, preview, timedAnalyze } from './support';

export interface ReliabilityProperty {
  name: string;
  description: string;
  /** Runs used by the mocha suite (keeps the whole suite well under a minute). */
  ciRuns: number;
  property: fc.IProperty<never>;
}

function parseErrorCount(text: string): number {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: true });
  return errors.length;
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

const RULE_IDS = (): string[] => allRules().map((r) => r.id).concat(['json-syntax']);

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
    description: "rules set to 'off' vanish, every other finding stays",
    ciRuns: 150,
    property: fc.property(policyTextArb, fc.infiniteStream(fc.boolean()), (text, coin) => {
      const off = RULE_IDS().filter(() => coin.next().value);
      const all = timedAnalyze(text, { iam: iamIndex() });
      const some = timedAnalyze(text, { iam: iamIndex(), severityOverrides: Object.fromEntries(off.map((id) => [id, 'off'])) });
      // Every finding of a rule that is off vanishes; no other finding does. (New ones may appear: a rule that
      // stays quiet on a range an earlier rule flagged speaks up once that rule is off.)
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
    }) as unknown as fc.IProperty<never>,
  },
  {
    name: 'fill-edits',
    description: 'placeholder occurrences cover their raw text; filling them (with quotes, backslashes, emoji) never breaks the JSON',
    ciRuns: 300,
    property: fc.property(fc.oneof(templateMutantArb.map((m) => m.text), policyTextArb), (text) => checkFill(text)) as unknown as fc.IProperty<never>,
  },
];
