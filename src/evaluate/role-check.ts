// The role check: will AWS Clean Rooms be able to use this role? Offline, on the evaluator (./evaluate.ts).
//
// Given a catalog role, the user's permissions policy (and optionally the trust policy) and the role's values
// (given, or inferred from the user's own policy where unambiguous), every request the documented policy allows
// (src/catalog/role-requests.ts) is evaluated against the user's policy: allowed, denied (with what is missing) or
// depends (naming the key or value that is not known). The trust side: sts:AssumeRole by the service principal for
// each expected source (membership) ARN, and for another collaboration's membership, which must be denied.
// Plus the two Access Analyzer custom checks, offline: what the policy grants beyond the documented one (no new
// access), and the actions a config forbids wherever the policy allows them (access not granted).
// Pure: no Node APIs, no vscode.
import { list } from './evaluate';
import { getNodeValue, parse, type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';
import {
  fillTokens,
  mustTemplate,
  OPTIONAL_PATH_KINDS,
  placeholderKind,
  roleById,
  roleCheckSpec,
  SAME_VALUE_KEYS,
  roleValueNames,
  templateStatements,
  tokensIn,
  variantRequests,
  type RoleCheckSpec,
  type RoleRequest,
  type RoleVariant,
} from '../catalog';
import { TOKEN_RE } from '../catalog/placeholder-syntax';
import type { IamIndex } from '../iam-data/types';
import { actionResourceTypes, matchActions, resourceMatchesTemplate, resourceTypesForArn } from '../iam-data';
import { evaluate, type ContextEntry, type Decision, type EvaluationResult, type Policy, type Statement, type StatementRef } from './evaluate';
import { actionMatches, compileGlob, matchPattern } from './wildcard';

export type ValueSource = 'set' | 'inferred';

export interface RoleCheckInput {
  role: string;
  /** The permissions policy text (JSON, comments allowed), or the policy as policyOfTree read it from a parse made already. */
  permissions: string | Policy;
  trust?: string | Policy;
  /** Membership (or other source) ARNs the trust must admit, in addition to those built from the values. */
  memberships?: string[];
  /** Placeholder values given explicitly (`--set name=value`). */
  values?: Record<string, string>;
  /** Actions that must never be allowed (CheckAccessNotGranted). */
  denyActions?: string[];
  /** A variant id of the role (e.g. `s3` / `sql` for ml-read-seed); default: the one the policy fits best. */
  variant?: string;
  /** The IAM reference index: keeps only the (action, resource) pairs the Service Authorization Reference lists. */
  iam?: IamIndex;
}

export interface RequestCheck {
  action: string;
  resource: string;
  decision: Decision;
  /** The deciding statement of the user's policy. */
  statement?: StatementRef;
  reason: string;
  /** For a denial: what to add or change. */
  missing?: string;
  /**
   * For a denial: the one edit that makes this request allowed (add the action or the resource to one statement),
   * offered only when it is certain: the edited policy allows the request and grants nothing else beyond the
   * documented policy. Apply it to the text with roleFixEdit (./role-fix.ts).
   */
  fix?: RoleFix;
  /** Internal: the fixes that make the request allowed, best first (checkRole keeps the first that adds nothing else). */
  fixCandidates?: RoleFix[];
  /** For "depends": the context keys or `value of <name>` that decide it. */
  dependsOn?: string[];
  /** The request context the check used (after filling values). */
  context: Record<string, string[]>;
  template: string;
  docUrl: string;
}

export interface RoleFix {
  statement: number;
  element: 'Action' | 'Resource';
  add: string;
}

export interface TrustCheck {
  checked: boolean;
  /** Why it was not checked, or a note on what was checked. */
  note?: string;
  service: string;
  admits: Array<{ source: string; decision: Decision; statement?: StatementRef; reason: string }>;
  /** Another collaboration's source ARN: must be denied (undefined when the documented trust has no source condition). */
  other?: { source: string; decision: Decision; statement?: StatementRef; reason: string };
  ok: boolean;
}

export interface AccessFinding {
  severity: 'warning' | 'info';
  kind: 'action' | 'resource' | 'condition' | 'forbidden';
  statement: StatementRef;
  action: string;
  resource: string;
  decision: Decision;
  message: string;
}

export interface RoleCheckResult {
  role: string;
  title: string;
  variant: string;
  values: Record<string, { value: string; source: ValueSource }>;
  /** Value names the role uses that were neither given nor inferred (ambiguous ones say so). */
  unknownValues: Array<{ name: string; candidates?: string[] }>;
  requests: RequestCheck[];
  trust?: TrustCheck;
  broader: AccessFinding[];
  forbidden: AccessFinding[];
  /** Every request allowed, the trust (when given) admits the expected sources and no other, nothing forbidden allowed. */
  ok: boolean;
  summary: string;
}

export class RoleCheckError extends Error {}

// ---------- parsing ----------

export function parsePolicyText(text: string, what: string): Policy {
  const errors: ParseError[] = [];
  const value: unknown = parse(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) throw new RoleCheckError(`${what}: not valid JSON (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset})`);
  return asPolicy(value, what);
}

/** parsePolicyText's policy from the tree of a text that parsed without syntax errors (ParsedPolicy.wellFormed): no parse. */
export function policyOfTree(root: Node, what: string): Policy {
  return asPolicy(getNodeValue(root), what);
}

function asPolicy(value: unknown, what: string): Policy {
  if (!value || typeof value !== 'object' || Array.isArray(value) || !('Statement' in value)) {
    throw new RoleCheckError(`${what}: not an IAM policy (no top-level "Statement")`);
  }
  return value as Policy;
}

function statementsOf(p: Policy): Statement[] {
  const st = p.Statement;
  return st === undefined ? [] : Array.isArray(st) ? st : [st];
}

// ---------- values ----------

/** Kinds whose values may contain `/`. */
const SLASH_KINDS = new Set(['s3-prefix', 'optional-s3-prefix', 's3-path', 'secret-id', 'ecr-repository']);

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regex for a template string with tokens left: each token captures one value (no wildcards, no variables). */
function unifier(template: string, kindOf: (name: string) => string): { re: RegExp; names: string[] } | undefined {
  const names: string[] = [];
  let src = '';
  let last = 0;
  for (const m of template.matchAll(TOKEN_RE)) {
    src += escapeRe(template.slice(last, m.index));
    const name = m[1];
    const seen = names.indexOf(name);
    if (seen >= 0) src += `\\${seen + 1}`;
    else {
      names.push(name);
      // A lone `*` where the value goes says nothing about it, but the other values of the string still count.
      const value = SLASH_KINDS.has(kindOf(name)) ? '([^*?${}:]+|\\*)' : '([^*?${}:/]+|\\*)';
      // An optional folder after a "/" may be absent together with its "/" (bucket/* for bucket/<optional-prefix>/*).
      if (OPTIONAL_PATH_KINDS.has(kindOf(name)) && src.endsWith('/')) src = `${src.slice(0, -1)}(?:/${value})?`;
      else src += value;
    }
    last = m.index + m[0].length;
  }
  if (!names.length) return undefined;
  src += escapeRe(template.slice(last));
  return { re: new RegExp(`^${src}$`), names };
}

interface Site {
  actions: string[];
  resources: string[];
  conditions: Array<{ key: string; values: string[] }>;
}

/** Lower-cased, with keys that carry the same value (s3:ResourceAccount, aws:ResourceAccount) made one. */
function canonicalKey(key: string): string {
  const k = key.toLowerCase();
  const same = SAME_VALUE_KEYS.find((pair) => pair.some((x) => x.toLowerCase() === k));
  return same ? same[0].toLowerCase() : k;
}

function siteOf(s: Statement): Site {
  const site: Site = { actions: list(s.Action), resources: list(s.Resource), conditions: [] };
  const cond = s.Condition;
  if (cond && typeof cond === 'object') {
    for (const block of Object.values(cond)) {
      if (!block || typeof block !== 'object') continue;
      for (const [key, raw] of Object.entries(block)) site.conditions.push({ key: canonicalKey(key), values: list(raw) });
    }
  }
  return site;
}

const allowSites = (sts: Statement[]): Site[] => sts.filter((s) => s && typeof s === 'object' && s.Effect === 'Allow').map(siteOf);

/**
 * The user statements closest to a template statement: those whose action names overlap it most (Jaccard); failing that,
 * those whose patterns cover any of its actions; failing that, all of them.
 */
function closest(t: Site, user: Site[]): Site[] {
  const lower = (xs: string[]): Set<string> => new Set(xs.map((x) => x.toLowerCase()));
  const ta = lower(t.actions);
  const score = (u: Site): number => {
    const ua = lower(u.actions);
    const both = [...ta].filter((a) => ua.has(a)).length;
    return both / new Set([...ta, ...ua]).size;
  };
  const best = Math.max(0, ...user.map(score));
  if (best > 0) return user.filter((u) => score(u) === best);
  const covering = user.filter((u) => t.actions.some((a) => u.actions.some((ua) => actionMatches(ua, a))));
  return covering.length ? covering : user;
}

/**
 * Infer placeholder values by matching the template's strings against the user's: each template statement against
 * the user statements that share the most actions with it. Strings with more placeholders go first (a table ARN
 * fixes database and table before a database ARN is looked at); a value is taken only when all the user's strings
 * that match one template string agree on it. Lists of condition values of the same key and length are also matched
 * position by position (a trust policy's membership ARNs, in the template's order).
 */
export function inferValues(
  templates: Statement[],
  user: Statement[],
  known: Record<string, string>,
  kindOf: (name: string) => string,
): { values: Record<string, string>; ambiguous: Record<string, string[]> } {
  const values: Record<string, string> = {};
  const ambiguous: Record<string, string[]> = {};
  const us = allowSites(user);
  const current = (): Record<string, string> => ({ ...values, ...known });
  const take = (name: string, v: string): void => {
    if (current()[name] === undefined) {
      values[name] = v;
      delete ambiguous[name];
    }
  };
  const jobs: Array<{ template: string; candidates: string[] }> = [];
  for (const t of allowSites(templates)) {
    const near = closest(t, us);
    for (const tc of t.conditions) {
      if (tc.values.length < 2) continue;
      for (const uc of near.flatMap((u) => u.conditions)) {
        if (uc.key !== tc.key || uc.values.length !== tc.values.length) continue;
        tc.values.forEach((tv, i) => {
          const un = unifier(fillTokens(tv, current()), kindOf);
          const m = un && un.re.exec(uc.values[i]);
          if (un && m) un.names.forEach((n, k) => m[k + 1] !== '*' && take(n, m[k + 1] ?? ''));
        });
      }
    }
    for (const r of t.resources) jobs.push({ template: r, candidates: near.flatMap((u) => u.resources) });
    for (const tc of t.conditions) {
      const cands = near.flatMap((u) => u.conditions.filter((c) => c.key === tc.key).flatMap((c) => c.values));
      for (const v of tc.values) jobs.push({ template: v, candidates: cands });
    }
  }
  jobs.sort((a, b) => tokensIn(b.template).length - tokensIn(a.template).length);
  for (const job of jobs) {
    const un = unifier(fillTokens(job.template, current()), kindOf);
    if (!un) continue;
    const found = new Map<string, Set<string>>();
    for (const c of job.candidates) {
      const m = un.re.exec(c);
      if (!m) continue;
      un.names.forEach((n, k) => {
        if (m[k + 1] === '*') return;
        const set = found.get(n) ?? new Set<string>();
        set.add(m[k + 1] ?? '');
        found.set(n, set);
      });
    }
    for (const [n, set] of found) {
      if (set.size === 1) take(n, [...set][0]);
      else if (current()[n] === undefined) ambiguous[n] = [...new Set([...(ambiguous[n] ?? []), ...set])].sort();
    }
  }
  return { values, ambiguous };
}

// ---------- requests ----------

/** What a `*` in a request's resource or action is replaced with, besides itself, to test that a grant covers it. */
export const STAR_SAMPLE = 'cleanrooms-iam-check';

function starSample(s: string): string {
  return s.replace(/\*/g, STAR_SAMPLE);
}

/** A Like value in a condition: the service sends some value matching it; model one (after a `/` when there is none). */
function likeSample(s: string): string {
  return s.replace(/(.)?\*/g, (_m, before: string | undefined) => `${before ?? ''}${before === '/' ? '' : '/'}${STAR_SAMPLE}`);
}

/**
 * The resource types of an ARN: of the service's types whose template it matches, those with the most `/`-separated
 * parts (`arn:aws:s3:::b/key` matches the bucket template too, since a bucket-name field may hold a `/` as far as the
 * template grammar goes; it is an object). A `*` may stand for more, never for less: with one, every type the pattern
 * overlaps that is at least as deep as what a sample value gives (`log-group:/aws/x/*` covers the log streams in it).
 */
export function resourceTypesOf(iam: IamIndex, resource: string): string[] {
  const service = resource.split(':')[2];
  if (!service) return [];
  const depth = (arn: string): number => (arn.split(':').slice(5).join(':').match(/\//g) ?? []).length;
  const sampled = resourceTypesForArn(iam, service, starSample(resource));
  const best = Math.max(-1, ...sampled.map((t) => depth(t.arn)));
  const candidates = resource.includes('*') ? resourceTypesForArn(iam, service, resource) : sampled;
  return candidates.filter((t) => (resource.includes('*') ? depth(t.arn) >= best : depth(t.arn) === best)).map((t) => t.arn);
}

/** Keep (action, resource) pairs the Service Authorization Reference authorises the action on. */
export function appliesTo(iam: IamIndex | undefined, action: string, resource: string): boolean {
  if (!iam || resource === '*') return true;
  const actions = /[*?]/.test(action) ? matchActions(iam, action) : [action];
  const own = resourceTypesOf(iam, resource);
  let anyKnown = false;
  for (const a of actions) {
    const types = actionResourceTypes(iam, a);
    if (!types.length) {
      if (matchActions(iam, a).length) return true; // a known action that takes only "*": any resource
      continue;
    }
    anyKnown = true;
    if (own.length ? types.some((rt) => own.includes(rt.arn)) : types.some((rt) => resourceMatchesTemplate(iam, resource, rt.arn))) return true;
  }
  return !anyKnown;
}

const RANK: Record<Decision, number> = { denied: 0, depends: 1, allowed: 2 };
const worst = (a: EvaluationResult, b: EvaluationResult): EvaluationResult => (RANK[b.decision] < RANK[a.decision] ? b : a);

function refText(r: StatementRef | undefined): string {
  return r ? `statement ${r.index}${r.sid ? ` (Sid "${r.sid}")` : ''}` : '';
}

function matchesAction(s: Statement, action: string): boolean {
  if (s.Action !== undefined) return list(s.Action).some((p) => actionMatches(p, action));
  if (s.NotAction !== undefined) return !list(s.NotAction).some((p) => actionMatches(p, action));
  return false;
}

/** For an implicit denial: which statement to change, and how. */
function whatIsMissing(policy: Policy, action: string, resource: string, context: Record<string, ContextEntry | string[]>): { text: string; fixes: RoleFix[] } {
  const sts = statementsOf(policy);
  // Statements naming resources or actions exactly come before those with "*": the fix goes where it adds least.
  const breadth = (s: Statement): number => [...list(s.Resource), ...list(s.Action)].filter((x) => x.includes('*')).length;
  const allows = sts
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s && typeof s === 'object' && s.Effect === 'Allow')
    .sort((a, b) => breadth(a.s) - breadth(b.s) || a.i - b.i);
  const only = (s: Statement): Policy => ({ Statement: [s] });
  const req = { action, resource, context };
  const ref = (i: number): string => refText({ index: i, ...(typeof sts[i].Sid === 'string' ? { sid: sts[i].Sid } : {}) });
  // A fix is offered only when the edited policy allows the request.
  const fixesFor = (candidates: number[], element: 'Action' | 'Resource', add: string): RoleFix[] =>
    candidates.flatMap((i) => {
      const s = sts[i];
      if (s[element] === undefined || list(s[element]).includes(add)) return [];
      const edited = sts.map((x, k) => (k === i ? { ...x, [element]: [...list(x[element]), add] } : x));
      return evaluate({ ...policy, Statement: edited }, req).decision === 'allowed' ? [{ statement: i, element, add }] : [];
    });
  // Action and resource match, the condition does not.
  const byBoth = allows.filter(({ s }) => evaluate(only({ ...s, Condition: undefined }), req).decision !== 'denied');
  if (byBoth.length) {
    return {
      text: `${ref(byBoth[0].i)} allows ${action} on this resource, but its Condition does not hold for the request Clean Rooms makes (${contextText(context)})`,
      fixes: [],
    };
  }
  const byAction = allows.filter(({ s }) => matchesAction(s, action)).map(({ i }) => i);
  const byResource = allows
    .filter(({ s }) => evaluate(only({ ...s, Action: '*', NotAction: undefined, Condition: undefined }), req).decision !== 'denied')
    .map(({ i }) => i);
  // Candidates, the narrowest statement first; for one statement, adding the action before adding the resource.
  const breadthOf = (i: number): number => breadth(sts[i]);
  const fixes = [...fixesFor(byResource, 'Action', action), ...fixesFor(byAction, 'Resource', resource)].sort(
    (a, b) => breadthOf(a.statement) - breadthOf(b.statement) || (a.element === b.element ? 0 : a.element === 'Action' ? -1 : 1),
  );
  if (byAction.length) return { text: fixText({ statement: byAction[0], element: 'Resource', add: resource }, action, resource, sts), fixes };
  if (byResource.length) return { text: fixText({ statement: byResource[0], element: 'Action', add: action }, action, resource, sts), fixes };
  return { text: `no statement allows ${action}: add it on ${resource}`, fixes: [] };
}

function fixText(f: RoleFix, action: string, resource: string, sts: Statement[]): string {
  const st = sts[f.statement];
  const ref = refText({ index: f.statement, ...(typeof st.Sid === 'string' ? { sid: st.Sid } : {}) });
  return f.element === 'Action'
    ? `add ${action} to the Action of ${ref}, which covers ${resource}`
    : `add ${resource} to the Resource of ${ref}, which allows ${action} on other resources`;
}

function contextText(context: Record<string, ContextEntry | string[]>): string {
  const parts = Object.entries(context).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : 'values' in v ? v.values.join('|') : v.state}`);
  return parts.length ? parts.join(', ') : 'no context keys known';
}

function checkRequest(policy: Policy, r: RoleRequest, values: Record<string, string>): RequestCheck {
  const action = fillTokens(r.action, values);
  const resource = fillTokens(r.resource, values);
  const ctx: Record<string, string[]> = {};
  for (const [k, vs] of Object.entries(r.context)) ctx[k] = vs.map((v) => fillTokens(v, values));
  const evalCtx: Record<string, string[]> = {};
  for (const [k, vs] of Object.entries(ctx)) evalCtx[k] = vs.map(likeSample);
  const literal = evaluate(policy, { action, resource, context: evalCtx });
  const sampled = /\*/.test(action + resource) ? evaluate(policy, { action: starSample(action), resource: starSample(resource), context: evalCtx }) : literal;
  const res = worst(literal, sampled);
  const base = { action, resource, context: ctx, template: r.template, docUrl: r.docUrl };
  const unfilled = [...new Set(tokensIn(action + ' ' + resource + ' ' + Object.values(ctx).flat().join(' ')))];
  if (res.decision === 'allowed') return { ...base, decision: 'allowed', statement: res.statement, reason: res.reason };
  if (res.decision === 'denied' && res.denial === 'explicit') {
    return {
      ...base,
      decision: 'denied',
      statement: res.statement,
      reason: res.reason,
      missing: `remove ${action} on ${resource} from the Deny of ${refText(res.statement)}, or narrow that Deny`,
    };
  }
  if (unfilled.length) {
    // The tokens stand for values nobody gave: the request is certainly denied only when nothing allows the action.
    const anyAllow = statementsOf(policy).some((s) => s && typeof s === 'object' && s.Effect === 'Allow' && matchesAction(s, action));
    if (res.decision === 'denied' && !anyAllow) {
      return { ...base, decision: 'denied', reason: `no statement allows ${action}`, missing: `no statement allows ${action}: add it on ${resource}` };
    }
    const keys = unfilled.map((n) => `value of ${n}`);
    return {
      ...base,
      decision: 'depends',
      dependsOn: keys,
      ...(res.statement ? { statement: res.statement } : {}),
      reason: `depends on the value of ${unfilled.join(', ')} (not given and not found in the policy); give --set ${unfilled.map((n) => `${n}=…`).join(' --set ')}`,
    };
  }
  if (res.decision === 'depends') return { ...base, decision: 'depends', statement: res.statement, dependsOn: res.dependsOn, reason: res.reason };
  if (resource === '*') {
    // The page grants it on "*" without naming the resource Clean Rooms uses: a narrower grant may or may not cover it.
    const narrower = statementsOf(policy).findIndex((s) => s && typeof s === 'object' && s.Effect === 'Allow' && matchesAction(s, action));
    if (narrower >= 0) {
      const st = statementsOf(policy)[narrower];
      const ref: StatementRef = { index: narrower, ...(typeof st.Sid === 'string' ? { sid: st.Sid } : {}) };
      return {
        ...base,
        decision: 'depends',
        statement: ref,
        dependsOn: ['resource'],
        reason: `the documented policy allows ${action} on "*" without naming the resource Clean Rooms uses; ${refText(ref)} allows it only on ${list(st.Resource ?? st.NotResource).join(', ') || 'some resources'}, which may not cover it`,
      };
    }
  }
  const m = whatIsMissing(policy, action, resource, evalCtx);
  return { ...base, decision: 'denied', reason: res.reason, missing: m.text, ...(m.fixes.length ? { fixCandidates: m.fixes } : {}) };
}

// ---------- trust ----------

function principalAdmits(p: unknown, service: string): boolean {
  if (p === '*') return true;
  if (!p || typeof p !== 'object') return false;
  const o = p as Record<string, unknown>;
  return list(o.Service).some((s) => s.toLowerCase() === service.toLowerCase()) || list(o.AWS).includes('*');
}

/** The trust policy reduced to the statements about the service principal (others become empty, keeping indices). */
function trustForService(policy: Policy, service: string): Policy {
  return {
    Statement: statementsOf(policy).map((s) => {
      if (!s || typeof s !== 'object') return {};
      if (s.Principal !== undefined) return principalAdmits(s.Principal, service) ? s : {};
      if (s.NotPrincipal !== undefined) return s; // NotPrincipal: applies to everyone it does not name
      return {};
    }),
  };
}

const SOURCE_KEYS = ['aws:sourcearn', 'aws:sourceaccount'];

function trustIsScoped(t: Statement[]): boolean {
  return t.some((s) => {
    const c = s.Condition;
    if (!c || typeof c !== 'object') return false;
    return Object.values(c).some((b) => b && typeof b === 'object' && Object.keys(b).some((k) => SOURCE_KEYS.includes(k.toLowerCase())));
  });
}

/** Source ARNs the documented trust accepts (aws:SourceArn values), filled. */
function documentedSources(t: Statement[], values: Record<string, string>): string[] {
  const out: string[] = [];
  for (const s of t) {
    const c = s.Condition;
    if (!c || typeof c !== 'object') continue;
    for (const b of Object.values(c)) {
      if (!b || typeof b !== 'object') continue;
      for (const [k, raw] of Object.entries(b)) if (k.toLowerCase() === 'aws:sourcearn') out.push(...list(raw).map((v) => fillTokens(v, values)));
    }
  }
  return [...new Set(out)];
}

function sourceContext(source: string, service: string): Record<string, string[]> {
  const parts = source.split(':');
  const ctx: Record<string, string[]> = { 'aws:SourceArn': [source] };
  if (parts.length >= 6 && parts[4]) ctx['aws:SourceAccount'] = [parts[4]];
  // sts:ExternalId: Clean Rooms sends a value matching arn:aws:*:<region>:*:dbuser:*/<membership-id>* (facts §1.a.7,
  // §1.b; the pages give the pattern, not the value), so the model is a value of that shape for the membership.
  const m = /^arn:[^:]+:cleanrooms:([^:]*):([^:]+):membership\/(.+)$/.exec(source);
  if (service === 'cleanrooms.amazonaws.com' && m) ctx['sts:ExternalId'] = [`arn:aws:cleanrooms:${m[1]}:${m[2]}:dbuser:${STAR_SAMPLE}/${m[3]}`];
  return ctx;
}

function otherSource(sources: string[]): string | undefined {
  const s = sources.find((x) => x.split(':').length >= 6);
  if (!s) return undefined;
  const parts = s.split(':');
  const used = new Set(sources.map((x) => x.split(':')[4]));
  const account = ['999999999999', '888888888888', '777777777777'].find((a) => !used.has(a))!;
  const rest = parts.slice(5).join(':');
  const slash = rest.indexOf('/');
  const type = slash >= 0 ? rest.slice(0, slash) : rest;
  const id = type === 'membership' ? '00000000-0000-4000-8000-000000000000' : STAR_SAMPLE + '-other';
  return [...parts.slice(0, 4), account, `${type}/${id}`].join(':');
}

function checkTrust(spec: RoleCheckSpec, trust: Policy, values: Record<string, string>, memberships: string[], kindOf: (n: string) => string): TrustCheck {
  const t = templateStatements(mustTemplate(spec.trust));
  const policy = trustForService(trust, spec.service);
  const sources = [...new Set([...memberships, ...documentedSources(t, values)])];
  const userSourceArns = sitesOfPolicy(policy).flatMap((site) => site.conditions.filter((c) => c.key === 'aws:sourcearn').flatMap((c) => c.values));
  const evalOne = (source: string | undefined) => {
    const context = source ? sourceContext(source.includes('*') ? starSample(source) : source, spec.service) : {};
    const r = evaluate(policy, { action: 'sts:AssumeRole', resource: '*', context });
    const out = {
      source: source ?? '(any source)',
      decision: r.decision,
      ...(r.statement ? { statement: r.statement } : {}),
      reason: trustReason(r, spec.service),
    };
    const unfilled = source ? [...new Set(tokensIn(source))] : [];
    if (!unfilled.length || r.decision === 'allowed') return out;
    // Values nobody gave: denied for sure only when no aws:SourceArn of the trust policy has this shape.
    const un = unifier(source!, kindOf);
    if (un && userSourceArns.some((v) => un.re.test(v))) {
      return {
        ...out,
        decision: 'depends' as Decision,
        reason: `depends on the value of ${unfilled.join(', ')}: give --set ${unfilled.map((n) => `${n}=…`).join(' --set ')} or --membership ARN`,
      };
    }
    return { ...out, decision: 'denied' as Decision, reason: `${out.reason}: no aws:SourceArn of the trust policy is ${source}` };
  };
  const scoped = trustIsScoped(t);
  const notes: string[] = [];
  const admits = sources.length ? sources.map((s) => evalOne(s)) : [evalOne(undefined)];
  let other: TrustCheck['other'];
  if (scoped) {
    const o = otherSource(sources);
    if (o) {
      const r = evalOne(o);
      other = {
        ...r,
        reason: r.decision === 'allowed' ? `${r.reason}: list only your collaboration's membership ARNs in aws:SourceArn (${CONFUSED_DEPUTY_PAGE})` : r.reason,
      };
    }
  } else {
    notes.push(`the documented trust policy of this role (${spec.trust}) has no source condition, so other sources are not checked`);
  }
  const ok = admits.every((a) => a.decision === 'allowed') && (other === undefined || other.decision === 'denied');
  return { checked: true, service: spec.service, admits, ...(other ? { other } : {}), ok, ...(notes.length ? { note: notes.join('; ') } : {}) };
}

