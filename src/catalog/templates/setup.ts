// Templates from "Set up service roles for AWS Clean Rooms" (setting-up-roles.html) and
// "Cross-service confused deputy prevention". Sources: shared/reference/cleanrooms-iam-facts.md §1.a, §1.b, §5.
import type { PolicyTemplate, RoleInfo } from '../types';
import {
  CONFUSED_DEPUTY,
  KMS_KEY,
  MY_MEMBERSHIP,
  QUERY_RUNNER,
  REGION,
  SETUP,
  assumeRoleBy,
  externalIdPattern,
  membershipArn,
  policy,
  template,
  type Ph,
} from './define';

const CR = 'cleanrooms.amazonaws.com';

const bucketAccount = (what: string): Ph => ({
  kind: 'account-id',
  label: `Account that owns the ${what}`,
  help: `The 12-digit account ID in which the ${what} is located; the ResourceAccount condition limits access to buckets this account owns.`,
});

const SAME_REGION = 'Your AWS Glue resources and the Amazon S3 resources under them must be in the same AWS Region as the AWS Clean Rooms collaboration.';
const ARN_EQUALS_NOTE =
  "AWS prints this condition as ForAnyValue:ArnEquals. aws:SourceArn is single-valued, so this template uses plain ArnEquals, which matches when the request's source ARN equals any ARN in the list (the same result, and the operator IAM recommends for single-valued keys).";
const ADD_MEMBERS_NOTE =
  'List the membership ARN of every member of the collaboration in aws:SourceArn; when a member joins later, add their membership ARN or that member cannot use data read through this role.';

export const SETUP_ROLES: RoleInfo[] = [
  {
    id: 'member',
    title: 'IAM role for a collaboration member',
    description: 'The role a person in your account assumes to work in AWS Clean Rooms; you attach one of the Clean Rooms managed policies to it.',
    docUrl: SETUP + '#create-role-DP',
  },
  {
    id: 'read-data-s3',
    title: 'Service role to read data (AWS Glue + Amazon S3)',
    description: 'AWS Clean Rooms assumes this role to read your configured table: the AWS Glue metadata and the S3 data under it.',
    docUrl: SETUP + '#create-service-role-procedure',
    passRole: 'cleanrooms',
  },
  {
    id: 'read-data-athena',
    title: 'Service role to read data from Amazon Athena',
    description: 'AWS Clean Rooms assumes this role to query your Athena tables or Glue Data Catalog views (registered with Lake Formation).',
    docUrl: SETUP + '#create-service-role-athena',
    passRole: 'cleanrooms',
  },
  {
    id: 'read-data-snowflake',
    title: 'Service role to read data from Snowflake',
    description: 'AWS Clean Rooms assumes this role to retrieve your Snowflake credentials from AWS Secrets Manager.',
    docUrl: SETUP + '#create-service-role-third-party',
    passRole: 'cleanrooms',
  },
  {
    id: 'pyspark-analysis-template',
    title: 'Service role to read PySpark code from an S3 bucket',
    description: 'AWS Clean Rooms assumes this role to read the code of a PySpark analysis template from S3.',
    docUrl: SETUP + '#create-role-pyspark-analysis-template',
    passRole: 'cleanrooms',
  },
  {
    id: 'pyspark-job-results',
    title: 'Service role to write results of a PySpark job',
    description: 'AWS Clean Rooms assumes this role to write the results of a PySpark job to your S3 bucket.',
    docUrl: SETUP + '#create-role-pyspark-job',
    passRole: 'cleanrooms',
  },
  {
    id: 'receive-results',
    title: 'Service role to receive results',
    description: 'For a member who can only receive results: AWS Clean Rooms assumes this role to write query results to your S3 bucket.',
    docUrl: SETUP + '#create-role-write-results',
    passRole: 'cleanrooms',
  },
];

const GLUE_READ_ACTIONS = [
  'glue:GetDatabase',
  'glue:GetDatabases',
  'glue:GetTable',
  'glue:GetTables',
  'glue:GetPartition',
  'glue:GetPartitions',
  'glue:BatchGetPartition',
];

