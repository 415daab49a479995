// A catalog role rendered as CloudFormation YAML or Terraform with placeholder values filled in (New Policy from
// Template…). The catalog writes the text (catalog/infra-text.ts); this fills each policy string before it is
// serialized, so a value is quoted and escaped by the host language's writer, never pasted into the text.
import { infraText, type InfraFormat } from '../catalog/infra-text';
import { stackPlaceholders, type RoleStack } from '../catalog/role-stacks';
import { fillTokens } from '../catalog/placeholder-syntax';
import { optionalNames } from './apply';

export function renderStack(stack: RoleStack, format: InfraFormat, values: Readonly<Record<string, string>> = {}): string {
  const optional = optionalNames(stackPlaceholders(stack));
  return infraText(stack, format, (s) => fillTokens(s, values, optional));
}
