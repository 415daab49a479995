// A catalog role (role-stacks.ts) as infrastructure code:
// - CloudFormation YAML: a minimal template with one AWS::IAM::Role (AssumeRolePolicyDocument, the permissions policy
//   inline under Policies, Path and RoleName as the managed policies can pass them) and the role ARN as an output;
// - Terraform: aws_iam_role (name, path, assume_role_policy = jsonencode({...})) and aws_iam_role_policy.
// The YAML is written by the `yaml` package (eemeli/yaml), never by concatenating values, so quoting is always right;
// the HCL by hcl.ts. `fill` maps every string of the policies (placeholders as `<name>` tokens) to its final text:
// the identity for snippets and templates with placeholders, fill/infra.ts for filled values.
//
// Facts: AWS::IAM::Role properties (AssumeRolePolicyDocument, Path, Policies[].PolicyName/PolicyDocument, RoleName,
// ManagedPolicyArns) from the CloudFormation resource reference; aws_iam_role / aws_iam_role_policy /
// aws_iam_role_policy_attachment arguments from the Terraform AWS provider docs. CloudFormation reads YAML 1.1, so the
// YAML is written with the 1.1 schema: strings a YAML 1.1 reader would take for a date, a Boolean or a number
// (2012-10-17, yes, 0123) are quoted.
import { Document, Scalar, visit } from 'yaml';
import { hasToken } from './placeholder-syntax';
import { hclAttributes, hclString, jsonencode, type JsonValue } from './hcl';
import { stackPermissionsBody, type RoleStack } from './role-stacks';

export type InfraFormat = 'cloudformation' | 'terraform';

const CFN_ROLE_DOC = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html';

/** A deep copy of a policy body with `fill` applied to every string value (keys are never placeholders). */
function mapStrings(v: unknown, fill: (s: string) => string): JsonValue {
  if (typeof v === 'string') return fill(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, fill));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, fill)]));
  return v as JsonValue;
}

/** One line of text for a comment or a description (no line breaks). */
const oneLine = (s: string): string => s.replace(/[\r\n\u2028\u2029]+/g, ' ');

function description(stack: RoleStack): string {
  return oneLine(`AWS Clean Rooms: ${stack.title}. ${stack.role.description} AWS docs: ${stack.role.docUrl}`);
}

/**
 * The CloudFormation YAML template. Every string that holds a `<name>` placeholder in the catalog is double-quoted,
 * filled or not, so that whatever value replaces the placeholder (a typed tab stop, Fill Placeholders) stays a string:
 * an account ID typed into a plain scalar would become a number.
 */
export function cloudFormationText(stack: RoleStack, fill: (s: string) => string = (s) => s): string {
  const quoted = new Set<string>();
  const fillMark = (s: string): string => {
    const out = fill(s);
    if (hasToken(s)) quoted.add(out);
    return out;
  };
  const props: Record<string, unknown> = {
    RoleName: stack.roleName,
    Path: stack.path,
    Description: oneLine(stack.title).slice(0, 1000),
    AssumeRolePolicyDocument: mapStrings(stack.trust.body, fillMark),
  };
  const permissions = stackPermissionsBody(stack);
  if (permissions) props.Policies = [{ PolicyName: stack.policyName, PolicyDocument: mapStrings(permissions, fillMark) }];
  if (stack.managedPolicyArns.length) props.ManagedPolicyArns = [...stack.managedPolicyArns];
  const doc = new Document(
    {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: description(stack),
      Resources: { [stack.logicalId]: { Type: 'AWS::IAM::Role', Properties: props } },
    },
    { version: '1.1' },
  );
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && quoted.has(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const arn = new Scalar(`${stack.logicalId}.Arn`);
  arn.tag = '!GetAtt';
  doc.set('Outputs', doc.createNode({ RoleArn: { Description: 'The role ARN to give AWS Clean Rooms', Value: arn } }));
  doc.commentBefore = ` ${oneLine(stack.title)}: ${CFN_ROLE_DOC}`;
  return doc.toString({ lineWidth: 0 });
}

/** The Terraform configuration: the role, its inline permissions policy (or the managed policy attachment). */
export function terraformText(stack: RoleStack, fill: (s: string) => string = (s) => s): string {
  const n = stack.tfName;
  const lines: string[] = [`# ${description(stack)}`, `resource "aws_iam_role" "${n}" {`];
  lines.push(
    ...hclAttributes(
      [
        ['name', hclString(stack.roleName)],
        ['path', hclString(stack.path)],
        ['description', hclString(oneLine(stack.title).slice(0, 1000))],
        ['assume_role_policy', jsonencode(mapStrings(stack.trust.body, fill), 1)],
      ],
      1,
    ),
    '}',
  );
  const permissions = stackPermissionsBody(stack);
  if (permissions) {
    lines.push('', `resource "aws_iam_role_policy" "${n}" {`);
    lines.push(
      ...hclAttributes(
        [
          ['name', hclString(stack.policyName)],
          ['role', `aws_iam_role.${n}.id`],
          ['policy', jsonencode(mapStrings(permissions, fill), 1)],
        ],
        1,
      ),
      '}',
    );
  }
  stack.managedPolicyArns.forEach((arn, i) => {
    lines.push('', `resource "aws_iam_role_policy_attachment" "${n}${i ? `_${i + 1}` : ''}" {`);
    lines.push(
      ...hclAttributes(
        [
          ['role', `aws_iam_role.${n}.name`],
          ['policy_arn', hclString(arn)],
        ],
        1,
      ),
      '}',
    );
  });
  lines.push('', `output "${n}_role_arn" {`, ...hclAttributes([['value', `aws_iam_role.${n}.arn`]], 1), '}');
  return lines.join('\n') + '\n';
}

export function infraText(stack: RoleStack, format: InfraFormat, fill?: (s: string) => string): string {
  return format === 'cloudformation' ? cloudFormationText(stack, fill) : terraformText(stack, fill);
}
