// Offline IAM policy evaluator for identity-based policies, written from the IAM User Guide:
// "Policy evaluation logic" (explicit Deny > Allow > implicit deny), "IAM JSON policy elements: Condition operators",
// "IAM JSON policy elements: Resource", "IAM policy elements: Variables and tags".
// Unknown is never guessed: a condition on a key whose presence the modelled request does not know yields "depends".
import { parseOperator } from '../analysis/condition-operators';
import { compileGlob, matchPattern, ONE, STAR, type Pattern } from './wildcard';

/** What the modelled request knows about one context key. */
export type ContextEntry = { state: 'present'; values: string[] } | { state: 'absent' } | { state: 'unknown' };

export interface Request {
  action: string;
  resource: string;
  /** Keys are compared case-insensitively. Keys not listed are `unknown` unless `closed` is set. */
  context?: Record<string, ContextEntry | string | string[]>;
  /** When true, a key not listed in `context` is known to be absent. */
  closed?: boolean;
}

export interface Statement {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
  [k: string]: unknown;
}

export interface Policy {
  Statement?: Statement | Statement[];
  [k: string]: unknown;
}

export type Decision = 'allowed' | 'denied' | 'depends';

export interface StatementRef {
  index: number;
  sid?: string;
  policy?: number;
}

export interface EvaluationResult {
  decision: Decision;
  /** For "denied": explicit (a Deny statement matched) or implicit (no Allow matched). */
  denial?: 'explicit' | 'implicit';
  /** The statement that decided it (the matching Deny, or the matching Allow). */
  statement?: StatementRef;
  /** For "depends": the context keys whose presence or value is unknown. */
  dependsOn?: string[];
  reason: string;
}

type Tri = { v: true } | { v: false } | { v: 'unknown'; keys: string[] };
const T: Tri = { v: true };
const F: Tri = { v: false };
const unknown = (keys: string[]): Tri => ({ v: 'unknown', keys });

/** A policy element's values: a string or a list of them (IAM's one-or-many shape). */
export function list(x: unknown): string[] {
  if (x === undefined || x === null) return [];
  return (Array.isArray(x) ? x : [x]).map(scalarText);
}

/** A JSON scalar as IAM reads it (numbers and booleans as their text); anything else as its JSON text. */
export function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

export function normaliseContext(req: Request): (key: string) => ContextEntry {
  const map = new Map<string, ContextEntry>();
  for (const [k, v] of Object.entries(req.context ?? {})) {
    const entry: ContextEntry = typeof v === 'string' ? { state: 'present', values: [v] } : Array.isArray(v) ? { state: 'present', values: v.map(String) } : v;
    map.set(k.toLowerCase(), entry);
  }
  return (key) => map.get(key.toLowerCase()) ?? (req.closed ? { state: 'absent' } : { state: 'unknown' });
}

/** Policy variables: `${key}`, `${key, 'default'}`, and the specials `${*}`, `${?}`, `${$}` (literal characters). */
export function substitute(
  text: string,
  ctx: (key: string) => ContextEntry,
  asGlob: boolean,
): { pattern: Pattern } | { absent: true } | { unknownKey: string } {
  const out: Pattern = [];
  let i = 0;
  // The next `}` at or after a position, cached: once none follows, none follows any later `${` either (indexOf per
  // `${` was quadratic on `${${${…`).
  let close = -2;
  while (i < text.length) {
    if (text[i] === '$' && text[i + 1] === '{') {
      if (close !== -1 && close < i + 2) close = text.indexOf('}', i + 2);
      const end = close;
      if (end > 0) {
        const body = text.slice(i + 2, end);
        i = end + 1;
        if (body === '*' || body === '?' || body === '$') {
          out.push(body);
          continue;
        }
        const m = /^\s*([^,\s]+)\s*(?:,\s*'([^']*)'\s*)?$/.exec(body);
        if (!m) {
          for (const ch of '${' + body + '}') out.push(ch);
          continue;
        }
        const entry = ctx(m[1]);
        if (entry.state === 'unknown') return { unknownKey: m[1] };
        if (entry.state === 'absent' || entry.values.length !== 1) {
          if (m[2] === undefined) return { absent: true };
          for (const ch of m[2]) out.push(ch);
          continue;
        }
        for (const ch of entry.values[0]) out.push(ch);
        continue;
      }
    }
    const ch = text[i++];
    out.push(asGlob && ch === '*' ? STAR : asGlob && ch === '?' ? ONE : ch);
  }
  return { pattern: out };
}

