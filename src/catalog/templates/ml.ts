// Templates from "Set up service roles for AWS Clean Rooms ML" (ml-roles.html).
// Sources: shared/reference/cleanrooms-iam-facts.md §1.c.1, §1.c.2, §5.2 (and the page's mirror, c2hans/aws-docs ml-roles.md).
import { passRoleNote } from '../pass-role';
import type { PolicyTemplate, RoleInfo } from '../types';
import { KMS_KEY, ML_ROLES, QUERY_RUNNER, REGION, assumeRoleBy, membershipArn, policy, template, type Ph } from './define';

const ML = 'cleanrooms-ml.amazonaws.com';

const MY_ACCOUNT: Ph = {
  kind: 'account-id',
  label: 'Your AWS account ID',
  help: 'Your own 12-digit account ID: aws:SourceAccount is always your account (console: account menu, top right).',
};

const SAME_REGION = 'Your AWS Glue resources and the Amazon S3 resources under them must be in the same AWS Region as the AWS Clean Rooms collaboration.';
const ROLE_NAME_NOTE = passRoleNote('cleanrooms-ml');
const KMS_FIX_NOTE =
  'Fixed from the AWS text: the trailing comma in the Action list (invalid JSON) and the stray closing brackets of the splice-in snippet; ArnLike -> StringLike, because kms:EncryptionContext:* keys are String keys (the ML configuration role on the same page uses StringLike).';
const BUCKET_ARN_NOTE =
  'The AWS page describes the bucket placeholders as "the ARN of the S3 bucket", but the JSON already starts with arn:aws:s3:::, so enter the bucket name only.';
const NO_CONDITION_NOTE =
  'As printed on the AWS page, this trust policy has no aws:SourceAccount / aws:SourceArn condition. IAM Access Analyzer recommends one for service principals (confused deputy), but the page does not say which source values Clean Rooms ML sends for this role, so test any condition you add.';

/** ML lookalike trust: StringEqualsIfExists aws:SourceAccount + ArnLikeIfExists aws:SourceArn on a cleanrooms-ml resource type. */
function lookalikeTrust(resourceType: string) {
  return policy(
    assumeRoleBy(ML, {
      Sid: 'AllowAssumeRole',
      Condition: {
        StringEqualsIfExists: { 'aws:SourceAccount': ['<account-id>'] },
        ArnLikeIfExists: { 'aws:SourceArn': `arn:aws:cleanrooms-ml:<region>:<account-id>:${resourceType}/*` },
      },
    }),
  );
}

const s3Data = (what: string): Record<string, Ph> => ({
  bucket: { kind: 'bucket', help: `The name of the S3 bucket that ${what} (not its ARN).` },
  prefix: { kind: 's3-prefix', help: `The folder inside the bucket that ${what}, without leading or trailing slash.` },
  'bucket-account-id': {
    kind: 'account-id',
    label: 'Account that owns the S3 bucket',
    help: 'The 12-digit account ID in which the S3 bucket is located (the s3:ResourceAccount condition).',
  },
});

function kmsStatement(actions: string[], sid: string): Record<string, unknown> {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: actions,
    Resource: ['arn:aws:kms:<region>:<kms-key-account-id>:key/<kms-key-id>'],
    Condition: { StringLike: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::<bucket>/<prefix>*' } },
  };
}

const kmsPlaceholders = (what: string): Record<string, Ph> => ({
  region: REGION,
  ...KMS_KEY,
  bucket: { kind: 'bucket', help: `The S3 bucket that ${what} (the same value as in the permissions policy).` },
  prefix: { kind: 's3-prefix', help: `The folder that ${what} (the same value as in the permissions policy).` },
});

