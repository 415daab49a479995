// What AWS Clean Rooms (and Clean Rooms ML, AWS Entity Resolution) asks of each service role, as data.
//
// The templates are the specification (shared/reference/cleanrooms-iam-facts.md §1): a role is sufficient when it
// allows every request its documented permissions policy allows. So the requests are DERIVED from the templates,
// never written twice: each Allow statement's actions × its resources, with the role's placeholder values filled in,
// carrying as request context the values the statement's own Condition compares (the service must satisfy the
// documented condition for the documented policy to work). The role check (src/evaluate/role-check.ts) keeps only the
// (action, resource) pairs the Service Authorization Reference says the action is authorised on.
//
// Pure data and string work: this module imports nothing from src/evaluate or src/analysis (it is the bottom layer).
import type { PolicyTemplate } from './types';
import { TEMPLATES } from './templates';

/** A statement template added to a role only when one of its placeholders has a value (e.g. a KMS key). */
export interface OptionalStatement {
  template: string;
  /** The placeholder whose value switches the statement on (e.g. `kms-key-id`). */
  when: string;
}

/** One way a role can be written (most roles have one; the seed-data role reads from S3 or from a query). */
export interface RoleVariant {
  id: string;
  title: string;
  /** Permissions templates whose Allow statements are all required. */
  permissions: string[];
  optional?: OptionalStatement[];
}

export interface RoleCheckSpec {
  role: string;
  /** The service principal that assumes the role. */
  service: string;
  variants: RoleVariant[];
  /** The trust template the role is checked against (the confused-deputy scoped one where AWS documents it). */
  trust: string;
  /** Where the role's policies are documented. */
  docUrl: string;
}

const SETUP = 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/setting-up-roles.html';
const CONFUSED_DEPUTY = 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/cross-service-confused-deputy-prevention.html';
const ML_ROLES = 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/ml-roles.html';
const ER = 'https://docs.aws.amazon.com/entityresolution/latest/userguide/create-workflow-job-role.html';
const CR = 'cleanrooms.amazonaws.com';
const ML = 'cleanrooms-ml.amazonaws.com';

const one = (permissions: string, optional?: OptionalStatement[]): RoleVariant[] => [
  { id: 'default', title: 'as documented', permissions: [permissions], ...(optional ? { optional } : {}) },
];

/** Every service role in the catalog (the member role is assumed by people, so it has no entry). */
export const ROLE_CHECKS: RoleCheckSpec[] = [
  {
    role: 'read-data-s3',
    service: CR,
    variants: one('read-data-s3-permissions', [{ template: 'read-data-s3-kms-statement', when: 'kms-key-id' }]),
    trust: 'read-data-s3-trust-scoped',
    docUrl: SETUP + '#create-service-role-procedure',
  },
  {
    role: 'read-data-athena',
    service: CR,
    variants: one('read-data-athena-permissions'),
    // The catalog's note: the confused-deputy scoped trust policy applies to the Athena and Snowflake read roles too.
    trust: 'read-data-s3-trust-scoped',
    docUrl: SETUP + '#create-service-role-athena',
  },
  {
    role: 'read-data-snowflake',
    service: CR,
    variants: one('read-data-snowflake-permissions', [{ template: 'read-data-snowflake-permissions-kms', when: 'kms-key-id' }]),
    trust: 'read-data-snowflake-trust',
    docUrl: SETUP + '#create-service-role-third-party',
  },
  {
    role: 'pyspark-analysis-template',
    service: CR,
    variants: one('pyspark-analysis-template-permissions'),
    trust: 'pyspark-analysis-template-trust',
    docUrl: SETUP + '#create-role-pyspark-analysis-template',
  },
  {
    role: 'pyspark-job-results',
    service: CR,
    variants: one('pyspark-job-results-permissions'),
    trust: 'pyspark-job-results-trust',
    docUrl: SETUP + '#create-role-pyspark-job',
  },
  {
    role: 'receive-results',
    service: CR,
    variants: one('receive-results-permissions'),
    trust: 'receive-results-trust',
    docUrl: SETUP + '#create-role-write-results',
  },
  {
    role: 'ml-training-data',
    service: ML,
    variants: one('ml-training-data-permissions', [{ template: 'ml-training-data-kms-statement', when: 'kms-key-id' }]),
    trust: 'ml-training-data-trust',
    docUrl: ML_ROLES + '#ml-create-role-training',
  },
  {
    role: 'ml-write-segment',
    service: ML,
    variants: one('ml-write-segment-permissions', [{ template: 'ml-write-segment-kms-statement', when: 'kms-key-id' }]),
    trust: 'ml-write-segment-trust',
    docUrl: ML_ROLES + '#ml-create-role-write-segment',
  },
  {
    role: 'ml-read-seed',
    service: ML,
    variants: [
      {
        id: 's3',
        title: 'seed data in Amazon S3',
        permissions: ['ml-read-seed-permissions-s3'],
        optional: [{ template: 'ml-read-seed-kms-statement', when: 'kms-key-id' }],
      },
      { id: 'sql', title: 'seed data from an SQL query', permissions: ['ml-read-seed-permissions-sql'] },
    ],
    trust: 'ml-read-seed-trust',
    docUrl: ML_ROLES + '#ml-create-role-read-seed',
  },
  {
    role: 'ml-configuration',
    service: ML,
    variants: one('ml-configuration-permissions'),
    trust: 'ml-configuration-trust',
    docUrl: ML_ROLES + '#ml-roles-custom-configure',
  },
  {
    role: 'ml-model-provider',
    service: ML,
    variants: one('ml-model-provider-permissions'),
    trust: 'ml-model-provider-trust',
    docUrl: ML_ROLES + '#ml-roles-custom-model-provider',
  },
  {
    role: 'ml-input-channel',
    service: ML,
    variants: one('ml-input-channel-permissions'),
    trust: 'ml-input-channel-trust',
    docUrl: ML_ROLES + '#ml-roles-custom-query-dataset',
  },
  {
    role: 'ml-table-association',
    service: ML,
    variants: one('ml-table-association-permissions'),
    trust: 'ml-table-association-trust',
    docUrl: ML_ROLES + '#ml-roles-custom-configure-table',
  },
  {
    role: 'entity-resolution-id-mapping',
    service: 'entityresolution.amazonaws.com',
    variants: one('entity-resolution-id-mapping-permissions', [
      { template: 'entity-resolution-id-mapping-kms-input-statement', when: 'input-kms-key-id' },
      { template: 'entity-resolution-id-mapping-kms-output-statement', when: 'output-kms-key-id' },
      { template: 'entity-resolution-id-mapping-data-exchange-statement', when: 'data-set-id' },
    ]),
    trust: 'entity-resolution-id-mapping-trust',
    docUrl: ER,
  },
];

