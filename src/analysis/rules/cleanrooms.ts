// Rule family "cleanrooms" (to be written).
import type { RuleFamily } from '../rule';

export const cleanroomsRules: RuleFamily = {
  name: 'cleanrooms',
  rules: [],
  check() {},
};
