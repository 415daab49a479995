// Pure: re-find placeholder occurrences after the document changed while prompts were open. No vscode import.
import { findPlaceholders, type PlaceholderOccurrence } from '../../fill/detect';

export type RelocateResult = { ok: true; occurrences: PlaceholderOccurrence[] } | { ok: false; reason: string };

/**
 * The user answered for `keys` while the document held `before` occurrences; it now holds `newText`.
 * Re-detect: every answered key must still occur exactly as often as before, with the same text, at its recomputed
 * position. Otherwise the fill is refused, so the user's edits are never overwritten.
 */
export function relocateOccurrences<T extends PlaceholderOccurrence = PlaceholderOccurrence>(
  before: readonly T[],
  keys: ReadonlySet<string>,
  newText: string,
  /** How to find the placeholders (a template's: frontends/view.ts, where a placeholder not written 1:1 is not compared). */
  find: (text: string) => T[] = findPlaceholders as unknown as (text: string) => T[],
  exact: (o: T) => boolean = () => true,
): { ok: true; occurrences: T[] } | { ok: false; reason: string } {
  const now = find(newText);
  const out: T[] = [];
  for (const key of keys) {
    const was = before.filter((o) => o.key === key);
    const is = now.filter((o) => o.key === key);
    if (is.length !== was.length) {
      return {
        ok: false,
        reason:
          is.length === 0
            ? `"${key}" is no longer in the document`
            : `"${key}" now occurs ${is.length} time${is.length === 1 ? '' : 's'} instead of ${was.length}`,
      };
    }
    for (const o of is) {
      if (exact(o) && newText.substr(o.offset, o.length) !== key) return { ok: false, reason: `"${key}" changed` };
      out.push(o);
    }
  }
  out.sort((a, b) => a.offset - b.offset);
  return { ok: true, occurrences: out };
}
