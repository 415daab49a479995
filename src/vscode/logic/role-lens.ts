// The role-check code lens: its title from a role check result, and the lens for a whole document. Pure (no
// vscode); the adapter places it on the policy's first line and runs "Check Role Against Clean Rooms…"
// (cleanroomsIam.checkRole) when it is clicked. Messages go through `t` (vscode.l10n.t in the adapter).
import type { Policy } from '../../evaluate/evaluate';
import { checkRole, parsePolicyText, type RoleCheckResult } from '../../evaluate/role-check';
import { recogniseRole } from '../../evaluate/recognise';
import type { IamIndex } from '../../iam-data/types';
import { englishT, type Translate } from './cli-commands';

export interface RoleLens {
  title: string;
  /** True when Clean Rooms can use the role as checked. */
  ok: boolean;
  tooltip: string;
}

export function roleLens(r: RoleCheckResult, t: Translate = englishT): RoleLens {
  const total = r.requests.length;
  const denied = r.requests.filter((q) => q.decision === 'denied').length;
  const depends = r.requests.filter((q) => q.decision === 'depends').length;
  const parts: string[] = [];
  if (denied) parts.push(t('{0} of {1} requests denied', denied, total));
  if (depends) parts.push(t('{0} of {1} requests depend on values not known', depends, total));
  if (r.trust && r.trust.admits.some((a) => a.decision !== 'allowed')) parts.push(t('trust does not admit the membership'));
  if (r.trust?.other && r.trust.other.decision !== 'denied') parts.push(t('trust admits another collaboration'));
  if (r.forbidden.length === 1) parts.push(t('1 forbidden action allowed'));
  else if (r.forbidden.length > 1) parts.push(t('{0} forbidden actions allowed', r.forbidden.length));
  if (!parts.length) return { title: t('Clean Rooms can use this role ✔'), ok: true, tooltip: `${r.title}: ${r.summary}` };
  return { title: parts.join(' · '), ok: false, tooltip: t('{0}: {1}. Click to see the request table.', r.title, r.summary) };
}

/** The lens for a policy recognised as several possible roles: ask which one. */
export function ambiguousRoleLens(roles: readonly string[], t: Translate = englishT): RoleLens {
  return {
    title: t('Check Role Against Clean Rooms… ({0})', roles.join(', ')),
    ok: false,
    tooltip: t('This policy matches more than one Clean Rooms role; pick one to check it.'),
  };
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
export function roleLensForDocument(
  text: string,
  options: { iam?: IamIndex; denyActions?: string[] } = {},
  t: Translate = englishT,
  /** The document's policy when it was read already (policyOfTree): the text is not parsed again. */
  parsed?: Policy,
): DocumentRoleLens | undefined {
  let policy = parsed;
  try {
    policy ??= parsePolicyText(text, 'policy');
  } catch {
    return undefined;
  }
  const rec = recogniseRole(policy);
  if (!rec) return undefined;
  if (rec.roles.length !== 1) return { ...ambiguousRoleLens(rec.roles, t), roles: rec.roles, policyType: rec.policyType };
  const role = rec.roles[0];
  if (rec.policyType === 'permissions') {
    const r = checkRole({ role, permissions: policy, ...(options.iam ? { iam: options.iam } : {}), denyActions: options.denyActions ?? [] });
    return { ...roleLens(r, t), roles: [role], policyType: 'permissions' };
  }
  const r = checkRole({ role, permissions: { Statement: [] }, trust: policy });
  const trust = r.trust!;
  const base = { roles: [role], policyType: 'trust' as const };
  if (trust.other && trust.other.decision !== 'denied') {
    return { title: t('Trust admits another collaboration'), ok: false, tooltip: `${r.title}: ${trust.other.reason}`, ...base };
  }
  const refused = trust.admits.find((a) => a.decision !== 'allowed');
  if (refused) return { title: t('Trust does not admit the membership'), ok: false, tooltip: `${r.title}: ${refused.reason}`, ...base };
  return {
    title: t('Clean Rooms can assume this role ✔'),
    ok: true,
    tooltip: `${r.title}: ${trust.note ?? t('the trust policy admits its memberships and no other collaboration')}`,
    ...base,
  };
}
