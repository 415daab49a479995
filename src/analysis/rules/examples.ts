// One complete, minimal policy document per rule that makes the rule fire: shown in docs/rules.md and in
// "Show Rule Documentation", and analysed by test/unit/rules-docs.test.ts (with the IAM index loaded), which fails
// when an example stops triggering its rule. Attached to each RuleMeta (`example`) when the registry is built.
// Values are realistic but not the AWS docs' example values (those would add placeholder findings to every example).
import type { RuleMeta } from '../types';

const ACCOUNT = '246813579024';
const MEMBERSHIP = '3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17';
const MEMBERSHIP_ARN = `arn:aws:cleanrooms:us-east-1:${ACCOUNT}:membership/${MEMBERSHIP}`;
const BUCKET = 'acme-sales-data';

type Json = Record<string, unknown>;
const doc = (d: Json): string => JSON.stringify(d, null, 2);
const policy = (...statements: Json[]): string => doc({ Version: '2012-10-17', Statement: statements });
/** A permissions statement: Allow `action` on `resource`, plus `extra`. */
const allow = (action: unknown, resource: unknown, extra: Json = {}): Json => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
/** The trust statement for AWS Clean Rooms, plus `extra` (e.g. a Condition). */
const cleanRoomsTrust = (extra: Json = {}): Json => ({
  Effect: 'Allow',
  Principal: { Service: 'cleanrooms.amazonaws.com' },
  Action: 'sts:AssumeRole',
  ...extra,
});
/** An S3 read statement with this Condition. */
const withCondition = (condition: Json): Json => allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: condition });
const scoped = (op: string, key = 'aws:SourceArn', value: unknown = MEMBERSHIP_ARN): Json => cleanRoomsTrust({ Condition: { [op]: { [key]: value } } });

export interface RuleExample {
  text: string;
  options?: RuleMeta['exampleOptions'];
  sibling?: RuleMeta['exampleSibling'];
}