function patternText(p: Pattern): string {
  return p.map((t) => (t === STAR ? '*' : t === ONE ? '?' : t)).join('');
}

function matchesAny(patterns: string[], value: string, ignoreCase: boolean): boolean {
  return patterns.some((p) => matchPattern(compileGlob(p), value, ignoreCase));
}

function resourceElement(patterns: string[], arn: string, ctx: (k: string) => ContextEntry): Tri {
  const keys: string[] = [];
  for (const p of patterns) {
    const s = substitute(p, ctx, true);
    if ('unknownKey' in s) {
      keys.push(s.unknownKey);
      continue;
    }
    if ('absent' in s) continue;
    if (matchPattern(s.pattern, arn, false)) return T;
  }
  return keys.length ? unknown(keys) : F;
}

// ---- conditions ----

type Family = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'Ip' | 'Arn' | 'Null';
interface Op {
  family: Family;
  /** Positive comparison of one request value with one policy value. */
  cmp: (req: string, pol: string) => boolean;
  negated: boolean;
  /** Policy value is a wildcard pattern (Like operators). */
  like?: boolean;
  ignoreCase?: boolean;
}

function num(s: string): number | undefined {
  if (!/^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(s)) return undefined;
  return Number(s);
}
function date(s: string): number | undefined {
  if (/^\d+$/.test(s.trim())) return Number(s.trim()) * 1000; // epoch seconds
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}
function numCmp(f: (a: number, b: number) => boolean) {
  return (r: string, p: string) => {
    const a = num(r);
    const b = num(p);
    return a !== undefined && b !== undefined && f(a, b);
  };
}
function dateCmp(f: (a: number, b: number) => boolean) {
  return (r: string, p: string) => {
    const a = date(r);
    const b = date(p);
    return a !== undefined && b !== undefined && f(a, b);
  };
}

function parseIp(s: string): { v6: boolean; bits: bigint } | undefined {
  const t = s.trim();
  const m4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(t);
  if (m4) {
    const parts = m4.slice(1).map(Number);
    if (parts.some((n) => n > 255)) return undefined;
    return { v6: false, bits: parts.reduce((a, n) => (a << 8n) | BigInt(n), 0n) };
  }
  if (!t.includes(':')) return undefined;
  const halves = t.split('::');
  if (halves.length > 2) return undefined;
  const h = (x: string) => (x === '' ? [] : x.split(':'));
  const head = h(halves[0]);
  const tail = halves.length === 2 ? h(halves[1]) : [];
  const groups = halves.length === 2 ? [...head, ...new Array<string>(8 - head.length - tail.length).fill('0'), ...tail] : head;
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { v6: true, bits: groups.reduce((a, g) => (a << 16n) | BigInt(parseInt(g, 16)), 0n) };
}
export function ipInCidr(ip: string, cidr: string): boolean {
  const [addr, lenText] = cidr.trim().split('/');
  const a = parseIp(ip);
  const n = parseIp(addr);
  if (!a || !n || a.v6 !== n.v6) return false;
  const width = a.v6 ? 128 : 32;
  const len = lenText === undefined ? width : Number(lenText);
  if (!Number.isInteger(len) || len < 0 || len > width) return false;
  const shift = BigInt(width - len);
  return a.bits >> shift === n.bits >> shift;
}

function arnLike(r: string, p: string): boolean {
  // ArnLike/ArnEquals: each of the six colon-delimited parts is compared separately, wildcards within a part.
  const rs = r.split(':');
  const ps = p.split(':');
  if (rs.length < 6 || ps.length < 6) return false;
  const rr = [...rs.slice(0, 5), rs.slice(5).join(':')];
  const pp = [...ps.slice(0, 5), ps.slice(5).join(':')];
  return pp.every((seg, i) => matchPattern(compileGlob(seg), rr[i], false));
}

