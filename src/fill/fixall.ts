// Pure: "Fix all auto-fixable problems", shared by the extension (Fix All command, source.fixAll) and the CLI
// (`lint --fix`), so both run the same code. No vscode import, no Node APIs.
//
// One pass applies the engine-preferred fixes of one analysis that do not overlap (planFixAll). Fixing one problem can
// reveal or unblock another, so fixAllText repeats passes until nothing is left to apply (a fixed point: running it
// again changes nothing), up to MAX_FIX_PASSES. Every pass is proven by re-analysis: a batch whose result has an
// error the text did not have before is not kept; its fixes are then tried one at a time and each is kept only when
// its own result adds no error.
import type { AnalysisResult, Finding, Fix, TextEdit } from '../analysis/types';
import { applyEdits } from './apply';

/** True when the quick fix for `fix` should be `isPreferred` (the engine marked it preferred, or it is the only one). */
export function isPreferredFix(f: Finding, fix: Fix): boolean {
  return !!fix.preferred || (f.fixes?.length === 1 && fix === f.fixes[0]);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  const aEnd = a.offset + a.length;
  const bEnd = b.offset + b.length;
  // Two insertions at the same point conflict too (their order would be ambiguous).
  if (a.length === 0 && b.length === 0) return a.offset === b.offset;
  // Stryker disable next-line ConditionalExpression: skipping this branch gives the same answer (the general test below, with aEnd = a.offset, is this test)
  if (a.length === 0) return b.offset < a.offset && a.offset < bEnd;
  // Stryker disable next-line ConditionalExpression: skipping this branch gives the same answer (the general test below, with bEnd = b.offset, is this test)
  if (b.length === 0) return a.offset < b.offset && b.offset < aEnd;
  return a.offset < bEnd && b.offset < aEnd;
}

export interface PlannedFix {
  finding: Finding;
  fix: Fix;
}

export interface FixAllPlan {
  /** Edits to apply together (sorted by offset, non-overlapping). */
  edits: TextEdit[];
  /** The findings whose preferred fix is included. */
  fixed: Finding[];
  /** The distinct fixes chosen (a fix shared by two findings once), in document order. */
  fixes: PlannedFix[];
}

/**
 * All preferred fixes (engine-marked `preferred` only: a fix-all must not guess between alternatives),
 * in document order, skipping any fix whose edits overlap an already chosen one.
 */
export function planFixAll(findings: readonly Finding[], skip?: (f: Finding, fix: Fix) => boolean): FixAllPlan {
  const chosen: TextEdit[] = [];
  const fixed: Finding[] = [];
  const fixes: PlannedFix[] = [];
  const seen = new Set<string>();
  const sorted = [...findings].sort((a, b) => a.offset - b.offset);
  for (const f of sorted) {
    const fix = f.fixes?.find((x) => x.preferred);
    if (!fix || fix.edits.length === 0) continue;
    if (skip?.(f, fix)) continue;
    // The same edit offered by two findings (e.g. one edit fixes both) is applied once.
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) {
      fixed.push(f);
      continue;
    }
    if (fix.edits.some((e) => chosen.some((c) => overlaps(e, c)))) continue;
    if (fix.edits.some((e, i) => fix.edits.some((o, j) => i !== j && overlaps(e, o)))) continue;
    seen.add(key);
    chosen.push(...fix.edits);
    fixed.push(f);
    fixes.push({ finding: f, fix });
  }
  chosen.sort((a, b) => a.offset - b.offset || a.length - b.length);
  return { edits: chosen, fixed, fixes };
}

/** At most this many passes (each: analyse, apply the non-overlapping preferred fixes, re-analyse). */
export const MAX_FIX_PASSES = 10;

export interface FixAllResult {
  /** The text after every accepted pass. */
  text: string;
  /** The analysis of `text` (what remains). */
  result: AnalysisResult;
  /** How many findings the accepted fixes addressed, over all passes. */
  fixedCount: number;
  /** Passes that changed the text. */
  passes: number;
  /** Preferred fixes left out because their result had a new error. */
  rejected: number;
  /** True when the last analysis still offered a preferred fix that could be applied (the pass bound was reached). */
  unfinished: boolean;
}

/** Error findings as a multiset of rule + message (offsets move when text changes; the identity of an error does not). */
function errorCounts(result: AnalysisResult): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of result.findings) if (f.severity === 'error') m.set(`${f.rule}\u0000${f.message}`, (m.get(`${f.rule}\u0000${f.message}`) ?? 0) + 1);
  return m;
}

/** True when `after` has an error that `before` does not (by rule and message, counted). */
export function addsError(before: AnalysisResult, after: AnalysisResult): boolean {
  const b = errorCounts(before);
  for (const [k, n] of errorCounts(after)) if (n > (b.get(k) ?? 0)) return true;
  return false;
}

