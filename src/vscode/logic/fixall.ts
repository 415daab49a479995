// Fix All moved to the core (src/fill/fixall.ts) so the CLI's `lint --fix` and the extension run the same code;
// this re-export keeps the adapter's imports stable.
export { isPreferredFix, planFixAll, fixAllText, minimalEdit, type FixAllPlan, type FixAllResult } from '../../fill/fixall';