const BASE: Record<string, Op> = {
  StringEquals: { family: 'String', cmp: (r, p) => r === p, negated: false },
  StringNotEquals: { family: 'String', cmp: (r, p) => r === p, negated: true },
  StringEqualsIgnoreCase: { family: 'String', cmp: (r, p) => r.toLowerCase() === p.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { family: 'String', cmp: (r, p) => r.toLowerCase() === p.toLowerCase(), negated: true },
  StringLike: { family: 'String', cmp: (r, p) => matchPattern(compileGlob(p), r, false), negated: false, like: true },
  StringNotLike: { family: 'String', cmp: (r, p) => matchPattern(compileGlob(p), r, false), negated: true, like: true },
  NumericEquals: { family: 'Numeric', cmp: numCmp((a, b) => a === b), negated: false },
  NumericNotEquals: { family: 'Numeric', cmp: numCmp((a, b) => a === b), negated: true },
  NumericLessThan: { family: 'Numeric', cmp: numCmp((a, b) => a < b), negated: false },
  NumericLessThanEquals: { family: 'Numeric', cmp: numCmp((a, b) => a <= b), negated: false },
  NumericGreaterThan: { family: 'Numeric', cmp: numCmp((a, b) => a > b), negated: false },
  NumericGreaterThanEquals: { family: 'Numeric', cmp: numCmp((a, b) => a >= b), negated: false },
  DateEquals: { family: 'Date', cmp: dateCmp((a, b) => a === b), negated: false },
  DateNotEquals: { family: 'Date', cmp: dateCmp((a, b) => a === b), negated: true },
  DateLessThan: { family: 'Date', cmp: dateCmp((a, b) => a < b), negated: false },
  DateLessThanEquals: { family: 'Date', cmp: dateCmp((a, b) => a <= b), negated: false },
  DateGreaterThan: { family: 'Date', cmp: dateCmp((a, b) => a > b), negated: false },
  DateGreaterThanEquals: { family: 'Date', cmp: dateCmp((a, b) => a >= b), negated: false },
  Bool: { family: 'Bool', cmp: (r, p) => r.toLowerCase() === p.toLowerCase(), negated: false },
  BinaryEquals: { family: 'Binary', cmp: (r, p) => r === p, negated: false },
  IpAddress: { family: 'Ip', cmp: (r, p) => ipInCidr(r, p), negated: false },
  NotIpAddress: { family: 'Ip', cmp: (r, p) => ipInCidr(r, p), negated: true },
  ArnEquals: { family: 'Arn', cmp: arnLike, negated: false, like: true },
  ArnLike: { family: 'Arn', cmp: arnLike, negated: false, like: true },
  ArnNotEquals: { family: 'Arn', cmp: arnLike, negated: true, like: true },
  ArnNotLike: { family: 'Arn', cmp: arnLike, negated: true, like: true },
};

interface EvaluatedOperator {
  base: string;
  op?: Op;
  ifExists: boolean;
  set?: 'ForAllValues' | 'ForAnyValue';
  isNull: boolean;
}

/** The operator as the evaluator reads it: any case (analysis/condition-operators.ts parses it), with its comparator. */
function evaluatedOperator(name: string): EvaluatedOperator {
  const { prefix, base, ifExists } = parseOperator(name, true);
  const set = prefix === 'ForAllValues:' ? 'ForAllValues' : prefix === 'ForAnyValue:' ? 'ForAnyValue' : undefined;
  return { base, op: Object.hasOwn(BASE, base) ? BASE[base] : undefined, ifExists, set, isNull: base === 'Null' };
}

function policyValues(raw: unknown, ctx: (k: string) => ContextEntry): { values: string[] } | { unknownKey: string } {
  const out: string[] = [];
  for (const v of list(raw)) {
    const s = substitute(v, ctx, false);
    if ('unknownKey' in s) return { unknownKey: s.unknownKey };
    if ('absent' in s) continue; // an unresolved variable matches nothing
    out.push(patternText(s.pattern));
  }
  return { values: out };
}

/** Like-operator values keep `${*}`-style literals as literal characters; compile with the pattern tokens. */
function likeValues(raw: unknown, ctx: (k: string) => ContextEntry): { patterns: Pattern[] } | { unknownKey: string } {
  const out: Pattern[] = [];
  for (const v of list(raw)) {
    const s = substitute(v, ctx, true);
    if ('unknownKey' in s) return { unknownKey: s.unknownKey };
    if ('absent' in s) continue;
    out.push(s.pattern);
  }
  return { patterns: out };
}

/** One operator + one key + its values. Multiple policy values are OR'd; negated operators negate that OR. */
export function evaluateConditionKey(operator: string, key: string, raw: unknown, ctx: (k: string) => ContextEntry): Tri {
  const parsed = evaluatedOperator(operator);
  const entry = ctx(key);
  if (parsed.isNull) {
    if (parsed.set === 'ForAllValues') return T;
    if (parsed.set === 'ForAnyValue') return F;
    if (entry.state === 'unknown') return unknown([key]);
    const wantAbsent = list(raw).some((v) => v.toLowerCase() === 'true');
    const wantPresent = list(raw).some((v) => v.toLowerCase() === 'false');
    const absent = entry.state === 'absent' || entry.values.length === 0;
    return (absent ? wantAbsent : wantPresent) ? T : F;
  }
  const op = parsed.op;
  if (!op) return F; // an unknown operator never matches (IAM rejects such a policy anyway)
  if (entry.state === 'unknown') return unknown([key]);
  const reqValues = entry.state === 'present' ? entry.values : [];
  if (reqValues.length === 0) {
    if (parsed.set === 'ForAllValues') return T;
    if (parsed.set === 'ForAnyValue') return F;
    if (parsed.ifExists) return T;
    return op.negated ? T : F;
  }
  let one: (r: string) => boolean;
  if (op.like) {
    const lv = likeValues(raw, ctx);
    if ('unknownKey' in lv) return unknown([lv.unknownKey]);
    if (op.family === 'Arn') {
      one = (r) => lv.patterns.some((p) => arnLikeTokens(r, p));
    } else {
      one = (r) => lv.patterns.some((p) => matchPattern(p, r, false));
    }
  } else {
    const pv = policyValues(raw, ctx);
    if ('unknownKey' in pv) return unknown([pv.unknownKey]);
    one = (r) => pv.values.some((p) => op.cmp(r, p));
  }
  const positive = (r: string) => one(r);
  const matchOne = (r: string) => (op.negated ? !positive(r) : positive(r));
  if (parsed.set === 'ForAllValues') return reqValues.every(matchOne) ? T : F;
  if (parsed.set === 'ForAnyValue') return reqValues.some(matchOne) ? T : F;
  // A plain operator on a multivalued request value: true when any request value satisfies it.
  return reqValues.some(matchOne) ? T : F;
}

function arnLikeTokens(r: string, tokens: Pattern): boolean {
  // Split the token list at the first five ':' literal tokens, compare each part with wildcards.
  const parts: Pattern[] = [[]];
  for (const t of tokens) {
    if (t === ':' && parts.length < 6) parts.push([]);
    else parts[parts.length - 1].push(t);
  }
  const rs = r.split(':');
  if (parts.length < 6 || rs.length < 6) return false;
  const rr = [...rs.slice(0, 5), rs.slice(5).join(':')];
  return parts.every((p, i) => matchPattern(p, rr[i], false));
}

function and(results: Tri[]): Tri {
  if (results.some((r) => r.v === false)) return F;
  const keys = results.flatMap((r) => (r.v === 'unknown' ? r.keys : []));
  return keys.length ? unknown([...new Set(keys)]) : T;
}

export function evaluateCondition(cond: Statement['Condition'], ctx: (k: string) => ContextEntry): Tri {
  if (!cond || typeof cond !== 'object') return T;
  const results: Tri[] = [];
  for (const [operator, block] of Object.entries(cond)) {
    if (!block || typeof block !== 'object') continue;
    for (const [key, raw] of Object.entries(block)) results.push(evaluateConditionKey(operator, key, raw, ctx));
  }
  return and(results);
}

function statementMatches(s: Statement, req: Request, ctx: (k: string) => ContextEntry): Tri {
  const action =
    s.Action !== undefined
      ? matchesAny(list(s.Action), req.action, true)
      : s.NotAction !== undefined
        ? !matchesAny(list(s.NotAction), req.action, true)
        : false;
  if (!action) return F;
  let res: Tri;
  if (s.Resource !== undefined) res = resourceElement(list(s.Resource), req.resource, ctx);
  else if (s.NotResource !== undefined) {
    const r = resourceElement(list(s.NotResource), req.resource, ctx);
    res = r.v === 'unknown' ? r : r.v ? F : T;
  } else res = T; // trust policies have no Resource element
  if (res.v === false) return F;
  return and([res, evaluateCondition(s.Condition, ctx)]);
}

function statements(p: Policy | Statement[]): Statement[] {
  if (Array.isArray(p)) return p;
  const st = p.Statement;
  return st === undefined ? [] : Array.isArray(st) ? st : [st];
}

function ref(s: Statement, index: number, policy: number, many: boolean): StatementRef {
  const r: StatementRef = { index };
  if (typeof s.Sid === 'string') r.sid = s.Sid;
  if (many) r.policy = policy;
  return r;
}

function describe(r: StatementRef): string {
  return `statement ${r.index}${r.sid ? ` (Sid "${r.sid}")` : ''}${r.policy !== undefined ? ` of policy ${r.policy}` : ''}`;
}

/** Evaluate one request against identity-based policies (all in one account, no boundary/SCP/session policy). */
export function evaluate(policies: Policy | Policy[], req: Request): EvaluationResult {
  const list_ = Array.isArray(policies) ? policies : [policies];
  const many = list_.length > 1;
  const ctx = normaliseContext(req);
  let allow: StatementRef | undefined;
  const maybeDeny: Array<{ r: StatementRef; keys: string[] }> = [];
  const maybeAllow: Array<{ r: StatementRef; keys: string[] }> = [];
  let deny: StatementRef | undefined;
  list_.forEach((p, pi) => {
    statements(p).forEach((s, si) => {
      if (!s || typeof s !== 'object') return;
      const effect = String(s.Effect ?? '');
      const m = statementMatches(s, req, ctx);
      if (m.v === false) return;
      const r = ref(s, si, pi, many);
      if (effect === 'Deny') {
        if (m.v === true) deny ??= r;
        else maybeDeny.push({ r, keys: m.keys });
      } else if (effect === 'Allow') {
        if (m.v === true) allow ??= r;
        else maybeAllow.push({ r, keys: m.keys });
      }
    });
  });
  if (deny) return { decision: 'denied', denial: 'explicit', statement: deny, reason: `explicitly denied by ${describe(deny)}` };
  const anyAllow = allow !== undefined || maybeAllow.length > 0;
  if (maybeDeny.length && anyAllow) {
    const keys = [...new Set([...maybeDeny.flatMap((d) => d.keys), ...(allow ? [] : maybeAllow.flatMap((a) => a.keys))])].sort();
    return {
      decision: 'depends',
      statement: maybeDeny[0].r,
      dependsOn: keys,
      reason: `depends on ${keys.join(', ')}: ${describe(maybeDeny[0].r)} denies when its condition holds`,
    };
  }
  if (allow) return { decision: 'allowed', statement: allow, reason: `allowed by ${describe(allow)}` };
  if (maybeAllow.length) {
    const keys = [...new Set(maybeAllow.flatMap((a) => a.keys))].sort();
    return {
      decision: 'depends',
      statement: maybeAllow[0].r,
      dependsOn: keys,
      reason: `depends on ${keys.join(', ')}: ${describe(maybeAllow[0].r)} allows when its condition holds`,
    };
  }
  return { decision: 'denied', denial: 'implicit', reason: `no statement allows ${req.action} on ${req.resource}` };
}
