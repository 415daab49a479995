// Helpers to declare catalog templates compactly. Pure (no Node, no vscode).
import { TOKEN_RE } from '../placeholder-syntax';
import type { PolicyTemplate, TemplatePlaceholder } from '../types';

export const SETUP = 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/setting-up-roles.html';
export const CONFUSED_DEPUTY = 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/cross-service-confused-deputy-prevention.html';
export const ML_ROLES = 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/ml-roles.html';
export const ER_WORKFLOW_ROLE = 'https://docs.aws.amazon.com/entityresolution/latest/userguide/create-workflow-job-role.html';

/** A placeholder declaration without its name (the name is the key of the record it sits in). */
export type Ph = Omit<TemplatePlaceholder, 'name'>;

/** Names of the `<tokens>` in a body, in order of first appearance (as JSON.stringify orders them). */
export function tokenNames(body: unknown): string[] {
  const seen = new Set<string>();
  for (const m of JSON.stringify(body).matchAll(TOKEN_RE)) seen.add(m[1]);
  return [...seen];
}

export interface TemplateSpec extends Omit<PolicyTemplate, 'placeholders' | 'snippetPrefix'> {
  /** Placeholder declarations by name. They are listed in the template in order of first appearance in the body. */
  placeholders: Record<string, Ph>;
}

/**
 * Build a template: placeholders ordered by first appearance (the order a wizard asks and a snippet tabs through),
 * and the snippet prefix `cleanrooms-<id>` (ids start with the role id, so the prefix is `cleanrooms-<role>-<type>`).
 * Declarations that are not used in the body are kept at the end, so the catalog test can catch them.
 */
export function template(spec: TemplateSpec): PolicyTemplate {
  const t = { ...spec, snippetPrefix: `cleanrooms-${spec.id}` } as unknown as PolicyTemplate;
  // The ordered placeholder list is computed on first read (module initialisation builds every template, and
  // activation should not pay for stringifying and scanning each body); then it is a plain data property.
  const define = (value: PolicyTemplate['placeholders']): void => {
    Object.defineProperty(t, 'placeholders', { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(t, 'placeholders', {
    enumerable: true,
    configurable: true,
    get(): PolicyTemplate['placeholders'] {
      const order = tokenNames(spec.body);
      const declared = Object.keys(spec.placeholders);
      const names = [...order.filter((n) => declared.includes(n)), ...declared.filter((n) => !order.includes(n))];
      const value = names.map((name) => ({ name, ...spec.placeholders[name] }));
      define(value);
      return value;
    },
    set: define,
  });
  return t;
}

/** `Service` principal trust statement for `sts:AssumeRole`. */
export function assumeRoleBy(service: string | string[], extra: { Sid?: string; Condition?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    ...(extra.Sid ? { Sid: extra.Sid } : {}),
    Effect: 'Allow',
    Principal: { Service: service },
    Action: 'sts:AssumeRole',
    ...(extra.Condition ? { Condition: extra.Condition } : {}),
  };
}

export function policy(...statements: Array<Record<string, unknown>>): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: statements };
}

/** `arn:aws:cleanrooms:<region>:<account>:membership/<id>` with the given placeholder names. */
export function membershipArn(account: string, membership: string, region = 'region'): string {
  return `arn:aws:cleanrooms:<${region}>:<${account}>:membership/<${membership}>`;
}

/** The `sts:ExternalId` pattern Clean Rooms uses: the querying member's membership ID after `dbuser:*\/`. */
export function externalIdPattern(membership: string, region = 'region'): string {
  return `arn:aws:*:<${region}>:*:dbuser:*/<${membership}>*`;
}

// ---- Placeholder declarations reused across templates (labels/help that say where the value is found). ----

export const REGION: Ph = { kind: 'region' };

export const MY_MEMBERSHIP: Record<string, Ph> = {
  'membership-account-id': {
    kind: 'account-id',
    label: 'Your AWS account ID (the account of your membership)',
    help: 'The 12-digit account that is your member account in the collaboration (console: account menu, top right).',
  },
  'membership-id': {
    kind: 'membership-id',
    label: 'Your membership ID',
    help: 'Your membership ID in the collaboration: Details tab of the collaboration in the AWS Clean Rooms console.',
  },
};

export const QUERY_RUNNER: Record<string, Ph> = {
  'query-runner-account-id': {
    kind: 'account-id',
    label: "Query runner's AWS account ID",
    help: 'The 12-digit account ID of the member who can query (collaboration: Members tab).',
    sample: '309876543210',
  },
  'query-runner-membership-id': {
    kind: 'membership-id',
    label: "Query runner's membership ID",
    help: 'The membership ID of the member who can query: Details tab of the collaboration in the AWS Clean Rooms console.',
    sample: '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  },
};

export const KMS_KEY: Record<string, Ph> = {
  'kms-key-account-id': {
    kind: 'account-id',
    label: 'Account that owns the KMS key',
    help: "The 12-digit account ID in the key ARN (AWS KMS console: the key's General configuration).",
  },
  'kms-key-id': { kind: 'kms-key-id', label: 'Customer managed KMS key ID' },
};

export const BUCKET_AND_PREFIX = (purpose: string): Record<string, Ph> => ({
  bucket: { kind: 'bucket', help: `The name of the S3 bucket that ${purpose} (not its ARN; Amazon S3 console: Buckets).` },
  prefix: { kind: 's3-prefix', help: `The folder inside the bucket that ${purpose}, without leading or trailing slash.` },
  'bucket-account-id': {
    kind: 'account-id',
    label: 'Account that owns the S3 bucket',
    help: 'The 12-digit account ID in which the S3 bucket is located; the s3:ResourceAccount / aws:ResourceAccount condition limits access to buckets this account owns.',
  },
});
