import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { analyze } from '../../src/analysis';
import { applyEdits } from '../../src/fill/apply';
import { parseArn } from '../../src/analysis/arn/parse';

import { clean, fixes, j, none, one, under } from './helpers/rules';
import { loadTestIamIndex } from './helpers/iam';

const res = (...resource: string[]) =>
  j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource.length === 1 ? resource[0] : resource }] });
const ACCT = '210987654321';
const MID = '3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17';

describe('arn: parser', () => {
  it('splits on the first five colons, keeps colons inside policy variables and in the resource part', () => {
    const a = parseArn('arn:aws:iam::${aws:PrincipalAccount}:role/x');
    assert.deepEqual(
      a.fields.map((f) => f.text),
      ['arn', 'aws', 'iam', '', '${aws:PrincipalAccount}', 'role/x'],
    );
    const b = parseArn('arn:aws:logs:eu-west-2:210987654321:log-group:/aws/x:*');
    assert.equal(b.resource!.text, 'log-group:/aws/x:*');
    assert.equal(parseArn('arn:aws:s3::bucket/p').fields.length, 5);
  });
});

describe('rules: arn — the seed read-data permissions policy', () => {
  // Verbatim from shared/seed/setting-up-service-roles.txt ("Create a service role to read data", step 3).
  const readData =
    '{ "Version": "2012-10-17", "Statement": [ { "Sid": "NecessaryGluePermissions", "Effect": "Allow", "Action": [ "glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables", "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition" ], "Resource": [ "arn:aws:glue:aws-region:accountId:database/database", "arn:aws:glue:aws-region:accountId:table/table", "arn:aws:glue:aws-region:accountId:catalog" ] }, { "Effect": "Allow", "Action": [ "glue:GetSchema", "glue:GetSchemaVersion" ], "Resource": [ "*" ] }, { "Sid": "NecessaryS3BucketPermissions", "Effect": "Allow", "Action": [ "s3:GetBucketLocation", "s3:ListBucket" ], "Resource": [ "arn:aws:s3:::bucket" ], "Condition":{ "StringEquals":{ "s3:ResourceAccount":[ "s3BucketOwnerAccountId" ] } } }, { "Sid": "NecessaryS3ObjectPermissions", "Effect": "Allow", "Action": [ "s3:GetObject" ], "Resource": [ "arn:aws:s3::bucket/prefix/*" ], "Condition":{ "StringEquals":{ "s3:ResourceAccount":[ "s3BucketOwnerAccountId" ] } } } ] }';

  it('flags the two-colon S3 ARN on the missing field, with a preferred fix that inserts the colon', () => {
    assert.ok(readData.includes('"arn:aws:s3::bucket/prefix/*"'));
    const f = one(readData, 'arn-s3-two-colons', 'error', '::');
    assert.equal(f.offset, readData.indexOf('arn:aws:s3::bucket') + 'arn:aws:s3'.length);
    assert.match(f.message, /arn:aws:s3:::bucket\/prefix\/\*/);
    const after = fixes(readData, f, /missing colon/);
    assert.ok(after.includes('"arn:aws:s3:::bucket/prefix/*"'));
    // Nothing else from the arn family: the bare names (aws-region, accountId, bucket …) are reported once, as placeholders.
    none(after, /^arn-/);
    assert.ok(analyze(after).findings.some((x) => x.rule === 'placeholder-bare-name' && under(after, x) === 'aws-region'));
  });
  it('flags the same ARN in the pretty-printed fixture', () => {
    const text = readFileSync('test/fixtures/bad/seed-read-data-permissions.json', 'utf8');
    expectOnlyTwoColons(text);
  });
});

function expectOnlyTwoColons(text: string): void {
  const f = one(text, 'arn-s3-two-colons', 'error', '::');
  none(applyEdits(text, f.fixes![0].edits), /^(arn|grammar|cleanrooms)-/);
}

