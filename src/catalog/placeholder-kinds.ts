// Placeholder kinds: label, where to find the value, validator, suggestions, a realistic sample.
import { asAvailabilityZone, isCleanRoomsRegion, regionInfo, regionsForPicker, CLEAN_ROOMS_ENDPOINTS_URL, REGIONS_URL } from './regions';
import type { PlaceholderKind } from './types';

/** Account IDs, membership IDs and bucket prefixes that the AWS docs use as examples. */
export const DOC_EXAMPLE_ACCOUNT_IDS = ['111122223333', '444455556666', '555555555555', '123456789012'];
export const DOC_EXAMPLE_MEMBERSHIP_RE = /EXAMPLE/;
export const DOC_EXAMPLE_BUCKET_PREFIX = 'amzn-s3-demo-';

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ACCOUNT_RE = /^\d{12}$/;
export const MEMBERSHIP_ARN_RE = /^arn:aws:cleanrooms:([a-z0-9-]+):(\d{12}):membership\/([0-9a-f-]{36})$/;

const SETUP_ROLES = 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/setting-up-roles.html';
const BUCKET_RULES = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html';
const ARN_DOC = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html';
const MEMBERSHIP_API = 'https://docs.aws.amazon.com/clean-rooms/latest/apireference/API_UpdateMembership.html';

export function validateAccountId(v: string): string | undefined {
  if (!ACCOUNT_RE.test(v)) return 'An AWS account ID is exactly 12 digits, without hyphens.';
  if (DOC_EXAMPLE_ACCOUNT_IDS.includes(v)) return `${v} is an example account ID from the AWS docs; enter your own 12-digit account ID.`;
  return undefined;
}

export function validateMembershipId(v: string): string | undefined {
  if (DOC_EXAMPLE_MEMBERSHIP_RE.test(v)) return `${v} is the example membership ID from the AWS docs; copy the real one from the collaboration's Details tab.`;
  if (UUID_RE.test(v.toLowerCase()) && !UUID_RE.test(v)) return 'Membership IDs are lower case; use the ID exactly as the console shows it.';
  if (!UUID_RE.test(v)) return 'A membership ID is a 36-character lower-case UUID such as 3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17.';
  return undefined;
}

export function validateRegion(v: string, requireCleanRooms: boolean): string | undefined {
  const az = asAvailabilityZone(v);
  if (az) return `${v} is an Availability Zone, not a Region; use ${az}.`;
  const r = regionInfo(v);
  if (!r) return `${v} is not an AWS Region code (for example us-east-1).`;
  if (r.partition !== 'aws') return `${v} is in the ${r.partition} partition; AWS Clean Rooms runs only in the aws partition.`;
  if (requireCleanRooms && !isCleanRoomsRegion(v)) {
    return `AWS Clean Rooms is not available in ${v} (${r.name}). Use the Region of your collaboration.`;
  }
  return undefined;
}

/** S3 general purpose bucket naming rules (current rules; legacy us-east-1 names are not accepted). */
export function validateBucketName(v: string): string | undefined {
  if (v.startsWith(DOC_EXAMPLE_BUCKET_PREFIX))
    return `Bucket names starting with ${DOC_EXAMPLE_BUCKET_PREFIX} are reserved for AWS doc examples; enter your bucket's name.`;
  if (v.startsWith('arn:')) return 'Enter the bucket name only, not its ARN (the template adds arn:aws:s3::: itself).';
  if (v.length < 3 || v.length > 63) return 'Bucket names are 3 to 63 characters long.';
  if (!/^[a-z0-9.-]+$/.test(v)) return 'Bucket names use only lower-case letters, digits, dots (.) and hyphens (-).';
  if (!/^[a-z0-9]/.test(v) || !/[a-z0-9]$/.test(v)) return 'Bucket names begin and end with a letter or digit.';
  if (v.includes('..')) return 'Bucket names must not contain two adjacent periods.';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v)) return 'Bucket names must not be formatted as an IP address.';
  for (const p of ['xn--', 'sthree-']) if (v.startsWith(p)) return `Bucket names must not start with ${p}.`;
  for (const s of ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3']) if (v.endsWith(s)) return `Bucket names must not end with ${s}.`;
  return undefined;
}

