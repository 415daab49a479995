import { runTable } from './helpers';
// IAM User Guide, "IAM JSON policy elements: Condition operators", Date condition operators (ISO 8601 or epoch seconds).
runTable('Date operators', 'aws:CurrentTime', [
  ['DateEquals', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', true],
  ['DateEquals', '2020-01-01T00:00:00Z', '1577836800', true],
  ['DateEquals', '2020-01-01T00:00:00Z', '2020-01-01T00:00:01Z', false],
  ['DateNotEquals', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', false],
  ['DateNotEquals', '2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z', true],
  ['DateLessThan', '2020-01-01T00:00:00Z', '2019-12-31T23:59:59Z', true],
  ['DateLessThan', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', false],
  ['DateLessThanEquals', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', true],
  ['DateLessThanEquals', '2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z', false],
  ['DateGreaterThan', '2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z', true],
  ['DateGreaterThan', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', false],
  ['DateGreaterThanEquals', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', true],
  ['DateGreaterThanEquals', '2020-01-01T00:00:00Z', '2019-01-01T00:00:00Z', false],
  ['DateLessThan', '2020-01-01T00:00:00Z', 'not a date', false],
  ['DateLessThan', '2020-01-01T00:00:00Z', undefined, false],
]);
