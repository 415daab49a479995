// The placeholders rule family (src/analysis/rules/placeholders.ts) and the detector it reads
// (src/analysis/placeholder-detect.ts).
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis';
import type { Finding } from '../../src/analysis/types';
import { findPlaceholders } from '../../src/analysis/placeholder-detect';
import { loadTestIamIndex } from './helpers/iam';
import { j } from './helpers/rules';

const at = (text: string, o: { offset: number; length: number }) => text.substr(o.offset, o.length);
const iam = loadTestIamIndex();
const policy = (statement: object): string => j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] });
const run = (text: string): Array<{ rule: string; severity: string; under: string }> =>
  analyze(text, { iam }).findings.map((f: Finding) => ({ rule: f.rule, severity: f.severity, under: text.substr(f.offset, f.length) }));

describe('rules: placeholders', () => {
  it('flags <tokens> as errors on exactly the token, with a fill reference', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::<bucket>/*"}]}';
    const f = analyze(text).findings.filter((x) => x.rule === 'placeholder-token');
    assert.equal(f.length, 1);
    assert.equal(at(text, f[0]), '<bucket>');
    assert.equal(f[0].severity, 'error');
    assert.deepEqual(f[0].placeholder, { name: 'bucket', kind: 'bucket', raw: '<bucket>' });
    assert.match(f[0].message, /S3 bucket name/);
    assert.match(f[0].docUrl, /^https:\/\/docs\.aws\.amazon\.com\//);
  });

  it('flags the seed page bare names as warnings', () => {
    const text =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"glue:GetTable","Resource":"arn:aws:glue:aws-region:accountId:table/table"}]}';
    const f = analyze(text).findings.filter((x) => x.rule === 'placeholder-bare-name');
    assert.deepEqual(
      f.map((x) => at(text, x)),
      ['aws-region', 'accountId', 'table'],
    );
    assert.ok(f.every((x) => x.severity === 'warning'));
    // table/table lacks the database too (issue 14 item 2): the table's message says so, the others do not.
    assert.match(f[2].message, /A Glue table ARN is table\/<database>\/<table>/);
    assert.doesNotMatch(f[0].message + f[1].message, /table\/<database>/);
  });

  it('flags AWS example values as warnings', () => {
    const text =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cleanrooms.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"ForAnyValue:ArnEquals":{"aws:SourceArn":"arn:aws:cleanrooms:us-east-1:555555555555:membership/a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa"}}}]}';
    const f = analyze(text).findings.filter((x) => x.rule === 'placeholder-example-value');
    assert.deepEqual(
      f.map((x) => at(text, x)),
      ['555555555555', 'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa'],
    );
  });

  it('stays quiet on real values and policy variables', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-data/home/${aws:username}/*"}]}';
    assert.deepEqual(
      analyze(text).findings.filter((x) => x.rule.startsWith('placeholder')),
      [],
    );
  });
});

describe('boundaries: doc-example bucket names, dots included', () => {
  for (const bucket of ['amzn-s3-demo-bucket', 'amzn-s3-demo-bucket.example', 'amzn-s3-demo-source-bucket.logs.2026']) {
    it(`${bucket} is one example value, whole`, () => {
      const text = policy({ Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` });
      assert.deepEqual(
        run(text)
          .filter((f) => f.rule === 'placeholder-example-value')
          .map((f) => f.under),
        [bucket],
      );
      assert.deepEqual(
        findPlaceholders(text).map((o) => text.substr(o.offset, o.length)),
        [bucket],
      );
    });
  }
  for (const bucket of ['my-amzn-s3-demo-copy', 'my.amzn-s3-demo-copy', 'logs2amzn-s3-demo-copy', 'myamzn-s3-demo-copy']) {
    it(`a bucket that only contains the prefix later is not an example value: ${bucket}`, () => {
      const text = policy({ Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` });
      assert.deepEqual(
        run(text).filter((f) => f.rule === 'placeholder-example-value'),
        [],
      );
      assert.deepEqual(findPlaceholders(text), []);
    });
  }
});
