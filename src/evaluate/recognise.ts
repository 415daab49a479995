// Is this policy a Clean Rooms role, and which one? From the principal (trust policies), the actions (permissions
// policies) and the catalog. Pure; used by the editor to decide where a role-check code lens goes. A policy that is
// not recognised gets nothing (no lens, no diagnostic): recognition errs on the side of silence.
import { list } from './evaluate';
import { ROLE_CHECKS, variantRequests, type RoleCheckSpec } from '../catalog';
import type { Policy, Statement } from './evaluate';

export interface Recognised {
  policyType: 'trust' | 'permissions';
  /** Candidate role ids, best first (several when the policies are alike: the S3 write roles share one action set). */
  roles: string[];
  /** Why: the service principal, or the share of the role's actions the policy names. */
  reason: string;
}

function statementsOf(p: Policy): Statement[] {
  const st = p.Statement;
  return st === undefined ? [] : Array.isArray(st) ? st : [st];
}

/**
 * Evidence a permissions policy must give: a Jaccard similarity of its action names with the role's documented ones,
 * and a number of shared actions. Roles with few or generic actions (ECR pull, one secret, S3 only) fall below it on
 * purpose: they are recognised from their trust policy (the AWS managed policies corpus test keeps this honest).
 */
export const MIN_ACTION_SIMILARITY = 0.7;
export const MIN_SHARED_ACTIONS = 4;

const SOURCE_TYPES: Array<[RegExp, string]> = [
  [/:training-dataset\//, 'ml-training-data'],
  [/:configured-audience-model\//, 'ml-write-segment'],
  [/:audience-generation-job\//, 'ml-read-seed'],
];

function recogniseTrust(sts: Statement[]): Recognised | undefined {
  const services = new Set<string>();
  let sourceText = '';
  for (const s of sts) {
    if (!s || typeof s !== 'object' || s.Effect !== 'Allow') continue;
    if (!list(s.Action).some((a) => /^sts:assumerole$/i.test(a))) continue;
    const p = s.Principal as Record<string, unknown> | undefined;
    if (!p || typeof p !== 'object') continue;
    for (const svc of list(p.Service)) services.add(svc.toLowerCase());
    sourceText += JSON.stringify(s.Condition ?? {});
  }
  const specs = ROLE_CHECKS.filter((c) => services.has(c.service));
  if (!specs.length) return undefined;
  let roles = specs.map((c) => c.role);
  const byType = SOURCE_TYPES.find(([re]) => re.test(sourceText));
  if (byType && roles.includes(byType[1])) roles = [byType[1]];
  else if (/cleanrooms-ml\.amazonaws\.com/.test([...services].join()) && /:cleanrooms:[^"]*:membership\//.test(sourceText)) {
    roles = roles.filter((r) => r === 'ml-configuration');
  }
  return { policyType: 'trust', roles, reason: `trusts ${[...services].filter((s) => specs.some((c) => c.service === s)).join(', ')}` };
}

function roleActions(spec: RoleCheckSpec): Set<string>[] {
  return spec.variants.map((v) => new Set(variantRequests({ ...v, optional: [] }).map((r) => r.action.toLowerCase())));
}

function recognisePermissions(sts: Statement[]): Recognised | undefined {
  const actions = new Set<string>();
  for (const s of sts) {
    if (!s || typeof s !== 'object' || s.Effect !== 'Allow') continue;
    for (const a of list(s.Action)) if (!/[*?]/.test(a)) actions.add(a.toLowerCase());
  }
  if (!actions.size) return undefined;
  const scored = ROLE_CHECKS.map((spec) => {
    const best = Math.max(
      ...roleActions(spec).map((need) => {
        const both = [...need].filter((a) => actions.has(a)).length;
        return both < MIN_SHARED_ACTIONS ? 0 : both / new Set([...need, ...actions]).size;
      }),
    );
    // Shared actions must include one beyond Amazon S3: an S3-only policy is any bucket reader or writer, and
    // the S3-only roles are recognised from their trust policy instead.
    const distinctive = [...actions].some((a) => !a.startsWith('s3:') && roleActions(spec).some((need) => need.has(a)));
    return { role: spec.role, score: distinctive ? best : 0 };
  }).filter((x) => x.score >= MIN_ACTION_SIMILARITY);
  if (!scored.length) return undefined;
  scored.sort((a, b) => b.score - a.score);
  const top = scored[0].score;
  const roles = scored.filter((x) => x.score === top).map((x) => x.role);
  return { policyType: 'permissions', roles, reason: `names ${Math.round(top * 100)}% of the actions of the documented policy` };
}

/** Recognise a parsed policy as a Clean Rooms trust or permissions policy; undefined when it is neither. */
export function recogniseRole(policy: Policy): Recognised | undefined {
  const sts = statementsOf(policy);
  if (sts.some((s) => s && typeof s === 'object' && s.Principal !== undefined)) return recogniseTrust(sts);
  return recognisePermissions(sts);
}

/** The trust templates' service principals, for callers that want to know which principals count. */
export function cleanRoomsServices(): string[] {
  return [...new Set(ROLE_CHECKS.map((c) => c.service))];
}
