// Benchmark inputs: catalog templates filled with realistic values, generated policies of given sizes,
// documents that are not policies, a deeply nested document, a minified policy, and the edit loop's texts.
// Everything is deterministic (seeded PRNG), so two runs measure the same bytes.
import { TEMPLATES, placeholderKind } from '../src/catalog';
import type { PolicyTemplate } from '../src/catalog/types';
import { renderTemplate, sampleValues } from '../src/fill/apply';

export interface BenchCase {
  name: string;
  text: string;
  /** What the case exercises, for the budget column. */
  group: 'policy' | 'not-a-policy' | 'too-large' | 'deep' | 'minified' | 'pathological';
}

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

// Realistic values (never the AWS doc example values, so the placeholder rules stay quiet as in a finished policy).
const ACCOUNTS = ['210987654321', '384756129034', '902183746512', '617283940516'];
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-2', 'eu-central-1', 'ap-northeast-1'];
const BUCKETS = ['acme-cleanrooms-data', 'acme-results-prod', 'retail-events-2026', 'partner-share-eu', 'ml-training-inputs'];
const DATABASES = ['marketing_db', 'sales_db', 'events_db', 'crm'];
const TABLES = ['customer_events', 'orders', 'impressions', 'loyalty_members', 'web_sessions'];

function hex(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(r() * 16)];
  return s;
}
function uuid(r: () => number): string {
  return `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
}

/** One realistic statement of a mixed-service permissions policy. */
function statement(r: () => number, i: number, region: string): Record<string, unknown> {
  const acct = pick(r, ACCOUNTS);
  const bucket = pick(r, BUCKETS);
  const db = pick(r, DATABASES);
  const table = pick(r, TABLES);
  switch (i % 8) {
    case 0:
      return {
        Sid: `GlueRead${i}`,
        Effect: 'Allow',
        Action: [
          'glue:GetDatabase',
          'glue:GetDatabases',
          'glue:GetTable',
          'glue:GetTables',
          'glue:GetPartition',
          'glue:GetPartitions',
          'glue:BatchGetPartition',
        ],
        Resource: [
          `arn:aws:glue:${region}:${acct}:database/${db}`,
          `arn:aws:glue:${region}:${acct}:table/${db}/${table}`,
          `arn:aws:glue:${region}:${acct}:catalog`,
        ],
      };
    case 1:
      return {
        Sid: `S3Bucket${i}`,
        Effect: 'Allow',
        Action: ['s3:GetBucketLocation', 's3:ListBucket'],
        Resource: [`arn:aws:s3:::${bucket}`],
        Condition: { StringEquals: { 's3:ResourceAccount': [acct] } },
      };
    case 2:
      return {
        Sid: `S3Object${i}`,
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: [`arn:aws:s3:::${bucket}/customers/${2020 + (i % 7)}/*`],
        Condition: { StringEquals: { 's3:ResourceAccount': [acct] } },
      };
    case 3:
      return {
        Sid: `KmsDecrypt${i}`,
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: [`arn:aws:kms:${region}:${acct}:key/${uuid(r)}`],
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${bucket}/*` } },
      };
    case 4:
      return {
        Sid: `CleanRoomsRead${i}`,
        Effect: 'Allow',
        Action: ['cleanrooms:GetMembership', 'cleanrooms:ListProtectedQueries'],
        Resource: [`arn:aws:cleanrooms:${region}:${acct}:membership/${uuid(r)}`],
      };
    case 5:
      return {
        Sid: `AthenaQuery${i}`,
        Effect: 'Allow',
        Action: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults'],
        Resource: [`arn:aws:athena:${region}:${acct}:workgroup/primary`],
      };
    case 6:
      return {
        Sid: `ResultsWrite${i}`,
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: [`arn:aws:s3:::${bucket}/results/*`],
        Condition: { StringEquals: { 's3:ResourceAccount': acct } },
      };
    default:
      return {
        Sid: `Logs${i}`,
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [`arn:aws:logs:${region}:${acct}:log-group:/aws/cleanrooms/${uuid(r)}:*`],
      };
  }
}

/** A permissions policy of about `bytes` characters (pretty-printed with 4 spaces unless `minified`). */
export function generatePolicy(bytes: number, seed = 1, minified = false): string {
  const r = rng(seed);
  const statements: unknown[] = [];
  // One Region per policy: Clean Rooms wants the data in the collaboration's Region (a policy mixing them is flagged).
  const region = pick(r, REGIONS);
  let approx = 40;
  for (let i = 0; approx < bytes; i++) {
    const s = statement(r, i, region);
    statements.push(s);
    approx += JSON.stringify(s, null, minified ? 0 : 4).length + (minified ? 1 : 4 + 9 * 4);
  }
  let text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, minified ? undefined : 4);
  // Trim statements until at or under the target (the estimate above is a little generous).
  while (text.length > bytes && statements.length > 1) {
    statements.pop();
    text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, minified ? undefined : 4);
  }
  return text;
}

/** A JSON data file that is not a policy and never mentions "Statement" (an export of records). */
export function generateDataJson(bytes: number, seed = 2): string {
  const r = rng(seed);
  const parts: string[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const rec = JSON.stringify(
      {
        id: i,
        uuid: uuid(r),
        name: `customer-${hex(r, 6)}`,
        email: `user${i}@example.com`,
        active: r() < 0.8,
        score: Math.round(r() * 10000) / 100,
        tags: ['retail', pick(r, REGIONS), pick(r, TABLES)],
        address: { city: pick(r, ['Leeds', 'Lyon', 'Osaka', 'Denver']), zip: hex(r, 5) },
      },
      null,
      2,
    );
    parts.push(rec);
    size += rec.length + 2;
  }
  return `[\n${parts.join(',\n')}\n]`;
}

