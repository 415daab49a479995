// Every documented AWS Clean Rooms trust and permissions policy, as data.
// The templates live in src/catalog/templates/*.ts, one file per AWS page family; this module is the public list.
import type { PolicyTemplate, RoleInfo } from './types';
import { SETUP_ROLES, SETUP_TEMPLATES } from './templates/setup';
import { ML_ROLE_INFOS, ML_TEMPLATES } from './templates/ml';
import { ER_ROLE_INFOS, ER_TEMPLATES } from './templates/entity-resolution';

export const ROLES: RoleInfo[] = [...SETUP_ROLES, ...ML_ROLE_INFOS, ...ER_ROLE_INFOS];

export const TEMPLATES: PolicyTemplate[] = [...SETUP_TEMPLATES, ...ML_TEMPLATES, ...ER_TEMPLATES];
