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
const cleanRoomsTrust = (extra: Json = {}): Json => ({ Effect: 'Allow', Principal: { Service: 'cleanrooms.amazonaws.com' }, Action: 'sts:AssumeRole', ...extra });
const scoped = (op: string, key = 'aws:SourceArn', value: unknown = MEMBERSHIP_ARN): Json => cleanRoomsTrust({ Condition: { [op]: { [key]: value } } });

export interface RuleExample {
  text: string;
  options?: RuleMeta['exampleOptions'];
}

export const RULE_EXAMPLES: Record<string, RuleExample> = {
  // placeholders
  'placeholder-token': { text: policy(allow('s3:GetObject', 'arn:aws:s3:::<bucket>/*')) },
  'placeholder-bare-name': { text: policy(allow('glue:GetDatabase', 'arn:aws:glue:aws-region:accountId:catalog')) },
  'placeholder-example-value': { text: policy(scoped('ArnEquals', 'aws:SourceArn', 'arn:aws:cleanrooms:us-east-1:555555555555:membership/a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa')) },

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
  'grammar-resource-both': { text: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*`, NotResource: `arn:aws:s3:::${BUCKET}/private/*` }) },
  'grammar-resource-in-trust': { text: policy(cleanRoomsTrust({ Resource: '*' })) },
  'grammar-principal-missing': { text: policy({ Effect: 'Allow', Action: 'sts:AssumeRole' }) },
  'grammar-principal-in-permissions': {
    text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } })),
    // Principal plus Resource reads as a resource-based (bucket) policy unless the file name says otherwise.
    options: { fileName: 'permissions-policy.json' },
  },
  'grammar-principal-both': { text: policy({ Effect: 'Allow', Principal: { Service: 'cleanrooms.amazonaws.com' }, NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }) },
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
  'grammar-condition-operator': { text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { StringEqual: { 's3:ResourceAccount': ACCOUNT } } })) },
  'grammar-null-qualifier': { text: policy(allow('s3:PutObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { 'ForAllValues:Null': { 'aws:TagKeys': 'false' } } })) },
  'grammar-empty': { text: policy(allow('s3:GetObject', [])) },
  'condition-wildcard-in-equals': { text: policy(allow('s3:ListBucket', `arn:aws:s3:::${BUCKET}`, { Condition: { StringEquals: { 's3:prefix': 'home/*' } } })) },
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
  'cleanrooms-source-arn-membership': { text: policy(scoped('ArnLike', 'aws:SourceArn', `arn:aws:cleanrooms:us-east-1:${ACCOUNT}:collaboration/${MEMBERSHIP}`)) },
  'cleanrooms-membership-id': { text: policy(scoped('ArnLike', 'aws:SourceArn', `arn:aws:cleanrooms:us-east-1:${ACCOUNT}:membership/${MEMBERSHIP.toUpperCase()}`)) },
  'cleanrooms-region': { text: policy(scoped('ArnLike', 'aws:SourceArn', `arn:aws:cleanrooms:eu-west-3:${ACCOUNT}:membership/${MEMBERSHIP}`)) },
  'cleanrooms-region-mismatch': {
    text: policy(
      allow('cleanrooms:GetMembership', MEMBERSHIP_ARN),
      allow(['glue:GetDatabase', 'glue:GetTable'], [`arn:aws:glue:eu-west-2:${ACCOUNT}:catalog`, `arn:aws:glue:eu-west-2:${ACCOUNT}:database/sales`, `arn:aws:glue:eu-west-2:${ACCOUNT}:table/sales/*`]),
    ),
  },
  'cleanrooms-unscoped-trust': { text: policy(cleanRoomsTrust()) },
  'cleanrooms-forany-single-valued': { text: policy(scoped('ForAnyValue:ArnEquals', 'aws:SourceArn', [MEMBERSHIP_ARN])) },
  'cleanrooms-externalid-arnlike': { text: policy(scoped('ArnLike', 'sts:ExternalId', `arn:aws:*:us-east-1:*:dbuser:*/${MEMBERSHIP}*`)) },

  // iam-data (need the IAM reference data)
  'iam-unknown-service': { text: policy(allow('glu:GetTable', '*')) },
  'iam-unknown-action': { text: policy(allow('s3:GetObjects', `arn:aws:s3:::${BUCKET}/*`)) },
  'iam-action-pattern-matches-nothing': { text: policy(allow('s3:Gte*', `arn:aws:s3:::${BUCKET}/*`)) },
  'iam-unknown-condition-key': { text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { StringEquals: { 'aws:SourceAcount': ACCOUNT } } })) },
  'iam-operator-type-mismatch': { text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { Bool: { 'aws:SourceIp': 'true' } } })) },
  'iam-forallvalues-single-valued': { text: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { 'ForAllValues:StringEquals': { 'aws:SourceAccount': ACCOUNT } } })) },
  'iam-missing-set-qualifier': { text: policy(allow('s3:PutObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { StringEquals: { 'aws:TagKeys': 'project' } } })) },
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

  // access-analyzer-passrole
  'aa-pass-role-star-resource': { text: policy(allow('iam:PassRole', '*')) },
  'aa-pass-role-not-resource': { text: policy({ Effect: 'Allow', Action: 'iam:PassRole', NotResource: `arn:aws:iam::${ACCOUNT}:role/admin` }) },
  'aa-create-slr-star-resource': { text: policy(allow('iam:CreateServiceLinkedRole', '*')) },
  'aa-policy-size-identity': {
    // One statement a line: the example must be over 6,144 characters, and stays readable that way.
    text: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${Array.from({ length: 60 }, (_, i) => JSON.stringify(allow(['s3:GetObject', 's3:PutObject'], `arn:aws:s3:::${BUCKET}-${String(i).padStart(2, '0')}/reports/quarterly/*`, { Sid: `ReadWriteReports${i}` }))).join(',\n    ')}\n  ]\n}`,
  },
};

/** Attach the example (and its options) to a rule's metadata. */
export function withExample(meta: RuleMeta): RuleMeta {
  const e = RULE_EXAMPLES[meta.id];
  if (e) {
    meta.example = e.text;
    if (e.options) meta.exampleOptions = e.options;
  }
  return meta;
}
