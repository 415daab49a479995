// Pure (no vscode import): what a hover shows at an offset, for a JSON policy and for a CloudFormation template. A
// template's hover is the JSON policy's hover computed on the site's rendered JSON (frontends/view.ts locate), with its
// range mapped back to the source; an unknown part (an intrinsic) says it is unknown, and an ARN names its unknown fields.
import type { Node } from '../../analysis/json';
import type { PolicyTemplate } from '../../catalog/types';
import type { PlaceholderOccurrence } from '../../fill/detect';
import { englishT, type Translate } from '../../fill/aws-commands';
import { arnFields, locate, stringAt, toSource, type TemplateView } from '../../frontends/view';
import { sourceText } from '../../frontends/site';
import {
  actionHover,
  arnHover,
  conditionKeyHover,
  hoverTarget,
  placeholderHover,
  unknownHover,
  type ActionHoverInfo,
  type ArnFieldList,
  type ConditionKeyHoverInfo,
  type HoverTarget,
  type ValueHost,
} from './hover-content';

/** The IAM reference lookups a hover reads (IamLoader in the adapter). */
export interface HoverLookups {
  action(name: string): ActionHoverInfo | undefined;
  conditionKey(key: string): ConditionKeyHoverInfo | undefined;
  dataVersion: string | undefined;
  loading: boolean;
}

export interface HoverResult {
  /** Markdown sections, to be joined with rules. */
  parts: string[];
  offset: number;
  length: number;
}

function targetHover(target: HoverTarget, lookups: HoverLookups, t: Translate, arn?: { text: string; fields: ArnFieldList; host: ValueHost }): string {
  if (target.type === 'action') return actionHover(target.value, lookups.action(target.value), lookups.dataVersion, lookups.loading, t);
  if (target.type === 'condition-key') return conditionKeyHover(target.value, lookups.conditionKey(target.value), lookups.dataVersion, lookups.loading, t);
  return arn ? arnHover(arn.text, arn.fields, arn.host, t) : arnHover(target.value, undefined, undefined, t);
}

/**
 * The hover at `offset` of a JSON policy's text; `placeholders` are its placeholders and `root` its parse (the
 * validator's cache: nothing is parsed again; without a root the text is parsed); `t` translates its text.
 */
export function jsonHover(
  text: string,
  offset: number,
  placeholders: readonly PlaceholderOccurrence[],
  lookups: HoverLookups,
  templates: readonly PolicyTemplate[],
  root?: Node,
  t: Translate = englishT,
): HoverResult | undefined {
  const parts: string[] = [];
  let range: { offset: number; length: number } | undefined;
  const ph = placeholders.find((o) => o.offset <= offset && offset < o.offset + o.length);
  if (ph) {
    parts.push(placeholderHover(ph, templates, t));
    range = { offset: ph.offset, length: ph.length };
  }
  const target = hoverTarget(text, offset, root);
  if (target) {
    parts.push(targetHover(target, lookups, t));
    range ??= { offset: target.offset, length: target.length };
  }
  return parts.length && range ? { parts, ...range } : undefined;
}

/** The hover at a source offset of a template: the JSON hover of the site's rendered JSON, mapped back to the source. */
export function templateHover(
  view: TemplateView,
  offset: number,
  lookups: HoverLookups,
  templates: readonly PolicyTemplate[],
  t: Translate = englishT,
): HoverResult | undefined {
  const at = locate(view, offset);
  if (!at) return undefined;
  if ('unknown' in at) return { parts: [unknownHover(at.unknown, view.host, t)], offset: at.src, length: at.srcEnd - at.src };
  const { site, json } = at;
  const parts: string[] = [];
  let range: { offset: number; length: number } | undefined;
  const ph = site.placeholders.find((o) => o.offset <= json && json < o.offset + o.length);
  const phAt = ph && toSource(site, ph.offset, ph.length);
  if (ph && phAt && !phAt.unknown) {
    parts.push(placeholderHover(ph, templates, t));
    range = { offset: phAt.offset, length: phAt.length };
  }
  const target = hoverTarget(site.rendered.json, json);
  const targetAt = target && toSource(site, target.offset, target.length);
  if (target && targetAt && !targetAt.unknown) {
    const s = stringAt(site, target.offset);
    const hasUnknown = !!s && s.parts.some((p) => 'unknown' in p);
    if (!hasUnknown) parts.push(targetHover(target, lookups, t));
    else if (target.type === 'arn') parts.push(targetHover(target, lookups, t, { text: sourceText(s), fields: arnFields(s), host: view.host }));
    // An action or condition key built with an intrinsic: not one the reference data can describe.
    else parts.push(unknownHover(sourceText(s), view.host, t));
    range ??= { offset: targetAt.offset, length: targetAt.length };
  }
  return parts.length && range ? { parts, ...range } : undefined;
}
