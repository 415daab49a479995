// The role-check code lens: its title from a role check result. Pure (no vscode); the adapter places it on the
// policy's first line and runs "Check Role Against Clean Rooms…" (cleanroomsIam.checkRole) when it is clicked.
import type { RoleCheckResult } from '../../evaluate/role-check';

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
