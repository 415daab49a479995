import { runTable } from './helpers';
// IAM User Guide, "Set operators for multivalued context keys" (ForAllValues / ForAnyValue).
runTable('Set operators', 'aws:TagKeys', [
  ['ForAllValues:StringEquals', ['a', 'b'], ['a'], true],
  ['ForAllValues:StringEquals', ['a', 'b'], ['a', 'b'], true],
  ['ForAllValues:StringEquals', ['a', 'b'], ['a', 'c'], false],
  ['ForAllValues:StringEquals', ['a', 'b'], undefined, true],
  ['ForAllValues:StringEquals', ['a', 'b'], [], true],
  ['ForAnyValue:StringEquals', ['a', 'b'], ['c', 'b'], true],
  ['ForAnyValue:StringEquals', ['a', 'b'], ['c', 'd'], false],
  ['ForAnyValue:StringEquals', ['a', 'b'], undefined, false],
  ['ForAllValues:StringNotEquals', ['a'], ['b', 'c'], true],
  ['ForAllValues:StringNotEquals', ['a'], ['b', 'a'], false],
  ['ForAnyValue:StringNotEquals', ['a'], ['a', 'b'], true],
  ['ForAnyValue:StringNotEquals', ['a'], ['a'], false],
  ['ForAllValues:StringLike', ['team-*'], ['team-a', 'team-b'], true],
  ['ForAllValues:StringLike', ['team-*'], ['team-a', 'x'], false],
  ['ForAnyValue:ArnEquals', ['arn:aws:cleanrooms:us-east-1:111122223333:membership/m'], ['arn:aws:cleanrooms:us-east-1:111122223333:membership/m'], true],
  ['ForAnyValue:StringEquals', ['a'], 'UNKNOWN', 'unknown'],
  ['forallvalues:stringequals', ['a'], ['a'], true],
]);
