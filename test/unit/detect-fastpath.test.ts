// The fast path of placeholder detection (src/analysis/placeholder-detect.ts scanString/scanArn): cheap pre-checks must never
// drop a placeholder the exact detectors find, and escaped strings stay skipped.
import assert from 'node:assert/strict';
import { findPlaceholders } from '../../src/fill/detect';

const found = (text: string) => findPlaceholders(text).map((o) => [o.source, o.key, text.slice(o.offset, o.offset + o.length)]);

describe('placeholder detection fast path', () => {
  it('finds example values only with their literal markers, with exact ranges', () => {
    const text =
      '{"Statement":[{"Resource":"arn:aws:cleanrooms:us-east-1:555555555555:membership/a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa","B":"amzn-s3-demo-bucket1"}]}';
    assert.deepEqual(found(text), [
      ['example-value', '555555555555', '555555555555'],
      ['example-value', 'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa', 'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa'],
      ['example-value', 'amzn-s3-demo-bucket1', 'amzn-s3-demo-bucket1'],
    ]);
    // "EXAMPLE" without the UUID shape, and a 13-digit number containing an example ID, are not placeholders.
    assert.deepEqual(found('{"Statement":[{"Sid":"EXAMPLE","X":"1111222233334"}]}'), []);
  });

  it('splits ARN resources on both / and : and skips empty and * segments', () => {
    const text =
      '{"Statement":[{"Resource":["arn:aws:glue:aws-region:accountId:table/databaseName/tableName","arn:aws:secretsmanager:us-east-1:210987654321:secret:databaseName:*","arn:aws:glue:us-east-1:210987654321:database//"]}]}';
    assert.deepEqual(found(text), [
      ['bare-name', 'aws-region', 'aws-region'],
      ['bare-name', 'accountId', 'accountId'],
      ['bare-name', 'databaseName', 'databaseName'],
      ['bare-name', 'tableName', 'tableName'],
      ['bare-name', 'databaseName', 'databaseName'],
    ]);
  });

  it('finds S3 bucket and prefix names; a long segment is never a bare name', () => {
    const text =
      '{"Statement":[{"Resource":["arn:aws:s3:::bucket_name/optional_key_prefix/*","arn:aws:s3:::bucket_name_that_is_much_longer_than_any_placeholder_name/x"]}]}';
    assert.deepEqual(found(text), [
      ['bare-name', 'bucket_name', 'bucket_name'],
      ['bare-name', 'optional_key_prefix', 'optional_key_prefix'],
    ]);
  });

  it('scans strings with escapes on the decoded value, with ranges over the escape sequences (issue 12 item 10); skips unterminated ones', () => {
    // Was "skipped (ranges would not be exact)": the ranges are exact now, covering the escapes each hit came from.
    assert.deepEqual(found('{"Statement":[{"Resource":"arn:aws:s3:::\\u0062ucket/<prefix>"}]}'), [
      ['bare-name', '\\u0062ucket', '\\u0062ucket'],
      ['token', '<prefix>', '<prefix>'],
    ]);
    // Unterminated string whose one escape makes raw and decoded lengths line up: still skipped.
    assert.deepEqual(found('{"Statement":[{"Sid":"a\\n<region>'), []);
  });

  it('finds tokens, braces and whole-value bare names', () => {
    const text = '{"Statement":[{"Resource":"arn:aws:s3:::<bucket>/{{prefix}}/*","Condition":{"StringEquals":{"aws:SourceAccount":"accountId"}}}]}';
    assert.deepEqual(found(text), [
      ['token', '<bucket>', '<bucket>'],
      ['braces', '{{prefix}}', '{{prefix}}'],
      ['bare-name', 'accountId', 'accountId'],
    ]);
  });
});
