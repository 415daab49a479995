// IAM wildcard matching (`*` any run of characters, `?` exactly one), without RegExp. Pure.
//
// A RegExp built from a policy pattern (`^.*?.*?.*…$`) backtracks exponentially on patterns such as `*?*?*?…x`
// (16 repetitions against "iam:CreateServiceLinkedRole" took 3 s), and one built from a 40,000-character pattern throws
// "Invalid regular expression". This is the greedy matcher with a single backtrack point: at most O(pattern x text).

/** True when `pattern` (IAM wildcards `*` and `?`) matches all of `text`; letters compare case-insensitively when asked. */
export function globMatch(pattern: string, text: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const n = ignoreCase ? text.toLowerCase() : text;
  let pi = 0;
  let ni = 0;
  let star = -1;
  let mark = 0;
  while (ni < n.length) {
    const c = p.charCodeAt(pi);
    if (pi < p.length && (c === 0x3f /* ? */ || c === n.charCodeAt(ni))) {
      pi++;
      ni++;
    } else if (pi < p.length && c === 0x2a /* * */) {
      while (p.charCodeAt(pi + 1) === 0x2a) pi++; // a run of * is one *
      star = pi++;
      mark = ni;
    } else if (star >= 0) {
      pi = star + 1;
      ni = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p.charCodeAt(pi) === 0x2a) pi++;
  return pi === p.length;
}
