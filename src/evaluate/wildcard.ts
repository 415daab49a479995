// IAM wildcard matching for the evaluator: `*` matches any run of characters (including `/` and `:`, so a `*`
// at the end of an ARN segment also covers what follows the colon), `?` exactly one character. Actions compare
// case-insensitively, resources case-sensitively (IAM User Guide, "IAM JSON policy elements: Action" / "Resource").
// A pattern is a list of tokens so that `${*}` / `${?}` policy variables can stand for a literal `*` / `?`.

export const STAR = -1;
export const ONE = -2;
/** A compiled pattern: STAR, ONE, or a literal string chunk (one character each). */
export type Pattern = Array<number | string>;

export function compileGlob(pattern: string): Pattern {
  const out: Pattern = [];
  for (const ch of pattern) out.push(ch === '*' ? STAR : ch === '?' ? ONE : ch);
  return out;
}

/** Glob match with a single backtrack point (no regex). */
export function matchPattern(p: Pattern, value: string, ignoreCase: boolean): boolean {
  const v = Array.from(ignoreCase ? value.toLowerCase() : value);
  const eq = (t: number | string, c: string): boolean => t === ONE || (typeof t === 'string' && (ignoreCase ? t.toLowerCase() : t) === c);
  let pi = 0;
  let vi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    if (pi < p.length && p[pi] !== STAR && eq(p[pi], v[vi])) {
      pi++;
      vi++;
    } else if (pi < p.length && p[pi] === STAR) {
      star = pi++;
      mark = vi;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === STAR) pi++;
  return pi === p.length;
}

export function globMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  return matchPattern(compileGlob(pattern), value, ignoreCase);
}

export function actionMatches(pattern: string, action: string): boolean {
  return globMatch(pattern, action, true);
}

export function resourceMatches(pattern: string, arn: string): boolean {
  return globMatch(pattern, arn, false);
}
