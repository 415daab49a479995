// Pure: choose the fixes "Fix all auto-fixable problems" applies, from one analysis. No vscode import.
import type { Finding, Fix, TextEdit } from '../../analysis/types';

/** The fix a quick fix marks as preferred: the engine's `preferred` fix, or the only fix there is. */
export function preferredFix(f: Finding): Fix | undefined {
  const fixes = f.fixes ?? [];
  return fixes.find((x) => x.preferred) ?? (fixes.length === 1 ? fixes[0] : undefined);
}

/** True when the quick fix for `fix` should be `isPreferred` (the engine marked it preferred, or it is the only one). */
export function isPreferredFix(f: Finding, fix: Fix): boolean {
  return !!fix.preferred || (f.fixes?.length === 1 && fix === f.fixes[0]);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  const aEnd = a.offset + a.length;
  const bEnd = b.offset + b.length;
  // Two insertions at the same point conflict too (their order would be ambiguous).
  if (a.length === 0 && b.length === 0) return a.offset === b.offset;
  if (a.length === 0) return b.offset < a.offset && a.offset < bEnd;
  if (b.length === 0) return a.offset < b.offset && b.offset < aEnd;
  return a.offset < bEnd && b.offset < aEnd;
}

export interface FixAllPlan {
  /** Edits to apply together (sorted by offset, non-overlapping). */
  edits: TextEdit[];
  /** The findings whose preferred fix is included. */
  fixed: Finding[];
}

/**
 * All preferred fixes (engine-marked `preferred` only: a fix-all must not guess between alternatives),
 * in document order, skipping any fix whose edits overlap an already chosen one.
 */
export function planFixAll(findings: readonly Finding[]): FixAllPlan {
  const chosen: TextEdit[] = [];
  const fixed: Finding[] = [];
  const seen = new Set<string>();
  const sorted = [...findings].sort((a, b) => a.offset - b.offset);
  for (const f of sorted) {
    const fix = f.fixes?.find((x) => x.preferred);
    if (!fix || fix.edits.length === 0) continue;
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
  }
  chosen.sort((a, b) => a.offset - b.offset || a.length - b.length);
  return { edits: chosen, fixed };
}