describe('rules: arn — fields', () => {
  it('arn-prefix: a Resource that is not an ARN; wrong-case prefix gets a fix', () => {
    one(res('my-bucket'), 'arn-prefix', 'error', 'my-bucket');
    const t = res('ARN:aws:s3:::acme-data');
    clean(fixes(t, one(t, 'arn-prefix', 'error', 'ARN'), /"arn:"/));
    none(res('*'), 'arn-prefix');
  });
  it('arn-missing-fields: fewer than six fields', () => {
    one(res('arn:aws:glue:eu-west-2:catalog'), 'arn-missing-fields', 'error', 'arn:aws:glue:eu-west-2:catalog');
    none(res(`arn:aws:glue:eu-west-2:${ACCT}:catalog`), 'arn-missing-fields');
  });
  it('arn-partition: unknown partition, wildcard, wrong case (fix)', () => {
    one(res('arn:amazon:s3:::acme-data'), 'arn-partition', 'error', 'amazon');
    one(res('arn:*x:s3:::acme-data'), 'arn-partition', 'error', '*x');
    one(
      j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:*:iam::210987654321:root' } }] }),
      'arn-partition',
      'error',
      '*',
    );
    const t = res('arn:AWS:s3:::acme-data');
    clean(fixes(t, one(t, 'arn-partition', 'error', 'AWS'), /"aws"/));
    for (const p of ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso-b', 'aws-eusc']) none(res(`arn:${p}:s3:::acme-data`), 'arn-partition');
  });
  it('arn-partition: a wildcard partition in a Resource is a pattern (AWS managed policy AmazonSSMManagedInstanceCore-style arn:*:ssm:*:*:opsitem/*)', () => {
    // AWS managed policy AWSSystemsManagerOpsDataSyncServiceRolePolicy: "Resource": "arn:*:ssm:*:*:opsitem/*".
    none(j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ssm:GetOpsItem', Resource: 'arn:*:ssm:*:*:opsitem/*' }] }), 'arn-partition');
    none(res('arn:aws*:s3:::acme-data', 'arn:aws-?n:s3:::acme-data'), 'arn-partition');
  });
  it('arn-service: upper case (fix) and empty', () => {
    const t = res('arn:aws:S3:::acme-data');
    clean(fixes(t, one(t, 'arn-service', 'error', 'S3'), /"s3"/));
    one(res(`arn:aws::eu-west-2:${ACCT}:thing`), 'arn-service', 'error', '::');
    none(res(`arn:aws:*:eu-west-2:${ACCT}:*`), 'arn-service');
  });
  it('arn-region: Availability Zone (preferred fix), typo (suggestion), missing, wrong partition', () => {
    const t = res(`arn:aws:glue:us-east-1a:${ACCT}:catalog`);
    const f = one(t, 'arn-region', 'error', 'us-east-1a');
    assert.match(f.message, /Availability Zone.*us-east-1/);
    clean(fixes(t, f, /us-east-1/));
    const g = one(res(`arn:aws:glue:us-east1:${ACCT}:catalog`), 'arn-region', 'error', 'us-east1');
    assert.match(g.message, /Did you mean us-east-1\?/);
    one(res(`arn:aws:glue::${ACCT}:catalog`), 'arn-region', 'error', '::');
    one(res(`arn:aws-cn:glue:eu-west-2:${ACCT}:catalog`), 'arn-region', 'error', 'eu-west-2');
    none(
      res(`arn:aws-cn:glue:cn-north-1:${ACCT}:catalog`, `arn:aws:glue:*:${ACCT}:catalog`, `arn:aws:glue:\${aws:RequestedRegion}:${ACCT}:catalog`),
      'arn-region',
    );
  });
  it('arn-region-not-allowed: S3 bucket and IAM ARNs have no Region (fix removes it)', () => {
    const t = res('arn:aws:s3:eu-west-2::acme-data/*');
    clean(fixes(t, one(t, 'arn-region-not-allowed', 'error', 'eu-west-2'), /Remove/));
    one(res(`arn:aws:iam:eu-west-2:${ACCT}:role/x`), 'arn-region-not-allowed', 'error', 'eu-west-2');
    none(res(`arn:aws:s3:eu-west-2:${ACCT}:accesspoint/ap1`), /^arn-/);
  });
  it('arn-account: hyphens (fix), wrong length, missing, "aws" outside managed policies', () => {
    const t = res('arn:aws:glue:eu-west-2:2109-8765-4321:catalog');
    clean(fixes(t, one(t, 'arn-account', 'error', '2109-8765-4321'), /210987654321/));
    one(res('arn:aws:glue:eu-west-2:12345:catalog'), 'arn-account', 'error', '12345');
    one(res('arn:aws:glue:eu-west-2::catalog'), 'arn-account', 'error', '::');
    one(res('arn:aws:iam::aws:role/x'), 'arn-account', 'error', 'aws');
    // CloudFront origin access identity principal (documented format; S3 bucket policies AWS generates use it).
    none(
      j({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::acme-data/*',
            Principal: { AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL' },
          },
        ],
      }),
      'arn-account',
    );
    one(res('arn:aws:iam::cloudfront:role/x'), 'arn-account', 'error', 'cloudfront');
    // AWS RAM managed permissions and SageMaker's public hub (AWS managed policies AWSResourceAccessManagerFullAccess-style, AmazonSageMakerFullAccess).
    none(
      res(
        'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet',
        'arn:aws:sagemaker:*:aws:hub/SageMakerPublicHub',
        'arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/*',
      ),
      'arn-account',
    );
    none(
      res('arn:aws:iam::aws:policy/AWSCleanRoomsFullAccess', 'arn:aws:iam::*:role/service-role/*cleanrooms*', 'arn:aws:glue:eu-west-2:2109*:catalog'),
      'arn-account',
    );
  });
  it('arn-account-not-allowed: S3 bucket ARNs have no account (fix removes it)', () => {
    const t = res(`arn:aws:s3::${ACCT}:acme-data`);
    clean(fixes(t, one(t, 'arn-account-not-allowed', 'error', ACCT), /Remove/));
  });
  it('arn-nested: an ARN pasted into an ARN, with a fix that keeps the inner one', () => {
    const t = res('arn:aws:s3:::arn:aws:s3:::acme-data/*');
    const after = fixes(t, one(t, 'arn-nested', 'error', 'arn:aws:s3:::'), /inner ARN/);
    assert.ok(after.includes('"Resource": "arn:aws:s3:::acme-data/*"'));
    clean(after);
  });
});

describe('rules: arn — per-service resource shapes', () => {
  it('Glue: catalog, database and table forms including federated multi-level forms', () => {
    clean(
      res(
        `arn:aws:glue:eu-west-2:${ACCT}:catalog`,
        `arn:aws:glue:eu-west-2:${ACCT}:catalog/sales_catalog`,
        `arn:aws:glue:eu-west-2:${ACCT}:database/marketing_db`,
        `arn:aws:glue:eu-west-2:${ACCT}:database/sales_catalog/marketing_db`,
        `arn:aws:glue:eu-west-2:${ACCT}:table/marketing_db/customer_events`,
        `arn:aws:glue:eu-west-2:${ACCT}:table/sales_catalog/marketing_db/customer_events`,
        `arn:aws:glue:eu-west-2:${ACCT}:table/marketing_db/*`,
        `arn:aws:glue:eu-west-2:${ACCT}:userDefinedFunction/marketing_db/*`,
      ),
    );
    one(res(`arn:aws:glue:eu-west-2:${ACCT}:table/a/b/c/d`), 'arn-resource', 'error', 'table/a/b/c/d');
    one(res(`arn:aws:glue:eu-west-2:${ACCT}:database/`), 'arn-resource', 'error', 'database/');
    const t = res(`arn:aws:glue:eu-west-2:${ACCT}:databse/marketing_db`);
    clean(fixes(t, one(t, 'arn-resource', 'error', 'databse'), /"database"/));
    one(res(`arn:aws:glue:eu-west-2:${ACCT}:tab*/x`), 'arn-resource', 'error', 'tab*');
  });
  it('KMS: key IDs are UUIDs or mrk- keys; aliases are fine', () => {
    clean(
      res(
        `arn:aws:kms:eu-west-2:${ACCT}:key/0c8f5a2e-41b7-4d39-8e6a-7f1b2c3d4e5f`,
        `arn:aws:kms:eu-west-2:${ACCT}:key/mrk-7ae12b6b9d4c4f0e8a31c25d9e0f6a84`,
        `arn:aws:kms:eu-west-2:${ACCT}:alias/cleanrooms`,
        `arn:aws:kms:eu-west-2:${ACCT}:key/*`,
      ),
    );
    one(res(`arn:aws:kms:eu-west-2:${ACCT}:key/my-key`), 'arn-resource', 'error', 'my-key');
    one(res(`arn:aws:kms:eu-west-2:${ACCT}:keys/0c8f5a2e-41b7-4d39-8e6a-7f1b2c3d4e5f`), 'arn-resource', 'error', 'keys');
  });
  it('Clean Rooms and Clean Rooms ML resource types', () => {
    clean(
      res(
        `arn:aws:cleanrooms:eu-west-2:${ACCT}:membership/${MID}`,
        `arn:aws:cleanrooms:eu-west-2:${ACCT}:membership/${MID}/configuredtableassociation/*`,
        `arn:aws:cleanrooms:eu-west-2:${ACCT}:collaboration/*`,
        `arn:aws:cleanrooms-ml:eu-west-2:${ACCT}:training-dataset/*`,
        `arn:aws:cleanrooms-ml:eu-west-2:${ACCT}:membership/${MID}/ml-input-channel/*`,
      ),
    );
    const t = res(`arn:aws:cleanrooms:eu-west-2:${ACCT}:memberships/${MID}`);
    clean(fixes(t, one(t, 'arn-resource', 'error', 'memberships'), /"membership"/));
    one(res(`arn:aws:cleanrooms:eu-west-2:${ACCT}:membership/${MID}/queries/x`), 'arn-resource', 'error', 'queries');
  });
  it('Secrets Manager, CloudWatch Logs, Redshift: type delimiter is a colon (fixes); ECR, Athena need a name', () => {
    clean(
      res(
        `arn:aws:secretsmanager:eu-west-2:${ACCT}:secret:cleanrooms/snowflake-creds-??????`,
        `arn:aws:logs:eu-west-2:${ACCT}:log-group:/aws/cleanroomsml/*`,
        `arn:aws:ecr:eu-west-2:${ACCT}:repository/acme/model`,
        `arn:aws:athena:eu-west-2:${ACCT}:workgroup/primary`,
        `arn:aws:athena:eu-west-2:${ACCT}:datacatalog/sales_catalog`,
      ),
    );
    const s = res(`arn:aws:secretsmanager:eu-west-2:${ACCT}:secret/creds`);
    clean(fixes(s, one(s, 'arn-resource', 'error', '/'), /secret:/));
    const l = res(`arn:aws:logs:eu-west-2:${ACCT}:log-group/aws/x`);
    clean(fixes(l, one(l, 'arn-resource', 'error', '/'), /log-group:/));
    one(res(`arn:aws:ecr:eu-west-2:${ACCT}:repository/`), 'arn-resource', 'error', 'repository/');
    one(res(`arn:aws:athena:eu-west-2:${ACCT}:workgroup`), 'arn-resource', 'error', 'workgroup');
    clean(
      j({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'cleanrooms.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringLike: { 'sts:ExternalId': `arn:aws:*:eu-west-2:*:dbuser:*/${MID}*` } },
          },
        ],
      }),
    );
  });
  it('a `*` ending the Region or account field can swallow the colon, so the text after it may be the tail of secret:<name> (AWS managed policies AmazonRedshiftQueryEditorV2FullAccess, AWSOpsWorksCMServiceRole)', () => {
    // IAM User Guide, Resource element: a * as the last character of a segment expands beyond the colon boundary, so
    // arn:aws:secretsmanager:*:*:sqlworkbench!* matches arn:aws:secretsmanager:us-east-1:111122223333:secret:sqlworkbench!abc.
    none(
      res(
        'arn:aws:secretsmanager:*:*:sqlworkbench!*',
        'arn:aws:secretsmanager:*:*:opsworks-cm!aws-opsworks-cm-secrets-*',
        'arn:aws:secretsmanager:us-east-1:*:sqlworkbench!*',
      ),
      'arn-resource',
    );
    // Boundaries: without a field-ending `*` the resource type is read as written…
    one(res(`arn:aws:secretsmanager:us-east-1:${ACCT}:sqlworkbench!*`), 'arn-resource', 'error', 'sqlworkbench!*');
    one(res('arn:aws:secretsmanager:us-east-1:1111*2:sqlworkbench!*'), 'arn-resource', 'error', 'sqlworkbench!*');
    // …and a service whose resource part has no colon cannot hide its type after one (glue table/<db>/<table>).
    one(res('arn:aws:glue:*:*:tabel/sales/orders'), 'arn-resource', 'error', 'tabel');
    // A known type after a shifted field is still checked as usual.
    const s = res('arn:aws:secretsmanager:*:*:secret/creds');
    clean(fixes(s, one(s, 'arn-resource', 'error', '/'), /secret:/));
  });
});

describe('rules: arn — where ARNs are checked', () => {
  it('Principal AWS ARNs and ARN-typed condition values', () => {
    const t = j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::12345:root' }, Action: 'sts:AssumeRole' }] });
    one(t, 'arn-account', 'error', '12345');
    const c = j({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:lambda:eu-west-2b:${ACCT}:function:f` } },
        },
      ],
    });
    one(c, 'arn-region', 'error', 'eu-west-2b');
    const k = res('*').replace(
      '"Resource": "*"',
      `"Resource": "*", "Condition": { "ArnLike": { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3::acme-data/*" } }`,
    );
    one(k, 'arn-s3-two-colons', 'error', '::');
    const v = j({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { ArnEquals: { 'aws:SourceArn': 'function-name' } },
        },
      ],
    });
    one(v, 'arn-prefix', 'error', 'function-name');
  });
  it('string patterns in String conditions may have fewer fields', () => {
    clean(
      j({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: '*',
            Condition: { StringLike: { 'kms:EncryptionContext:SecretARN': 'arn:aws:secretsmanager:*' } },
          },
        ],
      }),
    );
  });
  it('placeholder fields are left to the placeholder rules (reported once)', () => {
    for (const t of [
      res('arn:aws:glue:aws-region:accountId:database/database'),
      res('arn:aws:glue:<region>:<account-id>:table/<database>/<table>'),
      res('arn:aws:glue:{{us-east-1}}:{{111122223333}}:catalog'),
    ]) {
      none(t, /^arn-/);
      assert.ok(analyze(t).findings.some((f) => f.rule.startsWith('placeholder-')));
    }
    // Still reported once even when the placeholder rules are turned off.
    none(res('arn:aws:glue:<region>:<account-id>:catalog'), /^arn-/, { severityOverrides: { 'placeholder-token': 'off' } });
  });
  it('no false positives: wildcards, policy variables, other partitions', () => {
    clean(
      res(
        'arn:aws:s3:::acme-data/home/${aws:username}/*',
        'arn:aws:s3:::cleanrooms-queryresults*',
        'arn:aws:s3:::*',
        `arn:aws:ec2:*:${ACCT}:vpc/*`,
        'arn:aws:iam::${aws:PrincipalAccount}:role/x',
        `arn:aws-us-gov:glue:us-gov-west-1:${ACCT}:catalog`,
        'arn:aws-cn:s3:::acme-cn/*',
        `arn:aws:dynamodb:eu-west-2:${ACCT}:table/Books`,
        'arn:aws:logs:*:*:log-group:/aws/cleanrooms*',
        `arn:aws:sts::${ACCT}:assumed-role/admin/alice`,
      ),
    );
  });
});