export const ML_ROLE_INFOS: RoleInfo[] = [
  {
    id: 'ml-training-data',
    title: 'Clean Rooms ML: service role to read training data',
    description: 'Clean Rooms ML assumes this role to read the Glue table and S3 data of a lookalike training dataset.',
    docUrl: ML_ROLES + '#ml-create-role-training',
    passRole: 'cleanrooms-ml',
  },
  {
    id: 'ml-write-segment',
    title: 'Clean Rooms ML: service role to write a lookalike segment',
    description: 'Clean Rooms ML assumes this role to write generated lookalike segments to your S3 bucket.',
    docUrl: ML_ROLES + '#ml-create-role-write-segment',
    passRole: 'cleanrooms-ml',
  },
  {
    id: 'ml-read-seed',
    title: 'Clean Rooms ML: service role to read seed data',
    description: 'Clean Rooms ML assumes this role to read the seed audience, from S3 or from the results of an SQL query.',
    docUrl: ML_ROLES + '#ml-create-role-read-seed',
    passRole: 'cleanrooms-ml',
  },
  {
    id: 'ml-configuration',
    title: 'Clean Rooms ML custom models: ML configuration role',
    description: 'Used by PutMLConfiguration: Clean Rooms ML writes trained model artifacts or inference results to S3 and publishes metrics and logs.',
    docUrl: ML_ROLES + '#ml-roles-custom-configure',
    passRole: 'cleanrooms-ml',
  },
  {
    id: 'ml-model-provider',
    title: 'Clean Rooms ML custom models: model provider role',
    description: 'Used by CreateConfiguredModelAlgorithm: Clean Rooms ML pulls the model container image from your Amazon ECR repository.',
    docUrl: ML_ROLES + '#ml-roles-custom-model-provider',
    passRole: 'cleanrooms-ml',
  },
  {
    id: 'ml-input-channel',
    title: 'Clean Rooms ML custom models: ML input channel (query) role',
    description: 'Used by CreateMLInputChannel: Clean Rooms ML runs the protected query that produces the ML input channel.',
    docUrl: ML_ROLES + '#ml-roles-custom-query-dataset',
    passRole: 'cleanrooms-ml',
  },
  {
    id: 'ml-table-association',
    title: 'Clean Rooms ML custom models: configured table association role',
    description: "The data provider's role for custom ML: reads the Glue table, its S3 data and decrypts it with your KMS key.",
    docUrl: ML_ROLES + '#ml-roles-custom-configure-table',
  },
];

