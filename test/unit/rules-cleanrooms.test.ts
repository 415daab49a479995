import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis';
import { cleanRoomsPrincipalTypo } from '../../src/analysis/rules/cleanrooms-data';

import { clean, fixes, j, mine, none, one, under } from './helpers/rules';

const ACCT = '210987654321';
const ACCT2 = '309876543210';
const MID = '3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17';
const MID2 = '9b1d2c3e-4f5a-4b6c-8d7e-0f1a2b3c4d5e';
const membership = (region = 'eu-west-2', id = MID, acct = ACCT) => `arn:aws:cleanrooms:${region}:${acct}:membership/${id}`;
const crTrust = (st: Record<string, unknown> = {}) =>
  j({
    Version: '2012-10-17',
    Statement: [{ Sid: 'AllowIfSourceArnMatches', Effect: 'Allow', Principal: { Service: 'cleanrooms.amazonaws.com' }, Action: 'sts:AssumeRole', ...st }],
  });
const scoped = (values: string[], op = 'ForAnyValue:ArnEquals') => crTrust({ Condition: { [op]: { 'aws:SourceArn': values } } });

describe('rules: cleanrooms — principal', () => {
  it('cleanRoomsPrincipalTypo recognises misspellings and nothing else', () => {
    assert.equal(cleanRoomsPrincipalTypo('cleanroom.amazonaws.com'), 'cleanrooms.amazonaws.com');
    assert.equal(cleanRoomsPrincipalTypo('cleanrooms.amazonaws.co'), 'cleanrooms.amazonaws.com');
    assert.equal(cleanRoomsPrincipalTypo('cleanrooms.aws.com'), 'cleanrooms.amazonaws.com');
    assert.equal(cleanRoomsPrincipalTypo('CleanRooms.amazonaws.com'), 'cleanrooms.amazonaws.com');
    assert.equal(cleanRoomsPrincipalTypo('cleanroomsml.amazonaws.com'), 'cleanrooms-ml.amazonaws.com');
    for (const ok of [
      'cleanrooms.amazonaws.com',
      'cleanrooms-ml.amazonaws.com',
      'lambda.amazonaws.com',
      'glue.amazonaws.com',
      'entityresolution.amazonaws.com',
      'cloudformation.amazonaws.com',
    ]) {
      assert.equal(cleanRoomsPrincipalTypo(ok), undefined, ok);
    }
  });
  it('cleanrooms-principal-typo: error on the value with a preferred fix; grammar does not report it a second time', () => {
    for (const typo of ['cleanroom.amazonaws.com', 'cleanrooms.amazonaws.co', 'cleanrooms.aws.com']) {
      const text = scoped([membership()]).replace('"cleanrooms.amazonaws.com"', JSON.stringify(typo));
      const f = one(text, 'cleanrooms-principal-typo', 'error', typo);
      none(text, 'grammar-principal-shape');
      clean(fixes(text, f, /cleanrooms\.amazonaws\.com/));
    }
    const ml = crTrust({ Principal: { Service: ['cleanroomsml.amazonaws.com'] } });
    assert.match(one(ml, 'cleanrooms-principal-typo', 'error', 'cleanroomsml.amazonaws.com').fixes![0].title, /cleanrooms-ml\.amazonaws\.com/);
  });
});

