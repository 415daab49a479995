// Public API of the analysis engine.
export { analyze, DEFAULT_MAX_LENGTH } from './analyze';
export { allRules, RULES_BY_ID } from './rules';
export type * from './types';
