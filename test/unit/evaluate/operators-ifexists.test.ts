import { runTable } from './helpers';
// IAM User Guide, "IAM JSON policy elements: Condition operators", ...IfExists condition operators.
runTable('IfExists operators', 'ec2:InstanceType', [
  ['StringLikeIfExists', 't1.*', undefined, true],
  ['StringLikeIfExists', 't1.*', 't1.micro', true],
  ['StringLikeIfExists', 't1.*', 'm1.small', false],
  ['StringEqualsIfExists', 'a', 'UNKNOWN', 'unknown'],
  ['StringNotEqualsIfExists', 'a', 'a', false],
  ['StringNotEqualsIfExists', 'a', undefined, true],
  ['ArnLikeIfExists', 'arn:aws:s3:::b', undefined, true],
  ['ArnLikeIfExists', 'arn:aws:s3:::b', 'arn:aws:s3:::c', false],
  ['NumericLessThanIfExists', '5', '9', false],
  ['NumericLessThanIfExists', '5', undefined, true],
  ['DateLessThanIfExists', '2020-01-01T00:00:00Z', undefined, true],
  ['IpAddressIfExists', '10.0.0.0/8', '11.0.0.1', false],
  ['ForAllValues:StringEqualsIfExists', ['a'], ['b'], false],
]);
