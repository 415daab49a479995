// Public API of the catalog: the single source of truth for templates, roles, placeholder kinds and regions.
export * from './types';
export { ROLES, TEMPLATES } from './templates';
export { PLACEHOLDER_KINDS, OPTIONAL_PATH_KINDS, placeholderKind, kindForName } from './placeholder-kinds';
export * from './regions';
import { TEMPLATES, ROLES } from './templates';
export function templateById(id: string) {
  return TEMPLATES.find((t) => t.id === id);
}
export function roleById(id: string) {
  return ROLES.find((r) => r.id === id);
}
export * from './role-requests';
export { fillTokens, hasToken, tokensIn } from './placeholder-syntax';
