// Does a policy Resource ARN (with * and ? wildcards, placeholders, policy variables) overlap a resource type's ARN
// template (with ${Var} parts)? Pure.
//
// Both sides are patterns, so "matches" means: some concrete ARN matches both. The check runs over the product of
// the two patterns' automata (at most (n+1)*(m+1) states for n, m tokens), so it is exact for these patterns.
// It errs towards "matches" (no false positives): in the policy ARN, `*`, `<placeholder>`, `{{…}}` and policy
// variables `${aws:…}` stand for any run of characters (colons and slashes included); in the template, `*` does too
// and `${Var}` stands for one or more characters, except `${Partition}`, `${Region}` and `${Account}`, which stay
// inside their colon-delimited field (arn:partition:service:region:account-id:resource) and may be empty.
// Letters compare case-insensitively.

/** Token kinds: a literal character (its lower-case char code), ANY_ONE (?), ANY_RUN (*, ${…}, <…>, {{…}}), ANY_FIELD. */
const ANY_ONE = -1;
const ANY_RUN = -2;
/** Any run of characters other than `:` (a template's ${Partition}, ${Region}, ${Account}). */
const ANY_FIELD = -3;
const COLON = 58;
const FIELD_VARS = new Set(['${Partition}', '${Region}', '${Account}']);

/**
 * The first index of `needle` at or after `from`, or -1, through a cache of the last answer: a scan that asks again
 * from a later position reuses it while it is still ahead, so repeated openers without a closer (`<<<<…`) cost one pass
 * in all instead of one pass each (that was quadratic: 800 KB of `<` took 15 s).
 */
class NextIndex {
  private at = -2; // the cached answer (-1: none at or after `from`), valid for `from` <= at (or any `from` when -1)
  private from = 0;
  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}
  get(from: number): number {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: the cache only saves indexOf calls (tokenizePolicyArn asks with a growing from, and a recomputed answer is the same); the linear-time suite pins the speed
    if (this.at === -2 || from < this.from || (this.at >= 0 && this.at < from)) {
      this.at = this.text.indexOf(this.needle, from);
      this.from = from;
    }
    return this.at;
  }
}

/** Tokenise a policy ARN: `*` and policy variables / placeholders become ANY_RUN, `?` ANY_ONE. Linear in the length. */
export function tokenizePolicyArn(arn: string): number[] {
  const out: number[] = [];
  const n = arn.length;
  const closeBrace = new NextIndex(arn, '}');
  const closeAngle = new NextIndex(arn, '>');
  const closeDouble = new NextIndex(arn, '}}');
  for (let i = 0; i < n; i++) {
    const ch = arn[i];
    if (ch === '*') pushRun(out);
    else if (ch === '?') out.push(ANY_ONE);
    else if (ch === '$' && arn[i + 1] === '{') {
      const end = closeBrace.get(i + 2);
      // Stryker disable next-line EqualityOperator: the search starts at i + 1 or later, so end is never 0
      if (end < 0) {
        out.push(lower(ch));
        continue;
      }
      pushRun(out);
      i = end;
    } else if (ch === '<') {
      const end = closeAngle.get(i + 1);
      // Stryker disable next-line EqualityOperator: the search starts at i + 1 or later, so end is never 0
      if (end < 0 || end === i + 1) {
        out.push(lower(ch));
        continue;
      }
      pushRun(out);
      i = end;
    } else if (ch === '{' && arn[i + 1] === '{') {
      const end = closeDouble.get(i + 2);
      // Stryker disable next-line EqualityOperator: the search starts at i + 1 or later, so end is never 0
      if (end < 0) {
        out.push(lower(ch));
        continue;
      }
      pushRun(out);
      i = end + 1;
    } else out.push(lower(ch));
  }
  return out;
}

/** Tokenise an ARN template: `*` becomes ANY_RUN, `${Var}` ANY_ONE + ANY_RUN, ${Partition}/${Region}/${Account} ANY_FIELD. */
export function tokenizeTemplate(template: string): number[] {
  const out: number[] = [];
  const n = template.length;
  for (let i = 0; i < n; i++) {
    const ch = template[i];
    if (ch === '$' && template[i + 1] === '{') {
      const end = template.indexOf('}', i + 2);
      // Stryker disable next-line EqualityOperator: the search starts at i + 2, so end is never 0
      if (end >= 0) {
        if (FIELD_VARS.has(template.slice(i, end + 1))) {
          // Stryker disable next-line ConditionalExpression,LogicalOperator,ArithmeticOperator: a second ANY_FIELD after ANY_FIELD or ANY_RUN matches the same strings (each may be empty), so skipping it only keeps the tokens short
          if (out[out.length - 1] !== ANY_FIELD && out[out.length - 1] !== ANY_RUN) out.push(ANY_FIELD);
        } else {
          // A name such as ${BucketName} or ${ObjectName} is at least one character.
          out.push(ANY_ONE);
          pushRun(out);
        }
        i = end;
        continue;
      }
    }
    if (ch === '*') pushRun(out);
    else out.push(lower(ch));
  }
  return out;
}

function pushRun(out: number[]): void {
  // Stryker disable next-line ArithmeticOperator: with last undefined, a second ANY_RUN is pushed, which matches the same strings as one
  const last = out[out.length - 1];
  // Stryker disable next-line ConditionalExpression: a second ANY_RUN after ANY_RUN matches the same strings
  if (last === ANY_RUN) return;
  if (last === ANY_FIELD) out[out.length - 1] = ANY_RUN;
  else out.push(ANY_RUN);
}

function lower(ch: string): number {
  const c = ch.charCodeAt(0);
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** True when some string matches both token patterns. */
export function patternsOverlap(a: number[], b: number[]): boolean {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const seen = new Uint8Array((n + 1) * width);
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number): void => {
    const k = i * width + j;
    if (!seen[k]) {
      seen[k] = 1;
      stack.push(k);
    }
  };
  while (stack.length) {
    const k = stack.pop()!;
    const i = (k / width) | 0;
    const j = k - i * width;
    if (i === n && j === m) return true;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a[n] and b[m] are undefined anyway
    const ta = i < n ? a[i] : undefined;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a[n] and b[m] are undefined anyway
    const tb = j < m ? b[j] : undefined;
    // Epsilon moves: a run may match nothing.
    // Stryker disable next-line ConditionalExpression: a is a policy ARN's tokens (tokenizePolicyArn), which never hold ANY_FIELD
    if (ta === ANY_RUN || ta === ANY_FIELD) push(i + 1, j);
    if (tb === ANY_RUN || tb === ANY_FIELD) push(i, j + 1);
    if (ta === undefined || tb === undefined) continue;
    // Consume one character that both sides accept.
    if (ta >= 0 && tb >= 0 && ta !== tb) continue;
    if ((ta === ANY_FIELD && tb === COLON) || (tb === ANY_FIELD && ta === COLON)) continue;
    // Stryker disable next-line ConditionalExpression: a is a policy ARN's tokens (tokenizePolicyArn), which never hold ANY_FIELD
    const ni = ta === ANY_RUN || ta === ANY_FIELD ? i : i + 1;
    const nj = tb === ANY_RUN || tb === ANY_FIELD ? j : j + 1;
    push(ni, nj);
  }
  return false;
}

/** Convenience: does the policy ARN overlap the template? */
export function arnMatchesTemplate(policyArn: string, template: string): boolean {
  return patternsOverlap(tokenizePolicyArn(policyArn), tokenizeTemplate(template));
}
