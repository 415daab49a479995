// cleanrooms-iam.json: the role check's configuration, read by the CLI (current directory) and the extension
// (workspace root). Pure: takes the file's text. Schema: schemas/cleanrooms-iam.schema.json.

export const ROLE_CONFIG_FILE = 'cleanrooms-iam.json';

/** An IAM action or action pattern (the schema's `denyActions` item pattern). */
export const ACTION_PATTERN = /^(\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+)$/;

export interface RoleConfig {
  /** Actions that must never be allowed (CheckAccessNotGranted). */
  denyActions: string[];
}

export function parseRoleConfig(text: string): RoleConfig | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { error: `not valid JSON (${(e as Error).message})` };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { error: 'must be a JSON object such as {"denyActions": ["s3:DeleteObject"]}' };
  const unknown = Object.keys(data).filter((k) => k !== 'denyActions' && k !== '$schema');
  if (unknown.length) return { error: `unknown setting ${unknown.map((k) => JSON.stringify(k)).join(', ')} (the file has "denyActions")` };
  const deny = (data as Record<string, unknown>).denyActions;
  if (deny === undefined) return { denyActions: [] };
  if (!Array.isArray(deny) || deny.some((a) => typeof a !== 'string' || !ACTION_PATTERN.test(a))) {
    return { error: '"denyActions" must be a list of IAM actions such as "s3:DeleteObject" or "s3:Delete*"' };
  }
  return { denyActions: deny as string[] };
}
