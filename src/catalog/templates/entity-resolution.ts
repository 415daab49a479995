// AWS Entity Resolution ID-mapping workflow job role, used for Clean Rooms ID mapping tables.
// Source: https://docs.aws.amazon.com/entityresolution/latest/userguide/create-workflow-job-role.html
// (shared/reference/cleanrooms-iam-facts.md §1.c.4; mirror c2hans/aws-docs create-workflow-job-role.md).
import { passRoleNote } from '../pass-role';
import type { PolicyTemplate, RoleInfo } from '../types';
import { ER_WORKFLOW_ROLE, assumeRoleBy, policy, template, type Ph } from './define';

const ANY_REGION: Ph = {
  kind: 'any-region',
  label: 'Region of the AWS Glue resources',
  help: "The AWS Region of the input AWS Glue database and tables (any commercial Region where AWS Glue runs; it need not match Entity Resolution's).",
};

const KMS_REGION: Ph = {
  kind: 'any-region',
  label: 'Region of the KMS key',
  help: "The AWS Region in the KMS key ARN (AWS KMS console: the key's General configuration).",
};
const KMS_ACCOUNT: Ph = {
  kind: 'account-id',
  label: 'Account that owns the KMS key',
  help: "The 12-digit account ID in the KMS key ARN (AWS KMS console: the key's General configuration).",
};

const ROLE_NAME_NOTE = passRoleNote('entityresolution');
const ENTITY_NOTE =
  'Fixed from the AWS text: the KMS and Data Exchange snippets show {{&ExampleAWSAccountNo1;}} and doubled braces from a broken doc build; here they are <placeholders>.';

export const ER_ROLE_INFOS: RoleInfo[] = [
  {
    id: 'entity-resolution-id-mapping',
    title: 'AWS Entity Resolution ID-mapping workflow job role',
    description:
      'AWS Entity Resolution assumes this role to run the ID mapping workflow behind a Clean Rooms ID mapping table: it reads the input from S3 and AWS Glue and writes the output to S3.',
    docUrl: ER_WORKFLOW_ROLE,
    passRole: 'entityresolution',
  },
];

