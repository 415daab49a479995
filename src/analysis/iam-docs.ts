// Pages of the IAM User Guide that rules, completion and hovers link to (the policy grammar and its elements).
const IAM = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/';
export const IAM_DOCS = {
  grammar: IAM + 'reference_policies_grammar.html',
  version: IAM + 'reference_policies_elements_version.html',
  statement: IAM + 'reference_policies_elements_statement.html',
  sid: IAM + 'reference_policies_elements_sid.html',
  effect: IAM + 'reference_policies_elements_effect.html',
  principal: IAM + 'reference_policies_elements_principal.html',
  notPrincipal: IAM + 'reference_policies_elements_notprincipal.html',
  action: IAM + 'reference_policies_elements_action.html',
  notAction: IAM + 'reference_policies_elements_notaction.html',
  resource: IAM + 'reference_policies_elements_resource.html',
  condition: IAM + 'reference_policies_elements_condition.html',
  operators: IAM + 'reference_policies_elements_condition_operators.html',
  checks: IAM + 'access-analyzer-reference-policy-checks.html',
  globalKeys: IAM + 'reference_policies_condition-keys.html',
};
