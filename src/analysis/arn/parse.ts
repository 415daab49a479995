// ARN splitting that keeps exact positions. Pure.
// arn:partition:service:region:account-id:resource  (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html)

export interface ArnField {
  text: string;
  /** Start index in the ARN string. */
  start: number;
  end: number;
}

export interface ParsedArn {
  /** The fields found, at most 6 (the resource field keeps its own colons). */
  fields: ArnField[];
  prefix: ArnField;
  partition?: ArnField;
  service?: ArnField;
  region?: ArnField;
  account?: ArnField;
  resource?: ArnField;
}

/**
 * Parsed ARNs by string, shared by every family and every analysis (the same ARNs are split by the arn, cleanrooms and
 * iam-data checks, and again on every keystroke). Bounded; the results are read-only (nothing may mutate them).
 */
const PARSED = new Map<string, ParsedArn>();
const MAX_PARSED = 4096;

/**
 * Split an ARN on its first five colons. Colons inside policy variables (`${aws:username}`) do not split.
 * The result is shared (memoised): treat it as read-only.
 */
export function parseArn(value: string): ParsedArn {
  const have = PARSED.get(value);
  if (have) return have;
  const parsed = splitArn(value);
  if (value.length <= 2048) {
    if (PARSED.size >= MAX_PARSED) PARSED.clear();
    PARSED.set(value, parsed);
  }
  return parsed;
}

function splitArn(value: string): ParsedArn {
  const fields: ArnField[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < value.length && fields.length < 5; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x24 /* $ */ && value.charCodeAt(i + 1) === 0x7b /* { */) {
      depth++;
      i++;
    } else if (c === 0x7d /* } */ && depth > 0) {
      depth--;
    } else if (c === 0x3a /* : */ && depth === 0) {
      fields.push({ text: value.slice(start, i), start, end: i });
      start = i + 1;
    }
  }
  fields.push({ text: value.slice(start), start, end: value.length });
  const [prefix, partition, service, region, account, resource] = fields;
  return { fields, prefix: prefix, partition, service, region, account, resource };
}

/** Contains an IAM wildcard (`*` or `?`) outside policy variables. */
export function hasWildcard(s: string): boolean {
  return /[*?]/.test(stripVariables(s));
}

/** Contains a policy variable `${...}`. */
export function hasVariable(s: string): boolean {
  return s.includes('${');
}

/** The string with `${...}` policy variables removed. */
export function stripVariables(s: string): string {
  // A hand scan, not /\$\{[^}]*\}/g: that regex rescans to the end of the string from every `${` that has no `}`
  // after it (quadratic on `${${${…`). Once no `}` follows, none follows any later `${` either.
  let i = s.indexOf('${');
  if (i < 0) return s;
  let out = '';
  let from = 0;
  while (i >= 0) {
    const end = s.indexOf('}', i + 2);
    if (end < 0) break;
    out += s.slice(from, i);
    from = end + 1;
    i = s.indexOf('${', from);
  }
  return out + s.slice(from);
}
