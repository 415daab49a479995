// Rule family "consistency" (issue 14, item 1): one membership has one Region and one account; one bucket one owner.
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis';
import type { Finding } from '../../src/analysis/types';
import { applyEdits } from '../../src/fill/apply';

const MID = '3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17';
const OTHER = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const ACCT = '246813579024';
const j = (v: unknown): string => JSON.stringify(v, null, 2);
const trust = (externalIdRegion: string, sourceArn: string, externalId = MID): string =>
  j({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ExternalId',
        Effect: 'Allow',
        Principal: { Service: 'cleanrooms.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringLike: { 'sts:ExternalId': `arn:aws:*:${externalIdRegion}:*:dbuser:*/${externalId}*` } },
      },
      {
        Sid: 'SourceArn',
        Effect: 'Allow',
        Principal: { Service: 'cleanrooms.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { ArnEquals: { 'aws:SourceArn': sourceArn } },
      },
    ],
  });
const of = (text: string, rule: string): Finding[] => analyze(text, {}).findings.filter((f) => f.rule === rule);
const at = (text: string, f: Finding): string => text.slice(f.offset, f.offset + f.length);

describe('rules: consistency — one membership, one Region and account', () => {
  it('flags the Region that differs, on the later mention, with the first as related (the fill scenario of issue 14)', () => {
    const t = trust('eu-west-2', `arn:aws:cleanrooms:us-east-1:${ACCT}:membership/${MID}`);
    const [f, ...rest] = of(t, 'consistency-membership');
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'warning');
    assert.equal(at(t, f), 'us-east-1');
    assert.match(f.message, new RegExp(`^Membership ${MID} is in Region "us-east-1" here, but the sts:ExternalId pattern names Region "eu-west-2"`));
    assert.equal(at(t, { ...f, offset: f.related![0].offset, length: f.related![0].length }), 'eu-west-2');
  });

  it('is quiet when the Regions agree, for different memberships, and where a field is a wildcard or a placeholder', () => {
    for (const t of [
      trust('us-east-1', `arn:aws:cleanrooms:us-east-1:${ACCT}:membership/${MID}`),
      trust('eu-west-2', `arn:aws:cleanrooms:us-east-1:${ACCT}:membership/${OTHER}`), // two memberships may live in two Regions
      trust('*', `arn:aws:cleanrooms:us-east-1:${ACCT}:membership/${MID}`),
      trust('eu-west-2', `arn:aws:cleanrooms:*:${ACCT}:membership/${MID}`),
      trust('<region>', `arn:aws:cleanrooms:us-east-1:${ACCT}:membership/${MID}`),
    ]) {
      assert.deepEqual(of(t, 'consistency-membership'), [], t);
    }
  });

  it('flags two accounts for one membership (membership ARNs in Resource and Condition)', () => {
    const t = j({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'cleanrooms:GetMembership', Resource: `arn:aws:cleanrooms:us-east-1:${ACCT}:membership/${MID}` },
        { Effect: 'Allow', Action: 'cleanrooms:ListMembers', Resource: `arn:aws:cleanrooms:us-east-1:135792468013:membership/${MID}` },
      ],
    });
    const fs = of(t, 'consistency-membership');
    assert.deepEqual(
      fs.map((f) => at(t, f)),
      ['135792468013'],
    );
    assert.match(fs[0].message, /is in account "135792468013" here, but the membership ARN names account "246813579024"/);
  });

  it('the fix of the mismatch (either side) makes it clean', () => {
    const t = trust('eu-west-2', `arn:aws:cleanrooms:us-east-1:${ACCT}:membership/${MID}`);
    const f = of(t, 'consistency-membership')[0];
    assert.deepEqual(of(applyEdits(t, [{ offset: f.offset, length: f.length, newText: 'eu-west-2' }]), 'consistency-membership'), []);
  });
});

describe('rules: consistency — one bucket, one owner', () => {
  const two = (a: string, b: string, second = 'arn:aws:s3:::acme-sales-data/*', op = 'StringEquals'): string =>
    j({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-sales-data', Condition: { StringEquals: { 's3:ResourceAccount': a } } },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: second, Condition: { [op]: { 's3:ResourceAccount': b } } },
      ],
    });

  it('flags a second, different exact owner account for the same bucket', () => {
    const t = two(ACCT, '135792468013');
    const fs = of(t, 'consistency-bucket-owner');
    assert.deepEqual(
      fs.map((f) => at(t, f)),
      ['135792468013'],
    );
    assert.match(
      fs[0].message,
      /^Bucket "acme-sales-data" is owned by account 246813579024 in another statement, but this one requires s3:ResourceAccount 135792468013/,
    );
    assert.equal(fs[0].related?.length, 1);
  });

  it('is quiet for the same account, another bucket, a pattern, a non-exact operator, or a Deny', () => {
    assert.deepEqual(of(two(ACCT, ACCT), 'consistency-bucket-owner'), []);
    assert.deepEqual(of(two(ACCT, '135792468013', 'arn:aws:s3:::other-bucket/*'), 'consistency-bucket-owner'), []);
    assert.deepEqual(of(two(ACCT, '135792468013', 'arn:aws:s3:::acme-*/*'), 'consistency-bucket-owner'), []);
    assert.deepEqual(of(two(ACCT, '13579246801*', undefined, 'StringLike'), 'consistency-bucket-owner'), []);
    const deny = two(ACCT, '135792468013').replace('"Effect": "Allow",\n      "Action": "s3:GetObject"', '"Effect": "Deny",\n      "Action": "s3:GetObject"');
    assert.notEqual(deny, two(ACCT, '135792468013'));
    assert.deepEqual(of(deny, 'consistency-bucket-owner'), []);
  });
});