export const RULE_EXAMPLES: Record<string, RuleExample> = {
  // placeholders
  'placeholder-token': { text: policy(allow('s3:GetObject', 'arn:aws:s3:::<bucket>/*')) },
  'placeholder-bare-name': { text: policy(allow('glue:GetDatabase', 'arn:aws:glue:aws-region:accountId:catalog')) },
  'placeholder-example-value': {
    text: policy(scoped('ArnEquals', 'aws:SourceArn', 'arn:aws:cleanrooms:us-east-1:555555555555:membership/a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa')),
  },

  // grammar
  'grammar-version': { text: doc({ Version: '2021-01-01', Statement: [allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`)] }) },
  'grammar-version-missing': { text: doc({ Statement: [allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`)] }) },
  'grammar-version-legacy': { text: doc({ Version: '2008-10-17', Statement: [allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`)] }) },
  'grammar-statement-missing': { text: doc({ Version: '2012-10-17', Statement: [] }) },
  'grammar-type': { text: policy(allow(42, '*')) },
  'grammar-action-format': { text: policy(allow('GetObject', `arn:aws:s3:::${BUCKET}/*`)) },
  'grammar-unknown-element': { text: policy({ Effect: 'Allow', Action: 's3:GetObject', Resources: `arn:aws:s3:::${BUCKET}/*` }) },
  'grammar-duplicate-key': {
    text: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Effect": "Deny",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::${BUCKET}/*"
    }
  ]
}`,
  },
  'grammar-effect': { text: policy({ Effect: 'allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` }) },
  'grammar-action-missing': { text: policy({ Effect: 'Allow', Resource: `arn:aws:s3:::${BUCKET}/*` }) },
  'grammar-action-both': { text: policy({ Effect: 'Allow', Action: 's3:*', NotAction: 's3:DeleteObject', Resource: `arn:aws:s3:::${BUCKET}/*` }) },
  'grammar-resource-missing': { text: policy({ Effect: 'Allow', Action: 's3:GetObject' }) },
  'grammar-resource-both': {
    text: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*`, NotResource: `arn:aws:s3:::${BUCKET}/private/*` }),
  },
  'grammar-resource-in-trust': { text: policy(cleanRoomsTrust({ Resource: '*' })) },
  'grammar-principal-missing': { text: policy({ Effect: 'Allow', Action: 'sts:AssumeRole' }) },
  'grammar-principal-in-permissions': {
    text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } })),
    // Principal plus Resource reads as a resource-based (bucket) policy unless the file name says otherwise.
    options: { fileName: 'permissions-policy.json' },
  },
  'grammar-principal-both': {
    text: policy({
      Effect: 'Allow',
      Principal: { Service: 'cleanrooms.amazonaws.com' },
      NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'sts:AssumeRole',
    }),
  },
  'grammar-principal-shape': { text: policy({ Effect: 'Allow', Principal: { Services: 'cleanrooms.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
  'grammar-principal-wildcard-in-trust': { text: policy({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }) },
  'grammar-not-principal-in-trust': { text: policy({ Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }) },
  'grammar-sid-characters': { text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Sid: 'read-data' })) },
  'grammar-sid-duplicate': {
    text: policy(
      { Sid: 'ReadData', ...allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`) },
      { Sid: 'ReadData', ...allow('s3:ListBucket', `arn:aws:s3:::${BUCKET}`) },
    ),
  },
  'grammar-condition-operator': {
    text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { StringEqual: { 's3:ResourceAccount': ACCOUNT } } })),
  },
  'grammar-condition-operator-case': {
    text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { stringequals: { 's3:ResourceAccount': ACCOUNT } } })),
  },
  'grammar-null-qualifier': {
    text: policy(allow('s3:PutObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { 'ForAllValues:Null': { 'aws:TagKeys': 'false' } } })),
  },
  'grammar-empty': { text: policy(allow('s3:GetObject', [])) },
  'condition-wildcard-in-equals': {
    text: policy(allow('s3:ListBucket', `arn:aws:s3:::${BUCKET}`, { Condition: { StringEquals: { 's3:prefix': 'home/*' } } })),
  },
  'condition-string-operator-on-arn-key': { text: policy(scoped('StringLike', 'aws:SourceArn', `arn:aws:cleanrooms:us-east-1:${ACCOUNT}:membership/*`)) },

  // arn
  'arn-prefix': { text: policy(allow('s3:GetObject', BUCKET)) },
  'arn-missing-fields': { text: policy(allow('glue:GetDatabase', 'arn:aws:glue:us-east-1:catalog')) },
  'arn-s3-two-colons': { text: policy(allow('s3:GetObject', `arn:aws:s3::${BUCKET}/*`)) },
  'arn-partition': { text: policy(allow('s3:GetObject', `arn:AWS:s3:::${BUCKET}/*`)) },
  'arn-service': { text: policy(allow('s3:GetObject', `arn:aws:S3:::${BUCKET}/*`)) },
  'arn-region': { text: policy(allow('glue:GetDatabase', `arn:aws:glue:us-east-1a:${ACCOUNT}:catalog`)) },
  'arn-region-not-allowed': { text: policy(allow('iam:PassRole', `arn:aws:iam:us-east-1:${ACCOUNT}:role/analyst`)) },
  'arn-account': { text: policy(allow('glue:GetDatabase', 'arn:aws:glue:us-east-1:2468-1357-9024:catalog')) },
  'arn-account-not-allowed': { text: policy(allow('s3:ListBucket', `arn:aws:s3::${ACCOUNT}:${BUCKET}`)) },
  'arn-nested': { text: policy(allow('s3:GetObject', `arn:aws:s3:::arn:aws:s3:::${BUCKET}/*`)) },
  'arn-resource': { text: policy(allow('kms:Decrypt', `arn:aws:kms:us-east-1:${ACCOUNT}:key/my-key`)) },

  // cleanrooms
  'cleanrooms-principal-typo': { text: policy({ Effect: 'Allow', Principal: { Service: 'cleanroom.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
  'cleanrooms-source-arn-membership': {
    text: policy(scoped('ArnLike', 'aws:SourceArn', `arn:aws:cleanrooms:us-east-1:${ACCOUNT}:collaboration/${MEMBERSHIP}`)),
  },
  'cleanrooms-membership-id': {
    text: policy(scoped('ArnLike', 'aws:SourceArn', `arn:aws:cleanrooms:us-east-1:${ACCOUNT}:membership/${MEMBERSHIP.toUpperCase()}`)),
  },
  'cleanrooms-region': { text: policy(scoped('ArnLike', 'aws:SourceArn', `arn:aws:cleanrooms:eu-west-3:${ACCOUNT}:membership/${MEMBERSHIP}`)) },
  'cleanrooms-region-mismatch': {
    text: policy(
      allow('cleanrooms:GetMembership', MEMBERSHIP_ARN),
      allow(
        ['glue:GetDatabase', 'glue:GetTable'],
        [`arn:aws:glue:eu-west-2:${ACCOUNT}:catalog`, `arn:aws:glue:eu-west-2:${ACCOUNT}:database/sales`, `arn:aws:glue:eu-west-2:${ACCOUNT}:table/sales/*`],
      ),
    ),
  },
  'cleanrooms-unscoped-trust': { text: policy(cleanRoomsTrust()) },
  'cleanrooms-forany-single-valued': { text: policy(scoped('ForAnyValue:ArnEquals', 'aws:SourceArn', [MEMBERSHIP_ARN])) },
  'cleanrooms-externalid-arnlike': { text: policy(scoped('ArnLike', 'sts:ExternalId', `arn:aws:*:us-east-1:*:dbuser:*/${MEMBERSHIP}*`)) },

  // iam-data (need the IAM reference data)
  'iam-unknown-service': { text: policy(allow('glu:GetTable', '*')) },
  'iam-unknown-action': { text: policy(allow('s3:GetObjects', `arn:aws:s3:::${BUCKET}/*`)) },
  'iam-condition-key-not-listed': { text: policy(scoped('StringEquals', 'aws:QqzzxFrobnicator', 'x')) },
  'iam-service-not-listed': { text: policy(allow('qqzzx:DescribeWidgets', '*')) },
  'iam-service-retired': { text: policy(allow('deepracer:ListModels', '*')) },
  'iam-action-not-listed': { text: policy(allow('s3:FrobnicateEverything', '*')) },
  'iam-action-pattern-matches-nothing': { text: policy(allow('s3:Gte*', `arn:aws:s3:::${BUCKET}/*`)) },
  'iam-unknown-condition-key': {
    text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { StringEquals: { 'aws:SourceAcount': ACCOUNT } } })),
  },
  'iam-operator-type-mismatch': { text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { Bool: { 'aws:SourceIp': 'true' } } })) },
  'iam-operator-type-as-text': {
    text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { StringEquals: { 'aws:SecureTransport': 'true' } } })),
  },
  'iam-forallvalues-single-valued': {
    text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { 'ForAllValues:StringEquals': { 'aws:SourceAccount': ACCOUNT } } })),
  },
  'iam-missing-set-qualifier': {
    text: policy(allow('s3:PutObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { StringEquals: { 'aws:TagKeys': 'project' } } })),
  },
  'iam-resource-mismatch': { text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}`)) },

  // core
  'json-syntax': {
    text: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::${BUCKET}/*",
    }
  ]
}`,
  },
  'json-too-deep': {
    // One value nested 300 deep inside an otherwise valid policy: reported, and the rest of the policy is still analysed.
    text: `{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${BUCKET}/*", "Condition": { "StringEquals": { "s3:prefix": ${'['.repeat(300)}${']'.repeat(300)} } } }] }`,
  },
  'json-comment': {
    text: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      // read the sales data
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::${BUCKET}/*"
    }
  ]
}`,
  },

  // access-analyzer-statements
  'aa-pass-role-star-resource': { text: policy(allow('iam:PassRole', '*')) },
  'aa-pass-role-not-resource': { text: policy({ Effect: 'Allow', Action: 'iam:PassRole', NotResource: `arn:aws:iam::${ACCOUNT}:role/admin` }) },
  'aa-pass-role-star-action-star-resource': { text: policy(allow('iam:*', '*')) },
  'aa-pass-role-star-action-not-resource': { text: policy({ Effect: 'Allow', Action: 'iam:Pass*', NotResource: `arn:aws:iam::${ACCOUNT}:role/admin` }) },
  'aa-pass-role-not-action-not-resource': { text: policy({ Effect: 'Allow', NotAction: 's3:DeleteBucket', NotResource: `arn:aws:s3:::${BUCKET}` }) },
  'aa-pass-role-not-action-star-resource': { text: policy({ Effect: 'Allow', NotAction: ['organizations:*', 'account:*'], Resource: '*' }) },
  'aa-create-slr-star-resource': { text: policy(allow('iam:CreateServiceLinkedRole', '*')) },
  'aa-create-slr-not-resource': { text: policy({ Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', NotResource: `arn:aws:iam::${ACCOUNT}:role/admin` }) },
  'aa-create-slr-star-action-star-resource': { text: policy(allow('iam:Create*', '*')) },
  'aa-create-slr-star-action-not-resource': { text: policy({ Effect: 'Allow', Action: 'iam:Create*', NotResource: `arn:aws:iam::${ACCOUNT}:role/admin` }) },
  'aa-create-slr-not-action-not-resource': { text: policy({ Effect: 'Allow', NotAction: 's3:DeleteBucket', NotResource: `arn:aws:s3:::${BUCKET}` }) },
  'aa-create-slr-not-action-star-resource': { text: policy({ Effect: 'Allow', NotAction: ['organizations:*', 'account:*'], Resource: '*' }) },
  'aa-policy-size-identity': {
    // One statement a line: the example must be over 10,240 characters, and stays readable that way.
    text: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${Array.from({ length: 100 }, (_, i) => JSON.stringify(allow(['s3:GetObject', 's3:PutObject'], `arn:aws:s3:::${BUCKET}-${String(i).padStart(2, '0')}/reports/quarterly/*`, { Sid: `ReadWriteReports${i}` }))).join(',\n    ')}\n  ]\n}`,
  },
  // consistency
  'consistency-membership': {
    text: policy(cleanRoomsTrust({ Condition: { StringLike: { 'sts:ExternalId': `arn:aws:*:eu-west-2:*:dbuser:*/${MEMBERSHIP}*` } } }), scoped('ArnEquals')),
  },
  'consistency-bucket-owner': {
    text: policy(
      allow('s3:ListBucket', `arn:aws:s3:::${BUCKET}`, { Condition: { StringEquals: { 's3:ResourceAccount': ACCOUNT } } }),
      allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { StringEquals: { 's3:ResourceAccount': '135792468013' } } }),
    ),
  },
  'consistency-role-pair': {
    text: policy(
      allow(
        ['glue:GetDatabase', 'glue:GetTable'],
        [`arn:aws:glue:us-east-1:${ACCOUNT}:database/sales`, `arn:aws:glue:us-east-1:${ACCOUNT}:table/sales/orders`],
      ),
    ),
    options: { fileName: 'read-data-permissions.json' },
    sibling: {
      fileName: 'read-data-trust.json',
      text: policy(scoped('ArnEquals', 'aws:SourceArn', `arn:aws:cleanrooms:eu-west-2:${ACCOUNT}:membership/${MEMBERSHIP}`)),
    },
  },
  // access-analyzer-tags
  'aa-tag-key-unsupported-deny': {
    text: policy({
      Effect: 'Deny',
      Action: ['ec2:TerminateInstances', 'dax:DeleteCluster'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:ResourceTag/Environment': 'production' } },
    }),
  },
  'aa-tag-key-unsupported-allow': {
    text: policy(allow(['ec2:StartInstances', 'cloudshell:CreateSession'], '*', { Condition: { StringEquals: { 'aws:ResourceTag/Team': 'analytics' } } })),
  },
  // access-analyzer-conditions
  'aa-condition-key-format': { text: policy(withCondition({ StringEquals: { SourceAccount: ACCOUNT } })) },
  'aa-condition-duplicate-key-case': {
    text: policy(withCondition({ StringEquals: { 'aws:PrincipalAccount': ACCOUNT, 'aws:principalaccount': '135792468013' } })),
  },
  'aa-condition-boolean-value': { text: policy(withCondition({ Bool: { 'aws:SecureTransport': 'yes' } })) },
  'aa-condition-multiple-boolean': { text: policy(withCondition({ Bool: { 'aws:SecureTransport': ['true', 'false'] } })) },
  'aa-condition-number-value': { text: policy(withCondition({ NumericLessThan: { 'aws:MultiFactorAuthAge': 'one hour' } })) },
  'aa-condition-date-value': { text: policy(withCondition({ DateLessThan: { 'aws:CurrentTime': '16/07/2026' } })) },
  'aa-condition-date-epoch': { text: policy(withCondition({ DateLessThan: { 'aws:CurrentTime': '1784160000' } })) },
  'aa-condition-ip-value': { text: policy(withCondition({ IpAddress: { 'aws:SourceIp': '203.0.113.300/24' } })) },
  'aa-condition-ip-host-bits': { text: policy(withCondition({ IpAddress: { 'aws:SourceIp': '203.0.113.5/24' } })) },
  'aa-source-ip-private': { text: policy(withCondition({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.1.0/24'] } })) },
  'aa-source-ip-private-not': {
    text: policy({ ...allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`), Effect: 'Deny', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }),
  },
  'aa-source-ip-private-subset': { text: policy(withCondition({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '10.0.0.0/8'] } })) },
  'aa-condition-vpc-format': { text: policy(withCondition({ StringEquals: { 'aws:SourceVpc': 'vpc-1234' } })) },
  'aa-condition-vpce-format': { text: policy(withCondition({ StringEquals: { 'aws:SourceVpce': 'vpc-1a2b3c4d' } })) },
  'aa-condition-region-value': { text: policy(withCondition({ StringEquals: { 'aws:RequestedRegion': 'us-east' } })) },
  'aa-condition-region-unknown': { text: policy(withCondition({ StringEquals: { 'aws:RequestedRegion': 'us-north-9' } })) },
  'aa-condition-service-principal-format': {
    text: policy(
      allow('kms:Decrypt', `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, {
        Condition: { StringEquals: { 'kms:ViaService': 's3.amazonaws.com' } },
      }),
    ),
  },
  'aa-variable-missing-brace': { text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/home/\${aws:username/*`)) },
  'aa-variable-missing-quote': { text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/\${aws:PrincipalTag/team, company-wide}/*`)) },
  'aa-variable-space': { text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/home/\${aws: username}/*`)) },
  'aa-variable-empty': { text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/home/\${}/*`)) },
  'aa-variable-in-element': { text: policy(allow('s3:${aws:username}', `arn:aws:s3:::${BUCKET}/*`)) },
  'aa-variable-version': { text: doc({ Version: '2008-10-17', Statement: [allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/home/\${aws:username}/*`)] }) },
  'aa-variable-operator': { text: policy(withCondition({ NumericLessThan: { 'aws:MultiFactorAuthAge': '${aws:EpochTime}' } })) },
  'aa-condition-unsupported-action': {
    text: policy(
      allow(['s3:GetObject', 's3:ListBucket'], [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`], {
        Condition: { StringLike: { 's3:prefix': 'reports/*' } },
      }),
    ),
  },
  'aa-condition-missing-paired-key': { text: policy(withCondition({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' } })) },
  'aa-condition-untrustworthy-key': { text: policy(withCondition({ StringLike: { 'aws:referer': 'https://www.example.com/*' } })) },
  'aa-condition-mfa-bool-false': { text: policy(withCondition({ Bool: { 'aws:MultiFactorAuthPresent': 'false' } })) },
  'aa-condition-dynamodb-attributes': {
    text: policy(
      allow('dynamodb:GetItem', `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Orders`, {
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['OrderId', 'Status'] } },
      }),
    ),
  },
  'aa-condition-redundant-number': { text: policy(withCondition({ NumericLessThan: { 'aws:MultiFactorAuthAge': ['2700', '3600'] } })) },
  'aa-condition-equivalent-to-null': { text: policy(withCondition({ StringLike: { 'aws:PrincipalTag/team': '*' } })) },
  'aa-condition-always-matches': { text: policy(withCondition({ StringLikeIfExists: { 'aws:PrincipalTag/team': '*' } })) },
  'aa-condition-mixed-types': { text: policy(withCondition({ NumericLessThan: { 'aws:MultiFactorAuthAge': [3600, '7200'] } })) },
  'aa-condition-irrelevant-key': {
    text: policy({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
      Condition: { StringEquals: { 's3:ResourceAccount': ACCOUNT } },
    }),
  },
  'aa-policy-size-trust': {
    text: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": { "AWS": [\n        ${Array.from({ length: 150 }, (_, i) => JSON.stringify(`arn:aws:iam::${ACCOUNT}:role/analytics-team-member-${String(i).padStart(3, '0')}`)).join(',\n        ')}\n      ] },\n      "Action": "sts:AssumeRole"\n    }\n  ]\n}`,
  },
  'aa-policy-size-identity-role-only': {
    text: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${Array.from({ length: 60 }, (_, i) => JSON.stringify(allow(['s3:GetObject', 's3:PutObject'], `arn:aws:s3:::${BUCKET}-${String(i).padStart(2, '0')}/reports/quarterly/*`, { Sid: `ReadWriteReports${i}` }))).join(',\n    ')}\n  ]\n}`,
  },
  'aa-policy-size-trust-raised': {
    text: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": { "AWS": [\n        ${Array.from({ length: 45 }, (_, i) => JSON.stringify(`arn:aws:iam::${ACCOUNT}:role/analytics-team-member-${String(i).padStart(3, '0')}`)).join(',\n        ')}\n      ] },\n      "Action": "sts:AssumeRole"\n    }\n  ]\n}`,
  },
  'aa-policy-size-resource-whitespace': {
    text: doc({
      Version: '2012-10-17',
      Statement: Array.from({ length: 100 }, (_, i) => ({
        Sid: `PartnerRead${i}`,
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${String(100000000000 + i * 7919)}:root` },
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${BUCKET}/partners/partner-${String(i).padStart(3, '0')}/*`,
      })),
    }),
  },
  'aa-policy-size-resource': {
    text: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${Array.from({ length: 130 }, (_, i) => JSON.stringify({ Sid: `PartnerRead${i}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${String(100000000000 + i * 7919)}:root` }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/partners/partner-${String(i).padStart(3, '0')}/*` })).join(',\n    ')}\n  ]\n}`,
  },
  'aa-service-principal-format': { text: policy({ Effect: 'Allow', Principal: { Service: 'Lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
  'aa-service-principal-unusual': {
    text: policy({ Effect: 'Allow', Principal: { Service: 'alexa-appkit.amazon.com' }, Action: 'sts:AssumeRole' }),
  },
  'aa-role-id-principal': { text: policy({ Effect: 'Allow', Principal: { AWS: 'AROAZ7XK3QWERTY5N2PLM' }, Action: 'sts:AssumeRole' }) },
  'aa-user-id-principal': { text: policy({ Effect: 'Allow', Principal: { AWS: 'AIDAZ7XK3QWERTY5N2PLM' }, Action: 'sts:AssumeRole' }) },
  'aa-service-principal-unscoped': {
    text: policy({
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/${ACCOUNT}/*`,
    }),
  },
  'aa-service-principal-unscoped-conditions': {
    text: policy({
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/${ACCOUNT}/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    }),
  },
  'aa-allow-not-principal': {
    text: policy({ Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` }),
  },
  'aa-allow-not-resource': { text: policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: `arn:aws:s3:::${BUCKET}/private/*` }) },
  'aa-federated-principal-syntax': {
    text: policy({ Effect: 'Allow', Principal: { Federated: 'https://token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }),
  },
  'aa-federated-principal-not-supported': {
    text: policy({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/CorpIdP` },
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
    }),
  },
  'aa-mismatched-action-for-principal': {
    text: policy({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/CorpIdP` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    }),
  },
  'aa-federated-assume-role': {
    text: policy({ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/CorpIdP` }, Action: 'sts:AssumeRole' }),
  },
  'aa-roles-anywhere-actions': {
    text: policy({
      Effect: 'Allow',
      Principal: { Service: 'rolesanywhere.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/4c2f9a1e-7b3d-4e8a-9c51-0d6b2e8f4a17` } },
    }),
  },
  'aa-oidc-missing-condition': {
    text: policy({ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }),
  },
  'aa-github-missing-sub': {
    text: policy({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
    }),
  },
  'aa-github-sub-wildcard': {
    text: policy({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme-analytics/*' },
      },
    }),
  },
  'aa-github-sub-ref-wildcard': {
    text: policy({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme-analytics/reports:*' },
      },
    }),
  },
  'aa-oidc-aud-foranyvalue': {
    text: policy({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/login.acme-idp.example` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { 'ForAnyValue:StringEquals': { 'login.acme-idp.example:aud': ['reports-app'] } },
    }),
  },
  'aa-oidc-aud-forallvalues': {
    text: policy({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/login.acme-idp.example` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { 'ForAllValues:StringEquals': { 'login.acme-idp.example:aud': ['reports-app'] } },
    }),
  },
  'aa-redundant-principal': {
    text: policy({
      Effect: 'Allow',
      Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/analyst`, `arn:aws:sts::${ACCOUNT}:assumed-role/analyst/jane`] },
      Action: 'sts:AssumeRole',
    }),
  },
  'aa-redundant-action': { text: policy(allow(['s3:Get*', 's3:GetObject'], `arn:aws:s3:::${BUCKET}/*`)) },
  'aa-redundant-resource': { text: policy(allow('s3:GetObject', [`arn:aws:s3:::${BUCKET}/*`, `arn:aws:s3:::${BUCKET}/reports/*`])) },
  'aa-redundant-statement': {
    text: policy(
      { Sid: 'Read', ...allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`) },
      { Sid: 'ReadAgain', ...allow(['s3:GetObject'], `arn:aws:s3:::${BUCKET}/*`) },
    ),
  },
  'aa-wildcard-service-name': { text: policy(allow('codecommit:GitPull', `arn:aws:*code*:us-east-1:${ACCOUNT}:*`)) },
};

/** Attach the example (and its options) to a rule's metadata. */
export function withExample(meta: RuleMeta): RuleMeta {
  const e = RULE_EXAMPLES[meta.id];
  if (e) {
    meta.example = e.text;
    if (e.options) meta.exampleOptions = e.options;
    if (e.sibling) meta.exampleSibling = e.sibling;
  }
  return meta;
}
