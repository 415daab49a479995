// Rule family "grammar" (to be written).
import type { RuleFamily } from '../rule';

export const grammarRules: RuleFamily = {
  name: 'grammar',
  rules: [],
  check() {},
};