describe('rules: cleanrooms — aws:SourceArn and membership IDs', () => {
  it('cleanrooms-source-arn-membership: a collaboration ARN is an error that says why', () => {
    const text = scoped([`arn:aws:cleanrooms:eu-west-2:${ACCT}:collaboration/${MID}`]);
    const f = one(text, 'cleanrooms-source-arn-membership', 'error', 'collaboration');
    assert.match(f.message, /membership/);
    one(scoped([`arn:aws:cleanrooms:eu-west-2:${ACCT}:configuredtable/${MID}`]), 'cleanrooms-source-arn-membership', 'error', 'configuredtable');
    one(scoped([`arn:aws:glue:eu-west-2:${ACCT}:catalog`]), 'cleanrooms-source-arn-membership', 'error', 'glue');
    none(scoped([membership(), membership('eu-west-2', MID2, ACCT2)]), 'cleanrooms-source-arn-membership');
  });
  it('Clean Rooms ML trust policies may use cleanrooms-ml resources or a membership as aws:SourceArn', () => {
    const ml = j({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowAssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'cleanrooms-ml.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEqualsIfExists: { 'aws:SourceAccount': [ACCT] },
            ArnLikeIfExists: { 'aws:SourceArn': `arn:aws:cleanrooms-ml:eu-west-2:${ACCT}:training-dataset/*` },
          },
        },
      ],
    });
    clean(ml);
    none(ml, /^cleanrooms-/);
    clean(
      j({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'cleanrooms-ml.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': ACCT }, ArnLike: { 'aws:SourceArn': membership() } },
          },
        ],
      }),
    );
    one(
      j({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'cleanrooms-ml.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:cleanrooms:eu-west-2:${ACCT}:collaboration/*` } },
          },
        ],
      }),
      'cleanrooms-source-arn-membership',
      'error',
      'collaboration',
    );
  });
  it('cleanrooms-membership-id: lower-case UUIDs only; upper case gets a fix', () => {
    const upper = scoped([membership('eu-west-2', MID.toUpperCase())]);
    clean(fixes(upper, one(upper, 'cleanrooms-membership-id', 'error', MID.toUpperCase()), /lower case/));
    one(scoped([membership('eu-west-2', 'abc123')]), 'cleanrooms-membership-id', 'error', 'abc123');
    // In Resource elements and in the sts:ExternalId dbuser pattern too.
    one(
      j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cleanrooms:GetProtectedQuery', Resource: membership('eu-west-2', 'not-a-uuid') }] }),
      'cleanrooms-membership-id',
      'error',
      'not-a-uuid',
    );
    one(crTrust({ Condition: { StringLike: { 'sts:ExternalId': 'arn:aws:*:eu-west-2:*:dbuser:*/XYZ*' } } }), 'cleanrooms-membership-id', 'error', 'XYZ');
    none(scoped([`arn:aws:cleanrooms:eu-west-2:${ACCT}:membership/*`]), 'cleanrooms-membership-id');
    // The AWS doc example ID is reported once, as a placeholder.
    const example = scoped(['arn:aws:cleanrooms:us-east-1:555555555555:membership/a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa']);
    none(example, 'cleanrooms-membership-id');
    assert.ok(analyze(example).findings.some((f) => f.rule === 'placeholder-example-value'));
  });
  it('cleanrooms-region: a membership in a Region without Clean Rooms is an error listing the Regions', () => {
    const f = one(scoped([membership('eu-west-3')]), 'cleanrooms-region', 'error', 'eu-west-3');
    assert.match(f.message, /us-east-1.*eu-north-1/);
    one(crTrust({ Condition: { StringLike: { 'sts:ExternalId': `arn:aws:*:sa-east-1:*:dbuser:*/${MID}*` } } }), 'cleanrooms-region', 'error', 'sa-east-1');
    for (const r of [
      'us-east-1',
      'us-east-2',
      'us-west-2',
      'ap-northeast-1',
      'ap-northeast-2',
      'ap-southeast-1',
      'ap-southeast-2',
      'eu-central-1',
      'eu-west-1',
      'eu-west-2',
      'eu-north-1',
    ]) {
      none(scoped([membership(r)]), 'cleanrooms-region');
    }
    // An Availability Zone is the arn family's finding, not a second one here.
    none(scoped([membership('eu-west-2a')]), 'cleanrooms-region');
  });
});

describe('rules: cleanrooms — operators', () => {
  it('StringLike on aws:SourceArn warns with a preferred fix StringLike -> ArnLike', () => {
    const text = crTrust({ Condition: { StringLike: { 'aws:SourceArn': membership() } } });
    clean(fixes(text, one(text, 'condition-string-operator-on-arn-key', 'info', 'aws:SourceArn'), /ArnLike/));
  });
  it('cleanrooms-forany-single-valued: at most a hint, with an optional fix', () => {
    const text = scoped([membership()]);
    const f = one(text, 'cleanrooms-forany-single-valued', 'hint', 'ForAnyValue:ArnEquals');
    assert.notEqual(f.fixes![0].preferred, true);
    const after = fixes(text, f, /ArnEquals/);
    none(after, /^cleanrooms-/);
    clean(text);
  });
  it('cleanrooms-externalid-arnlike: ArnLike on sts:ExternalId is a hint suggesting StringLike', () => {
    const text = crTrust({ Sid: 'AllowIfExternalIdMatches', Condition: { ArnLike: { 'sts:ExternalId': `arn:aws:*:eu-west-2:*:dbuser:*/${MID}*` } } });
    const after = fixes(text, one(text, 'cleanrooms-externalid-arnlike', 'hint', 'ArnLike'), /StringLike/);
    none(after, /^cleanrooms-/);
    clean(after);
  });
});

