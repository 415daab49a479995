// Policy ARN vs ARN template (src/iam-data/arn-match.ts), one row per boundary: what each wildcard, placeholder and
// policy variable of a policy ARN may stand for, what each ${…} part of a template may stand for, and where the
// literal characters stay literal (an unclosed ${, <> with nothing inside, a single {).
import { strict as assert } from 'node:assert';
import { arnMatchesTemplate } from '../../src/iam-data/arn-match';

const OBJECT = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
const BUCKET = 'arn:${Partition}:s3:::${BucketName}';
const TABLE = 'arn:${Partition}:glue:${Region}:${Account}:table/${DatabaseName}/${TableName}';
const LITERAL = 'arn:aws:s3:::b';

describe('iam-data: ARN vs template, boundaries', () => {
  const cases: Array<[string, string, boolean, string]> = [
    ['arn:aws:s3:::b/k', OBJECT, true, 'an object ARN'],
    ['arn:aws:s3:::b', OBJECT, false, 'a bucket is not an object'],
    ['arn:aws:s3:::b/', OBJECT, false, '${ObjectName} is at least one character'],
    ['arn:aws:s3:::/k', OBJECT, false, '${BucketName} is at least one character'],
    ['arn:aws:s3:::b?k', OBJECT, true, '? may be the /'],
    ['arn:aws:s3:::b?', OBJECT, false, '? is exactly one character'],
    ['arn:aws:s3:::b??', OBJECT, true, 'two ? are two characters'],
    ['ARN:AWS:S3:::B/K', OBJECT, true, 'letters compare case-insensitively (A)'],
    ['arn:aws:Z:::x', 'arn:${Partition}:z:::x', true, 'letters compare case-insensitively (Z)'],
    ['arn:aws:s3:::[', 'arn:${Partition}:s3:::{', false, '[ is not a letter (it is not {)'],
    ['arn:aws:s3:::@', 'arn:${Partition}:s3:::`', false, '@ is not a letter (it is not `)'],
    ['arn:aws:glue:us-east-1:111122223333:table/db/t', TABLE, true, 'a Glue table ARN'],
    ['arn:aws:glue:us-east-1:111:22:table/db/t', TABLE, false, '${Account} stays inside its field'],
    ['arn:aws:glue:us:east:1:111122223333:table/db/t', TABLE, false, '${Region} stays inside its field'],
    ['arn::s3:::b', BUCKET, true, '${Partition} may be empty'],
    ['arn:aws:glue:*:*:table/db/t', TABLE, true, '* in the Region and account fields'],
    ['arn:aws:glue:us-east-1:*', TABLE, true, '* covers colons and slashes'],
    ['arn:aws:s3:::b*', LITERAL, true, 'a trailing * may be empty'],
    ['*', LITERAL, true, '* alone'],
    ['arn:aws:s3:::b/${aws:username}', OBJECT, true, 'a policy variable is a run'],
    ['arn:aws:s3:::b${aws:username}', LITERAL, true, 'a policy variable may be empty'],
    ['arn:aws:s3:::b${x', LITERAL, false, 'an unclosed ${ is literal'],
    ['arn:aws:s3:::b$', LITERAL, false, 'a $ alone is literal'],
    ['arn:aws:s3:::b$x}', 'arn:aws:s3:::b$x}', true, '$ without { is literal, and so is }'],
    ['arn:aws:s3:::<bucket>', LITERAL, true, 'a <placeholder> is a run'],
    ['arn:aws:s3:::b<>', LITERAL, false, '<> with nothing inside is literal'],
    ['arn:aws:s3:::b<', LITERAL, false, 'an unclosed < is literal'],
    ['arn:aws:s3:::b<>', 'arn:aws:s3:::b<>', true, '<> matches itself'],
    ['arn:aws:s3:::{{resolve:x}}', LITERAL, true, 'a {{…}} reference is a run'],
    ['arn:aws:s3:::b{{x}}y', 'arn:aws:s3:::by', true, 'both closing braces of {{…}} are skipped'],
    ['arn:aws:s3:::b{{x', LITERAL, false, 'an unclosed {{ is literal'],
    ['arn:aws:s3:::{x}', LITERAL, false, 'a single { is literal'],
    ['arn:aws:s3:::{x}', 'arn:aws:s3:::{x}', true, 'a single { matches itself'],
    ['${a}${b}', 'x', true, 'two policy variables in a row (each finds its own })'],
    ['${ab}', 'x', true, 'a policy variable ends at its own }'],
    ['<a><b>x', 'x', true, 'two placeholders in a row'],
    ['{{a}}{{b}}x', 'x', true, 'two references in a row'],
    ['arn:aws:s3:::abc', 'arn:aws:s3:::*', true, 'a * in the template is a run'],
    ['arn:aws:s3:::abc', 'arn:aws:s3:::${x', false, 'an unclosed ${ in the template is literal'],
    ['arn:aws:s3:::${x', 'arn:aws:s3:::${x', true, 'an unclosed ${ matches itself'],
    ['arn:aws:s3:::a', 'arn:aws:s3:::${Name}', true, 'a ${Name} of one character'],
    ['arn:aws:s3:::', 'arn:aws:s3:::${Name}', false, 'a ${Name} is never empty'],
    ['arn:aws:s3:us-east-1:111122223333:x', 'arn:aws:s3:${Region}${Account}:x', false, 'two field variables in a row are still one field'],
    ['arn:aws:s3:::a:b', 'arn:aws:s3:::${Name}', true, 'a ${Name} may hold a colon'],
    ['arn:aws:s3:a:b::x', 'arn:aws:s3:*${Region}::x', true, 'a * before a field variable may hold a colon'],
    ['arn:aws:s3:::b$x}', LITERAL, false, '$ without { starts no variable, even with a } later'],
    ['arn:aws:s3:::b{x}}', LITERAL, false, 'a single { starts no reference, even with }} later'],
    ['arn:aws:s3:::bx{{y}}', LITERAL, false, 'the character before a {{reference}} stays literal'],
    ['arn:aws:s3:::b{{x', 'arn:aws:s3:::b{{x', true, 'an unclosed {{ matches itself'],
    ['arn:aws:s3:::b{{x', 'arn:aws:s3:::b{x', false, 'an unclosed {{ keeps both braces'],
    ['arn:aws:s3:::b<x', 'arn:aws:s3:::b<x', true, 'an unclosed < matches itself'],
    ['arn:aws:s3:::b<x', 'arn:aws:s3:::bx', false, 'an unclosed < keeps its <'],
    ['arn:aws:s3:::b${x', 'arn:aws:s3:::b{x', false, 'an unclosed ${ keeps its $'],
    ['arn:aws:s3:::zzz', 'arn:aws:s3:::a{b}', false, 'a { in the template without $ is literal'],
    ['arn:aws:s3:::q', 'arn:aws:s3:::$x}', false, 'a $ in the template without { is literal'],
    ['arn:aws:logs:us-east-1:111122223333:x', 'arn:${Partition}:logs:${Region}:${Account}*', true, 'a * right after a field variable'],
    ['arn:aws:s3:::ab', 'arn:aws:s3:::a', false, 'a policy ARN longer than the template'],
    ['arn:aws:s3:::abab', 'arn:aws:s3:::ab', false, 'a policy ARN that repeats the template'],
    ['arn:aws:s3:::bxyarn:aws:s3:::b', LITERAL, false, 'the template, two characters and the template again'],
  ];
  for (const [arn, template, want, what] of cases) {
    it(`${want ? 'overlaps' : 'does not overlap'}: ${what}`, () => assert.equal(arnMatchesTemplate(arn, template), want, `${arn} vs ${template}`));
  }
});