export function validatePrefix(v: string): string | undefined {
  if (!v) return 'Enter a key prefix (folder), e.g. data/customers.';
  if (v.startsWith('/') || v.endsWith('/')) return 'Leave out leading and trailing slashes; the template adds them.';
  if (v.includes('*')) return 'Leave out wildcards; the template adds /* itself.';
  if (v.length > 1024) return 'S3 object keys are at most 1,024 bytes.';
  if (/[<>{}]/.test(v)) return 'The prefix still contains placeholder characters.';
  return undefined;
}

// AWS Glue names as AWS Clean Rooms accepts them in a configured table's GlueTableReference
// (https://docs.aws.amazon.com/clean-rooms/latest/apireference/API_GlueTableReference.html):
//   databaseName: at most 128, pattern [a-zA-Z0-9_](([a-zA-Z0-9_]+-)*([a-zA-Z0-9_]+))?
//   tableName:    at most 128, pattern [a-zA-Z0-9_](([a-zA-Z0-9_ ]+-)*([a-zA-Z0-9_ ]+))?
// and AWS Glue stores names in lower case (Athena: "should be in lower case", 1-255 bytes;
// https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html).
export const GLUE_NAMES_URL = 'https://docs.aws.amazon.com/clean-rooms/latest/apireference/API_GlueTableReference.html';
const GLUE_DATABASE_RE = /^[a-zA-Z0-9_](?:(?:[a-zA-Z0-9_]+-)*[a-zA-Z0-9_]+)?$/;
const GLUE_TABLE_RE = /^[a-zA-Z0-9_](?:(?:[a-zA-Z0-9_ ]+-)*[a-zA-Z0-9_ ]+)?$/;

function validateGlue(v: string, what: 'database' | 'table'): string | undefined {
  if (!v) return `Enter the AWS Glue ${what} name.`;
  if (/[<>{}]/.test(v)) return 'The value still contains placeholder characters (<, >, { or }).';
  if (v.length > 128) return `AWS Clean Rooms accepts AWS Glue ${what} names of at most 128 characters.`;
  if (/[A-Z]/.test(v)) return `AWS Glue stores ${what} names in lower case; use the name as the AWS Glue console lists it (${v.toLowerCase()}).`;
  const re = what === 'database' ? GLUE_DATABASE_RE : GLUE_TABLE_RE;
  if (!re.test(v)) {
    return what === 'database'
      ? 'AWS Glue database names that Clean Rooms accepts use letters, digits and underscores, with single hyphens only between them (no leading or trailing hyphen).'
      : 'AWS Glue table names that Clean Rooms accepts use letters, digits, underscores and spaces, with single hyphens only between them; the first character is a letter, digit or underscore.';
  }
  return undefined;
}

export function validateGlueDatabaseName(v: string): string | undefined {
  return validateGlue(v, 'database');
}

export function validateGlueTableName(v: string): string | undefined {
  return validateGlue(v, 'table');
}

/** Kept for callers of the first version: the database-name rules. */
export function validateGlueName(v: string): string | undefined {
  return validateGlue(v, 'database');
}

// Athena data catalog names: "a maximum of 127 alphanumeric, underscore, at sign, or hyphen characters"
// (https://docs.aws.amazon.com/athena/latest/APIReference/API_DataCatalogSummary.html).
export const ATHENA_CATALOG_URL = 'https://docs.aws.amazon.com/athena/latest/APIReference/API_DataCatalogSummary.html';
export function validateCatalogName(v: string): string | undefined {
  if (!v) return 'Enter the federated catalog name.';
  if (/[<>{}]/.test(v)) return 'The value still contains placeholder characters (<, >, { or }).';
  if (v.length > 127) return 'Data catalog names are at most 127 characters.';
  if (!/^[A-Za-z0-9_@-]+$/.test(v)) return 'Data catalog names use only letters, digits, underscores (_), at signs (@) and hyphens (-).';
  return undefined;
}

