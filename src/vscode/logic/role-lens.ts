// The role-check code lens: its title from a role check result. Pure (no vscode); the adapter places it on the
// policy's first line and runs "Check Role Against Clean Rooms…" (cleanroomsIam.checkRole) when it is clicked.
import { checkRole, parsePolicyText, type RoleCheckResult } from '../../evaluate/role-check';
import { recogniseRole } from '../../evaluate/recognise';
import type { IamIndex } from '../../iam-data/types';

export interface RoleLens {
  title: string;
  /** True when Clean Rooms can use the role as checked. */
  ok: boolean;
  tooltip: string;
}

export function roleLens(r: RoleCheckResult): RoleLens {
  const total = r.requests.length;
  const denied = r.requests.filter((q) => q.decision === 'denied').length;
  const depends = r.requests.filter((q) => q.decision === 'depends').length;
  const parts: string[] = [];
  if (denied) parts.push(`${denied} of ${total} requests denied`);
  if (depends) parts.push(`${depends} of ${total} depend on values not known`);
  if (r.trust && r.trust.admits.some((a) => a.decision !== 'allowed')) parts.push('trust does not admit the membership');
  if (r.trust?.other && r.trust.other.decision !== 'denied') parts.push('trust admits another collaboration');
  if (r.forbidden.length) parts.push(`${r.forbidden.length} forbidden action${r.forbidden.length === 1 ? '' : 's'} allowed`);
  if (!parts.length) return { title: 'Clean Rooms can use this role ✔', ok: true, tooltip: `${r.title}: ${r.summary}` };
  return { title: parts.join(' · '), ok: false, tooltip: `${r.title}: ${r.summary}. Click to see the request table.` };
}

/** The lens for a policy recognised as several possible roles: ask which one. */
export function ambiguousRoleLens(roles: readonly string[]): RoleLens {
  return { title: `Check Role Against Clean Rooms… (${roles.join(' or ')})`, ok: false, tooltip: 'This policy matches more than one Clean Rooms role; pick one to check it.' };
}


export interface DocumentRoleLens extends RoleLens {
  /** The recognised role(s); one when the lens shows a check result. */
  roles: string[];
  policyType: 'trust' | 'permissions';
}

/**
 * The lens for an open document: undefined when it is not recognised as a Clean Rooms role (nothing is shown then).
 * A permissions policy is checked alone (values inferred from it); a trust policy is checked for its sources only.
 */
export function roleLensForDocument(text: string, options: { iam?: IamIndex; denyActions?: string[] } = {}): DocumentRoleLens | undefined {
  let policy;
  try {
    policy = parsePolicyText(text, 'policy');
  } catch {
    return undefined;
  }
  const rec = recogniseRole(policy);
  if (!rec) return undefined;
  if (rec.roles.length !== 1) return { ...ambiguousRoleLens(rec.roles), roles: rec.roles, policyType: rec.policyType };
  const role = rec.roles[0]!;
  if (rec.policyType === 'permissions') {
    const r = checkRole({ role, permissions: text, ...(options.iam ? { iam: options.iam } : {}), denyActions: options.denyActions ?? [] });
    return { ...roleLens(r), roles: [role], policyType: 'permissions' };
  }
  const r = checkRole({ role, permissions: '{"Statement": []}', trust: text });
  const t = r.trust!;
  if (t.other && t.other.decision !== 'denied') {
    return { title: 'Trust admits another collaboration', ok: false, tooltip: `${r.title}: ${t.other.reason}`, roles: [role], policyType: 'trust' };
  }
  if (t.admits.some((a) => a.decision !== 'allowed')) {
    return { title: 'Trust does not admit the membership', ok: false, tooltip: `${r.title}: ${t.admits.find((a) => a.decision !== 'allowed')!.reason}`, roles: [role], policyType: 'trust' };
  }
  return { title: 'Clean Rooms can assume this role ✔', ok: true, tooltip: `${r.title}: ${t.note ?? 'the trust policy admits its memberships and no other collaboration'}`, roles: [role], policyType: 'trust' };
}
