// Pure (no vscode import): how long the editor waits after an edit before it checks the document again. The wait
// follows the document's measured analysis cost, so a small policy is re-checked on the next tick and a large one is
// not analysed on every keystroke.

/**
 * Wait DEBOUNCE_FACTOR times the last analysis: while the user types, the analysis then takes at most
 * 1 / (DEBOUNCE_FACTOR + 1) of the extension host's time (an analysis of c ms runs only after a pause of k × c ms).
 */
export const DEBOUNCE_FACTOR = 4;

/**
 * The debounce for a document: `DEBOUNCE_FACTOR` × `lastCostMs` (its last analysis, in ms), rounded down and kept
 * between 0 and `maxMs` (cleanroomsIam.validate.debounceMs). A document not measured yet waits `maxMs`. 0 means the
 * next tick (a timer of 0 ms: the edits of one tick are checked once), never at once.
 */
export function adaptiveDebounce(lastCostMs: number | undefined, maxMs: number): number {
  const max = Math.max(0, maxMs);
  if (lastCostMs === undefined || !Number.isFinite(lastCostMs) || lastCostMs < 0) return max;
  return Math.min(max, Math.floor(DEBOUNCE_FACTOR * lastCostMs));
}
