// Catalog types: the single source of truth for templates, placeholders and their kinds.
import type { PassRoleKind } from './pass-role';

/** A kind of value a placeholder stands for (region, account id, bucket, …). */
export interface PlaceholderKind {
  id: string;
  label: string;
  /** One line: where the user finds the value (from the AWS page). */
  help: string;
  /** Returns undefined when valid, otherwise a message saying what is wrong. */
  validate(value: string): string | undefined;
  /** Suggested values (e.g. regions, Clean Rooms regions first). */
  suggestions?(): Array<{ value: string; label?: string; description?: string }>;
  /** A realistic value used to render templates in tests and previews (never an AWS doc example value). */
  sample: string;
  /** Where the validator's rules come from. */
  docUrl: string;
}

/** One placeholder of a template: `<name>` in the body. */
export interface TemplatePlaceholder {
  /** kebab-case name used in the body as `<name>`. */
  name: string;
  /** PlaceholderKind id. */
  kind: string;
  /** Label specific to this template (defaults to the kind's label). */
  label?: string;
  /** One line on where to find the value, specific to this template (defaults to the kind's help). */
  help?: string;
  /** Realistic sample for this template (defaults to the kind's sample). */
  sample?: string;
}

export type PolicyType = 'trust' | 'permissions' | 'statement';

export interface RoleInfo {
  id: string;
  title: string;
  /** One or two sentences: who needs this role and what it is for. */
  description: string;
  docUrl: string;
  /** The service role's path and name must match what the AWS managed policies can pass (catalog/pass-role.ts). */
  passRole?: PassRoleKind;
}

export interface PolicyTemplate {
  /** Stable id, e.g. `read-data-s3-permissions`. */
  id: string;
  title: string;
  /** RoleInfo id. */
  role: string;
  policyType: PolicyType;
  /** The AWS doc page (with anchor) the template comes from. */
  docUrl: string;
  /** One line shown in pickers and snippet descriptions. */
  description: string;
  /**
   * The JSON body with `<kebab-name>` placeholder tokens inside string values.
   * For policyType 'statement' it is a single statement object to add to a policy's Statement array.
   */
  body: unknown;
  placeholders: TemplatePlaceholder[];
  /** Extra notes shown with the template (e.g. the managed policy to attach, Lake Formation grants). */
  notes?: string[];
  /** For the member role: AWS managed policies to choose from. */
  managedPolicies?: Array<{ name: string; arn: string; when: string }>;
  /** Snippet prefix: `cleanrooms-<id>`, e.g. `cleanrooms-read-data-s3-trust` (ids start with the role id). */
  snippetPrefix: string;
}