function sitesOfPolicy(p: Policy): Site[] {
  return statementsOf(p)
    .filter((s) => s && typeof s === 'object' && s.Effect === 'Allow')
    .map(siteOf);
}

const CONFUSED_DEPUTY_PAGE = 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/cross-service-confused-deputy-prevention.html';

function trustReason(r: EvaluationResult, service: string): string {
  if (r.decision === 'denied' && r.denial === 'implicit') return `no statement lets ${service} assume the role for this source`;
  return r.reason;
}

// ---------- no new access / access not granted ----------

function renderedTemplatePolicy(v: RoleVariant, values: Record<string, string>): Policy {
  // Values nobody gave become "*" here, so an unknown value never makes the user's policy look broader.
  const fill = (x: unknown): unknown =>
    typeof x === 'string'
      ? fillTokens(x, values).replace(TOKEN_RE, '*')
      : Array.isArray(x)
        ? x.map(fill)
        : x && typeof x === 'object'
          ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k, fill(y)]))
          : x;
  const sts: Statement[] = [];
  for (const id of v.permissions) sts.push(...(templateStatements(mustTemplate(id)) as Statement[]));
  for (const o of v.optional ?? []) if (values[o.when] !== undefined) sts.push(...(templateStatements(mustTemplate(o.template)) as Statement[]));
  return { Statement: sts.map((s) => fill(s) as Statement) };
}

