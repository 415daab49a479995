// Every IAM Access Analyzer policy-validation issue code (ValidatePolicy; IAM User Guide, "IAM policy validation
// check reference", access-analyzer-reference-policy-checks.html), and how the kit covers it offline: by the rules
// whose meta names the code (RuleMeta.accessAnalyzer), by the rules listed in `rules` here (a rule that covers several
// codes), or not at all, with the reason (`offline`). test/unit/access-analyzer-codes.test.ts holds every code to one
// of these, and docs/rules.md is generated from this table.
import type { RuleId } from './rule';
import { allRules } from './rules';

export type AaFindingType = 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';

export interface AaCode {
  code: string;
  type: AaFindingType;
  /** Rules that cover this code besides those whose meta names it (a misspelt id fails to compile). */
  rules?: readonly RuleId[];
  /** Why the kit does not compute this check offline. */
  offline?: string;
}

const ORG_POLICIES = 'Organizations policies (SCPs and RCPs) are not a policy type the kit lints: it checks identity, role trust and resource policies.';
const ATTACHED_TYPE =
  "Depends on the AWS resource type the resource policy is attached to (ValidatePolicy's validatePolicyResourceType), which a policy file does not state.";

const E = (code: string, extra: Omit<AaCode, 'code' | 'type'> = {}): AaCode => ({ code, type: 'ERROR', ...extra });
const S = (code: string, extra: Omit<AaCode, 'code' | 'type'> = {}): AaCode => ({ code, type: 'SECURITY_WARNING', ...extra });
const W = (code: string, extra: Omit<AaCode, 'code' | 'type'> = {}): AaCode => ({ code, type: 'WARNING', ...extra });
const G = (code: string, extra: Omit<AaCode, 'code' | 'type'> = {}): AaCode => ({ code, type: 'SUGGESTION', ...extra });

