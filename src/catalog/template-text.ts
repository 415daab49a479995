// A template's body as JSON text with its `<name>` tokens: catalog data, used by the snippets (here) and by fill.
import type { PolicyTemplate } from './types';

/** The template body as formatted JSON text with `<name>` tokens (indent: 4 spaces, as the AWS pages print them). */
export function templateText(template: PolicyTemplate, indent: string | number = 4): string {
  return JSON.stringify(template.body, null, indent);
}