function probes(policy: Policy): Array<{ ref: StatementRef; action: string; resource: string }> {
  const out: Array<{ ref: StatementRef; action: string; resource: string }> = [];
  statementsOf(policy).forEach((s, index) => {
    if (!s || typeof s !== 'object' || s.Effect !== 'Allow') return;
    const ref: StatementRef = { index, ...(typeof s.Sid === 'string' ? { sid: s.Sid } : {}) };
    const actions = s.Action !== undefined ? list(s.Action) : ['*'];
    const resources = s.Resource !== undefined ? list(s.Resource) : ['*'];
    for (const action of actions) for (const resource of resources) out.push({ ref, action, resource });
  });
  return out;
}

/** Context keys that have one value in every request of the role that carries them (e.g. s3:ResourceAccount). */
function knownContext(requests: RequestCheck[]): Record<string, string[]> {
  const seen = new Map<string, Set<string>>();
  for (const q of requests) {
    for (const [k, vs] of Object.entries(q.context)) {
      const key = k.toLowerCase();
      const set = seen.get(key) ?? new Set<string>();
      for (const v of vs) set.add(v);
      seen.set(key, set);
    }
  }
  const out: Record<string, string[]> = {};
  for (const [k, set] of seen) if (set.size === 1 && !/[*<]/.test([...set][0])) out[k] = [...set];
  return out;
}

