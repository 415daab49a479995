import { runTable } from './helpers';
// IAM User Guide, "IAM JSON policy elements: Condition operators", Boolean condition operators.
runTable('Bool operator', 'aws:SecureTransport', [
  ['Bool', 'true', 'true', true],
  ['Bool', 'true', 'false', false],
  ['Bool', 'false', 'false', true],
  ['Bool', 'false', 'true', false],
  ['Bool', 'true', undefined, false],
  ['Bool', 'false', undefined, false],
  ['BoolIfExists', 'false', undefined, true],
  ['Bool', 'true', 'UNKNOWN', 'unknown'],
  ['Bool', true, 'true', true],
]);
