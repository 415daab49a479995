// Pure: what the template picker shows for one template. No vscode import.
import { templateSummary } from '../../catalog/template-text';
import type { PolicyTemplate, RoleInfo } from '../../catalog/types';
import { englishT, type Translate } from '../../fill/aws-commands';

export interface TemplatePickItem {
  id: string;
  label: string;
  /** Policy type and how many values the wizard asks for ("1 value", "3 values"). */
  description: string;
  /** The template's summary: its description and, for service roles, the path and name the managed policies can pass. */
  detail: string;
}

export function templatePickItem(template: PolicyTemplate, roles: readonly RoleInfo[], t: Translate = englishT): TemplatePickItem {
  const n = template.placeholders.length;
  const description =
    n === 0 ? template.policyType : n === 1 ? t('{0} · 1 value to fill', template.policyType) : t('{0} · {1} values to fill', template.policyType, n);
  return { id: template.id, label: template.title, description, detail: templateSummary(template, roles) };
}
