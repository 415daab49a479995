import { runTable } from './helpers';
// IAM User Guide, "IAM JSON policy elements: Condition operators", Numeric condition operators.
runTable('Numeric operators', 's3:max-keys', [
  ['NumericEquals', '10', '10', true],
  ['NumericEquals', '10', '10.0', true],
  ['NumericEquals', '10', '11', false],
  ['NumericEquals', '10', 'ten', false],
  ['NumericNotEquals', '10', '10', false],
  ['NumericNotEquals', '10', '11', true],
  ['NumericNotEquals', '10', undefined, true],
  ['NumericLessThan', '10', '9', true],
  ['NumericLessThan', '10', '10', false],
  ['NumericLessThanEquals', '10', '10', true],
  ['NumericLessThanEquals', '10', '11', false],
  ['NumericGreaterThan', '10', '11', true],
  ['NumericGreaterThan', '10', '10', false],
  ['NumericGreaterThanEquals', '10', '10', true],
  ['NumericGreaterThanEquals', '10', '9', false],
  ['NumericLessThan', '10', undefined, false],
  ['NumericLessThan', '10', 'UNKNOWN', 'unknown'],
]);
