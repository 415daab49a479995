// Rule family "iam-data" (to be written).
import type { RuleFamily } from '../rule';

export const iamDataRules: RuleFamily = {
  name: 'iam-data',
  rules: [],
  check() {},
};