describe('rules: cleanrooms — unscoped trust policy (confused deputy)', () => {
  const TOKENS = /"arn:aws:cleanrooms:<region>:<account-id>:membership\/<membership-id>"/;
  it('info on the principal, with a fix that adds the scoped aws:SourceArn condition (multi-line)', () => {
    const text = crTrust();
    const f = one(text, 'cleanrooms-unscoped-trust', 'info', 'cleanrooms.amazonaws.com');
    const after = fixes(text, f, /membership ARNs/, undefined, true);
    assert.match(after, TOKENS);
    assert.match(after, /"Action": "sts:AssumeRole",\n {12}"Condition": \{\n {16}"ArnEquals": \{\n {20}"aws:SourceArn": \[\n {24}"arn:/);
    assert.deepEqual(
      analyze(after)
        .findings.filter((x) => x.rule === 'placeholder-token')
        .map((x) => under(after, x)),
      ['<region>', '<account-id>', '<membership-id>'],
    );
    none(after, /^(arn|grammar)-/);
    // The kit's fixes produce text its own rules accept (issue 14 item 10): only the placeholders to fill remain, and
    // once they are filled, nothing at all (no cleanrooms-forany-single-valued hint on the inserted operator).
    assert.deepEqual([...new Set(analyze(after).findings.map((x) => x.rule))], ['placeholder-token']);
    const filled = after.replace('<region>', 'eu-west-2').replace('<account-id>', ACCT).replace('<membership-id>', MID);
    assert.deepEqual(
      analyze(filled).findings.map((x) => `${x.rule}: ${x.message}`),
      [],
    );
  });
  it('the seed trust policy (one line) and an existing unrelated Condition', () => {
    const seed =
      '{ "Version": "2012-10-17", "Statement": [ { "Sid": "RoleTrustPolicyForCleanRoomsService", "Effect": "Allow", "Principal": { "Service": "cleanrooms.amazonaws.com" }, "Action": "sts:AssumeRole" } ] }';
    const after = fixes(seed, one(seed, 'cleanrooms-unscoped-trust', 'info', 'cleanrooms.amazonaws.com'), undefined, undefined, true);
    assert.ok(
      after.includes(
        '"Action": "sts:AssumeRole", "Condition": { "ArnEquals": { "aws:SourceArn": [ "arn:aws:cleanrooms:<region>:<account-id>:membership/<membership-id>" ] } } }',
      ),
    );
    const withCond = crTrust({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } });
    const a2 = fixes(withCond, one(withCond, 'cleanrooms-unscoped-trust', 'info', 'cleanrooms.amazonaws.com'), undefined, undefined, true);
    assert.match(a2, /"Bool": \{[^}]*\},\n {16}"ArnEquals"/);
    assert.ok(!analyze(a2).findings.some((x) => x.rule === 'cleanrooms-forany-single-valued'), 'no hint on the fix');
  });
  it('scoped by aws:SourceArn, aws:SourceAccount or sts:ExternalId: no finding', () => {
    none(scoped([membership()]), 'cleanrooms-unscoped-trust');
    none(crTrust({ Condition: { StringEquals: { 'aws:SourceAccount': ACCT } } }), 'cleanrooms-unscoped-trust');
    none(crTrust({ Condition: { StringLike: { 'sts:ExternalId': `arn:aws:*:eu-west-2:*:dbuser:*/${MID}*` } } }), 'cleanrooms-unscoped-trust');
  });
});

describe('rules: cleanrooms — Region consistency', () => {
  const doc = (glueRegion: string) =>
    j({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['cleanrooms:GetProtectedQuery'], Resource: membership('eu-west-2') },
        { Effect: 'Allow', Action: ['glue:GetTable'], Resource: [`arn:aws:glue:${glueRegion}:${ACCT}:table/marketing_db/customer_events`] },
        { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: `arn:aws:kms:eu-west-2:${ACCT}:key/0c8f5a2e-41b7-4d39-8e6a-7f1b2c3d4e5f` },
      ],
    });
  it('cleanrooms-region-mismatch: a Glue resource outside the membership Region warns', () => {
    const f = one(doc('us-west-2'), 'cleanrooms-region-mismatch', 'warning', 'us-west-2');
    assert.match(f.message, /eu-west-2/);
    none(doc('eu-west-2'), 'cleanrooms-region-mismatch');
    none(doc('*'), 'cleanrooms-region-mismatch');
  });
});

describe('rules: cleanrooms — documents that are not Clean Rooms policies', () => {
  it('a generic Lambda trust policy and an S3 bucket policy get no Clean Rooms findings', () => {
    const lambda = j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const bucket = j({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecure',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: ['arn:aws:s3:::acme-data', 'arn:aws:s3:::acme-data/*'],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
    const glue = j({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'glue:GetTable', Resource: [`arn:aws:glue:us-west-2:${ACCT}:table/a/b`, `arn:aws:kms:eu-west-3:${ACCT}:alias/x`] },
      ],
    });
    for (const t of [lambda, bucket, glue]) {
      none(t, /^cleanrooms-/);
      clean(t);
    }
  });
  it('the confused-deputy sample with real values is clean', () => {
    const text = j({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowIfExternalIdMatches',
          Effect: 'Allow',
          Principal: { Service: 'cleanrooms.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringLike: { 'sts:ExternalId': `arn:aws:*:eu-west-2:*:dbuser:*/${MID}*` } },
        },
        {
          Sid: 'AllowIfSourceArnMatches',
          Effect: 'Allow',
          Principal: { Service: 'cleanrooms.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { 'ForAnyValue:ArnEquals': { 'aws:SourceArn': [membership(), membership('eu-west-2', MID2, ACCT2)] } },
        },
      ],
    });
    clean(text);
    assert.deepEqual(
      mine(text).map((f) => f.rule),
      ['cleanrooms-forany-single-valued'],
    );
  });
});