export const ER_TEMPLATES: PolicyTemplate[] = [
  template({
    id: 'entity-resolution-id-mapping-trust',
    title: 'Entity Resolution ID-mapping workflow: trust policy',
    role: 'entity-resolution-id-mapping',
    policyType: 'trust',
    docUrl: ER_WORKFLOW_ROLE,
    description: 'Lets AWS Entity Resolution assume the workflow job role.',
    body: policy(assumeRoleBy(['entityresolution.amazonaws.com'])),
    placeholders: {},
    notes: [
      'When you create an ID mapping table in the Clean Rooms console you can let the console create this role (default name entityresolution-id-mapping-workflow-<timestamp>).',
      'As printed on the AWS page, this trust policy has no aws:SourceAccount / aws:SourceArn condition.',
      ROLE_NAME_NOTE,
    ],
  }),
  template({
    id: 'entity-resolution-id-mapping-permissions',
    title: 'Entity Resolution ID-mapping workflow: permissions policy',
    role: 'entity-resolution-id-mapping',
    policyType: 'permissions',
    docUrl: ER_WORKFLOW_ROLE,
    description: 'Read the input S3 bucket and AWS Glue table; write to the output S3 bucket.',
    body: policy(
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation'],
        Resource: ['arn:aws:s3:::<input-bucket>', 'arn:aws:s3:::<input-bucket>/*'],
        Condition: { StringEquals: { 's3:ResourceAccount': ['<data-account-id>'] } },
      },
      {
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:ListBucket', 's3:GetBucketLocation'],
        Resource: ['arn:aws:s3:::<output-bucket>', 'arn:aws:s3:::<output-bucket>/*'],
        Condition: { StringEquals: { 's3:ResourceAccount': ['<data-account-id>'] } },
      },
      {
        Effect: 'Allow',
        Action: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartition', 'glue:GetPartitions', 'glue:BatchGetPartition'],
        Resource: [
          'arn:aws:glue:<region>:<data-account-id>:database/<input-database>',
          'arn:aws:glue:<region>:<data-account-id>:table/<input-database>/<input-table>',
          'arn:aws:glue:<region>:<data-account-id>:catalog',
        ],
      },
    ),
    placeholders: {
      'input-bucket': {
        kind: 'bucket',
        label: 'Input S3 bucket',
        help: 'The name of the S3 bucket that holds the input data of the ID mapping workflow (not its ARN).',
      },
      'data-account-id': {
        kind: 'account-id',
        label: 'Account that owns the buckets and the Glue catalog',
        help: 'The 12-digit account that owns the input and output buckets and the AWS Glue catalog (the s3:ResourceAccount condition).',
      },
      'output-bucket': {
        kind: 'bucket',
        label: 'Output S3 bucket',
        help: 'The name of the S3 bucket the workflow writes its output to (not its ARN).',
        sample: 'acme-cleanrooms-idmapping-output',
      },
      region: ANY_REGION,
      'input-database': { kind: 'glue-database', label: 'Input AWS Glue database' },
      'input-table': { kind: 'glue-table', label: 'Input AWS Glue table' },
    },
    notes: [
      'The AWS page names the database {{input-databases}} in one ARN and {{input-database}} in the next; both are the one database of the input table, so the template uses <input-database> for both.',
      'Left out from the AWS text: the page lists glue:GetSchema and glue:GetSchemaVersion with the database, table and catalog ARNs, but those actions apply only to AWS Glue Schema Registry registry and schema resources (Service Authorization Reference), so on the page they allow nothing, and the workflow reads its input table with the other Glue actions. Granting them on "*" would allow more than the AWS page does.',
      "AWS Glue and S3 resources may be in any commercial Region where AWS Glue is supported; they need not be in Entity Resolution's Region.",
      'Add the KMS statements (snippets cleanrooms-entity-resolution-id-mapping-kms-input-statement / -kms-output-statement) only if the buckets use a customer managed KMS key.',
    ],
  }),
  template({
    id: 'entity-resolution-id-mapping-kms-input-statement',
    title: 'Entity Resolution ID-mapping workflow: KMS statement for encrypted input',
    role: 'entity-resolution-id-mapping',
    policyType: 'statement',
    docUrl: ER_WORKFLOW_ROLE,
    description: 'Statement to add when the input bucket is encrypted with your customer managed KMS key.',
    body: {
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: ['arn:aws:kms:<region>:<kms-key-account-id>:key/<input-kms-key-id>'],
    },
    placeholders: {
      region: KMS_REGION,
      'kms-key-account-id': KMS_ACCOUNT,
      'input-kms-key-id': { kind: 'kms-key-id', label: 'KMS key of the input bucket' },
    },
    notes: [ENTITY_NOTE],
  }),
  template({
    id: 'entity-resolution-id-mapping-kms-output-statement',
    title: 'Entity Resolution ID-mapping workflow: KMS statement for encrypted output',
    role: 'entity-resolution-id-mapping',
    policyType: 'statement',
    docUrl: ER_WORKFLOW_ROLE,
    description: 'Statement to add when the output written to S3 must be encrypted with your customer managed KMS key.',
    body: {
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey', 'kms:Encrypt'],
      Resource: ['arn:aws:kms:<region>:<kms-key-account-id>:key/<output-kms-key-id>'],
    },
    placeholders: {
      region: KMS_REGION,
      'kms-key-account-id': KMS_ACCOUNT,
      'output-kms-key-id': { kind: 'kms-key-id', label: 'KMS key for the output' },
    },
    notes: [ENTITY_NOTE],
  }),
  template({
    id: 'entity-resolution-id-mapping-data-exchange-statement',
    title: 'Entity Resolution ID-mapping workflow: AWS Data Exchange statement',
    role: 'entity-resolution-id-mapping',
    policyType: 'statement',
    docUrl: ER_WORKFLOW_ROLE,
    description: 'Statement to add for a provider-service workflow that uses your AWS Data Exchange subscription.',
    body: {
      Sid: 'DataExchangePermissions',
      Effect: 'Allow',
      Action: 'dataexchange:SendApiAsset',
      Resource: ['arn:aws:dataexchange:<region>::data-sets/<data-set-id>/revisions/<revision-id>/assets/<asset-id>'],
    },
    placeholders: {
      region: { kind: 'any-region', label: 'Region of the data set', help: 'The AWS Region of the AWS Data Exchange data set you subscribed to.' },
      'data-set-id': { kind: 'data-set-id' },
      'revision-id': { kind: 'data-exchange-id', label: 'AWS Data Exchange revision ID' },
      'asset-id': { kind: 'data-exchange-id', label: 'AWS Data Exchange asset ID', sample: '5f0e3b7a9c2d4e61b8a7c6d5e4f3a2b1' },
    },
    notes: ['Data Exchange asset ARNs have an empty account field (two colons after the Region).', ENTITY_NOTE],
  }),
];
