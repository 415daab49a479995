// A catalog role as infrastructure code writes it: one IAM role with its trust policy and its permissions policy
// inline (or, for the member role, a managed policy). The pairing of trust and permissions templates is the role
// check's (ROLE_CHECKS: the trust template it checks against, each variant's permissions templates), so the CloudFormation
// and Terraform renderings (infra-text.ts), their snippets and New Policy from Template… all build the same roles.
//
// Names: the role path and name are the ones the AWS managed policies let their users pass (pass-role.ts).
import { PASS_ROLE_RULES } from './pass-role';
import { ROLE_CHECKS, type RoleCheckSpec, type RoleVariant } from './role-requests';
import { ROLES, TEMPLATES } from './templates';
import type { PolicyTemplate, RoleInfo, TemplatePlaceholder } from './types';

const POLICY_VERSION = '2012-10-17';

export interface RoleStack {
  /** The role id, or `<role>-<variant>` for a role written in several ways (ml-read-seed-s3, ml-read-seed-sql). */
  id: string;
  role: RoleInfo;
  /** The role's title, with the variant's where there are several. */
  title: string;
  trust: PolicyTemplate;
  /** Permissions (and statement) templates whose statements make the one inline policy, in order. */
  permissions: PolicyTemplate[];
  /** Managed policies attached instead (the member role: the first the catalog lists, the least access). */
  managedPolicyArns: string[];
  roleName: string;
  /** The role path the managed policies can pass ('/' is IAM's default). */
  path: string;
  /** The inline policy's name (1-128 characters of [\w+=,.@-]). */
  policyName: string;
  /** CloudFormation logical id (alphanumeric): ReadDataS3Role. */
  logicalId: string;
  /** Terraform resource name: read_data_s3. */
  tfName: string;
}

function mustTemplate(id: string): PolicyTemplate {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`catalog: no template ${id}`);
  return t;
}

/** A role name the managed policies can pass (the rules of pass-role.ts; checked by fill/aws-commands validateRoleName in the tests). */
export function stackRoleName(role: RoleInfo, variant?: string): string {
  const rest = role.id.replace(/^(ml-|entity-resolution-)/, '') + (variant ? `-${variant}` : '');
  const ml = role.passRole === 'cleanrooms-ml' || (!role.passRole && role.id.startsWith('ml-'));
  const name =
    role.passRole === 'entityresolution' ? `entityresolution-${rest}` : ml ? `cleanrooms-ml-${rest}` : `cleanrooms-${role.id}${variant ? `-${variant}` : ''}`;
  return name.slice(0, 64);
}

const pascal = (id: string): string =>
  id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');

function build(role: RoleInfo, trust: PolicyTemplate, permissions: PolicyTemplate[], variant?: RoleVariant, several = false): RoleStack {
  const id = several && variant ? `${role.id}-${variant.id}` : role.id;
  const roleName = stackRoleName(role, several ? variant?.id : undefined);
  const managed = permissions.length ? [] : (trust.managedPolicies ?? []).slice(0, 1).map((m) => m.arn);
  return {
    id,
    role,
    title: several && variant ? `${role.title} (${variant.title})` : role.title,
    trust,
    permissions,
    managedPolicyArns: managed,
    roleName,
    path: role.passRole ? PASS_ROLE_RULES[role.passRole].path : '/',
    policyName: `${roleName}-permissions`.slice(0, 128),
    logicalId: `${pascal(id)}Role`,
    tfName: id.replace(/[^A-Za-z0-9]+/g, '_'),
  };
}

function specStacks(spec: RoleCheckSpec): RoleStack[] {
  const role = ROLES.find((r) => r.id === spec.role)!;
  const several = spec.variants.length > 1;
  return spec.variants.map((v) => build(role, mustTemplate(spec.trust), v.permissions.map(mustTemplate), v, several));
}

/**
 * Every catalog role as one stack: each service role of the role check (one per variant, with its documented trust
 * policy and permissions; optional statements left out), and each other role that has a trust template (the member role).
 */
export function roleStacks(): RoleStack[] {
  const out: RoleStack[] = [];
  for (const r of ROLES) {
    const spec = ROLE_CHECKS.find((c) => c.role === r.id);
    if (spec) {
      out.push(...specStacks(spec));
      continue;
    }
    const trust = TEMPLATES.find((t) => t.role === r.id && t.policyType === 'trust');
    const perms = TEMPLATES.filter((t) => t.role === r.id && t.policyType === 'permissions');
    if (trust) out.push(build(r, trust, perms.slice(0, 1)));
  }
  return out;
}

/**
 * The stack New Policy from Template… creates for a picked template: a trust template gives the role with that trust
 * policy; a permissions template its variant; an optional permissions or statement template (a KMS statement) the
 * variant with that statement added.
 */
export function stackForTemplate(templateId: string): RoleStack | undefined {
  const t = TEMPLATES.find((x) => x.id === templateId);
  if (!t) return undefined;
  const spec = ROLE_CHECKS.find((c) => c.role === t.role);
  if (!spec) return roleStacks().find((s) => s.role.id === t.role && (s.trust.id === t.id || s.permissions.includes(t)));
  const role = ROLES.find((r) => r.id === spec.role)!;
  const several = spec.variants.length > 1;
  if (t.policyType === 'trust') {
    const v = spec.variants[0];
    return build(role, t, v.permissions.map(mustTemplate), v, several);
  }
  const v = spec.variants.find((x) => x.permissions.includes(t.id)) ?? spec.variants.find((x) => x.optional?.some((o) => o.template === t.id));
  if (!v) return undefined;
  const perms = v.permissions.map(mustTemplate);
  return build(role, mustTemplate(spec.trust), v.permissions.includes(t.id) ? perms : [...perms, t], v, several);
}

type Json = Record<string, unknown>;

/** The statements of a template body (a statement template is one statement). */
function statementsOf(t: PolicyTemplate): unknown[] {
  if (t.policyType === 'statement') return [t.body];
  const st = (t.body as Json).Statement;
  return Array.isArray(st) ? st : st === undefined ? [] : [st];
}

/** The one inline permissions policy: the permissions templates' statements in order (undefined: none). */
export function stackPermissionsBody(stack: RoleStack): Json | undefined {
  if (!stack.permissions.length) return undefined;
  if (stack.permissions.length === 1 && stack.permissions[0].policyType === 'permissions') return stack.permissions[0].body as Json;
  return { Version: POLICY_VERSION, Statement: stack.permissions.flatMap(statementsOf) };
}

/** The placeholders of the whole stack, each name once (the trust policy's first), in order. */
export function stackPlaceholders(stack: RoleStack): TemplatePlaceholder[] {
  const out: TemplatePlaceholder[] = [];
  for (const t of [stack.trust, ...stack.permissions]) for (const p of t.placeholders) if (!out.some((x) => x.name === p.name)) out.push(p);
  return out;
}