export const CONFUSED_DEPUTY_URL = CONFUSED_DEPUTY;

export function roleCheckSpec(role: string): RoleCheckSpec | undefined {
  return ROLE_CHECKS.find((r) => r.role === role);
}

// ---------- derivation ----------

/** A request the service makes, with `<placeholder>` tokens still in it (see fillRequest). */
export interface RoleRequest {
  action: string;
  /** The resource ARN pattern from the template (`*` = every value: the role must allow all of them). */
  resource: string;
  /** Request context: key -> values, from the statement's own Condition (equality and Like operators). */
  context: Record<string, string[]>;
  /** The template and statement it comes from, and the AWS page. */
  template: string;
  statement: number;
  sid?: string;
  docUrl: string;
  /** For a request from an optional statement: the placeholder that switched it on. */
  when?: string;
}

type Json = Record<string, unknown>;

function strings(x: unknown): string[] {
  if (x === undefined || x === null) return [];
  // IAM's one-or-many shape; numbers and booleans as their text, anything else as its JSON text.
  return (Array.isArray(x) ? x : [x]).map((v) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v)));
}

/** The statements of a template body (a `statement` template is one statement). */
export function templateStatements(t: PolicyTemplate): Json[] {
  if (t.policyType === 'statement') return [t.body as Json];
  const st = (t.body as Json).Statement;
  return Array.isArray(st) ? (st as Json[]) : st ? [st as Json] : [];
}

/**
 * Condition operators whose values a request satisfying the statement carries: equality (the value itself) and
 * Like (the pattern; `*` in it stands for every value, as in resources). Negated and numeric/date operators say
 * nothing about the value the service sends, so they give no context.
 */
const CARRYING = /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike|Bool)(IfExists)?$/i;

/** Keys that carry the same value in every request that has them (IAM User Guide, global condition keys). */
export const SAME_VALUE_KEYS: Array<[string, string]> = [['s3:ResourceAccount', 'aws:ResourceAccount']];

function conditionContext(cond: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!cond || typeof cond !== 'object') return out;
  for (const [op, block] of Object.entries(cond as Json)) {
    if (!CARRYING.test(op.replace(/^(ForAnyValue|ForAllValues):/i, '')) || !block || typeof block !== 'object') continue;
    for (const [key, raw] of Object.entries(block as Json)) {
      const values = strings(raw);
      // A list of accepted values: the service sends one of them; which one is not known, so only one-value lists count.
      if (values.length === 1) out[key] = values;
    }
  }
  for (const [a, b] of SAME_VALUE_KEYS) {
    const ka = Object.keys(out).find((k) => k.toLowerCase() === a.toLowerCase());
    const kb = Object.keys(out).find((k) => k.toLowerCase() === b.toLowerCase());
    if (ka && !kb) out[b] = out[ka]!;
    if (kb && !ka) out[a] = out[kb]!;
  }
  return out;
}

/** Every (action, resource) pair of every Allow statement of a template, with the statement's context. */
export function templateRequests(t: PolicyTemplate, when?: string): RoleRequest[] {
  const out: RoleRequest[] = [];
  templateStatements(t).forEach((s, i) => {
    if (s.Effect !== 'Allow') return;
    const context = conditionContext(s.Condition);
    for (const action of strings(s.Action)) {
      for (const resource of strings(s.Resource)) {
        out.push({
          action,
          resource,
          context,
          template: t.id,
          statement: i,
          ...(typeof s.Sid === 'string' ? { sid: s.Sid } : {}),
          docUrl: t.docUrl,
          ...(when ? { when } : {}),
        });
      }
    }
  });
  return out;
}

/** The requests of one variant of a role: its permissions templates, then each optional statement with its switch. */
export function variantRequests(v: RoleVariant): RoleRequest[] {
  const out: RoleRequest[] = [];
  for (const id of v.permissions) out.push(...templateRequests(mustTemplate(id)));
  for (const o of v.optional ?? []) out.push(...templateRequests(mustTemplate(o.template), o.when));
  return out;
}

export function mustTemplate(id: string): PolicyTemplate {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`catalog: no template ${id}`);
  return t;
}

/** Placeholder names used by a role variant's requests and trust (in order of first use). */
export function roleValueNames(spec: RoleCheckSpec, v: RoleVariant): string[] {
  const names = new Set<string>();
  for (const id of [...v.permissions, ...(v.optional ?? []).map((o) => o.template), spec.trust]) {
    for (const p of mustTemplate(id).placeholders) names.add(p.name);
  }
  return [...names];
}