/** A fix's identity that survives the text moving around it: rule, title, and each edit's old and new text. */
function fixSignature(text: string, f: Finding, fix: Fix): string {
  return JSON.stringify([f.rule, fix.title, fix.edits.map((e) => [text.slice(e.offset, e.offset + e.length), e.newText])]);
}

/**
 * Apply the preferred fixes until none is left (or MAX_FIX_PASSES), re-analysing after each pass. `analyze` must be
 * the same analysis the caller reports (same options), so that what remains is what the user sees.
 */
export function fixAllText(text: string, analyze: (text: string) => AnalysisResult, maxPasses = MAX_FIX_PASSES): FixAllResult {
  let current = text;
  let result = analyze(current);
  let fixedCount = 0;
  let passes = 0;
  let rejectedCount = 0;
  const rejected = new Set<string>();
  const skip = (f: Finding, fix: Fix): boolean => rejected.has(fixSignature(current, f, fix));
  for (let pass = 0; pass < maxPasses; pass++) {
    if (result.kind === 'not-a-policy' || result.skipped) break;
    const plan = planFixAll(result.findings, skip);
    // Stryker disable next-line ConditionalExpression: with no edits, applyEdits returns the text unchanged and the next check breaks
    if (!plan.edits.length) break;
    const next = applyEdits(current, plan.edits);
    if (next === current) break;
    const after = analyze(next);
    if (!addsError(result, after)) {
      current = next;
      result = after;
      fixedCount += plan.fixed.length;
      passes++;
      continue;
    }
    // The batch adds an error: try each fix alone on the pass's text and reject those whose own result adds one.
    const safe: Array<{ p: PlannedFix; text: string; result: AnalysisResult }> = [];
    for (const p of plan.fixes) {
      const one = applyEdits(current, p.fix.edits);
      if (one === current) continue;
      const oneAfter = analyze(one);
      if (addsError(result, oneAfter)) {
        // Signatures are text-based, so they stay valid after other fixes move the text.
        rejected.add(fixSignature(current, p.finding, p.fix));
        rejectedCount++;
      } else safe.push({ p, text: one, result: oneAfter });
    }
    if (!safe.length) break;
    const countFor = (kept: readonly PlannedFix[]): number => {
      const keys = new Set(kept.map((k) => JSON.stringify(k.fix.edits)));
      // Stryker disable next-line OptionalChaining: every finding in plan.fixed has a preferred fix (planFixAll adds no other)
      return plan.fixed.filter((f) => keys.has(JSON.stringify(f.fixes?.find((x) => x.preferred)?.edits))).length;
    };
    // The safe ones together, when that adds no error either (fixes can interact); else the first one alone.
    // Stryker disable ConditionalExpression,EqualityOperator: with one safe fix, applying its edits and analysing again gives safe[0]'s own text and result (analyze is deterministic): the test only saves an analysis
    const together =
      safe.length > 1
        ? applyEdits(
            current,
            safe.flatMap((x) => x.p.fix.edits),
          )
        : safe[0].text;
    const togetherResult = safe.length > 1 ? analyze(together) : safe[0].result;
    // Stryker restore ConditionalExpression,EqualityOperator
    if (!addsError(result, togetherResult)) {
      current = together;
      result = togetherResult;
      fixedCount += countFor(safe.map((x) => x.p));
    } else {
      current = safe[0].text;
      result = safe[0].result;
      fixedCount += countFor([safe[0].p]);
    }
    passes++;
  }
  const left = result.kind === 'not-a-policy' || result.skipped ? [] : planFixAll(result.findings, skip).edits;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with no edits left, applyEdits returns the text unchanged, so the second test is false anyway
  const unfinished = left.length > 0 && applyEdits(current, left) !== current;
  return { text: current, result, fixedCount, passes, rejected: rejectedCount, unfinished };
}

/** The smallest single edit that turns `before` into `after` (common prefix and suffix kept), or undefined when equal. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: past max one string has no character (charCodeAt gives NaN, never equal), so the loop stops there anyway
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Do not split a surrogate pair or a CRLF.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: at start === before.length, before[start] is undefined and the regex tests the string "undefined", which it never matches
  if (start > 0 && start < before.length && /[\udc00-\udfff\n]/.test(before[start])) start--;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Stryker disable next-line StringLiteral: any text without a high surrogate or \r is the same default here (the index is -1 only when the whole of before is the common suffix)
  if (end > 0 && /[\ud800-\udbff\r]/.test(before[before.length - end - 1] ?? '')) end--;
  return { offset: start, length: before.length - end - start, newText: after.slice(start, after.length - end) };
}
