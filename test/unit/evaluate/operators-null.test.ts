import { runTable } from './helpers';
// IAM User Guide, "IAM JSON policy elements: Condition operators", Condition operator to check existence of condition keys.
runTable('Null operator', 'aws:TokenIssueTime', [
  ['Null', 'true', undefined, true],
  ['Null', 'true', '2020-01-01T00:00:00Z', false],
  ['Null', 'false', '2020-01-01T00:00:00Z', true],
  ['Null', 'false', undefined, false],
  ['Null', 'true', 'UNKNOWN', 'unknown'],
  ['Null', true, undefined, true],
  ['Null', 'true', [], true],
  // NULL_WITH_QUALIFIER: ForAllValues:Null is always true, ForAnyValue:Null always false
  ['ForAllValues:Null', 'false', undefined, true],
  ['ForAnyValue:Null', 'true', undefined, false],
]);
