import { runTable } from './helpers';
// IAM User Guide, "IAM JSON policy elements: Condition operators", Amazon Resource Name (ARN) condition operators.
const M = 'arn:aws:cleanrooms:us-east-1:111122223333:membership/abc';
runTable('ARN operators', 'aws:SourceArn', [
  ['ArnEquals', M, M, true],
  ['ArnEquals', M, M + 'd', false],
  ['ArnLike', 'arn:aws:cleanrooms:us-east-1:111122223333:membership/*', M, true],
  ['ArnLike', 'arn:aws:cleanrooms:*:111122223333:membership/*', M, true],
  ['ArnLike', 'arn:aws:cleanrooms:us-east-?:111122223333:membership/abc', M, true],
  ['ArnLike', 'arn:aws:cleanrooms:us-west-2:111122223333:membership/*', M, false],
  ['ArnLike', 'arn:aws:cleanrooms:us-east-1:444455556666:membership/*', M, false],
  ['ArnLike', 'arn:aws:cleanrooms:us-east-1:111122223333:Membership/*', M, false],
  // a `*` inside one of the first five parts does not cross a colon
  ['ArnLike', 'arn:aws:*:111122223333:membership/abc', M, false],
  ['ArnLike', 'arn:aws:cleanrooms:us-east-1:111122223333:*', M, true],
  ['ArnLike', 'not-an-arn', M, false],
  ['ArnNotEquals', M, M, false],
  ['ArnNotEquals', M, 'arn:aws:cleanrooms:us-east-1:111122223333:membership/other', true],
  ['ArnNotLike', 'arn:aws:cleanrooms:*:*:membership/*', M, false],
  ['ArnNotLike', 'arn:aws:s3:::*', M, true],
  ['ArnNotLike', 'arn:aws:s3:::*', undefined, true],
  ['ArnLike', M, undefined, false],
  ['ArnLike', M, 'UNKNOWN', 'unknown'],
]);
