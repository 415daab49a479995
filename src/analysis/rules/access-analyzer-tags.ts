// Rule family "access-analyzer-tags": a global tag condition key (aws:ResourceTag/…, aws:RequestTag/…, aws:TagKeys) on
// the actions of a service that, by the Service Authorization Reference, supports it for none of them. For those
// actions the key is never in the request: a Deny then does not apply to them (Access Analyzer's security warnings
// DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE / DENY_NOTACTION_…), and an Allow never matches (the
// suggestions ALLOW_WITH_… / ALLOW_NOTACTION_…). Needs the IAM reference data; silent without it.
import { findAction, matchActions, type IamIndex } from '../../iam-data';
import { keyOf, properties, stringItems, valueOf } from '../json';
import { elide } from '../messages';
import type { StatementModel } from '../model';
import type { RuleContext, RuleFamily } from '../rule';
import type { RuleMeta } from '../types';
import { contentRange, touchesPlaceholder } from './util';
import { policy, allow } from './example-kit';

const CHECKS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';
const TAG_KEY = /^aws:(resourcetag|requesttag)\/.+$|^aws:tagkeys$/i;

/** The reference's spelling of a global tag key, as listed on the actions that support it. */
function templateOf(key: string): string {
  const l = key.toLowerCase();
  if (l.startsWith('aws:resourcetag/')) return 'aws:resourcetag/${tagkey}';
  if (l.startsWith('aws:requesttag/')) return 'aws:requesttag/${tagkey}';
  return 'aws:tagkeys';
}

