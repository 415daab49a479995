// A template's body as JSON text with its `<name>` tokens: catalog data, used by the snippets (here) and by fill.
import { passRoleNote } from './pass-role';
import type { PolicyTemplate, RoleInfo } from './types';

/** The template body as formatted JSON text with `<name>` tokens (indent: 4 spaces, as the AWS pages print them). */
export function templateText(template: PolicyTemplate, indent: string | number = 4): string {
  return JSON.stringify(template.body, null, indent);
}

/**
 * A template's line where it is picked and in its snippet description: the description, then, for the trust and
 * permissions policies of a role the AWS managed policies pass, the role path and name they require.
 */
export function templateSummary(template: PolicyTemplate, roles: readonly RoleInfo[]): string {
  const kind = roles.find((r) => r.id === template.role)?.passRole;
  return kind && template.policyType !== 'statement' ? `${template.description} ${passRoleNote(kind)}` : template.description;
}