export const ACCESS_ANALYZER_CODES: readonly AaCode[] = [
  // ERROR
  E('ARN_ACCOUNT_NOT_ALLOWED'),
  E('ARN_REGION_NOT_ALLOWED'),
  E('DATA_TYPE_MISMATCH'),
  E('DUPLICATE_KEYS_WITH_DIFFERENT_CASE'),
  E('INVALID_ACTION'),
  E('INVALID_ARN_ACCOUNT'),
  E('INVALID_ARN_PREFIX'),
  E('INVALID_ARN_REGION'),
  E('INVALID_ARN_RESOURCE'),
  E('INVALID_ARN_SERVICE_CASE'),
  E('INVALID_CONDITION_DATA_TYPE'),
  E('INVALID_CONDITION_KEY_FORMAT'),
  E('INVALID_CONDITION_MULTIPLE_BOOLEAN'),
  E('INVALID_CONDITION_OPERATOR'),
  E('INVALID_EFFECT'),
  E('INVALID_GLOBAL_CONDITION_KEY', { rules: ['iam-unknown-condition-key', 'iam-condition-key-not-listed'] }),
  E('INVALID_PARTITION'),
  E('INVALID_POLICY_ELEMENT'),
  E('INVALID_PRINCIPAL_FORMAT', { rules: ['grammar-principal-shape'] }),
  E('INVALID_PRINCIPAL_KEY', { rules: ['grammar-principal-shape'] }),
  E('INVALID_REGION'),
  E('INVALID_SERVICE', { rules: ['iam-unknown-service', 'iam-service-not-listed', 'iam-service-retired'] }),
  E('INVALID_SERVICE_CONDITION_KEY', { rules: ['iam-condition-key-not-listed'] }),
  E('INVALID_SERVICE_IN_ACTION', { rules: ['iam-service-retired'] }),
  E('INVALID_VARIABLE_FOR_OPERATOR'),
  E('INVALID_VERSION'),
  E('JSON_SYNTAX_ERROR'),
  E('MISSING_ACTION'),
  E('MISSING_ARN_FIELD'),
  E('MISSING_ARN_REGION', { rules: ['arn-region'] }),
  E('MISSING_EFFECT', { rules: ['grammar-type'] }),
  E('MISSING_PRINCIPAL'),
  E('MISSING_QUALIFIER', { rules: ['iam-missing-set-qualifier'] }),
  E('MISSING_RESOURCE'),
  E('MISSING_STATEMENT'),
  E('NULL_WITH_IF_EXISTS', { rules: ['grammar-condition-operator'] }),
  E('SCP_SYNTAX_ERROR_ACTION_WILDCARD', { offline: ORG_POLICIES }),
  E('SCP_SYNTAX_ERROR_PRINCIPAL', { offline: ORG_POLICIES }),
  E('UNIQUE_SIDS_REQUIRED'),
  E('UNSUPPORTED_ACTION_IN_POLICY', { offline: ATTACHED_TYPE }),
  E('UNSUPPORTED_ELEMENT_COMBINATION'),
  E('UNSUPPORTED_GLOBAL_CONDITION_KEY', { rules: ['iam-unknown-condition-key'] }),
  E('UNSUPPORTED_PRINCIPAL'),
  E('UNSUPPORTED_RESOURCE_ARN_IN_POLICY', { offline: ATTACHED_TYPE }),
  E('UNSUPPORTED_SID'),
  E('UNSUPPORTED_WILDCARD_IN_PRINCIPAL', { rules: ['grammar-principal-shape'] }),
  E('MISSING_BRACE_IN_VARIABLE'),
  E('MISSING_QUOTE_IN_VARIABLE'),
  E('UNSUPPORTED_SPACE_IN_VARIABLE'),
  E('EMPTY_VARIABLE'),
  E('VARIABLE_UNSUPPORTED_IN_ELEMENT'),
  E('VARIABLE_UNSUPPORTED_IN_VERSION'),
  E('PRIVATE_IP_ADDRESS'),
  E('PRIVATE_NOT_IP_ADDRESS'),
  E('POLICY_SIZE_EXCEEDS_SCP_QUOTA', { offline: ORG_POLICIES }),
  E('INVALID_SERVICE_PRINCIPAL_FORMAT'),
  E('MISSING_TAG_KEY_IN_CONDITION', { rules: ['iam-unknown-condition-key'] }),
  E('INVALID_VPC_FORMAT'),
  E('INVALID_VPCE_FORMAT'),
  E('FEDERATED_PRINCIPAL_NOT_SUPPORTED'),
  E('UNSUPPORTED_ACTION_FOR_CONDITION_KEY'),
  E('UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL', {
    offline:
      'Which request keys each service principal sends is not published per service (the reference gives one example, aws:PrincipalOrgID with cloudfront.amazonaws.com); a table of our own would be a guess.',
  }),
  E('ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL'),
  E('ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL'),
  E('ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE'),
  E('TYPE_MISMATCH_IP_RANGE'),
  E('MISSING_ACTION_FOR_CONDITION_KEY', {
    offline: 'Neither the check reference nor the Service Authorization Reference says which action must be present for which key to be set.',
  }),
  E('INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY'),
  E('MISMATCHED_ACTION_FOR_PRINCIPAL'),
  E('MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY'),
  E('POLICY_SIZE_EXCEEDS_RCP_QUOTA', { offline: ORG_POLICIES }),
  E('RCP_SYNTAX_ERROR_PRINCIPAL', { offline: ORG_POLICIES }),
  E('RCP_SYNTAX_ERROR_ALLOW', { offline: ORG_POLICIES }),
  E('RCP_SYNTAX_ERROR_NOTACTION', { offline: ORG_POLICIES }),
  E('RCP_SYNTAX_ERROR_ACTION', { offline: ORG_POLICIES }),
  E('MISSING_ARN_ACCOUNT', { rules: ['arn-account'] }),
  E('INVALID_KMS_KEY_VALUE', {
    offline: 'The check reference does not say which condition keys it validates as KMS key ARNs; choosing the keys by name would be a guess.',
  }),
  E('VARIABLE_USAGE_TOO_PERMISSIVE', {
    offline: 'It applies to "sensitive" condition keys that the check reference does not enumerate; guessing the list would report wrongly either way.',
  }),
  E('WILDCARD_USAGE_TOO_PERMISSIVE', {
    offline: 'It applies to "sensitive" condition keys that the check reference does not enumerate; guessing the list would report wrongly either way.',
  }),
  // SECURITY_WARNING
  S('UNTRUSTWORTHY_CONDITION_KEY'),
  S('ALLOW_WITH_NOT_PRINCIPAL'),
  S('FORALLVALUES_WITH_SINGLE_VALUED_KEY', { rules: ['iam-forallvalues-single-valued'] }),
  S('PASS_ROLE_WITH_NOT_RESOURCE'),
  S('PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE'),
  S('PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE'),
  S('PASS_ROLE_WITH_STAR_IN_RESOURCE'),
  S('PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE'),
  S('PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION'),
  S('MISSING_PAIRED_CONDITION_KEYS'),
  S('DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE'),
  S('DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', { rules: ['aa-tag-key-unsupported-deny'] }),
  S('RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL'),
  S('MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL'),
  S('MISSING_GITHUB_REPO_CONDITION_KEY'),
  S('STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS'),
  S('DYNAMODB_ATTRIBUTES_WITHOUT_SELECT'),
  S('FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE'),
  // WARNING (the page's "General Warning")
  W('CREATE_SLR_WITH_NOT_RESOURCE'),
  W('CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE'),
  W('CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE'),
  W('CREATE_SLR_WITH_STAR_IN_RESOURCE'),
  W('CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE'),
  W('CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION'),
  W('DEPRECATED_GLOBAL_CONDITION_KEY', { rules: ['iam-unknown-condition-key'] }),
  W('INVALID_DATE_VALUE'),
  W('INVALID_ROLE_REFERENCE'),
  W('INVALID_USER_REFERENCE'),
  W('MISSING_VERSION', { rules: ['grammar-version-missing'] }),
  W('UNIQUE_SIDS_RECOMMENDED', { rules: ['grammar-sid-duplicate'] }),
  W('WILDCARD_WITHOUT_LIKE_OPERATOR', { rules: ['condition-wildcard-in-equals'] }),
  W('POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA'),
  W('POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA'),
  W('TYPE_MISMATCH', { rules: ['iam-operator-type-mismatch'] }),
  W('TYPE_MISMATCH_BOOLEAN'),
  W('TYPE_MISMATCH_DATE'),
  W('TYPE_MISMATCH_NUMBER'),
  W('TYPE_MISMATCH_STRING', {
    offline:
      'The check asks for "a valid base64-encoded string" under the Binary operators, but IAM does not document how strictly it decodes base64 (padding, line breaks, the URL-safe alphabet): a rule would guess.',
  }),
  W('SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED'),
  W('POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA'),
  W('RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY', { offline: ORG_POLICIES }),
  W('RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY', { offline: ORG_POLICIES }),
  W('RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK', { offline: ORG_POLICIES }),
  W('USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES', {
    offline:
      'The services that populate aws:VpceAccount, aws:VpceOrgID and aws:VpceOrgPaths are listed only on a separate AWS page that changes; the bundled reference data does not carry that list.',
  }),
  // SUGGESTION
  G('EMPTY_ARRAY_ACTION', { rules: ['grammar-empty'] }),
  G('EMPTY_ARRAY_CONDITION', { rules: ['grammar-empty'] }),
  G('EMPTY_ARRAY_CONDITION_FORALLVALUES', { rules: ['grammar-empty'] }),
  G('EMPTY_ARRAY_CONDITION_FORANYVALUE', { rules: ['grammar-empty'] }),
  G('EMPTY_ARRAY_CONDITION_IFEXISTS', { rules: ['grammar-empty'] }),
  G('EMPTY_ARRAY_PRINCIPAL', { rules: ['grammar-empty'] }),
  G('EMPTY_ARRAY_RESOURCE', { rules: ['grammar-empty'] }),
  G('EMPTY_OBJECT_CONDITION', { rules: ['grammar-empty'] }),
  G('EMPTY_OBJECT_PRINCIPAL', { rules: ['grammar-empty'] }),
  G('EMPTY_SID_VALUE', { rules: ['grammar-empty'] }),
  G('EQUIVALENT_TO_NULL_FALSE'),
  G('EQUIVALENT_TO_NULL_TRUE', { rules: ['aa-condition-equivalent-to-null'] }),
  G('IMPROVE_IP_RANGE'),
  G('NULL_WITH_QUALIFIER', { rules: ['grammar-null-qualifier'] }),
  G('PRIVATE_IP_ADDRESS_SUBSET'),
  G('PRIVATE_NOT_IP_ADDRESS_SUBSET', { rules: ['aa-source-ip-private-subset'] }),
  G('REDUNDANT_ACTION'),
  G('REDUNDANT_CONDITION_VALUE_NUM'),
  G('REDUNDANT_RESOURCE'),
  G('REDUNDANT_STATEMENT'),
  G('WILDCARD_IN_SERVICE_NAME'),
  G('ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE'),
  G('ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', { rules: ['aa-tag-key-unsupported-allow'] }),
  G('RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL', {
    offline: 'Which keys Access Analyzer considers unreliable for each service principal is not published; the unscoped case is aa-service-principal-unscoped.',
  }),
  G('IRRELEVANT_CONDITION_KEY_IN_POLICY'),
  G('REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION'),
  G('REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION', {
    offline:
      'The check reference does not say which wildcard patterns it considers to match no value; the always-matching case is aa-condition-always-matches.',
  }),
  G('REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY'),
  G('CONFIRM_AUDIENCE_CLAIM_TYPE'),
];

/** The rules that cover a code: those whose meta names it, then those listed in the table. */
export function rulesForCode(code: string): string[] {
  const entry = ACCESS_ANALYZER_CODES.find((c) => c.code === code);
  const own = allRules()
    .filter((r) => r.accessAnalyzer === code)
    .map((r) => r.id);
  return [...new Set([...own, ...(entry?.rules ?? [])])];
}

/** The codes a rule covers (its meta's code first). */
export function codesForRule(ruleId: string): string[] {
  const meta = allRules().find((r) => r.id === ruleId);
  const out = meta?.accessAnalyzer ? [meta.accessAnalyzer] : [];
  for (const c of ACCESS_ANALYZER_CODES) if (c.rules?.some((id) => id === ruleId) && !out.includes(c.code)) out.push(c.code);
  return out;
}