export const accessAnalyzerTagRules = {
  name: 'access-analyzer-tags',
  rules: [
    {
      id: 'aa-tag-key-unsupported-deny',
      // Info, though Access Analyzer calls it a security warning: the reference data is all we know, and it lists no
      // tag keys for some forwarding actions (tag:TagResources in AWS's own AwsGlueSession… policies).
      severity: 'info',
      accessAnalyzer: 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
      title: 'Deny on a tag key some of its services ignore',
      description:
        "A Deny statement conditions on a global tag key (aws:ResourceTag/…, aws:RequestTag/…, aws:TagKeys) that, by the Service Authorization Reference, none of the statement's actions of some service support. For those actions the key is never in the request, so the Deny does not apply to them (Access Analyzer security warning; DENY_NOTACTION_… with NotAction). Deny those actions in a statement of their own, without the tag condition.",
      docUrl: `${CHECKS}#access-analyzer-reference-policy-checks-security-warning-deny-with-unsupported-tag-condition-key-for-service`,
      example: policy({
        Effect: 'Deny',
        Action: ['ec2:TerminateInstances', 'dax:DeleteCluster'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/Environment': 'production' } },
      }),
    },
    {
      id: 'aa-tag-key-unsupported-allow',
      severity: 'info',
      accessAnalyzer: 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
      title: 'Allow on a tag key some of its services ignore',
      description:
        "An Allow statement conditions on a global tag key that, by the Service Authorization Reference, none of the statement's actions of some service support, so for those actions the condition never matches and the statement grants nothing (Access Analyzer suggestion; ALLOW_NOTACTION_… with NotAction). Info: the reference data can lag behind the services.",
      docUrl: `${CHECKS}#access-analyzer-reference-policy-checks-suggestion-allow-with-unsupported-tag-condition-key-for-service`,
      example: policy(allow(['ec2:StartInstances', 'cloudshell:CreateSession'], '*', { Condition: { StringEquals: { 'aws:ResourceTag/Team': 'analytics' } } })),
    },
  ] as const satisfies readonly RuleMeta[],
  check(ctx) {
    const iam = ctx.options.iam;
    if (!iam) return;
    for (const st of ctx.model.statements) check(ctx, iam, st);
  },
} satisfies RuleFamily;

/** Services of the statement's actions (Action only: NotAction names what is excluded) -> the actions of each. */
function actionsByService(iam: IamIndex, st: StatementModel): Map<string, string[]> | undefined {
  const out = new Map<string, string[]>();
  for (const { value } of stringItems(st.action)) {
    if (value === '*' || value.includes('${') || /[<>{}]/.test(value)) return undefined; // every service, or unknown
    const colon = value.indexOf(':');
    if (colon <= 0 || /[*?]/.test(value.slice(0, colon))) return undefined;
    const names = /[*?]/.test(value) ? matchActions(iam, value) : findAction(iam, value) ? [value] : [];
    for (const a of names) {
      const sp = a.slice(0, a.indexOf(':')).toLowerCase();
      const list = out.get(sp) ?? [];
      list.push(a);
      out.set(sp, list);
    }
  }
  return out;
}

function supports(iam: IamIndex, action: string, template: string): boolean {
  const found = findAction(iam, action);
  if (!found) return true; // not judged
  const decoded = found.svc.actions[found.position];
  return decoded.ck.some((k) => found.svc.conditionKeys[k].key.toLowerCase() === template);
}

function check(ctx: RuleContext, iam: IamIndex, st: StatementModel): void {
  if (st.condition?.type !== 'object' || st.effect?.type !== 'string') return;
  const deny = st.effect.value === 'Deny';
  if (!deny && st.effect.value !== 'Allow') return;
  if (st.notAction) {
    notAction(ctx, iam, st, deny);
    return;
  }
  if (!st.action) return;
  const byService = actionsByService(iam, st);
  if (!byService?.size) return;
  for (const [, block] of properties(st.condition)) {
    const b = valueOf(block);
    if (b?.type !== 'object') continue;
    for (const [key, kp] of properties(b)) {
      if (!TAG_KEY.test(key)) continue;
      const template = templateOf(key);
      const ignoring = [...byService].filter(([, actions]) => !actions.some((a) => supports(iam, a, template))).map(([sp]) => sp);
      if (!ignoring.length) continue;
      const r = contentRange(keyOf(kp));
      if (touchesPlaceholder(ctx, r.offset, r.length)) continue;
      const services = ignoring.slice(0, 4).join(', ') + (ignoring.length > 4 ? ` and ${ignoring.length - 4} more` : '');
      if (deny) {
        ctx.report(
          'aa-tag-key-unsupported-deny',
          r.offset,
          r.length,
          `By the Service Authorization Reference, the actions of ${services} in this statement do not support ${elide(key)}: the key is never in their requests, so this Deny does not apply to them. Deny them in a statement of their own, without the tag condition.`,
        );
      } else {
        ctx.report(
          'aa-tag-key-unsupported-allow',
          r.offset,
          r.length,
          `By the Service Authorization Reference, the actions of ${services} in this statement do not support ${elide(key)}, so for them the condition never matches and this Allow grants nothing. Move them to a statement without the tag condition.`,
        );
      }
    }
  }
}

/** Services that support the key on none of their actions (for the NotAction message), cached per index. */
const IGNORING = new WeakMap<IamIndex, Map<string, string[]>>();
function servicesIgnoring(iam: IamIndex, template: string): string[] {
  let byTemplate = IGNORING.get(iam);
  if (!byTemplate) IGNORING.set(iam, (byTemplate = new Map<string, string[]>()));
  let list = byTemplate.get(template);
  if (!list) {
    const all = matchActions(iam, '*');
    const supported = new Set<string>();
    for (const a of all) if (supports(iam, a, template)) supported.add(a.slice(0, a.indexOf(':')));
    list = [...new Set(all.map((a) => a.slice(0, a.indexOf(':'))))].filter((sp) => !supported.has(sp));
    byTemplate.set(template, list);
  }
  return list;
}

/** NotAction: the statement covers every action not listed, of every service, including services that ignore the key. */
function notAction(ctx: RuleContext, iam: IamIndex, st: StatementModel, deny: boolean): void {
  const excluded = new Set(stringItems(st.notAction).map((i) => i.value.slice(0, Math.max(0, i.value.indexOf(':'))).toLowerCase()));
  for (const [, block] of properties(st.condition)) {
    const b = valueOf(block);
    if (b?.type !== 'object') continue;
    for (const [key, kp] of properties(b)) {
      if (!TAG_KEY.test(key)) continue;
      const ignoring = servicesIgnoring(iam, templateOf(key)).filter((sp) => !excluded.has(sp));
      if (!ignoring.length) continue;
      const r = contentRange(keyOf(kp));
      if (touchesPlaceholder(ctx, r.offset, r.length)) continue;
      const eg = `${ignoring.length} services, e.g. ${ignoring.slice(0, 3).join(', ')}`;
      if (deny) {
        ctx.report(
          'aa-tag-key-unsupported-deny',
          r.offset,
          r.length,
          `With NotAction this Deny covers every other action, including those of ${eg}, which by the Service Authorization Reference do not support ${elide(key)}: for them the key is never in the request, so the Deny does not apply. Deny them in a statement of their own, without the tag condition.`,
        );
      } else {
        ctx.report(
          'aa-tag-key-unsupported-allow',
          r.offset,
          r.length,
          `With NotAction this Allow covers every other action, including those of ${eg}, which by the Service Authorization Reference do not support ${elide(key)}: for them the condition never matches.`,
        );
      }
    }
  }
}
