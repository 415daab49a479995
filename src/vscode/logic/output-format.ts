// Pure: the output formats of New Policy from Template… and what each opens. No vscode import.
import { stackForTemplate, stackPlaceholders, type RoleStack } from '../../catalog/role-stacks';
import type { PolicyTemplate } from '../../catalog/types';

export type OutputFormat = 'json' | 'cloudformation' | 'terraform';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['json', 'cloudformation', 'terraform'];

/** The globalState key the chosen format is remembered under (asked once, changed from the template list). */
export const OUTPUT_FORMAT_KEY = 'cleanroomsIam.newPolicy.format';

/** The template list's answer that asks for the format again (never a template id: ids have no `#`). */
export const CHANGE_FORMAT = '#change-format';

export function isOutputFormat(v: unknown): v is OutputFormat {
  return typeof v === 'string' && (OUTPUT_FORMATS as readonly string[]).includes(v);
}

/** The editor language of the opened document and the extension of its file. */
export function formatLanguage(format: OutputFormat): { language: string; extension: string } {
  switch (format) {
    case 'json':
      return { language: 'json', extension: 'json' };
    case 'cloudformation':
      return { language: 'yaml', extension: 'yaml' };
    case 'terraform':
      return { language: 'terraform', extension: 'tf' };
  }
}

/**
 * What the wizard asks about for a picked template: the template itself for JSON; for CloudFormation and Terraform the
 * whole role it belongs to (stackForTemplate), as a template with every placeholder of the role and the role's title.
 */
export function wizardTemplate(template: PolicyTemplate, format: OutputFormat): { template: PolicyTemplate; stack?: RoleStack } {
  if (format === 'json') return { template };
  const stack = stackForTemplate(template.id);
  if (!stack) return { template };
  const what = format === 'cloudformation' ? 'CloudFormation' : 'Terraform';
  return { template: { ...template, title: `${stack.title} (${what})`, placeholders: stackPlaceholders(stack) }, stack };
}