/**
 * A JSON file that is not a policy although it contains "Statement": a CloudFormation-style template whose
 * IAM roles carry nested policy documents. The cheap text pre-check cannot reject it; the top-level shape must.
 */
export function generateCloudFormation(bytes: number, seed = 3): string {
  const r = rng(seed);
  const resources: Record<string, unknown> = {};
  let size = 100;
  for (let i = 0; size < bytes; i++) {
    const role = {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: `cleanrooms-role-${i}`,
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'cleanrooms.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        Policies: [
          { PolicyName: `read-${i}`, PolicyDocument: { Version: '2012-10-17', Statement: [statement(r, i, 'us-east-1'), statement(r, i + 1, 'us-east-1')] } },
        ],
      },
    };
    resources[`Role${i}`] = role;
    size += JSON.stringify(role, null, 2).length + 20;
  }
  return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Description: 'Clean Rooms roles', Resources: resources }, null, 2);
}

/** A policy whose Condition nests `levels` arrays deep (a recursive parser overflows the stack on it). */
export function generateDeep(levels: number): string {
  return (
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"s3:prefix":' +
    '['.repeat(levels) +
    ']'.repeat(levels) +
    '}}}]}'
  );
}

/** Wrap a 'statement' template body into a policy so it is a whole document. */
function templateDocument(t: PolicyTemplate): string {
  const values = sampleValues(t, (kind) => placeholderKind(kind).sample);
  const rendered = renderTemplate(t, values);
  if (t.policyType !== 'statement') return rendered;
  return JSON.stringify({ Version: '2012-10-17', Statement: [JSON.parse(rendered)] }, null, 4);
}

export function templateCases(): BenchCase[] {
  return TEMPLATES.map((t) => ({ name: `template ${t.id}`, text: templateDocument(t), group: 'policy' as const }));
}

export function sizedCases(): BenchCase[] {
  return [
    { name: 'policy 10 KB', text: generatePolicy(10 * 1024, 10), group: 'policy' },
    { name: 'policy 100 KB', text: generatePolicy(100 * 1024, 100), group: 'policy' },
    { name: 'not-a-policy 1 MB (data)', text: generateDataJson(1024 * 1024), group: 'not-a-policy' },
    { name: 'not-a-policy 1 MB (CloudFormation)', text: generateCloudFormation(1024 * 1024), group: 'not-a-policy' },
    { name: 'not-a-policy 10 MB (data)', text: generateDataJson(10 * 1024 * 1024, 4), group: 'too-large' },
    { name: 'deep nesting 10,000 levels', text: generateDeep(10000), group: 'deep' },
    { name: 'policy 1 MB minified', text: generatePolicy(1024 * 1024, 1000, true), group: 'minified' },
    ...pathologicalCases(),
  ];
}

/**
 * The shapes that were quadratic (issue 12 items 5-7): analyze() must stay within a small multiple of the parse
 * floor on them (the quadratic code was 100-1,000x slower than linear at these sizes).
 */
export function pathologicalCases(): BenchCase[] {
  const head = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":';
  return [
    {
      name: '${ repeated in a condition value (200 KB)',
      text: `${head}"arn:aws:s3:::acme/*","Condition":{"StringLike":{"s3:prefix":"${'${'.repeat(100_000)}"}}}]}`,
      group: 'pathological',
    },
    {
      name: '100,000 empty statements (300 KB)',
      text: '{"Version":"2012-10-17","Statement":[' + Array(100_000).fill('{}').join(',') + ']}',
      group: 'pathological',
    },
    { name: '< repeated in a Resource (800 KB)', text: `${head}"arn:aws:s3:::${'<'.repeat(800_000)}"}]}`, group: 'pathological' },
  ];
}

/**
 * The as-you-type path: `count` successive single-character edits to `base`, each one a new document text.
 * Edits type characters into string values (a Sid, a bucket name, a prefix), with the occasional backspace,
 * the way a person edits a policy. Different seeds give different sequences (so no run repeats a text).
 */
export function editSequence(base: string, count: number, seed: number): string[] {
  const r = rng(seed);
  // Positions just before the closing quote of a string value (`": "value"`).
  const anchors = (t: string): number[] => {
    const out: number[] = [];
    const re = /": "([^"\\]{3,})"/g;
    for (let m = re.exec(t); m; m = re.exec(t)) out.push(m.index + m[0].length - 1);
    return out;
  };
  const texts: string[] = [];
  let text = base;
  let cursor = pick(r, anchors(text));
  let typed = 0;
  for (let i = 0; i < count; i++) {
    if (typed > 0 && r() < 0.15) {
      text = text.slice(0, cursor - 1) + text.slice(cursor); // backspace
      cursor--;
      typed--;
    } else {
      const ch = 'abcdefghijklmnopqrstuvwxyz0123456789-_'[Math.floor(r() * 38)];
      text = text.slice(0, cursor) + ch + text.slice(cursor);
      cursor++;
      typed++;
    }
    texts.push(text);
    if (r() < 0.05) {
      // Move the cursor to the end of another value.
      cursor = pick(r, anchors(text));
      typed = 0;
    }
  }
  return texts;
}
