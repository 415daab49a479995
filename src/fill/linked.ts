// Pure: the values a fill leaves behind that name the same thing as an answer. Filling the Region placeholder of the
// AWS receive-results trust policy (arn:aws:*:region:*:dbuser:*/<membership>*) leaves the example Region of the same
// membership's aws:SourceArn ARN (arn:aws:cleanrooms:us-east-1:…) as it was, and the policy then names one membership
// in two Regions (consistency-membership). linkedValues finds those values so that Fill Placeholders can offer to
// change them too, in the same edit.
//
// How: fill the placeholders, analyse the result, and read the memberships from its facts (AnalysisResult.facts, the
// extraction the consistency rules use). For each membership whose Region (or account) the answers wrote in one place,
// every other literal Region (account) of the same membership that differs is a linked value. A membership whose
// answers give two different Regions is left alone (the answers disagree; the rule reports it after the fill).
import { analyze } from '../analysis/analyze';
import type { FactValue, MembershipFact, TextEdit } from '../analysis/types';
import { applyEdits, escapeJsonStringContent, planFill } from './apply';
import type { PlaceholderOccurrence } from './detect';

export interface LinkedValue {
  /** The range of the value in the document before the fill (never inside a placeholder the fill replaces). */
  offset: number;
  length: number;
  /** The value there now and the value the answers give the same membership. */
  from: string;
  to: string;
  field: 'region' | 'account';
  /** The membership ID (after the fill) and where the value is, e.g. `the aws:SourceArn membership ARN`. */
  membership: string;
  what: string;
}

/** The edit that changes a linked value (the value sits verbatim in its string, so it is JSON-escaped as is). */
export function linkedEdit(v: LinkedValue): TextEdit {
  return { offset: v.offset, length: v.length, newText: escapeJsonStringContent(v.to) };
}

/** Values of `text` that name the same membership Region or account as the answers, with the answer's value. */
export function linkedValues(text: string, occurrences: readonly PlaceholderOccurrence[], answers: ReadonlyMap<string, string>): LinkedValue[] {
  const edits = planFill([...occurrences], answers);
  // Stryker disable next-line ConditionalExpression: without edits no value is answered, so every membership's fromAnswers is empty and nothing is linked; the guard only saves the analysis
  if (!edits.length) return [];
  const filled = applyEdits(text, edits);
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: without forcePolicy, analyze() leaves out only roots without a top-level Statement, and those have no memberships either (buildModel reads only the top-level Statement)
  const facts = analyze(filled, { forcePolicy: true }).facts;
  if (!facts) return [];
  // Where each edit's new text is in the filled document, and how to map an untouched filled offset back.
  const spans: Array<{ start: number; end: number; after: number }> = [];
  let delta = 0;
  for (const e of edits) {
    const start = e.offset + delta;
    delta += e.newText.length - e.length;
    spans.push({ start, end: start + e.newText.length, after: delta });
  }
  const answered = (v: FactValue): boolean => spans.some((s) => v.offset < s.end && v.offset + v.length > s.start);
  /** The offset in `text` of a filled-text value that no answer touches: minus the growth of the edits before it. */
  const toOriginal = (v: FactValue): number => {
    let d = 0;
    for (const s of spans) {
      if (s.end > v.offset) break;
      d = s.after;
    }
    return v.offset - d;
  };

  const byId = new Map<string, MembershipFact[]>();
  // Stryker disable next-line ArrayDeclaration: a non-fact first element (the mutant's string) has no region or account field, so both loops below skip it
  for (const m of facts.memberships) byId.set(m.id, [...(byId.get(m.id) ?? []), m]);
  const out: LinkedValue[] = [];
  for (const [id, mentions] of byId) {
    for (const field of ['region', 'account'] as const) {
      const fromAnswers = new Set(mentions.flatMap((m) => (m[field] && answered(m[field]) ? [m[field].text] : [])));
      if (fromAnswers.size !== 1) continue;
      const to = [...fromAnswers][0];
      for (const m of mentions) {
        const v = m[field];
        if (!v || v.text === to || answered(v)) continue;
        const offset = toOriginal(v);
        // Stryker disable next-line ConditionalExpression: memberships are read only from strings written without escapes (facts.ts, isVerbatimString), so the text at the mapped offset is the value; the check keeps it so if that changes
        if (text.slice(offset, offset + v.length) !== v.text) continue; // never edit text that is not the value
        out.push({ offset, length: v.length, from: v.text, to, field, membership: id, what: m.what });
      }
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}
