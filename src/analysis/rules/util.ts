// Small helpers shared by the grammar, arn and cleanrooms rule families. Pure.
import type { Node } from '../json';
import { allProperties, keyOf, valueOf } from '../json';
import type { RuleContext } from '../rule';
import type { TextEdit } from '../types';
import { findPlaceholders, type PlaceholderOccurrence } from '../placeholder-detect';
import type { PolicyModel } from '../model';
import { editDistance } from '../../iam-data/suggest';
export { hasPlaceholderSyntax } from '../../catalog/placeholder-syntax';
export { contentRange, replaceStringContent } from '../json';

/** The closest candidate within `max` edits (case-insensitive), if exactly one candidate is closest. */
export function closest(value: string, candidates: Iterable<string>, max: number): string | undefined {
  const v = value.toLowerCase();
  let best: string | undefined;
  let bestD = max + 1;
  let tie = false;
  for (const c of candidates) {
    const d = editDistance(v, c, max);
    if (d < bestD) {
      best = c;
      bestD = d;
      tie = false;
    } else if (d === bestD && c !== best) {
      tie = true;
    }
  }
  return bestD <= max && !tie ? best : undefined;
}

const placeholderCache = new WeakMap<PolicyModel, Array<[number, number]>>();
const occurrenceCache = new WeakMap<PolicyModel, PlaceholderOccurrence[]>();

/** The placeholder detector's occurrences in this analysis' document: computed once, shared by every family (read-only). */
export function placeholderOccurrences(ctx: RuleContext): PlaceholderOccurrence[] {
  let occurrences = occurrenceCache.get(ctx.model);
  if (!occurrences) {
    occurrences = findPlaceholders(ctx.text, ctx.model.root);
    occurrenceCache.set(ctx.model, occurrences);
  }
  return occurrences;
}

/** The placeholder ranges [start, end), sorted by offset and disjoint (findPlaceholders): computed once per analysis. */
function placeholderRanges(ctx: RuleContext): Array<[number, number]> {
  let ranges = placeholderCache.get(ctx.model);
  if (!ranges) {
    ranges = placeholderOccurrences(ctx).map((o) => [o.offset, o.offset + o.length] as [number, number]);
    placeholderCache.set(ctx.model, ranges);
  }
  return ranges;
}

/** Index of the first placeholder range that ends after `offset` (ranges.length if none). */
function firstRangeEndingAfter(ranges: ReadonlyArray<[number, number]>, offset: number): number {
  // The ranges are disjoint and sorted by offset, so their ends are sorted too: binary search (a linear scan per call was
  // quadratic: rules ask for every value).
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid][1] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * True when [offset, offset + length) overlaps a placeholder (the ranges the placeholders family reports).
 * Computed from the placeholder detector itself rather than from reported findings, so turning the placeholder
 * rules off in the settings does not make these families start reporting on placeholder text.
 */
export function touchesPlaceholder(ctx: RuleContext, offset: number, length: number): boolean {
  const ranges = placeholderRanges(ctx);
  const i = firstRangeEndingAfter(ranges, offset);
  return i < ranges.length && ranges[i][0] < offset + Math.max(1, length);
}

/**
 * The end offset of the placeholder that covers `offset`, if one does: from the detector, like touchesPlaceholder, so
 * the answer does not depend on the placeholder rules' settings or on which family runs first.
 */
export function placeholderEndAt(ctx: RuleContext, offset: number): number | undefined {
  const ranges = placeholderRanges(ctx);
  const i = firstRangeEndingAfter(ranges, offset);
  return i < ranges.length && ranges[i][0] <= offset ? ranges[i][1] : undefined;
}

/**
 * Start of the line containing `offset`: after the previous `\n` or `\r` (CR-only files have lines too). A backwards
 * scan over this line only (lastIndexOf('\r') in an LF file would scan back to the start of the file on every call).
 */
export function lineStart(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 0x0a || c === 0x0d) break;
    i--;
  }
  return i;
}

/** The document's line break (`\r\n`, `\r` or `\n`, from the first one), for fixes that insert lines. */
export function lineBreakOf(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d) return text.charCodeAt(i + 1) === 0x0a ? '\r\n' : '\r';
    if (c === 0x0a) return '\n';
  }
  return '\n';
}

/** The whitespace at the start of the line containing `offset`. */
export function lineIndent(text: string, offset: number): string {
  const ls = lineStart(text, offset);
  const m = /^[ \t]*/.exec(text.slice(ls, offset));
  return m ? m[0] : '';
}

/** True when `offset` is the first non-blank character of its line. */
export function startsLine(text: string, offset: number): boolean {
  const ls = lineStart(text, offset);
  return /^[ \t]*$/.test(text.slice(ls, offset));
}

/**
 * An edit that removes a property (key, value and one adjoining comma) from its object, leaving valid JSON.
 * Whole lines are removed when the property sits on lines of its own.
 */
export function removePropertyEdit(text: string, obj: Node, prop: Node): TextEdit {
  const props = (obj.children ?? []).filter((c) => c.type === 'property');
  const i = props.indexOf(prop);
  const next = props[i + 1];
  const prev = props[i - 1];
  let start = prop.offset;
  let end = prop.offset + prop.length;
  if (next) {
    // Remove "prop, " up to the next property.
    end = next.offset;
    if (startsLine(text, prop.offset) && startsLine(text, next.offset)) {
      start = lineStart(text, prop.offset);
      end = lineStart(text, next.offset);
    }
  } else if (prev) {
    // Last property: remove ", prop" from the end of the previous one.
    start = prev.offset + prev.length;
  } else {
    // Only property: remove it and the whitespace around it.
    start = obj.offset + 1;
    end = obj.offset + obj.length - 1;
  }
  return { offset: start, length: end - start, newText: '' };
}

/** Properties of an object node that appear more than once (second and later uses), with the first use. */
export function duplicateKeys(obj: Node | undefined): Array<{ key: string; first: Node; dup: Node }> {
  const seen = new Map<string, Node>();
  const out: Array<{ key: string; first: Node; dup: Node }> = [];
  for (const [k, p] of allProperties(obj)) {
    const f = seen.get(k);
    if (f) out.push({ key: k, first: keyOf(f), dup: keyOf(p) });
    else seen.set(k, p);
  }
  return out;
}

export { keyOf, valueOf };