export function validateKmsKeyId(v: string): string | undefined {
  if (/^alias\//.test(v) || /:alias\//.test(v)) return 'Enter the key ID, not an alias: IAM policies name the key as key/<key-id>.';
  if (/^arn:/.test(v)) return 'Enter only the key ID (the part after key/ in the key ARN); the template builds the ARN.';
  if (UUID_RE.test(v) || /^mrk-[0-9a-f]{32}$/.test(v)) return undefined;
  if (UUID_RE.test(v.toLowerCase())) return 'Use the key ID in lower case, exactly as the AWS KMS console shows it.';
  return "A KMS key ID is a lower-case UUID (as shown on the key's page in the AWS KMS console) or mrk- followed by 32 hex digits for a multi-Region key.";
}

// Secrets Manager secret names: ASCII letters, digits and /_+=.@- (at most 512). The Snowflake permissions policy for a
// customer managed key repeats the secret's ARN in a StringEquals kms:EncryptionContext:SecretARN condition, and
// StringEquals has no wildcards (only the Like operators have; Access Analyzer's WILDCARD_WITHOUT_LIKE_OPERATOR,
// shared/reference/cleanrooms-iam-facts.md), so `*` or `?` there matches no secret: the whole name it is.
export function validateSecretName(v: string): string | undefined {
  if (/[*?]/.test(v))
    return 'Enter the whole secret name with its 6-character suffix (name-AbCdEf), without * or ?: the policy repeats it in a StringEquals kms:EncryptionContext:SecretARN condition, where a wildcard matches no secret.';
  if (/[<>{}]/.test(v)) return 'The value still contains placeholder characters (<, >, { or }).';
  return /^[A-Za-z0-9/_+=.@-]{1,512}$/.test(v) ? undefined : 'Secret names use letters, digits and /_+=.@- (at most 512 characters).';
}

function nonEmptyText(v: string): string | undefined {
  if (!v.trim()) return 'Enter a value.';
  if (/[<>{}]/.test(v)) return 'The value still contains placeholder characters (<, >, { or }).';
  if (/[\s"]/.test(v)) return 'The value must not contain spaces or quotes.';
  return undefined;
}

const kinds: PlaceholderKind[] = [
  {
    id: 'region',
    label: 'Collaboration Region',
    help: "The AWS Region of your Clean Rooms collaboration (shown on the collaboration's Details tab); your Glue, S3 and KMS resources must be in the same Region.",
    validate: (v) => validateRegion(v, true),
    suggestions: () =>
      regionsForPicker()
        .filter((r) => r.cleanRooms)
        .map((r) => ({ value: r.code, label: r.code, description: r.name })),
    sample: 'eu-west-2',
    docUrl: CLEAN_ROOMS_ENDPOINTS_URL,
  },
  {
    id: 'any-region',
    label: 'AWS Region',
    help: 'An AWS Region code such as eu-west-2 (console: Region menu, top right).',
    validate: (v) => validateRegion(v, false),
    suggestions: () => regionsForPicker().map((r) => ({ value: r.code, label: r.code, description: r.cleanRooms ? `${r.name} · Clean Rooms` : r.name })),
    sample: 'eu-west-2',
    docUrl: REGIONS_URL,
  },
  {
    id: 'account-id',
    label: 'AWS account ID',
    help: "A 12-digit AWS account ID (console: account menu, top right; for another member, the collaboration's Members tab).",
    validate: validateAccountId,
    sample: '210987654321',
    docUrl: ARN_DOC,
  },
  {
    id: 'membership-id',
    label: 'Membership ID',
    help: 'Membership ID: Details tab of the collaboration in the AWS Clean Rooms console.',
    validate: validateMembershipId,
    sample: '3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17',
    docUrl: MEMBERSHIP_API,
  },
  {
    id: 'membership-arn',
    label: 'Membership ARN',
    help: 'Membership ARN: Details tab of the collaboration in the AWS Clean Rooms console.',
    validate: (v) => {
      const m = MEMBERSHIP_ARN_RE.exec(v);
      if (!m) return 'A membership ARN looks like arn:aws:cleanrooms:us-east-2:210987654321:membership/3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17.';
      return validateRegion(m[1], true) ?? validateAccountId(m[2]) ?? validateMembershipId(m[3]);
    },
    sample: 'arn:aws:cleanrooms:eu-west-2:210987654321:membership/3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17',
    docUrl: SETUP_ROLES,
  },
  {
    id: 'bucket',
    label: 'S3 bucket name',
    help: 'The bucket name only (not its ARN, no s3://), as listed in the Amazon S3 console.',
    validate: validateBucketName,
    sample: 'acme-cleanrooms-data',
    docUrl: BUCKET_RULES,
  },
  {
    id: 's3-prefix',
    label: 'S3 key prefix (folder)',
    help: 'The folder (key prefix) inside the bucket, without leading or trailing slash, e.g. customers/2026 (S3 console: the folder path after the bucket name).',
    validate: validatePrefix,
    sample: 'customers/2026',
    docUrl: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-prefixes.html',
  },
  {
    // The receive-results and PySpark job-results pages call the folder optional (optional_key_prefix, optionalPrefix):
    // an empty answer allows the whole bucket, and the fill drops the "/" before it (bucket/*, never bucket//*).
    id: 'optional-s3-prefix',
    label: 'S3 key prefix (folder), optional',
    help: 'The folder (key prefix) inside the bucket, without leading or trailing slash, e.g. results/2026; leave it empty to allow the whole bucket.',
    validate: (v) => (v === '' ? undefined : validatePrefix(v)),
    sample: 'results/2026',
    docUrl: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-prefixes.html',
  },
  {
    id: 's3-path',
    label: 'S3 object path',
    help: 'bucket/key of the object, e.g. the S3 location of the PySpark code (S3 console: Copy S3 URI, then drop s3://).',
    validate: (v) => {
      if (v.startsWith('s3://')) return 'Leave out the s3:// scheme; enter bucket/key.';
      if (v.startsWith('arn:')) return 'Enter bucket/key only, not an ARN (the template adds arn:aws:s3::: itself).';
      const slash = v.indexOf('/');
      const bucket = slash < 0 ? v : v.slice(0, slash);
      return validateBucketName(bucket) ?? (slash < 0 || !v.slice(slash + 1) ? 'Add the object key after the bucket name (bucket/key).' : undefined);
    },
    sample: 'acme-cleanrooms-code/analysis/job.py',
    docUrl: SETUP_ROLES + '#create-role-pyspark-analysis-template',
  },
  {
    id: 'glue-database',
    label: 'AWS Glue database name',
    help: 'The Glue database that holds the table (AWS Glue console: Data Catalog > Databases).',
    validate: validateGlueDatabaseName,
    sample: 'marketing_db',
    docUrl: GLUE_NAMES_URL,
  },
  {
    id: 'glue-table',
    label: 'AWS Glue table name',
    help: 'The Glue table your configured table points to (AWS Glue console: Data Catalog > Tables).',
    validate: validateGlueTableName,
    sample: 'customer_events',
    docUrl: GLUE_NAMES_URL,
  },
  {
    id: 'glue-catalog',
    label: 'Federated catalog name',
    help: 'The federated (multi-level) catalog name, as registered in AWS Glue and Lake Formation (Athena console: Data sources and catalogs).',
    validate: validateCatalogName,
    sample: 'sales_catalog',
    docUrl: ATHENA_CATALOG_URL,
  },
  {
    id: 'kms-key-id',
    label: 'KMS key ID',
    help: "The key ID (a UUID, or mrk-… for a multi-Region key) from the key's page in the AWS KMS console, not the alias.",
    validate: validateKmsKeyId,
    sample: '0c8f5a2e-41b7-4d39-8e6a-7f1b2c3d4e5f',
    docUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-id',
  },
  {
    id: 'secret-id',
    label: 'Secrets Manager secret',
    help: "The secret name with its 6-character suffix (name-AbCdEf), from the end of the secret's ARN in the Secrets Manager console.",
    validate: validateSecretName,
    sample: 'cleanrooms/snowflake-creds-Ab12Cd',
    docUrl: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html',
  },
  {
    id: 'athena-workgroup',
    label: 'Athena workgroup',
    help: 'The Athena workgroup Clean Rooms runs queries in (Athena console: Workgroups).',
    validate: (v) => (/^[a-zA-Z0-9._-]{1,128}$/.test(v) ? undefined : 'Workgroup names are 1-128 letters, digits, periods, underscores or hyphens.'),
    sample: 'cleanrooms-analytics',
    docUrl: 'https://docs.aws.amazon.com/athena/latest/ug/workgroups-create-update-delete.html',
  },
  {
    id: 'ecr-repository',
    label: 'ECR repository name',
    help: 'The Amazon ECR repository that holds your model container image (Amazon ECR console: Repositories).',
    validate: (v) =>
      /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(v) && v.length >= 2 && v.length <= 256
        ? undefined
        : 'ECR repository names are 2-256 lower-case letters, digits and . _ - /, starting with a letter or digit.',
    sample: 'acme/lookalike-model',
    docUrl: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-create.html',
  },
  {
    id: 'data-set-id',
    label: 'AWS Data Exchange data set ID',
    help: 'The data set ID of your provider-service subscription (AWS Data Exchange console: Entitled data > data set).',
    validate: (v) => (/^[a-zA-Z0-9]{30,40}$/.test(v) ? undefined : 'An AWS Data Exchange data set ID is 30-40 letters and digits.'),
    sample: '7ae12b6b9d4c4f0e8a31c25d9e0f6a84',
    docUrl: 'https://docs.aws.amazon.com/data-exchange/latest/apireference/API_RevisionPublished.html',
  },
  {
    id: 'data-exchange-id',
    label: 'AWS Data Exchange revision or asset ID',
    help: "The revision or asset ID of the provider-service API asset (AWS Data Exchange console: the data set's Revisions tab).",
    validate: (v) =>
      /^[a-zA-Z0-9]{1,128}$/.test(v) ? undefined : 'AWS Data Exchange revision and asset IDs are letters and digits only (copy them from the console).',
    sample: 'c9d41e2f07ab4b53a6e1f3d28b7c5a90',
    docUrl: 'https://docs.aws.amazon.com/entityresolution/latest/apireference/API_ProviderMarketplaceConfiguration.html',
  },
  {
    id: 'text',
    label: 'Value',
    help: 'The value for this placeholder.',
    validate: nonEmptyText,
    sample: 'example-value',
    docUrl: SETUP_ROLES,
  },
];

export const PLACEHOLDER_KINDS: ReadonlyMap<string, PlaceholderKind> = new Map(kinds.map((k) => [k.id, k]));

/** Kinds whose answer may be empty: then the "/" before the placeholder goes too (bucket/<optional-prefix>/* -> bucket/*). */
export const OPTIONAL_PATH_KINDS: ReadonlySet<string> = new Set(['optional-s3-prefix']);

export function placeholderKind(id: string): PlaceholderKind {
  return PLACEHOLDER_KINDS.get(id) ?? PLACEHOLDER_KINDS.get('text')!;
}

/**
 * Guess the kind of a placeholder from its name: `<query-runner-account-id>` -> account-id, `<region>` -> region, …
 * Used for tokens that are not declared by a catalog template (pasted from other docs).
 */
export function kindForName(name: string): string {
  const n = name
    .toLowerCase()
    .replace(/[_\s]+/g, '-')
    .replace(/([a-z])([A-Z])/g, '$1-$2');
  if (/(^|-)region$/.test(n) || n === 'aws-region' || n === 'us-east-1') return 'region';
  if (/account-?id$/.test(n) || /^\d{12}$/.test(n) || /owner-?account/.test(n)) return 'account-id';
  if (/membership-?arn$/.test(n)) return 'membership-arn';
  if (/membership-?id$/.test(n) || /EXAMPLE/i.test(name)) return 'membership-id';
  if (/optional/.test(n) && /prefix/.test(n)) return 'optional-s3-prefix';
  if (/key-?prefix$|(^|-)prefix$|folder/.test(n)) return 's3-prefix';
  if (/s3-?path$/.test(n)) return 's3-path';
  if (/bucket(-?name)?s?$/.test(n)) return 'bucket';
  if (/(database|db)(-?name)?s?$/.test(n)) return 'glue-database';
  if (/table(-?name)?s?$/.test(n)) return 'glue-table';
  if (/catalog(-?name)?$/.test(n)) return 'glue-catalog';
  if (/data-?set-?id$/.test(n)) return 'data-set-id';
  if (/(revision|asset)-?id$/.test(n)) return 'data-exchange-id';
  if (/kms|key-?id(entifier)?$/.test(n)) return 'kms-key-id';
  if (/secret/.test(n)) return 'secret-id';
  if (/workgroup/.test(n)) return 'athena-workgroup';
  if (/repo(sitory)?(-?name)?$/.test(n)) return 'ecr-repository';
  return 'text';
}
