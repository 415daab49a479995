// Rule family "arn" (to be written).
import type { RuleFamily } from '../rule';

export const arnRules: RuleFamily = {
  name: 'arn',
  rules: [],
  check() {},
};