function broaderThan(user: Policy, template: Policy, known: Record<string, string[]>, iam: IamIndex | undefined): AccessFinding[] {
  const out: AccessFinding[] = [];
  const seen = new Set<string>();
  const templateActions = statementsOf(template).flatMap((s) => list(s.Action));
  const exact = new Set(templateActions.filter((a) => !/[*?]/.test(a)).map((a) => a.toLowerCase()));
  const patterns = templateActions.filter((a) => /[*?]/.test(a)).map((a) => compileGlob(a));
  const isNeeded = (a: string): boolean => exact.has(a.toLowerCase()) || patterns.some((pt) => matchPattern(pt, a, true));
  for (const p of probes(user)) {
    if (!appliesTo(iam, p.action, p.resource)) continue;
    const at = refText(p.ref);
    // With the context the role's requests carry: extra actions and wider resources.
    const req = { action: p.action, resource: p.resource, context: known };
    const u = evaluate(user, req);
    if (u.decision === 'denied') continue;
    const t = evaluate(template, req);
    let f: AccessFinding | undefined;
    const allows = u.decision === 'allowed' ? 'allows' : 'may allow';
    if (RANK[u.decision] > RANK[t.decision]) {
      const needed = templateActions.some((ta) => actionMatches(ta, p.action));
      if (!needed) {
        const examples = iam && /[*?]/.test(p.action) ? matchActions(iam, p.action).filter((a) => !isNeeded(a)) : [];
        const ex = examples.length ? ` (${examples.length} actions the role does not need, e.g. ${examples.slice(0, 3).join(', ')})` : '';
        f = {
          severity: 'warning',
          kind: 'action',
          statement: p.ref,
          action: p.action,
          resource: p.resource,
          decision: u.decision,
          message: `${at} ${allows} ${p.action}${ex}, which Clean Rooms does not need for this role`,
        };
      } else if (t.decision === 'depends') {
        f = {
          severity: 'info',
          kind: 'condition',
          statement: p.ref,
          action: p.action,
          resource: p.resource,
          decision: u.decision,
          message: `${at} allows ${p.action} on ${p.resource} without the condition on ${(t.dependsOn ?? []).join(', ')} that the documented policy has`,
        };
      } else {
        f = {
          severity: 'warning',
          kind: 'resource',
          statement: p.ref,
          action: p.action,
          resource: p.resource,
          decision: u.decision,
          message: `${at} ${allows} ${p.action} on ${p.resource}, wider than the documented policy`,
        };
      }
    } else {
      // Without any context: a condition the documented policy has and this one does not.
      const uo = evaluate(user, { action: p.action, resource: p.resource });
      const to = evaluate(template, { action: p.action, resource: p.resource });
      if (RANK[uo.decision] > RANK[to.decision] && to.decision === 'depends') {
        f = {
          severity: 'info',
          kind: 'condition',
          statement: p.ref,
          action: p.action,
          resource: p.resource,
          decision: uo.decision,
          message: `${at} allows ${p.action} on ${p.resource} without the condition on ${(to.dependsOn ?? []).join(', ')} that the documented policy has`,
        };
      }
    }
    if (!f) continue;
    const key = `${f.kind}|${p.ref.index}|${f.kind === 'action' ? p.action.toLowerCase() : p.action.toLowerCase() + '|' + p.resource}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

function forbiddenAllowed(user: Policy, deny: string[], iam: IamIndex | undefined): AccessFinding[] {
  const out: AccessFinding[] = [];
  const userActions = statementsOf(user).flatMap((s) => (s && typeof s === 'object' ? list(s.Action) : []));
  const resources = [...new Set(['*', ...statementsOf(user).flatMap((s) => (s && typeof s === 'object' ? list(s.Resource) : []))])];
  for (const f of deny) {
    const candidates = new Set<string>([f]);
    for (const a of userActions) if (!/[*?]/.test(a) && actionMatches(f, a)) candidates.add(a);
    if (iam && /[*?]/.test(f)) for (const a of matchActions(iam, f)) candidates.add(a);
    // One finding per statement that allows it (the most certain decision, then the first resource).
    const byStatement = new Map<number, AccessFinding>();
    for (const c of candidates) {
      for (const r of resources) {
        const res = evaluate(user, { action: c, resource: r });
        if (res.decision === 'denied' || !res.statement) continue;
        const have = byStatement.get(res.statement.index);
        if (have && !(have.decision === 'depends' && res.decision === 'allowed')) continue;
        byStatement.set(res.statement.index, {
          severity: 'warning',
          kind: 'forbidden',
          statement: res.statement,
          action: c,
          resource: r,
          decision: res.decision,
          message: `${refText(res.statement)} ${res.decision === 'allowed' ? 'allows' : 'may allow'} ${c}${c !== f ? ` (forbidden: ${f})` : ''} on ${r}, which the configuration forbids`,
        });
      }
    }
    out.push(...[...byStatement.values()].sort((a, b) => a.statement.index - b.statement.index));
  }
  return out;
}

// ---------- the check ----------

export function roleKinds(spec: RoleCheckSpec): (name: string) => string {
  const kinds = new Map<string, string>();
  for (const v of spec.variants) {
    for (const id of [...v.permissions, ...(v.optional ?? []).map((o) => o.template), spec.trust]) {
      for (const p of mustTemplate(id).placeholders) if (!kinds.has(p.name)) kinds.set(p.name, p.kind);
    }
  }
  return (n) => kinds.get(n) ?? 'text';
}

/** Every value name a role can take, over all its variants (for `--set` validation). */
export function roleValueNamesAll(spec: RoleCheckSpec): string[] {
  return [...new Set(spec.variants.flatMap((v) => roleValueNames(spec, v)))];
}

/** Validate given values: unknown names and invalid values are RoleCheckErrors. */
export function validateValues(spec: RoleCheckSpec, values: Record<string, string>): void {
  const names = roleValueNamesAll(spec);
  const kindOf = roleKinds(spec);
  for (const [n, v] of Object.entries(values)) {
    if (!names.includes(n)) throw new RoleCheckError(`"${n}" is not a value of role ${spec.role} (its values: ${names.join(', ')})`);
    const problem = placeholderKind(kindOf(n)).validate(v);
    if (problem) throw new RoleCheckError(`--set ${n}=${v}: ${problem}`);
  }
}

function checkVariant(spec: RoleCheckSpec, v: RoleVariant, input: RoleCheckInput, user: Policy, trust: Policy | undefined) {
  const given = input.values ?? {};
  const kindOf = roleKinds(spec);
  const templatePerms: Statement[] = [];
  for (const id of v.permissions) templatePerms.push(...(templateStatements(mustTemplate(id)) as Statement[]));
  for (const o of v.optional ?? []) templatePerms.push(...(templateStatements(mustTemplate(o.template)) as Statement[]));
  const inferredPerms = inferValues(templatePerms, statementsOf(user), given, kindOf);
  const known1 = { ...inferredPerms.values, ...given };
  const inferredTrust = trust
    ? inferValues(templateStatements(mustTemplate(spec.trust)), statementsOf(trust), known1, kindOf)
    : { values: {}, ambiguous: {} as Record<string, string[]> };
  const values: Record<string, string> = { ...inferredTrust.values, ...inferredPerms.values, ...given };
  const sources: RoleCheckResult['values'] = {};
  for (const [n, val] of Object.entries(values)) sources[n] = { value: val, source: n in given ? 'set' : 'inferred' };
  const ambiguous = { ...inferredTrust.ambiguous, ...inferredPerms.ambiguous };

  const seen = new Set<string>();
  const requests: RequestCheck[] = [];
  for (const r of variantRequests(v)) {
    if (r.when && values[r.when] === undefined) continue;
    const action = fillTokens(r.action, values);
    const resource = fillTokens(r.resource, values);
    const sampled = resource.replace(TOKEN_RE, (_t, n: string) => placeholderKind(kindOf(n)).sample);
    if (!appliesTo(input.iam, action, sampled)) continue;
    const key = `${action.toLowerCase()}|${resource}`;
    if (seen.has(key)) continue;
    seen.add(key);
    requests.push(checkRequest(user, r, values));
  }
  const used = new Set<string>();
  for (const id of [
    ...v.permissions,
    ...(trust ? [spec.trust] : []),
    ...(v.optional ?? []).filter((o) => values[o.when] !== undefined).map((o) => o.template),
  ]) {
    for (const p of mustTemplate(id).placeholders) used.add(p.name);
  }
  // Only the values that decide something: a request that is not allowed, or (with a trust policy) a source ARN.
  const matter = new Set<string>();
  for (const q of requests)
    if (q.decision !== 'allowed') for (const n of tokensIn(`${q.action} ${q.resource} ${Object.values(q.context).flat().join(' ')}`)) matter.add(n);
  if (trust) for (const src of documentedSources(templateStatements(mustTemplate(spec.trust)), values)) for (const n of tokensIn(src)) matter.add(n);
  const unknownValues = [...used]
    .filter((n) => values[n] === undefined && matter.has(n))
    .filter((n) => !(v.optional ?? []).some((o) => o.when === n))
    .map((n) => (ambiguous[n] ? { name: n, candidates: ambiguous[n] } : { name: n }));
  return { values, sources, unknownValues, requests };
}

export function checkRole(input: RoleCheckInput): RoleCheckResult {
  const spec = roleCheckSpec(input.role);
  if (!spec) throw new RoleCheckError(`"${input.role}" is not a service role in the catalog`);
  validateValues(spec, input.values ?? {});
  const user = typeof input.permissions === 'string' ? parsePolicyText(input.permissions, 'permissions policy') : input.permissions;
  const trust = typeof input.trust === 'string' ? parsePolicyText(input.trust, 'trust policy') : input.trust;
  let variants = spec.variants;
  if (input.variant !== undefined) {
    variants = spec.variants.filter((v) => v.id === input.variant);
    if (!variants.length)
      throw new RoleCheckError(`"${input.variant}" is not a variant of ${spec.role} (its variants: ${spec.variants.map((v) => v.id).join(', ')})`);
  }
  const tried = variants.map((v) => ({ v, r: checkVariant(spec, v, input, user, trust) }));
  const score = (x: (typeof tried)[number]) => x.r.requests.filter((q) => q.decision === 'allowed').length / Math.max(1, x.r.requests.length);
  const best = tried.reduce((a, b) => (score(b) > score(a) ? b : a));
  const { v, r } = best;
  const trustCheck = trust ? checkTrust(spec, trust, r.values, input.memberships ?? [], roleKinds(spec)) : undefined;
  const template = renderedTemplatePolicy(v, r.values);
  const known = knownContext(r.requests);
  const broader = broaderThan(user, template, known, input.iam);
  // A fix must not grant anything else beyond the documented policy.
  for (const q of r.requests) {
    const candidates = q.fixCandidates ?? [];
    delete q.fixCandidates;
    for (const f of candidates) {
      const edited = { ...user, Statement: statementsOf(user).map((x, k) => (k === f.statement ? { ...x, [f.element]: [...list(x[f.element]), f.add] } : x)) };
      if (broaderThan(edited, template, known, input.iam).length <= broader.length) {
        q.fix = f;
        q.missing = fixText(f, q.action, q.resource, statementsOf(user));
        break;
      }
    }
  }
  const forbidden = forbiddenAllowed(user, input.denyActions ?? [], input.iam);
  const denied = r.requests.filter((q) => q.decision === 'denied').length;
  const depends = r.requests.filter((q) => q.decision === 'depends').length;
  const ok = denied === 0 && depends === 0 && (trustCheck?.ok ?? true) && forbidden.length === 0;
  const title = roleById(spec.role)?.title ?? spec.role;
  return {
    role: spec.role,
    title,
    variant: v.id,
    values: r.sources,
    unknownValues: r.unknownValues,
    requests: r.requests,
    ...(trustCheck ? { trust: trustCheck } : {}),
    broader,
    forbidden,
    ok,
    summary: summaryText(r.requests.length, denied, depends, trustCheck, forbidden.length),
  };
}

export function summaryText(total: number, denied: number, depends: number, trust: TrustCheck | undefined, forbidden: number): string {
  const parts: string[] = [];
  if (denied) parts.push(`${denied} of ${total} requests denied`);
  if (depends) parts.push(`${depends} of ${total} requests depend on unknown values`);
  if (trust && !trust.ok) {
    if (trust.admits.some((a) => a.decision !== 'allowed')) parts.push('the trust policy does not admit the expected source');
    if (trust.other && trust.other.decision !== 'denied') parts.push('the trust policy admits another collaboration');
  }
  if (forbidden) parts.push(`${forbidden} forbidden action${forbidden === 1 ? '' : 's'} allowed`);
  return parts.length ? parts.join('; ') : `Clean Rooms can use this role: all ${total} requests allowed${trust ? ', trust policy checked' : ''}`;
}

/**
 * The requests of a role variant as the docs list them: `<placeholder>` tokens kept, the (action, resource) pairs the
 * Service Authorization Reference authorises (judged on the placeholders' sample values), each pair once.
 */
export function documentedRequests(spec: RoleCheckSpec, v: RoleVariant, iam: IamIndex | undefined): RoleRequest[] {
  const kindOf = roleKinds(spec);
  const seen = new Set<string>();
  const out: RoleRequest[] = [];
  for (const r of variantRequests(v)) {
    const sampled = r.resource.replace(TOKEN_RE, (_t, n: string) => placeholderKind(kindOf(n)).sample);
    if (!appliesTo(iam, r.action, sampled)) continue;
    const key = `${r.action.toLowerCase()}|${r.resource}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}