describe('rules: arn — the account "aws" where the Service Authorization Reference lists it', () => {
  const iam = loadTestIamIndex();
  const pol = (action: string, resource: string) => j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
  it('accepts arn:aws:eks::aws:cluster-access-policy/… and arn:aws:sso::aws:applicationProvider/… (AWS managed policies AmazonEKSClusterPolicy-era access policies, AWSSSOServiceRolePolicy)', () => {
    // AWS managed policy AmazonEKSServiceRolePolicy-style access entry grants and AWSSSODirectoryAdministrator use these.
    none(pol('eks:AssociateAccessPolicy', 'arn:aws:eks::aws:cluster-access-policy/*'), 'arn-account', { iam });
    none(pol('sso:DescribeApplicationProvider', 'arn:aws:sso::aws:applicationProvider/*'), 'arn-account', { iam });
  });
  it('accepts the documented AWS-owned ARNs the reference omits: CloudFormation transforms and the Identity Center context provider (AWS managed policies AWSCodeStarServiceRole, SageMakerStudioProjectUserRolePolicy)', () => {
    none(pol('cloudformation:CreateChangeSet', 'arn:aws:cloudformation:*:aws:transform/CodeStar*'), 'arn-account', { iam });
    none(pol('cloudformation:CreateChangeSet', 'arn:aws:cloudformation:us-east-1:aws:transform/Serverless-2016-10-31'), 'arn-account', { iam });
    none(pol('sts:SetContext', 'arn:aws:iam::aws:contextProvider/IdentityCenter'), 'arn-account', { iam });
    // Only those resource types: a stack or a role is never owned by the account "aws".
    one(pol('cloudformation:DescribeStacks', 'arn:aws:cloudformation:us-east-1:aws:stack/x/*'), 'arn-account', 'error', 'aws', { iam });
    one(pol('iam:GetRole', 'arn:aws:iam::aws:role/contextProvider'), 'arn-account', 'error', 'aws', { iam });
  });
  it('still flags "aws" where the reference lists only a 12-digit account', () => {
    one(pol('eks:DescribeCluster', 'arn:aws:eks:us-east-1:aws:cluster/x'), 'arn-account', 'error', 'aws', { iam });
  });
});

describe('placeholder-bare-name: literal ARN words of other services', () => {
  it('does not take "table" in Keyspaces, Timestream or S3 Tables ARNs for a placeholder (AWS managed policies AmazonKeyspacesReadOnlyAccess, AmazonTimestreamReadOnlyAccess, AmazonS3TablesReadOnlyAccess)', () => {
    none(
      res('arn:aws:cassandra:*:*:/keyspace/system*/table/*', 'arn:aws:timestream:*:*:database/*/table/*', 'arn:aws:s3tables:*:*:bucket/*/table/*'),
      'placeholder-bare-name',
    );
    // Glue, where the AWS Clean Rooms pages write table/database/table, still reports both names.
    assert.equal(analyze(res(`arn:aws:glue:eu-west-2:${ACCT}:table/database/table`)).findings.filter((f) => f.rule === 'placeholder-bare-name').length, 2);
  });
});
