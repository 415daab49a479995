// Rule family "grammar": the IAM policy grammar (shared/reference/cleanrooms-iam-facts.md §4: grammar, operators,
// Access Analyzer checks). The vocabulary its checks share: the policy
// elements, key renames, the action format, duplicate keys.
import type { Node } from '../../json';
import { getProperty, isDuplicatedKey } from '../../json';
import type { RuleContext } from '../../rule';
import type { Fix } from '../../types';
import { quote } from '../../messages';
import { duplicateKeys, hasPlaceholderSyntax, replaceStringContent } from '../util';

export const CURRENT_VERSION = '2012-10-17';
export const TOP_ELEMENTS = ['Version', 'Id', 'Statement'];
export const STATEMENT_ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
export const PRINCIPAL_KEYS = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

export const EQUALS_OPERATORS = new Set(['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase']);

const ELEMENT_PAIRS: Record<string, string> = {
  Action: 'NotAction',
  NotAction: 'Action',
  Resource: 'NotResource',
  NotResource: 'Resource',
  Principal: 'NotPrincipal',
  NotPrincipal: 'Principal',
};

/**
 * A fix that renames a property key, unless the new name already exists in the object or the object has its
 * excluding pair (renaming "resource" to "Resource" next to "NotResource" would only trade one error for another).
 */
export function renameKeyFix(obj: Node | undefined, keyNode: Node, to: string, preferred = true): Fix[] {
  if (obj && getProperty(obj, to)) return [];
  if (isDuplicatedKey(obj, keyNode.value as string)) return []; // renaming the last copy would revive an earlier one
  const pair = ELEMENT_PAIRS[to];
  if (obj && pair && getProperty(obj, pair)) return [];
  return [{ title: `Change to "${to}"`, edits: [replaceStringContent(keyNode, to)], preferred }];
}

/**
 * What is wrong with the form of an action string, or undefined when it is well formed (or not judged: "*", placeholders,
 * policy variables). Independent of the IAM reference data: these forms name no action in any service.
 */
export function actionFormatProblem(value: string): string | undefined {
  if (value === '*' || hasPlaceholderSyntax(value) || value.includes('${')) return undefined;
  const colon = value.indexOf(':');
  if (colon < 0) return 'it has no service prefix';
  const sp = value.slice(0, colon);
  const ap = value.slice(colon + 1);
  if (sp === '') return 'the service prefix before the colon is empty';
  if (!/^[A-Za-z0-9*?-]+$/.test(sp)) return `the service prefix ${quote(sp)} may contain only letters, digits and hyphens`;
  if (ap === '') return 'the action name after the colon is empty';
  if (!/^[A-Za-z0-9*?_-]+$/.test(ap))
    return `the action name ${quote(ap)} may contain only letters, digits, hyphens and underscores (and the wildcards * and ?)`;
  return undefined;
}

export function duplicateCheck(ctx: RuleContext, obj: Node | undefined): void {
  for (const d of duplicateKeys(obj)) {
    ctx.reportNode(
      'grammar-duplicate-key',
      d.dup,
      `${quote(d.key)} appears more than once in this object. IAM uses only the last copy and ignores the earlier ones; merge them into one.`,
      {
        related: [{ offset: d.first.offset, length: d.first.length, message: `first ${quote(d.key)} (ignored)` }],
      },
    );
  }
}