const plainTrust = () => policy(assumeRoleBy(CR, { Sid: 'RoleTrustPolicyForCleanRoomsService' }));

export const SETUP_TEMPLATES: PolicyTemplate[] = [
  template({
    id: 'member-trust',
    title: 'Collaboration member role: trust policy',
    role: 'member',
    policyType: 'trust',
    docUrl: SETUP + '#create-role-DP',
    description: 'Lets IAM users and roles of the given account assume the collaboration member role.',
    body: policy({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::<member-account-id>:root' },
      Action: 'sts:AssumeRole',
    }),
    placeholders: {
      'member-account-id': {
        kind: 'account-id',
        label: 'Account whose users assume the role',
        help: 'The 12-digit account whose IAM users or roles will assume this member role (usually your own account; console: account menu, top right).',
      },
    },
    notes: [
      'Create the role with the IAM procedure "Creating a role to delegate permissions to an IAM user"; the AWS page gives no trust JSON, this is the standard trust policy of that procedure.',
      'The account root principal delegates to the account: IAM users and roles in it still need an identity policy that allows sts:AssumeRole on this role.',
      "Attach one of the AWS managed policies below as the role's permissions, depending on what the member may do.",
    ],
    managedPolicies: [
      { name: 'AWSCleanRoomsReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/AWSCleanRoomsReadOnlyAccess', when: 'View the resources and metadata.' },
      {
        name: 'AWSCleanRoomsFullAccess',
        arn: 'arn:aws:iam::aws:policy/AWSCleanRoomsFullAccess',
        when: 'Query; query and run jobs; or query and receive results.',
      },
      {
        name: 'AWSCleanRoomsFullAccessNoQuerying',
        arn: 'arn:aws:iam::aws:policy/AWSCleanRoomsFullAccessNoQuerying',
        when: 'Manage collaboration resources but do not query.',
      },
    ],
  }),

  template({
    id: 'read-data-s3-trust',
    title: 'Read data (Glue + S3): trust policy',
    role: 'read-data-s3',
    policyType: 'trust',
    docUrl: SETUP + '#create-service-role-procedure',
    description: 'Lets AWS Clean Rooms assume the role that reads your Glue tables and S3 data.',
    body: plainTrust(),
    placeholders: {},
    notes: [
      'This is the trust policy as the AWS page prints it: any use of the role by AWS Clean Rooms is allowed. Prefer the scoped-down version (snippet cleanrooms-read-data-s3-trust-scoped) to guard against the confused deputy problem.',
    ],
  }),

  template({
    id: 'read-data-s3-trust-scoped',
    title: 'Read data: trust policy scoped to your collaboration (confused deputy)',
    role: 'read-data-s3',
    policyType: 'trust',
    docUrl: CONFUSED_DEPUTY,
    description: "The read-data trust policy limited to your collaboration's memberships with sts:ExternalId and aws:SourceArn.",
    body: policy(
      assumeRoleBy(CR, {
        Sid: 'AllowIfExternalIdMatches',
        Condition: { StringLike: { 'sts:ExternalId': externalIdPattern('query-runner-membership-id') } },
      }),
      assumeRoleBy(CR, {
        Sid: 'AllowIfSourceArnMatches',
        Condition: {
          ArnEquals: {
            'aws:SourceArn': [membershipArn('membership-account-id', 'membership-id'), membershipArn('query-runner-account-id', 'query-runner-membership-id')],
          },
        },
      }),
    ),
    placeholders: { region: REGION, ...QUERY_RUNNER, ...MY_MEMBERSHIP },
    notes: [
      'The value of aws:SourceArn must be a membership ARN (not a collaboration ARN); in Clean Rooms you also compare sts:ExternalId.',
      ADD_MEMBERS_NOTE,
      'sts:ExternalId is a String key, so this template uses StringLike, as the confused-deputy page does (the receive-results page uses ArnLike for the same value).',
      ARN_EQUALS_NOTE,
      'The same trust policy works for the Athena and Snowflake read roles.',
    ],
  }),

  template({
    id: 'read-data-s3-permissions',
    title: 'Read data (Glue + S3): permissions policy',
    role: 'read-data-s3',
    policyType: 'permissions',
    docUrl: SETUP + '#create-service-role-procedure',
    description: 'Read access to one AWS Glue table and the S3 data under it.',
    body: policy(
      {
        Sid: 'NecessaryGluePermissions',
        Effect: 'Allow',
        Action: GLUE_READ_ACTIONS,
        Resource: [
          'arn:aws:glue:<region>:<glue-account-id>:database/<database>',
          'arn:aws:glue:<region>:<glue-account-id>:table/<database>/<table>',
          'arn:aws:glue:<region>:<glue-account-id>:catalog',
        ],
      },
      { Effect: 'Allow', Action: ['glue:GetSchema', 'glue:GetSchemaVersion'], Resource: ['*'] },
      {
        Sid: 'NecessaryS3BucketPermissions',
        Effect: 'Allow',
        Action: ['s3:GetBucketLocation', 's3:ListBucket'],
        Resource: ['arn:aws:s3:::<bucket>'],
        Condition: { StringEquals: { 's3:ResourceAccount': ['<bucket-account-id>'] } },
      },
      {
        Sid: 'NecessaryS3ObjectPermissions',
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: ['arn:aws:s3:::<bucket>/<prefix>/*'],
        Condition: { StringEquals: { 's3:ResourceAccount': ['<bucket-account-id>'] } },
      },
    ),
    placeholders: {
      region: REGION,
      'glue-account-id': {
        kind: 'account-id',
        label: 'Account that owns the Glue Data Catalog',
        help: 'The 12-digit account that owns the AWS Glue Data Catalog resources (catalog, database, table).',
      },
      database: { kind: 'glue-database' },
      table: { kind: 'glue-table' },
      bucket: { kind: 'bucket', help: "The name of the S3 bucket that holds the table's data (the Glue table's location; not the bucket ARN)." },
      'bucket-account-id': bucketAccount('S3 bucket'),
      prefix: { kind: 's3-prefix', help: "The folder (key prefix) of the table's data inside the bucket, without leading or trailing slash." },
    },
    notes: [
      SAME_REGION,
      'The object ARN is arn:aws:s3:::<bucket>/<prefix>/* with three colons. The seed copy of the AWS page has arn:aws:s3::bucket/prefix/* (two colons), which puts the bucket in the account field and grants nothing.',
      'The table ARN is table/<database>/<table>: an older copy of the page has table/table without the database.',
      'If the S3 data is encrypted with a customer managed KMS key, add the statement from snippet cleanrooms-read-data-s3-kms-statement.',
    ],
  }),

  template({
    id: 'read-data-s3-kms-statement',
    title: 'Read data: KMS statement for a customer managed key',
    role: 'read-data-s3',
    policyType: 'statement',
    docUrl: 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/ml-roles.html#ml-create-role-training',
    description: 'Statement to add to the read-data permissions policy when the S3 data is encrypted with a customer managed KMS key.',
    body: {
      Sid: 'DecryptS3DataWithCustomerManagedKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: ['arn:aws:kms:<region>:<kms-key-account-id>:key/<kms-key-id>'],
      Condition: { StringLike: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::<bucket>/<prefix>*' } },
    },
    placeholders: {
      region: REGION,
      ...KMS_KEY,
      bucket: { kind: 'bucket', help: "The S3 bucket of the table's data (the same value as in the permissions policy)." },
      prefix: { kind: 's3-prefix', help: "The folder of the table's data (the same value as in the permissions policy)." },
    },
    notes: [
      'The setting-up-roles page only says to "amend this policy with additional AWS KMS permissions"; this statement is the one AWS spells out for Clean Rooms ML training data.',
      'Fixed from the AWS text: the trailing comma after "kms:Decrypt" (invalid JSON), and ArnLike -> StringLike, because kms:EncryptionContext:* keys are String keys (the ML configuration role on the same page uses StringLike).',
      'The key policy of the KMS key must also allow this role to use the key.',
    ],
  }),

  template({
    id: 'read-data-athena-trust',
    title: 'Read data (Athena): trust policy',
    role: 'read-data-athena',
    policyType: 'trust',
    docUrl: SETUP + '#create-service-role-athena',
    description: 'Lets AWS Clean Rooms assume the role that reads your Athena tables.',
    body: plainTrust(),
    placeholders: {},
    notes: ['As printed on the AWS page (no condition). The scoped-down trust policy (snippet cleanrooms-read-data-s3-trust-scoped) applies to this role too.'],
  }),

  template({
    id: 'read-data-athena-permissions',
    title: 'Read data (Athena): permissions policy',
    role: 'read-data-athena',
    policyType: 'permissions',
    docUrl: SETUP + '#create-service-role-athena',
    description: 'Athena, Glue (federated catalog), Athena results bucket and Lake Formation data access.',
    body: policy(
      {
        Effect: 'Allow',
        Action: [
          'athena:GetWorkGroup',
          'athena:GetTableMetadata',
          'athena:GetDataCatalog',
          'athena:StartQueryExecution',
          'athena:GetQueryExecution',
          'athena:GetQueryResults',
        ],
        Resource: ['arn:aws:athena:<region>:<data-account-id>:workgroup/<workgroup>', 'arn:aws:athena:<region>:<data-account-id>:datacatalog/<catalog>'],
      },
      {
        Effect: 'Allow',
        Action: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetCatalog'],
        Resource: [
          'arn:aws:glue:<region>:<data-account-id>:catalog',
          'arn:aws:glue:<region>:<data-account-id>:catalog/<catalog>',
          'arn:aws:glue:<region>:<data-account-id>:database/<catalog>/<database>',
          'arn:aws:glue:<region>:<data-account-id>:table/<catalog>/<database>/<table>',
        ],
      },
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:GetBucketLocation', 's3:AbortMultipartUpload', 's3:ListBucket', 's3:PutObject', 's3:ListMultipartUploadParts'],
        Resource: ['arn:aws:s3:::<athena-results-bucket>', 'arn:aws:s3:::<athena-results-bucket>/*'],
        Condition: { StringEquals: { 'aws:ResourceAccount': '<data-account-id>' } },
      },
      { Effect: 'Allow', Action: 'lakeformation:GetDataAccess', Resource: '*' },
    ),
    placeholders: {
      region: REGION,
      'data-account-id': {
        kind: 'account-id',
        label: 'Account that owns the Athena and Glue resources',
        help: 'The 12-digit account that owns the Athena workgroup, the data catalog and the Athena results bucket.',
      },
      workgroup: { kind: 'athena-workgroup' },
      catalog: { kind: 'glue-catalog' },
      database: { kind: 'glue-database', help: 'The database inside the federated catalog (AWS Glue console: Data Catalog > Databases).' },
      table: { kind: 'glue-table', help: 'The table or Glue Data Catalog view your configured table points to.' },
      'athena-results-bucket': {
        kind: 'bucket',
        label: 'Athena query results bucket',
        help: 'The separate S3 bucket where Athena writes query results (Athena console: workgroup settings, Query result location).',
      },
    },
    notes: [
      'Lake Formation: if the tables are protected with Lake Formation permissions, grant this role Select and Describe on the table, view or catalog and Describe on the AWS Glue database (Lake Formation console). These are Lake Formation grants, not IAM JSON; the IAM side is lakeformation:GetDataAccess.',
      'The tables or Glue Data Catalog views must be cataloged in AWS Glue and registered with AWS Lake Formation; only the AWS Glue catalog type is supported.',
      'The Glue resources use the multi-level catalog forms catalog/<catalog>, database/<catalog>/<database> and table/<catalog>/<database>/<table>.',
    ],
  }),

  template({
    id: 'read-data-snowflake-trust',
    title: 'Read data (Snowflake): trust policy',
    role: 'read-data-snowflake',
    policyType: 'trust',
    docUrl: SETUP + '#create-service-role-third-party',
    description: "Lets AWS Clean Rooms assume the Snowflake credentials role, only for your membership and the query runner's.",
    body: policy(
      assumeRoleBy(CR, {
        Sid: 'AllowIfSourceArnMatches',
        Condition: {
          ArnEquals: {
            'aws:SourceArn': [membershipArn('membership-account-id', 'membership-id'), membershipArn('query-runner-account-id', 'query-runner-membership-id')],
          },
        },
      }),
    ),
    placeholders: { region: REGION, ...MY_MEMBERSHIP, ...QUERY_RUNNER },
    notes: [ADD_MEMBERS_NOTE, ARN_EQUALS_NOTE],
  }),

  template({
    id: 'read-data-snowflake-permissions',
    title: 'Read data (Snowflake): permissions policy (AWS managed key)',
    role: 'read-data-snowflake',
    policyType: 'permissions',
    docUrl: SETUP + '#create-service-role-third-party',
    description: 'Read the Snowflake credentials secret, encrypted with the AWS managed key for Secrets Manager.',
    body: policy({
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: 'arn:aws:secretsmanager:<region>:<secret-account-id>:secret:<secret-name>',
    }),
    placeholders: {
      region: REGION,
      'secret-account-id': {
        kind: 'account-id',
        label: 'Account that owns the secret',
        help: "The 12-digit account ID in the secret's ARN (Secrets Manager console: Secret details).",
      },
      'secret-name': { kind: 'secret-id', label: 'Snowflake credentials secret' },
    },
    notes: [
      'Use this version when the secret is encrypted with the AWS managed key; with a customer managed key use snippet cleanrooms-read-data-snowflake-permissions-kms.',
    ],
  }),

  template({
    id: 'read-data-snowflake-permissions-kms',
    title: 'Read data (Snowflake): permissions policy (customer managed key)',
    role: 'read-data-snowflake',
    policyType: 'permissions',
    docUrl: SETUP + '#create-service-role-third-party',
    description: 'Read the Snowflake credentials secret and decrypt it with your customer managed KMS key through Secrets Manager.',
    body: policy(
      {
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: 'arn:aws:secretsmanager:<region>:<secret-account-id>:secret:<secret-name>',
      },
      {
        Sid: 'AllowDecryptViaSecretsManagerForKey',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: 'arn:aws:kms:<region>:<kms-key-account-id>:key/<kms-key-id>',
        Condition: {
          StringEquals: {
            'kms:ViaService': 'secretsmanager.<region>.amazonaws.com',
            'kms:EncryptionContext:SecretARN': 'arn:aws:secretsmanager:<region>:<secret-account-id>:secret:<secret-name>',
          },
        },
      },
    ),
    placeholders: {
      region: REGION,
      'secret-account-id': {
        kind: 'account-id',
        label: 'Account that owns the secret',
        help: "The 12-digit account ID in the secret's ARN (Secrets Manager console: Secret details).",
      },
      'secret-name': { kind: 'secret-id', label: 'Snowflake credentials secret' },
      ...KMS_KEY,
    },
    notes: ["kms:EncryptionContext:SecretARN ties the key use to this one secret; the key policy in the key owner's account must also allow this use."],
  }),

  template({
    id: 'pyspark-analysis-template-trust',
    title: 'PySpark analysis template (read code): trust policy',
    role: 'pyspark-analysis-template',
    policyType: 'trust',
    docUrl: SETUP + '#create-role-pyspark-analysis-template',
    description: "Lets AWS Clean Rooms assume the code-reading role for the job runner's and the template owner's memberships.",
    body: policy(
      assumeRoleBy(CR, {
        Condition: {
          ArnEquals: {
            'aws:SourceArn': [
              membershipArn('job-runner-account-id', 'job-runner-membership-id'),
              membershipArn('template-owner-account-id', 'template-owner-membership-id'),
            ],
          },
        },
      }),
    ),
    placeholders: {
      region: REGION,
      'job-runner-account-id': {
        kind: 'account-id',
        label: "Job runner's AWS account ID",
        help: 'The 12-digit account ID of the member who can run jobs (collaboration: Members tab).',
      },
      'job-runner-membership-id': {
        kind: 'membership-id',
        label: "Job runner's membership ID",
        help: 'The membership ID of the member who runs the PySpark job: Details tab of the collaboration.',
      },
      'template-owner-account-id': {
        kind: 'account-id',
        label: "Analysis template owner's AWS account ID",
        help: 'The 12-digit account ID of the member who owns the analysis template (collaboration: Members tab).',
        sample: '309876543210',
      },
      'template-owner-membership-id': {
        kind: 'membership-id',
        label: "Analysis template owner's membership ID",
        help: 'The membership ID of the member who owns the analysis template: Details tab of the collaboration.',
        sample: '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
      },
    },
    notes: [
      ARN_EQUALS_NOTE,
      'The AWS page lists jobRunnerAccountId and analysisTemplateAccountId but hard-codes example accounts in the JSON; here both accounts are placeholders.',
    ],
  }),

  template({
    id: 'pyspark-analysis-template-permissions',
    title: 'PySpark analysis template (read code): permissions policy',
    role: 'pyspark-analysis-template',
    policyType: 'permissions',
    docUrl: SETUP + '#create-role-pyspark-analysis-template',
    description: 'Read access to the PySpark code object in S3.',
    body: policy({
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: ['arn:aws:s3:::<code-s3-path>'],
      Condition: { StringEquals: { 's3:ResourceAccount': ['<bucket-account-id>'] } },
    }),
    placeholders: {
      'code-s3-path': {
        kind: 's3-path',
        label: 'S3 location of the PySpark code',
        help: 'bucket/key of the code file the analysis template points to (S3 console: Copy S3 URI, then drop s3://).',
      },
      'bucket-account-id': bucketAccount('S3 bucket with the code'),
    },
    notes: ['The S3 resources must be in the same AWS Region as the collaboration.'],
  }),

  template({
    id: 'pyspark-job-results-trust',
    title: 'PySpark job results: trust policy',
    role: 'pyspark-job-results',
    policyType: 'trust',
    docUrl: SETUP + '#create-role-pyspark-job',
    description: "Lets AWS Clean Rooms assume the job-results role for the job runner's and the result receiver's memberships.",
    body: policy(
      assumeRoleBy(CR, {
        Condition: {
          ArnEquals: {
            'aws:SourceArn': [
              membershipArn('job-runner-account-id', 'job-runner-membership-id'),
              membershipArn('result-receiver-account-id', 'result-receiver-membership-id'),
            ],
          },
        },
      }),
    ),
    placeholders: {
      region: REGION,
      'job-runner-account-id': {
        kind: 'account-id',
        label: "Job runner's AWS account ID",
        help: 'The 12-digit account ID of the member who can run jobs (collaboration: Members tab).',
      },
      'job-runner-membership-id': {
        kind: 'membership-id',
        label: "Job runner's membership ID",
        help: 'The membership ID of the member who runs the PySpark job: Details tab of the collaboration.',
      },
      'result-receiver-account-id': {
        kind: 'account-id',
        label: "Result receiver's AWS account ID",
        help: 'The 12-digit account ID of the member who receives the job results (collaboration: Members tab).',
        sample: '309876543210',
      },
      'result-receiver-membership-id': {
        kind: 'membership-id',
        label: "Result receiver's membership ID",
        help: 'The membership ID of the member who receives the results: Details tab of the collaboration.',
        sample: '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
      },
    },
    notes: [
      ARN_EQUALS_NOTE,
      'The AWS page lists jobRunnerAccountId and rrAccountId but hard-codes example accounts in the JSON; here both accounts are placeholders.',
    ],
  }),

  template({
    id: 'pyspark-job-results-permissions',
    title: 'PySpark job results: permissions policy',
    role: 'pyspark-job-results',
    policyType: 'permissions',
    docUrl: SETUP + '#create-role-pyspark-job',
    description: 'Write access to the S3 results location of PySpark jobs.',
    body: policy(
      {
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: 'arn:aws:s3:::<bucket>/<optional-prefix>/*',
        Condition: { StringEquals: { 's3:ResourceAccount': ['<bucket-account-id>'] } },
      },
      {
        Effect: 'Allow',
        Action: ['s3:GetBucketLocation', 's3:ListBucket'],
        Resource: 'arn:aws:s3:::<bucket>',
        Condition: { StringEquals: { 's3:ResourceAccount': ['<bucket-account-id>'] } },
      },
    ),
    placeholders: {
      bucket: { kind: 'bucket', help: 'The S3 bucket the job results are written to (not its ARN).' },
      'optional-prefix': {
        kind: 'optional-s3-prefix',
        help: 'The folder for the results inside the bucket, without leading or trailing slash; optional, as on the AWS page: leave it empty to allow the whole bucket (the resource then ends in <bucket>/*).',
      },
      'bucket-account-id': bucketAccount('results bucket'),
    },
    notes: [
      'The AWS page writes the object resource as {{bucket/optionalPrefix/*}}; here it is split into <bucket> and <optional-prefix> so the bucket matches the ListBucket statement.',
      'The S3 resources must be in the same AWS Region as the collaboration.',
    ],
  }),

  template({
    id: 'receive-results-trust',
    title: 'Receive results: trust policy',
    role: 'receive-results',
    policyType: 'trust',
    docUrl: SETUP + '#create-role-write-results',
    description: 'Lets AWS Clean Rooms assume the results role only when the member who can query runs the analysis.',
    body: policy(
      assumeRoleBy(CR, {
        Sid: 'AllowIfExternalIdMatches',
        Condition: { StringLike: { 'sts:ExternalId': externalIdPattern('query-runner-membership-id') } },
      }),
      assumeRoleBy(CR, {
        Sid: 'AllowIfSourceArnMatches',
        Condition: { ArnEquals: { 'aws:SourceArn': [membershipArn('query-runner-account-id', 'query-runner-membership-id')] } },
      }),
    ),
    placeholders: { region: REGION, ...QUERY_RUNNER },
    notes: [
      'Only a member who can only receive results needs this role; a member who can both query and receive results can skip it.',
      'sts:ExternalId is a String key: this template uses StringLike, as the confused-deputy page does, instead of the ArnLike printed on the receive-results page.',
      'aws:SourceArn is the single membership ARN of the member who can query (Details tab of the collaboration). ' + ARN_EQUALS_NOTE,
    ],
  }),

  template({
    id: 'receive-results-permissions',
    title: 'Receive results: permissions policy',
    role: 'receive-results',
    policyType: 'permissions',
    docUrl: SETUP + '#create-role-write-results',
    description: 'Write access to the S3 location where query results are delivered.',
    body: policy(
      {
        Effect: 'Allow',
        Action: ['s3:GetBucketLocation', 's3:ListBucket'],
        Resource: ['arn:aws:s3:::<bucket>'],
        Condition: { StringEquals: { 'aws:ResourceAccount': '<bucket-account-id>' } },
      },
      {
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: ['arn:aws:s3:::<bucket>/<optional-prefix>/*'],
        Condition: { StringEquals: { 'aws:ResourceAccount': '<bucket-account-id>' } },
      },
    ),
    placeholders: {
      bucket: {
        kind: 'bucket',
        label: 'Results bucket name',
        help: 'The name of the S3 bucket for the results (not its ARN: the template already writes arn:aws:s3:::).',
      },
      'bucket-account-id': bucketAccount('results bucket'),
      'optional-prefix': {
        kind: 'optional-s3-prefix',
        help: 'The results folder (key prefix) inside the bucket, without leading or trailing slash; optional, as on the AWS page: leave it empty to allow the whole bucket (the resource then ends in <bucket>/*).',
      },
    },
    notes: [
      'The AWS page describes bucket_name as "the ARN of the S3 bucket", but the JSON already starts with arn:aws:s3:::, so enter the bucket name only.',
      'The AWS page writes the object resource as bucket_name/optional_key_prefix/*; here it is split into <bucket> and <optional-prefix>.',
      'The results bucket must be in the same AWS Region as the collaboration.',
    ],
  }),
];
