import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis';
import { renderTemplate, sampleValues } from '../../src/fill/apply';
import { TEMPLATES, placeholderKind } from '../../src/catalog';
import { validatePolicy } from '../../src/analysis/generated/policy-validator.js';

import { clean, fixes, j, mine, none, one, under } from './helpers/rules';

const trust = (st: Record<string, unknown> = {}) =>
  j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', ...st }] });
const perms = (st: Record<string, unknown> = {}) =>
  j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data/*', ...st }] });

// AWS managed policies (facts §2.1, §2.2), verbatim.
const READ_ONLY = `{
  "Version" : "2012-10-17",
  "Statement" : [
    { "Sid" : "CleanRoomsRead", "Effect" : "Allow", "Action" : [ "cleanrooms:BatchGet*", "cleanrooms:Get*", "cleanrooms:List*" ], "Resource" : "*" },
    { "Sid" : "ConsoleDisplayTables", "Effect" : "Allow", "Action" : [ "glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables", "glue:GetPartition", "glue:GetPartitions", "glue:GetSchema", "glue:GetSchemaVersion", "glue:BatchGetPartition" ], "Resource" : "*" },
    { "Sid" : "ConsoleLogSummaryQueryLogs", "Effect" : "Allow", "Action" : [ "logs:StartQuery" ], "Resource" : "arn:aws:logs:*:*:log-group:/aws/cleanrooms*" },
    { "Sid" : "ConsoleLogSummaryObtainLogs", "Effect" : "Allow", "Action" : [ "logs:GetQueryResults" ], "Resource" : "*" }
  ]
}`;
const FULL_ACCESS = `{
  "Version" : "2012-10-17",
  "Statement" : [
    { "Sid" : "CleanRoomsAccess", "Effect" : "Allow", "Action" : [ "cleanrooms:*" ], "Resource" : "*" },
    { "Sid" : "PassServiceRole", "Effect" : "Allow", "Action" : [ "iam:PassRole" ], "Resource" : "arn:aws:iam::*:role/service-role/*cleanrooms*", "Condition" : { "StringEquals" : { "iam:PassedToService" : "cleanrooms.amazonaws.com" } } },
    { "Sid" : "ListRolesToPickServiceRole", "Effect" : "Allow", "Action" : [ "iam:ListRoles" ], "Resource" : "*" },
    { "Sid" : "GetRoleAndListRolePoliciesToInspectServiceRole", "Effect" : "Allow", "Action" : [ "iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies" ], "Resource" : "arn:aws:iam::*:role/service-role/*cleanrooms*" },
    { "Sid" : "ListPoliciesToInspectServiceRolePolicy", "Effect" : "Allow", "Action" : [ "iam:ListPolicies" ], "Resource" : "*" },
    { "Sid" : "GetPolicyToInspectServiceRolePolicy", "Effect" : "Allow", "Action" : [ "iam:GetPolicy", "iam:GetPolicyVersion" ], "Resource" : "arn:aws:iam::*:policy/*cleanrooms*" },
    { "Sid" : "ConsoleDisplayTables", "Effect" : "Allow", "Action" : [ "glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables", "glue:GetPartition", "glue:GetPartitions", "glue:GetSchema", "glue:GetSchemaVersion", "glue:BatchGetPartition" ], "Resource" : "*" },
    { "Sid" : "ConsolePickQueryResultsBucketListAll", "Effect" : "Allow", "Action" : [ "s3:ListAllMyBuckets" ], "Resource" : "*" },
    { "Sid" : "SetQueryResultsBucket", "Effect" : "Allow", "Action" : [ "s3:GetBucketLocation", "s3:ListBucketVersions" ], "Resource" : "arn:aws:s3:::cleanrooms-queryresults*" },
    { "Sid" : "WriteQueryResults", "Effect" : "Allow", "Action" : [ "s3:ListBucket", "s3:PutObject" ], "Resource" : "arn:aws:s3:::cleanrooms-queryresults*", "Condition" : { "ForAnyValue:StringEquals" : { "aws:CalledVia" : "cleanrooms.amazonaws.com" } } },
    { "Sid" : "ConsoleDisplayQueryResults", "Effect" : "Allow", "Action" : [ "s3:GetObject" ], "Resource" : "arn:aws:s3:::cleanrooms-queryresults*" },
    { "Sid" : "EstablishLogDeliveries", "Effect" : "Allow", "Action" : [ "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries" ], "Resource" : "*", "Condition" : { "ForAnyValue:StringEquals" : { "aws:CalledVia" : "cleanrooms.amazonaws.com" } } },
    { "Sid" : "SetupLogGroupsDescribe", "Effect" : "Allow", "Action" : [ "logs:DescribeLogGroups" ], "Resource" : "*", "Condition" : { "ForAnyValue:StringEquals" : { "aws:CalledVia" : "cleanrooms.amazonaws.com" } } },
    { "Sid" : "SetupLogGroupsCreate", "Effect" : "Allow", "Action" : [ "logs:CreateLogGroup" ], "Resource" : "arn:aws:logs:*:*:log-group:/aws/cleanrooms*", "Condition" : { "ForAnyValue:StringEquals" : { "aws:CalledVia" : "cleanrooms.amazonaws.com" } } },
    { "Sid" : "SetupLogGroupsResourcePolicy", "Effect" : "Allow", "Action" : [ "logs:DescribeResourcePolicies", "logs:PutResourcePolicy" ], "Resource" : "*", "Condition" : { "ForAnyValue:StringEquals" : { "aws:CalledVia" : "cleanrooms.amazonaws.com" } } },
    { "Sid" : "ConsoleLogSummaryQueryLogs", "Effect" : "Allow", "Action" : [ "logs:StartQuery" ], "Resource" : "arn:aws:logs:*:*:log-group:/aws/cleanrooms*" },
    { "Sid" : "ConsoleLogSummaryObtainLogs", "Effect" : "Allow", "Action" : [ "logs:GetQueryResults" ], "Resource" : "*" }
  ]
}`;
const NO_QUERYING_DENY = j({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'CleanRoomsAccess',
      Effect: 'Allow',
      Action: ['cleanrooms:CreateCollaboration', 'cleanrooms:GetMembership', 'cleanrooms:TagResource'],
      Resource: '*',
    },
    { Sid: 'CleanRoomsNoQuerying', Effect: 'Deny', Action: ['cleanrooms:StartProtectedQuery', 'cleanrooms:UpdateProtectedQuery'], Resource: '*' },
    {
      Sid: 'PassServiceRole',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: 'arn:aws:iam::*:role/service-role/*cleanrooms*',
      Condition: { StringEquals: { 'iam:PassedToService': 'cleanrooms.amazonaws.com' } },
    },
  ],
});

describe('rules: grammar — the precompiled schema', () => {
  it('is a standalone validator (no runtime compilation) that accepts a valid policy and rejects a bad one', () => {
    assert.equal(validatePolicy(JSON.parse(perms())), true);
    assert.equal(validatePolicy({ Statement: [{ Effect: 'Maybe' }] }), false);
    assert.ok(validatePolicy.errors?.some((e) => e.instancePath === '/Statement/0/Effect'));
  });
});

describe('rules: grammar — Version', () => {
  it('grammar-version: an invalid Version is an error with a fix', () => {
    const text = perms().replace('"2012-10-17"', '"2021-01-01"');
    const f = one(text, 'grammar-version', 'error', '"2021-01-01"');
    const after = fixes(text, f, /2012-10-17/);
    clean(after);
    none(perms(), 'grammar-version');
  });
  it('grammar-version-missing: warning on the opening brace, the fix inserts Version (multi-line and one-line)', () => {
    const multi = j({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data/*' }] });
    const f = one(multi, 'grammar-version-missing', 'warning', '{');
    const after = fixes(multi, f, /Version/);
    assert.match(after, /^\{\n {4}"Version": "2012-10-17",\n {4}"Statement"/);
    clean(after);
    const inline = '{ "Statement": { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" } }';
    const g = one(inline, 'grammar-version-missing', 'warning', '{');
    assert.equal(fixes(inline, g), '{ "Version": "2012-10-17", "Statement": { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" } }');
  });
  it('grammar-version-legacy: "2008-10-17" is legal but warned, with a fix', () => {
    const text = perms().replace('"2012-10-17"', '"2008-10-17"');
    const f = one(text, 'grammar-version-legacy', 'warning', '"2008-10-17"');
    none(text, 'grammar-version');
    clean(fixes(text, f));
  });
});

describe('rules: grammar — Statement and element types', () => {
  it('grammar-statement-missing: empty array and wrong type', () => {
    one('{"Version":"2012-10-17","Statement":[]}', 'grammar-statement-missing', 'error', '[]');
    one('{"Version":"2012-10-17","Statement":"x"}', 'grammar-statement-missing', 'error', '"x"');
    none(perms(), 'grammar-statement-missing');
  });
  it('grammar-type: wrong JSON types are reported on the value', () => {
    one(perms({ Action: 42 }), 'grammar-type', 'error', '42');
    one(
      perms({ Condition: { StringEquals: { 'aws:SourceAccount': { a: 1 } } } }),
      'grammar-type',
      'error',
      '{\n                        "a": 1\n                    }',
    );
    one('{"Version":"2012-10-17","Statement":[7]}', 'grammar-type', 'error', '7');
    none(perms({ Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 's3:max-keys': 10 } } }), 'grammar-type');
  });
  it('grammar-unknown-element: unknown keys (case-sensitive) with a did-you-mean fix', () => {
    const text = trust().replace('"Action"', '"action"');
    const f = one(text, 'grammar-unknown-element', 'error', '"action"');
    clean(fixes(text, f, /"Action"/));
    const t2 = perms().replace('"Resource"', '"Resources"');
    const g = one(t2, 'grammar-unknown-element', 'error', '"Resources"');
    clean(fixes(t2, g, /"Resource"/));
    const t3 = '{"Versoin":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
    const h = one(t3, 'grammar-unknown-element', 'error', '"Versoin"');
    clean(fixes(t3, h, /"Version"/));
    // Unrelated names get no fix.
    assert.equal(one(perms({ Foo: 'bar' }), 'grammar-unknown-element', 'error', '"Foo"').fixes, undefined);
    none(perms({ Sid: 'Read', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }), 'grammar-unknown-element');
  });
  it('grammar-duplicate-key: the second key, with the first as related location', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}';
    const f = one(text, 'grammar-duplicate-key', 'error', '"Effect"');
    assert.equal(f.offset, text.lastIndexOf('"Effect"'));
    assert.equal(f.related?.[0]?.offset, text.indexOf('"Effect"'));
    none(perms(), 'grammar-duplicate-key');
  });
});

describe('rules: grammar — Effect, Action, Resource', () => {
  it('grammar-effect: wrong case gets a preferred fix; missing Effect is reported on the statement', () => {
    const text = perms({ Effect: 'allow' });
    const f = one(text, 'grammar-effect', 'error', 'allow');
    clean(fixes(text, f, /"Allow"/));
    const g = one(perms({ Effect: 'Deni' }), 'grammar-effect', 'error', 'Deni');
    assert.match(g.fixes![0].title, /Deny/);
    assert.equal(one(perms({ Effect: 'Maybe' }), 'grammar-effect', 'error', 'Maybe').fixes, undefined);
    const missing = '{"Version":"2012-10-17","Statement":[{"Action":"s3:GetObject","Resource":"*"}]}';
    one(missing, 'grammar-effect', 'error', '{');
    none(perms({ Effect: 'Deny' }), 'grammar-effect');
  });
  it('grammar-action-missing and grammar-action-both', () => {
    one('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}', 'grammar-action-missing', 'error', '{');
    one(perms({ NotAction: 's3:DeleteObject' }), 'grammar-action-both', 'error', '"NotAction"');
    const notAction = j({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: ['iam:*'], Resource: '*' }] });
    none(notAction, 'grammar-action-missing');
    clean(notAction);
  });
  it('grammar-resource-missing (permissions), grammar-resource-both', () => {
    one('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}', 'grammar-resource-missing', 'error', '{');
    one(perms({ NotResource: 'arn:aws:s3:::other/*' }), 'grammar-resource-both', 'error', '"NotResource"');
    clean(j({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::acme-data', 'arn:aws:s3:::acme-data/*'] }] }));
  });
  it('grammar-resource-in-trust: error with a fix that removes the element', () => {
    const text = trust({ Resource: '*' });
    const f = one(text, 'grammar-resource-in-trust', 'error', '"Resource"');
    const after = fixes(text, f, /Remove Resource/);
    assert.ok(!after.includes('Resource'));
    clean(after);
    // A resource-based policy (bucket policy) may have Principal and Resource.
    const bucket = j({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data/*' }],
    });
    none(bucket, 'grammar-resource-in-trust');
    clean(bucket);
  });
});

describe('rules: grammar — Principal', () => {
  it('grammar-principal-missing: a trust statement without Principal', () => {
    one('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}', 'grammar-principal-missing', 'error', '{');
    none(trust(), 'grammar-principal-missing');
  });
  it('grammar-principal-in-permissions: Principal in a file named as a permissions policy', () => {
    const text = j({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data/*' }],
    });
    one(text, 'grammar-principal-in-permissions', 'error', '"Principal"', { fileName: 'read-data-permissions.json' });
    none(text, 'grammar-principal-in-permissions', { fileName: 'bucket-policy.json' });
  });
  it('grammar-principal-both and grammar-not-principal-in-trust', () => {
    one(trust({ NotPrincipal: { AWS: 'arn:aws:iam::210987654321:root' } }), 'grammar-principal-both', 'error', '"NotPrincipal"');
    const text = j({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'sts:AssumeRole' }],
    });
    one(text, 'grammar-not-principal-in-trust', 'error', '"NotPrincipal"');
  });
  it('grammar-principal-shape: keys, string principals, AWS and Service values', () => {
    const t1 = trust({ Principal: { Services: 'lambda.amazonaws.com' } });
    clean(fixes(t1, one(t1, 'grammar-principal-shape', 'error', '"Services"'), /"Service"/));
    one(trust({ Principal: 'lambda.amazonaws.com' }), 'grammar-principal-shape', 'error', '"lambda.amazonaws.com"');
    one(trust({ Principal: { AWS: 'bob' } }), 'grammar-principal-shape', 'error', 'bob');
    // The service-principal format is aa-service-principal-format's (rules-access-analyzer-statements.test.ts).
    one(trust({ Principal: { Service: 'lambda' } }), 'aa-service-principal-format', 'error', 'lambda');
    one(trust({ Principal: { Service: '*.amazonaws.com' } }), 'grammar-principal-shape', 'error', '*.amazonaws.com');
    // A wildcard cannot match part of a principal ARN (IAM User Guide, Principal element); "*" alone is the only wildcard.
    one(trust({ Principal: { AWS: 'arn:aws:iam::*:role/analyst' } }), 'grammar-principal-shape', 'error', 'arn:aws:iam::*:role/analyst');
    one(
      trust({ Principal: { AWS: 'arn:aws:iam::246813579024:role/analyst-?' } }),
      'grammar-principal-shape',
      'error',
      'arn:aws:iam::246813579024:role/analyst-?',
    );
    one(trust({ Principal: { AWS: 'AROAEXAMPLEID1234567' } }), 'aa-role-id-principal', 'warning', 'AROAEXAMPLEID1234567');
    clean(trust({ Principal: { AWS: ['210987654321', 'arn:aws:iam::210987654321:role/admin'], Service: ['lambda.amazonaws.com', 'ec2.amazonaws.com.cn'] } }));
    clean(trust({ Principal: { Federated: 'arn:aws:iam::210987654321:saml-provider/corp' }, Action: 'sts:AssumeRoleWithSAML' }));
    // Placeholders are the placeholder family's business.
    none(trust({ Principal: { AWS: '<account-id>' } }), 'grammar-principal-shape');
  });
  it('grammar-principal-wildcard-in-trust: "*" and {"AWS": "*"}; allowed in a bucket policy', () => {
    one(trust({ Principal: '*' }), 'grammar-principal-wildcard-in-trust', 'error', '"*"');
    one(trust({ Principal: { AWS: '*' } }), 'grammar-principal-wildcard-in-trust', 'error', '"*"');
    const bucket = j({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::acme-data/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    });
    none(bucket, 'grammar-principal-wildcard-in-trust');
    clean(bucket);
  });
});

describe('rules: grammar — Sid', () => {
  it('grammar-sid-characters: error on the Sid text, with a fix that drops the bad characters', () => {
    const text = perms({ Sid: 'read-data_1' });
    clean(fixes(text, one(text, 'grammar-sid-characters', 'error', 'read-data_1'), /"readdata1"/));
    none(perms({ Sid: 'ReadData1' }), 'grammar-sid-characters');
  });
  it('grammar-sid-characters: not on a resource policy, whose service accepts other Sids (the KMS default key policy)', () => {
    const key = j({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'kms:*', Resource: '*' },
      ],
    });
    none(key, 'grammar-sid-characters');
    one(perms({ Sid: 'Enable IAM User Permissions' }), 'grammar-sid-characters', 'error', 'Enable IAM User Permissions');
  });
  it('grammar-sid-duplicate: warning on the second use, related to the first', () => {
    const text = j({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
        { Sid: 'Read', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' },
      ],
    });
    const f = one(text, 'grammar-sid-duplicate', 'warning', 'Read');
    assert.equal(f.offset, text.lastIndexOf('"Read"') + 1);
    assert.equal(f.related?.[0]?.offset, text.indexOf('"Read"') + 1);
    assert.equal(f.related?.[0]?.length, 4);
  });
  it('grammar-empty: an empty Sid is a suggestion with a removal fix', () => {
    const text = perms({ Sid: '' });
    const f = one(text, 'grammar-empty', 'info', '""');
    const after = fixes(text, f);
    assert.ok(!after.includes('"Sid"'));
    assert.equal(analyze(after).findings.filter((x) => x.rule === 'json-syntax').length, 0);
  });
});

describe('rules: grammar — Condition operators', () => {
  it('grammar-condition-operator: typos get a did-you-mean fix', () => {
    const text = perms({ Condition: { StringEqual: { 'aws:ResourceAccount': '210987654321' } } });
    clean(fixes(text, one(text, 'grammar-condition-operator', 'error', 'StringEqual'), /StringEquals/));
    const t2 = perms({ Condition: { 'ForAnyValues:StringLike': { 'aws:CalledVia': 'athena.*' } } });
    clean(fixes(t2, one(t2, 'grammar-condition-operator', 'error', 'ForAnyValues:StringLike'), /ForAnyValue:StringLike/));
    const t3 = perms({ Condition: { Frobnicate: { 'aws:ResourceAccount': '210987654321' } } });
    assert.equal(one(t3, 'grammar-condition-operator', 'error', 'Frobnicate').fixes, undefined);
  });
  it('grammar-condition-operator: NullIfExists is invalid (fix: Null); a case-only difference is a warning', () => {
    const text = perms({ Condition: { NullIfExists: { 'aws:TokenIssueTime': 'true' } } });
    clean(fixes(text, one(text, 'grammar-condition-operator', 'error', 'NullIfExists'), /"Null"/));
    const t2 = perms({ Condition: { stringequals: { 'aws:ResourceAccount': '210987654321' } } });
    clean(fixes(t2, one(t2, 'grammar-condition-operator-case', 'warning', 'stringequals'), /StringEquals/));
    none(t2, 'grammar-condition-operator');
  });
  it('accepts every documented operator form', () => {
    const cond = {
      StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'data' },
      'ForAllValues:StringNotEqualsIfExists': { 'aws:TagKeys': ['secret'] },
      ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:cleanrooms-ml:eu-west-2:210987654321:training-dataset/*' },
      NumericLessThanEquals: { 'aws:MultiFactorAuthAge': 3600 },
      DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
      BinaryEquals: { 'aws:SomeBinary': 'QmluYXJ5' },
      NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
      'ForAnyValue:ArnNotLike': { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' },
      Null: { 'aws:TokenIssueTime': 'false' },
      BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' },
    };
    none(perms({ Condition: cond }), 'grammar-condition-operator');
    clean(perms({ Condition: cond }));
  });
  it('grammar-null-qualifier: ForAllValues:Null is a suggestion', () => {
    one(perms({ Condition: { 'ForAllValues:Null': { 'aws:TagKeys': 'false' } } }), 'grammar-null-qualifier', 'info', 'ForAllValues:Null');
  });
  it('condition-wildcard-in-equals: * or ? with StringEquals warns; Like operators and policy variables do not', () => {
    one(perms({ Condition: { StringEquals: { 'aws:SourceAccount': '2109*' } } }), 'condition-wildcard-in-equals', 'warning', '2109*');
    one(
      perms({ Condition: { 'ForAnyValue:StringNotEqualsIfExists': { 'aws:CalledVia': ['athena.amazonaws.co?'] } } }),
      'condition-wildcard-in-equals',
      'warning',
      'athena.amazonaws.co?',
    );
    none(perms({ Condition: { StringLike: { 's3:prefix': 'home/*' } } }), 'condition-wildcard-in-equals');
    none(perms({ Condition: { StringEquals: { 's3:prefix': 'home/${aws:username}/${*}' } } }), 'condition-wildcard-in-equals');
  });
  it('condition-string-operator-on-arn-key: StringLike on aws:SourceArn, on the key, fix to ArnLike (only when certain)', () => {
    const text = trust({ Condition: { StringLike: { 'aws:SourceArn': 'arn:aws:lambda:eu-west-2:210987654321:function:*' } } });
    clean(fixes(text, one(text, 'condition-string-operator-on-arn-key', 'info', 'aws:SourceArn'), /ArnLike/));
    const mixed = trust({
      Condition: { StringLike: { 'aws:SourceArn': 'arn:aws:lambda:eu-west-2:210987654321:function:*', 'aws:SourceAccount': '210987654321' } },
    });
    assert.equal(one(mixed, 'condition-string-operator-on-arn-key', 'info', 'aws:SourceArn').fixes, undefined);
    none(trust({ Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:lambda:eu-west-2:210987654321:function:*' } } }), 'condition-string-operator-on-arn-key');
  });
  it('grammar-empty: empty arrays and objects', () => {
    one(perms({ Resource: [] }), 'grammar-empty', 'info', '[]');
    one(perms({ Condition: {} }), 'grammar-empty', 'info', '{}');
    one(perms({ Condition: { StringEquals: { 'aws:ResourceAccount': [] } } }), 'grammar-empty', 'info', '[]');
    one(trust({ Principal: {} }), 'grammar-empty', 'info', '{}');
  });
});

describe('rules: grammar — no false positives', () => {
  it('legal shapes: Statement object, Action string, NotAction/NotResource, policy variables, other partitions, wildcards', () => {
    clean(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::acme-data","Condition":{"StringLike":{"s3:prefix":["home/${aws:username}/*"]}}}}',
    );
    clean(
      j({
        Version: '2012-10-17',
        Id: 'bucket-policy',
        Statement: [{ Effect: 'Deny', Principal: '*', NotAction: 's3:GetObject', NotResource: 'arn:aws-cn:s3:::acme-data/*' }],
      }),
    );
    clean(
      j({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['s3:Get*', 's3:List?ucket'],
            Resource: ['arn:aws-us-gov:s3:::acme-gov/*', 'arn:aws:s3:::acme-data/home/${aws:username}/*'],
          },
        ],
      }),
    );
    clean(j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: 'arn:aws:ec2:*:210987654321:vpc/*' }] }));
    clean('// comment\n{\n  "Version": "2012-10-17",\n  /* block */\n  "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]\n}');
  });
  it('the AWS managed policies produce no error or warning', () => {
    for (const p of [READ_ONLY, FULL_ACCESS, NO_QUERYING_DENY]) clean(p);
  });
  it('every catalog template rendered with sample values has no error or warning', () => {
    assert.ok(TEMPLATES.length >= 1);
    for (const t of TEMPLATES) {
      const rendered = renderTemplate(
        t,
        sampleValues(t, (k) => placeholderKind(k).sample),
      );
      const text = t.policyType === 'statement' ? `{"Version":"2012-10-17","Statement":[${rendered}]}` : rendered;
      const bad = mine(text, { fileName: `${t.id}.json` }).filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.deepEqual(
        bad.map((f) => `${t.id}: ${f.rule} ${under(text, f)} — ${f.message}`),
        [],
      );
    }
  });
});