export const ML_TEMPLATES: PolicyTemplate[] = [
  // ---- Lookalike: read training data ----
  template({
    id: 'ml-training-data-trust',
    title: 'ML training data: trust policy',
    role: 'ml-training-data',
    policyType: 'trust',
    docUrl: ML_ROLES + '#ml-create-role-training',
    description: 'Lets Clean Rooms ML assume the training-data role for training datasets in your account.',
    body: lookalikeTrust('training-dataset'),
    placeholders: { 'account-id': MY_ACCOUNT, region: REGION },
    notes: ['aws:SourceArn can be limited to one training dataset only after it exists, so the template uses training-dataset/*.', ROLE_NAME_NOTE],
  }),
  template({
    id: 'ml-training-data-permissions',
    title: 'ML training data: permissions policy',
    role: 'ml-training-data',
    policyType: 'permissions',
    docUrl: ML_ROLES + '#ml-create-role-training',
    description: "Read access to the training data's Glue table and S3 objects (and the default Glue database).",
    body: policy(
      {
        Effect: 'Allow',
        Action: [
          'glue:GetDatabase',
          'glue:GetDatabases',
          'glue:GetTable',
          'glue:GetTables',
          'glue:GetPartitions',
          'glue:GetPartition',
          'glue:BatchGetPartition',
          'glue:GetUserDefinedFunctions',
        ],
        Resource: [
          'arn:aws:glue:<region>:<glue-account-id>:database/<database>',
          'arn:aws:glue:<region>:<glue-account-id>:table/<database>/<table>',
          'arn:aws:glue:<region>:<glue-account-id>:catalog',
          'arn:aws:glue:<region>:<glue-account-id>:database/default',
        ],
      },
      { Effect: 'Allow', Action: ['glue:CreateDatabase'], Resource: ['arn:aws:glue:<region>:<glue-account-id>:database/default'] },
      {
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:GetBucketLocation'],
        Resource: ['arn:aws:s3:::<bucket>'],
        Condition: { StringEquals: { 's3:ResourceAccount': ['<bucket-account-id>'] } },
      },
      {
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
        help: "The 12-digit account that owns the training data's AWS Glue catalog, database and table.",
      },
      database: { kind: 'glue-database', help: 'The Glue database of the training data (AWS Glue console: Data Catalog > Databases).' },
      table: { kind: 'glue-table', help: 'The Glue table of the training data (AWS Glue console: Data Catalog > Tables).' },
      ...s3Data('holds the training data'),
    },
    notes: [
      SAME_REGION,
      'The AWS page writes the object resource as {{bucketFolders}}/*; here it is split into <bucket> and <prefix> so the bucket matches the ListBucket statement.',
      BUCKET_ARN_NOTE,
      'If the data is encrypted with a customer managed KMS key, add the statement from snippet cleanrooms-ml-training-data-kms-statement.',
    ],
  }),
  template({
    id: 'ml-training-data-kms-statement',
    title: 'ML training data: KMS statement',
    role: 'ml-training-data',
    policyType: 'statement',
    docUrl: ML_ROLES + '#ml-create-role-training',
    description: 'Statement to add when the training data is encrypted with a customer managed KMS key.',
    body: kmsStatement(['kms:Decrypt'], 'DecryptTrainingData'),
    placeholders: kmsPlaceholders('holds the training data'),
    notes: [KMS_FIX_NOTE],
  }),

  // ---- Lookalike: write segment ----
  template({
    id: 'ml-write-segment-trust',
    title: 'ML write lookalike segment: trust policy',
    role: 'ml-write-segment',
    policyType: 'trust',
    docUrl: ML_ROLES + '#ml-create-role-write-segment',
    description: 'Lets Clean Rooms ML assume the segment-writing role for configured audience models in your account.',
    body: lookalikeTrust('configured-audience-model'),
    placeholders: { 'account-id': MY_ACCOUNT, region: REGION },
    notes: [
      'aws:SourceArn uses configured-audience-model/* because the configured audience model does not exist yet when you create the role. (The AWS page repeats the training-dataset explanation here.)',
      ROLE_NAME_NOTE,
    ],
  }),
  template({
    id: 'ml-write-segment-permissions',
    title: 'ML write lookalike segment: permissions policy',
    role: 'ml-write-segment',
    policyType: 'permissions',
    docUrl: ML_ROLES + '#ml-create-role-write-segment',
    description: 'Write access to the S3 folder that receives lookalike segments.',
    body: policy(
      {
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:GetBucketLocation'],
        Resource: ['arn:aws:s3:::<bucket>'],
        Condition: { StringEquals: { 's3:ResourceAccount': ['<bucket-account-id>'] } },
      },
      {
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: ['arn:aws:s3:::<bucket>/<prefix>/*'],
        Condition: { StringEquals: { 's3:ResourceAccount': ['<bucket-account-id>'] } },
      },
    ),
    placeholders: s3Data('receives the lookalike segments'),
    notes: [
      'The S3 resources must be in the same AWS Region as the collaboration.',
      'The AWS page writes {{buckets}} and {{bucketFolders}}/*; here they are <bucket> and <bucket>/<prefix>/*.',
      BUCKET_ARN_NOTE,
      'If segments must be encrypted with a customer managed KMS key, add the statement from snippet cleanrooms-ml-write-segment-kms-statement.',
    ],
  }),
  template({
    id: 'ml-write-segment-kms-statement',
    title: 'ML write lookalike segment: KMS statement',
    role: 'ml-write-segment',
    policyType: 'statement',
    docUrl: ML_ROLES + '#ml-create-role-write-segment',
    description: 'Statement to add when lookalike segments are encrypted with a customer managed KMS key.',
    body: kmsStatement(['kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'], 'EncryptLookalikeSegments'),
    placeholders: kmsPlaceholders('receives the lookalike segments'),
    notes: [KMS_FIX_NOTE],
  }),

  // ---- Lookalike: read seed data ----
  template({
    id: 'ml-read-seed-trust',
    title: 'ML read seed data: trust policy',
    role: 'ml-read-seed',
    policyType: 'trust',
    docUrl: ML_ROLES + '#ml-create-role-read-seed',
    description: 'Lets Clean Rooms ML assume the seed-reading role for audience generation jobs in your account.',
    body: lookalikeTrust('audience-generation-job'),
    placeholders: { 'account-id': MY_ACCOUNT, region: REGION },
    notes: [
      'aws:SourceArn uses audience-generation-job/* because the job does not exist yet when you create the role. (The AWS page repeats the training-dataset explanation here.)',
      ROLE_NAME_NOTE,
    ],
  }),
  template({
    id: 'ml-read-seed-permissions-s3',
    title: 'ML read seed data: permissions policy (seed in S3)',
    role: 'ml-read-seed',
    policyType: 'permissions',
    docUrl: ML_ROLES + '#ml-create-role-read-seed',
    description: 'Read access to a seed audience stored in S3.',
    body: policy(
      {
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: ['arn:aws:s3:::<bucket>'],
        Condition: { StringEquals: { 's3:ResourceAccount': ['<bucket-account-id>'] } },
      },
      {
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: ['arn:aws:s3:::<bucket>/<prefix>/*'],
        Condition: { StringEquals: { 's3:ResourceAccount': ['<bucket-account-id>'] } },
      },
    ),
    placeholders: s3Data('holds the seed data'),
    notes: [
      'The S3 resources must be in the same AWS Region as the collaboration.',
      'The AWS page writes {{buckets}} and {{bucketFolders}}/*; here they are <bucket> and <bucket>/<prefix>/*.',
      BUCKET_ARN_NOTE,
      'If the seed data is encrypted with a customer managed KMS key, add the statement from snippet cleanrooms-ml-read-seed-kms-statement.',
    ],
  }),
  template({
    id: 'ml-read-seed-permissions-sql',
    title: 'ML read seed data: permissions policy (seed from an SQL query)',
    role: 'ml-read-seed',
    policyType: 'permissions',
    docUrl: ML_ROLES + '#ml-create-role-read-seed',
    description: 'Run a protected query in the collaboration and use its results as the seed audience.',
    body: policy(
      {
        Sid: 'AllowCleanRoomsStartQuery',
        Effect: 'Allow',
        Action: ['cleanrooms:GetCollaborationAnalysisTemplate', 'cleanrooms:GetSchema', 'cleanrooms:StartProtectedQuery'],
        Resource: '*',
      },
      {
        Sid: 'AllowCleanRoomsGetAndUpdateQuery',
        Effect: 'Allow',
        Action: ['cleanrooms:GetProtectedQuery', 'cleanrooms:UpdateProtectedQuery'],
        Resource: [membershipArn('query-runner-account-id', 'query-runner-membership-id')],
      },
    ),
    placeholders: { region: REGION, ...QUERY_RUNNER },
    notes: ['The AWS page lists queryRunnerAccountId but hard-codes an example account in the JSON; here the account is a placeholder.'],
  }),
  template({
    id: 'ml-read-seed-kms-statement',
    title: 'ML read seed data: KMS statement',
    role: 'ml-read-seed',
    policyType: 'statement',
    docUrl: ML_ROLES + '#ml-create-role-read-seed',
    description: 'Statement to add when the seed data is encrypted with a customer managed KMS key.',
    body: kmsStatement(['kms:Decrypt', 'kms:DescribeKey'], 'DecryptSeedData'),
    placeholders: kmsPlaceholders('holds the seed data'),
    notes: [KMS_FIX_NOTE],
  }),

  // ---- Custom models ----
  template({
    id: 'ml-configuration-trust',
    title: 'ML configuration: trust policy',
    role: 'ml-configuration',
    policyType: 'trust',
    docUrl: ML_ROLES + '#ml-roles-custom-configure',
    description: 'Lets Clean Rooms ML assume the ML configuration role for your membership only.',
    body: policy(
      assumeRoleBy(ML, {
        Condition: {
          StringEquals: { 'aws:SourceAccount': '<account-id>' },
          ArnLike: { 'aws:SourceArn': membershipArn('account-id', 'membership-id') },
        },
      }),
    ),
    placeholders: {
      'account-id': MY_ACCOUNT,
      region: REGION,
      'membership-id': {
        kind: 'membership-id',
        label: 'Your membership ID',
        help: 'Your membership ID in the collaboration: Details tab of the collaboration in the AWS Clean Rooms console.',
      },
    },
    notes: [
      'aws:SourceArn is your Clean Rooms membership ARN (arn:aws:cleanrooms:…:membership/…), not a cleanrooms-ml resource.',
      'The role is used by PutMLConfiguration (the custom-model prerequisites page calls it CreateMLConfiguration).',
      ROLE_NAME_NOTE,
    ],
  }),
  template({
    id: 'ml-configuration-permissions',
    title: 'ML configuration: permissions policy',
    role: 'ml-configuration',
    policyType: 'permissions',
    docUrl: ML_ROLES + '#ml-roles-custom-configure',
    description: 'Export model artifacts or inference results to S3 (KMS-encrypted) and publish CloudWatch metrics and logs.',
    body: policy(
      {
        Sid: 'AllowS3ObjectWriteForExport',
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: ['arn:aws:s3:::<bucket>/*'],
        Condition: { StringEquals: { 's3:ResourceAccount': ['<bucket-account-id>'] } },
      },
      {
        Sid: 'AllowS3KMSEncryptForExport',
        Effect: 'Allow',
        Action: ['kms:Encrypt', 'kms:GenerateDataKey*'],
        Resource: ['arn:aws:kms:<region>:<kms-key-account-id>:key/<kms-key-id>'],
        Condition: { StringLike: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::<bucket>*' } },
      },
      {
        Sid: 'AllowCloudWatchMetricsPublishingForTrainingJobs',
        Effect: 'Allow',
        Action: 'cloudwatch:PutMetricData',
        Resource: '*',
        Condition: { StringLike: { 'cloudwatch:namespace': '/aws/cleanroomsml/*' } },
      },
      {
        Sid: 'AllowCloudWatchLogsPublishingForTrainingOrInferenceJobs',
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        Resource: ['arn:aws:logs:<region>:<account-id>:log-group:/aws/cleanroomsml/*'],
      },
    ),
    placeholders: {
      bucket: { kind: 'bucket', help: 'The S3 bucket that receives trained model artifacts or inference results (not its ARN).' },
      'bucket-account-id': {
        kind: 'account-id',
        label: 'Account that owns the S3 bucket',
        help: 'The 12-digit account ID in which the export bucket is located (the s3:ResourceAccount condition).',
      },
      region: REGION,
      ...KMS_KEY,
      'account-id': { ...MY_ACCOUNT, help: 'Your own 12-digit account ID: the CloudWatch Logs log groups /aws/cleanroomsml/* are created in it.' },
    },
    notes: [
      'The S3 resources must be in the same AWS Region as the collaboration.',
      BUCKET_ARN_NOTE,
      'The AWS page uses one example account for the bucket, the KMS key and the log groups; here they are separate placeholders (they are often the same account).',
    ],
  }),
  template({
    id: 'ml-model-provider-trust',
    title: 'ML model provider: trust policy',
    role: 'ml-model-provider',
    policyType: 'trust',
    docUrl: ML_ROLES + '#ml-roles-custom-model-provider',
    description: 'Lets Clean Rooms ML assume the role that pulls your model container image.',
    body: policy(assumeRoleBy(ML)),
    placeholders: {},
    notes: [NO_CONDITION_NOTE, ROLE_NAME_NOTE],
  }),
  template({
    id: 'ml-model-provider-permissions',
    title: 'ML model provider: permissions policy',
    role: 'ml-model-provider',
    policyType: 'permissions',
    docUrl: ML_ROLES + '#ml-roles-custom-model-provider',
    description: 'Pull access to the Amazon ECR repository with the model algorithm image.',
    body: policy({
      Sid: 'AllowECRImageDownloadForTrainingAndInferenceJobs',
      Effect: 'Allow',
      Action: ['ecr:BatchGetImage', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer'],
      Resource: 'arn:aws:ecr:<region>:<ecr-account-id>:repository/<repository>',
    }),
    placeholders: {
      region: REGION,
      'ecr-account-id': {
        kind: 'account-id',
        label: 'Account that owns the ECR repository',
        help: 'The 12-digit account ID in the repository URI (Amazon ECR console: Repositories).',
      },
      repository: { kind: 'ecr-repository' },
    },
    notes: ['The AWS page describes accountId as "the account in which the S3 bucket is located" (copied text); it is the account of the ECR repository.'],
  }),
  template({
    id: 'ml-input-channel-trust',
    title: 'ML input channel: trust policy',
    role: 'ml-input-channel',
    policyType: 'trust',
    docUrl: ML_ROLES + '#ml-roles-custom-query-dataset',
    description: 'Lets Clean Rooms ML assume the role that runs the ML input channel query.',
    body: policy(assumeRoleBy(ML)),
    placeholders: {},
    notes: [NO_CONDITION_NOTE, ROLE_NAME_NOTE],
  }),
  template({
    id: 'ml-input-channel-permissions',
    title: 'ML input channel: permissions policy',
    role: 'ml-input-channel',
    policyType: 'permissions',
    docUrl: ML_ROLES + '#ml-roles-custom-query-dataset',
    description: 'Start, read and update the protected query that produces the ML input channel.',
    body: policy(
      { Sid: 'AllowCleanRoomsStartQueryForMLInputChannel', Effect: 'Allow', Action: 'cleanrooms:StartProtectedQuery', Resource: '*' },
      {
        Sid: 'AllowCleanroomsGetSchemaAndGetAnalysisTemplateForMLInputChannel',
        Effect: 'Allow',
        Action: ['cleanrooms:GetSchema', 'cleanrooms:GetCollaborationAnalysisTemplate'],
        Resource: '*',
      },
      {
        Sid: 'AllowCleanRoomsGetAndUpdateQueryForMLInputChannel',
        Effect: 'Allow',
        Action: ['cleanrooms:GetProtectedQuery', 'cleanrooms:UpdateProtectedQuery'],
        Resource: [membershipArn('query-runner-account-id', 'query-runner-membership-id')],
      },
    ),
    placeholders: { region: REGION, ...QUERY_RUNNER },
    notes: ['The AWS page lists queryRunnerAccountId but hard-codes an example account in the JSON; here the account is a placeholder.'],
  }),
  template({
    id: 'ml-table-association-trust',
    title: 'ML configured table association: trust policy',
    role: 'ml-table-association',
    policyType: 'trust',
    docUrl: ML_ROLES + '#ml-roles-custom-configure-table',
    description: "Lets Clean Rooms ML assume the data provider's read role for custom modeling.",
    body: policy(assumeRoleBy(ML)),
    placeholders: {},
    notes: [
      'As printed on the AWS page, this role trusts cleanrooms-ml.amazonaws.com, although CreateConfiguredTableAssociation is an AWS Clean Rooms API and the SQL read role trusts cleanrooms.amazonaws.com. If Clean Rooms cannot assume the role, compare with the read-data trust policy.',
      NO_CONDITION_NOTE,
    ],
  }),
  template({
    id: 'ml-table-association-permissions',
    title: 'ML configured table association: permissions policy',
    role: 'ml-table-association',
    policyType: 'permissions',
    docUrl: ML_ROLES + '#ml-roles-custom-configure-table',
    description: 'Decrypt with your KMS key and read the Glue table and its S3 data for custom modeling.',
    body: policy(
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:DescribeKey'],
        Resource: 'arn:aws:kms:<region>:<data-account-id>:key/<kms-key-id>',
      },
      { Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: 'arn:aws:s3:::<bucket>' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::<bucket>/*' },
      {
        Effect: 'Allow',
        Action: [
          'glue:GetDatabase',
          'glue:GetDatabases',
          'glue:GetTable',
          'glue:GetTables',
          'glue:GetPartitions',
          'glue:GetPartition',
          'glue:BatchGetPartition',
        ],
        Resource: [
          'arn:aws:glue:<region>:<data-account-id>:catalog',
          'arn:aws:glue:<region>:<data-account-id>:database/<database>',
          'arn:aws:glue:<region>:<data-account-id>:table/<database>/<table>',
        ],
      },
      { Effect: 'Allow', Action: ['glue:GetSchema', 'glue:GetSchemaVersion'], Resource: '*' },
    ),
    placeholders: {
      region: REGION,
      'data-account-id': {
        kind: 'account-id',
        label: 'Account that owns the data (Glue catalog and KMS key)',
        help: 'The 12-digit account that owns the AWS Glue catalog resources; the AWS page requires the KMS key to be in this same account.',
      },
      'kms-key-id': {
        kind: 'kms-key-id',
        label: 'KMS key that encrypts the S3 data',
        help: 'The ID of the same KMS key that was used to encrypt the S3 data (AWS KMS console).',
      },
      bucket: { kind: 'bucket', help: "The name of the S3 bucket that holds the Glue table's data (not its ARN)." },
      database: { kind: 'glue-database' },
      table: { kind: 'glue-table' },
    },
    notes: ['The S3 resources must be in the same AWS Region as the collaboration.'],
  }),
];
