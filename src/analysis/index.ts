// Public API of the analysis engine.
export { analyze, classify, DEFAULT_MAX_LENGTH, type ParsedPolicy } from './analyze';
export { allRules, RULES_BY_ID } from './rules';
export type * from './types';
