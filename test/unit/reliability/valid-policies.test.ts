// No false positives on valid policies: every catalog template rendered with realistic values, and valid policies in
// every legal shape (facts: shared/reference/cleanrooms-iam-facts.md §3-4), produce no warning and no error.
import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/analysis';
import type { Finding } from '../../../src/analysis/types';
import { TEMPLATES } from '../../../src/catalog';
import { placeholderKind } from '../../../src/catalog/placeholder-kinds';
import { renderTemplate, sampleValues } from '../../../src/fill/apply';
import { iamIndex, resultViolations } from './support';

const MEMBERSHIP = 'arn:aws:cleanrooms:us-east-1:210987654321:membership/3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17';

/** Valid policies, one legal shape each. Comments say which fact they rest on. */
export const VALID_POLICIES: Array<{ name: string; policy: unknown; fileName?: string }> = [
  {
    name: 'trust, Statement as a single object, Action as a string, confused-deputy condition (§1.b, §4.1)',
    fileName: 'trust-policy.json',
    policy: {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Service: 'cleanrooms.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { ArnLike: { 'aws:SourceArn': MEMBERSHIP }, StringEquals: { 'aws:SourceAccount': '210987654321' } },
      },
    },
  },
  {
    name: 'trust for a human member role: AWS account principal (§1.a.1, §4.2)',
    fileName: 'member-trust.json',
    policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'sts:AssumeRole' }] },
  },
  {
    name: 'permissions with wildcards in actions and resources (§3.1, §4.2)',
    policy: {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ReadObjects', Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::acme-cleanrooms-data/*' },
        { Sid: 'ListBucket', Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: 'arn:aws:s3:::acme-cleanrooms-data' },
        {
          Sid: 'Glue',
          Effect: 'Allow',
          Action: ['glue:GetTable', 'glue:GetTables', 'glue:GetDatabase'],
          Resource: [
            'arn:aws:glue:us-east-1:210987654321:catalog',
            'arn:aws:glue:us-east-1:210987654321:database/*',
            'arn:aws:glue:us-east-1:210987654321:table/marketing_db/*',
          ],
        },
        { Effect: 'Allow', Action: 'lakeformation:GetDataAccess', Resource: '*' },
      ],
    },
  },
  {
    name: 'NotAction and NotResource (§4.2: exactly one of each pair)',
    policy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-cleanrooms-data/*' },
        { Effect: 'Deny', NotAction: ['s3:GetObject', 's3:ListBucket'], Resource: '*' },
        { Effect: 'Deny', Action: 's3:GetObject', NotResource: ['arn:aws:s3:::acme-cleanrooms-data/*'] },
      ],
    },
  },
  {
    name: 'policy variables in Resource and in a String condition (§4.2, Version 2012-10-17)',
    policy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-cleanrooms-data/home/${aws:username}/*' },
        {
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::acme-cleanrooms-data',
          Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } },
        },
      ],
    },
  },
  {
    name: 'other partitions for services that exist there (§3.2)',
    policy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws-cn:s3:::acme-data-cn/*', 'arn:aws-us-gov:s3:::acme-data-gov/*'] },
        { Effect: 'Allow', Action: 'glue:GetTable', Resource: 'arn:aws-us-gov:glue:us-gov-west-1:210987654321:table/marketing_db/events' },
      ],
    },
  },
  {
    name: 'conditions: multiple values, IfExists, set operator on a multivalued key, Bool, s3:ResourceAccount (§4.3-4.5)',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::acme-cleanrooms-data/customers/*',
          Condition: { StringEquals: { 's3:ResourceAccount': ['210987654321', '109876543210'] } },
        },
        {
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: 'arn:aws:kms:us-east-1:210987654321:key/0c8f5a2e-41b7-4d39-8e6a-7f1b2c3d4e5f',
          Condition: {
            StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
            ArnLikeIfExists: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::acme-cleanrooms-data/*' },
          },
        },
        {
          Effect: 'Allow',
          Action: 'cleanrooms:ListMemberships',
          Resource: '*',
          Condition: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': ['cloudformation.amazonaws.com'] } },
        },
        { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::acme-cleanrooms-data/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    },
  },
  {
    name: 'legacy top-level order and an Id is fine in a resource-based bucket policy (§4.1)',
    policy: {
      Statement: [
        {
          Sid: 'AllowCleanRoomsRole',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::210987654321:role/CleanRoomsReader' },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::acme-cleanrooms-data/*',
        },
      ],
      Id: 'BucketPolicy1',
      Version: '2012-10-17',
    },
  },
];

function loud(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
}

function describe1(text: string, fs: Finding[]): string {
  return fs.map((f) => `  ${f.rule} (${f.severity}) on ${JSON.stringify(text.substr(f.offset, f.length).slice(0, 80))}: ${f.message}`).join('\n');
}

describe('reliability: no false positives on valid policies', () => {
  for (const indent of [4, 2, '\t'] as const) {
    it(`every catalog template rendered with realistic values (indent ${JSON.stringify(indent)}) has no warning or error`, () => {
      const problems: string[] = [];
      for (const t of TEMPLATES) {
        const body = t.policyType === 'statement' ? { Version: '2012-10-17', Statement: [t.body] } : t.body;
        const tt = { ...t, body };
        const text = renderTemplate(
          tt,
          sampleValues(tt, (k) => placeholderKind(k).sample),
          indent,
        );
        assert.doesNotMatch(text, /<[a-z0-9-]+>/, `${t.id}: a placeholder was left unrendered`);
        const r = analyze(text, { iam: iamIndex(), fileName: `${t.id}.json` });
        assert.deepEqual(resultViolations(text, r), [], t.id);
        assert.notEqual(r.kind, 'not-a-policy', t.id);
        if (t.policyType === 'trust') assert.equal(r.kind, 'trust', `${t.id} is a trust policy`);
        const bad = loud(r.findings);
        if (bad.length) problems.push(`${t.id}:\n${describe1(text, bad)}`);
      }
      assert.ok(TEMPLATES.length > 0);
      assert.equal(problems.length, 0, `${problems.length} of ${TEMPLATES.length} templates get warnings/errors:\n${problems.join('\n')}`);
    });
  }

  for (const v of VALID_POLICIES) {
    it(`valid: ${v.name}`, () => {
      const text = JSON.stringify(v.policy, null, 2);
      const r = analyze(text, { iam: iamIndex(), fileName: v.fileName });
      assert.deepEqual(resultViolations(text, r), []);
      const bad = loud(r.findings);
      assert.equal(bad.length, 0, `flagged a valid policy:\n${describe1(text, bad)}\n${text}`);
    });
  }
});
