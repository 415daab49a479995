// Every documented AWS Clean Rooms trust and permissions policy, as data. (Being completed.)
import type { PolicyTemplate, RoleInfo } from './types';

const SETUP = 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/setting-up-roles.html';

export const ROLES: RoleInfo[] = [
  {
    id: 'read-data-s3',
    title: 'Service role to read data (AWS Glue + Amazon S3)',
    description: 'AWS Clean Rooms assumes this role to read your configured table: the AWS Glue metadata and the S3 data under it.',
    docUrl: SETUP + '#create-service-role-procedure',
  },
];

export const TEMPLATES: PolicyTemplate[] = [
  {
    id: 'read-data-s3-trust',
    title: 'Read data: trust policy',
    role: 'read-data-s3',
    policyType: 'trust',
    docUrl: SETUP + '#create-service-role-procedure',
    description: 'Lets AWS Clean Rooms assume the role that reads your Glue tables and S3 data.',
    body: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'RoleTrustPolicyForCleanRoomsService',
          Effect: 'Allow',
          Principal: { Service: 'cleanrooms.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    },
    placeholders: [],
    snippetPrefix: 'cleanrooms-read-data-trust',
  },
];
