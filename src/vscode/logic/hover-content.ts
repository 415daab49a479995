// Pure: what a hover shows (Markdown text) for a placeholder, an action, a condition key or an ARN. No vscode import.
// Each hover takes its translator `t` (English by default; the adapter passes vscode.l10n.t): no module state.
import { englishT, type Translate } from '../../fill/aws-commands';
import { findNodeAtOffset, parseTree, type Node } from 'jsonc-parser';
import { parseArn } from '../../analysis/arn/parse';
import { placeholderKind } from '../../catalog/placeholder-kinds';
import { isCleanRoomsRegion, regionInfo } from '../../catalog/regions';
import type { PolicyTemplate } from '../../catalog/types';
import type { PlaceholderOccurrence } from '../../fill/detect';
import { templatePlaceholderInfo } from './wizard';

/** What lookupAction returns (src/iam-data); every field optional so partial data degrades gracefully. */
export interface ActionHoverInfo {
  service?: string;
  name?: string;
  description?: string;
  accessLevel?: string;
  resourceTypes?: Array<{ name: string; required?: boolean; arnTemplates?: string[] }>;
  conditionKeys?: string[];
  docUrl?: string;
}

/** What lookupConditionKey returns (src/iam-data). */
export interface ConditionKeyHoverInfo {
  key?: string;
  type?: string;
  multivalued?: boolean;
  description?: string;
  docUrl?: string;
}

export type HoverTarget =
  | { type: 'action'; value: string; offset: number; length: number; not: boolean }
  | { type: 'condition-key'; value: string; offset: number; length: number }
  | { type: 'arn'; value: string; offset: number; length: number };

/** Escape Markdown special characters in text taken from the document or the data. */
export function md(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => '\\' + c);
}

/** Line breaks, controls, bidi and invisible format characters, shown as escapes inside a code span. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are shown as escapes
const INVISIBLE = /\r\n|[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;
const SHOWN: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\r\n': '\\r\\n' };

/**
 * Untrusted text (from the document) as an inline code span that nothing in it can end: the fence is one backtick
 * longer than the longest backtick run in the text (CommonMark: a code span ends only at a run of the same length),
 * with a space inside each end when the text starts or ends with a backtick or a space (the renderer strips exactly
 * one). Line breaks (a blank line would end the paragraph, and with it the span) and other control, bidi and invisible
 * characters are shown as escapes (\n, \u001b), as in the JSON source. Inside a code span nothing is Markdown or HTML:
 * no link, image, emphasis or tag. Never put the result in a table cell: a `\|` there splits the cell even inside
 * a code span (GFM), and a backslash before it cannot be escaped in code.
 */
export function codeSpan(s: string): string {
  const shown = s.replace(INVISIBLE, (c) => SHOWN[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (shown === '') return '` `';
  let longest = 0;
  for (const run of shown.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(shown) ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/** Path of JSON keys/indices from the root to `node`. */
function pathOf(node: Node): Array<string | number> {
  const path: Array<string | number> = [];
  let n: Node | undefined = node;
  while (n && n.parent) {
    const p: Node = n.parent;
    if (p.type === 'property') {
      if (p.children?.[1] === n) path.unshift(p.children[0].value as string);
      n = p.parent;
      // A property key itself: path ends at its object.
    } else if (p.type === 'array') {
      path.unshift(p.children!.indexOf(n));
      n = p;
    } else n = p;
  }
  return path;
}

/** Strip the Statement prefix: ['Statement', 0, 'Action', 1] and ['Statement', 'Action'] -> ['Action', 1] / ['Action']. */
function statementRelative(path: Array<string | number>): Array<string | number> | undefined {
  if (path[0] !== 'Statement') return undefined;
  return typeof path[1] === 'number' ? path.slice(2) : path.slice(1);
}

/** Find the action / condition key / ARN under `offset`, if any. Pass a parsed root to avoid re-parsing. */
export function hoverTarget(text: string, offset: number, root?: Node): HoverTarget | undefined {
  root ??= parseTree(text, [], { allowTrailingComma: true });
  if (!root) return undefined;
  const node = findNodeAtOffset(root, offset, true);
  if (!node || node.type !== 'string' || typeof node.value !== 'string') return undefined;
  const value = node.value;
  const range = { offset: node.offset + 1, length: Math.max(0, node.length - 2) };
  const parent = node.parent;
  // Property key inside Condition.<operator>: a condition key.
  if (parent?.type === 'property' && parent.children?.[0] === node) {
    const obj = parent.parent; // operator block
    const opProp = obj?.parent; // "<operator>": {...}
    const condObj = opProp?.parent;
    const condProp = condObj?.parent;
    if (opProp?.type === 'property' && condProp?.type === 'property' && condProp.children?.[0]?.value === 'Condition') {
      const rel = statementRelative(pathOf(condObj!));
      if (rel && rel.length === 1 && rel[0] === 'Condition') return { type: 'condition-key', value, ...range };
    }
    return undefined;
  }
  const rel = statementRelative(pathOf(node));
  if (rel && (rel[0] === 'Action' || rel[0] === 'NotAction') && rel.length <= 2) {
    return { type: 'action', value, ...range, not: rel[0] === 'NotAction' };
  }
  if (value.startsWith('arn:')) return { type: 'arn', value, ...range };
  return undefined;
}

const ARN_DOC = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html';

const CR_REGIONS_DOC = 'https://docs.aws.amazon.com/general/latest/gr/clean-rooms.html';

function regionLine(region: string, t: Translate): string {
  if (!region) return t("*(empty: this service's ARNs have no Region)*");
  if (region.includes('*') || region.includes('?')) return t('{0} (wildcard)', codeSpan(region));
  const r = regionInfo(region);
  if (!r) return t('{0}: not an AWS Region code', codeSpan(region));
  const cr = isCleanRoomsRegion(region) ? t('AWS Clean Rooms runs here') : t('AWS Clean Rooms does **not** run here');
  return `${codeSpan(region)} ${md(r.name)}: ${cr}`;
}

/** An ARN's colon-separated fields, each marked when it holds a value the kit cannot know (a CloudFormation intrinsic). */
export type ArnFieldList = ReadonlyArray<{ text: string; unknown: boolean }>;

/**
 * The hover of an ARN. `fields`: the ARN as a template writes it, split into fields (frontends/view.ts arnFields), so
 * that an unknown part such as `${AWS::Region}` (colons of its own) stays in its field and is said to be unknown.
 */
/** Where a value the kit cannot know comes from: a CloudFormation intrinsic or a Terraform expression. */
export type ValueHost = 'cloudformation' | 'terraform';

/** "`x` (a CloudFormation value: known only when the stack is deployed)", or the Terraform wording. */
function unknownField(text: string, host: ValueHost, t: Translate): string {
  return host === 'terraform'
    ? t('{0} (a Terraform expression: known only when the configuration is applied)', codeSpan(text))
    : t('{0} (a CloudFormation value: known only when the stack is deployed)', codeSpan(text));
}

export function arnHover(
  arn: string,
  fields: ArnFieldList = parseArn(arn).fields.map(({ text }) => ({ text, unknown: false })),
  host: ValueHost = 'cloudformation',
  t: Translate = englishT,
): string {
  if (fields.length < 6 || fields[0].text !== 'arn' || fields[0].unknown) {
    const n = fields.length - 1;
    const has = n === 1 ? t('This ARN has 1 colon') : t('This ARN has {0} colons', n);
    return `**ARN** ${codeSpan(arn)}\n\n${has}${t('; an ARN has at least 5: `arn:partition:service:region:account-id:resource`.')}\n\n[${t('ARN format')}](${ARN_DOC})`;
  }
  const [, partition, service, region, account] = fields;
  const resource = {
    text: fields
      .slice(5)
      .map((f) => f.text)
      .join(':'),
    unknown: fields.slice(5).some((f) => f.unknown),
  };
  const unknown = (f: { text: string }): string => unknownField(f.text, host, t);
  const line = (f: { text: string; unknown: boolean }, empty: string): string => (f.unknown ? unknown(f) : f.text ? codeSpan(f.text) : empty);
  // A list, not a table: a table cell can be split by a `|` in the value even inside a code span.
  const lines = [
    `**ARN** ${codeSpan(arn)}`,
    '',
    `- partition: ${line(partition, t('*(empty)*'))}`,
    `- service: ${line(service, t('*(empty)*'))}`,
    `- region: ${region.unknown ? unknown(region) : regionLine(region.text, t)}`,
    `- account: ${line(account, t("*(empty: this service's ARNs have no account)*"))}`,
    `- resource: ${line(resource, t('*(empty)*'))}`,
    '',
    `[${t('ARN format')}](${ARN_DOC}) · [${t('Clean Rooms Regions')}](${CR_REGIONS_DOC})`,
  ];
  return lines.join('\n');
}

/** The hover of a value a template builds with an intrinsic (`!Ref`, `${…}`, `!GetAtt`) or a Terraform expression: the kit does not know it. */
export function unknownHover(expr: string, host: ValueHost = 'cloudformation', t: Translate = englishT): string {
  return host === 'terraform'
    ? t(
        '**Terraform expression** {0}: known only when the configuration is applied. The checks read it as unknown and report nothing that depends on it.',
        codeSpan(expr),
      )
    : t(
        '**CloudFormation value** {0}: known only when the stack is deployed. The checks read it as unknown and report nothing that depends on it.',
        codeSpan(expr),
      );
}

export function placeholderHover(o: PlaceholderOccurrence, templates: readonly PolicyTemplate[], t: Translate = englishT): string {
  const kind = placeholderKind(o.kind);
  const tp = o.source === 'token' ? templatePlaceholderInfo(templates, o.name) : undefined;
  const label = tp?.placeholder.label ?? kind.label;
  const help = tp?.placeholder.help ?? kind.help;
  const what =
    o.source === 'example-value'
      ? t('{0} is an example value from the AWS docs; replace it with your own value.', codeSpan(o.key))
      : o.source === 'bare-name'
        ? t('{0} is a placeholder name from the AWS page; replace it with your own value.', codeSpan(o.key))
        : t('{0} is a placeholder; replace it with your own value.', codeSpan(o.key));
  const lines = [`**${md(label)}**: ${what}`, '', md(help)];
  if (tp) lines.push('', t('From the template *{0}*.', md(tp.template.title)));
  lines.push(
    '',
    `${t('Run **Clean Rooms: Fill Placeholders…** (or the quick fix) to fill it everywhere at once.')} [${t('About this value')}](${kind.docUrl})`,
  );
  return lines.join('\n');
}

function footer(dataVersion: string | undefined, t: Translate): string {
  return dataVersion ? `\n\n---\n*${t('IAM reference data {0}', md(dataVersion))}*` : '';
}

export function actionHover(
  action: string,
  info: ActionHoverInfo | undefined,
  dataVersion: string | undefined,
  loading = false,
  t: Translate = englishT,
): string {
  if (action.includes('*') || action.includes('?')) {
    return `${t('**Action pattern** {0}: matches every action of the service whose name fits the pattern.', codeSpan(action))}${footer(dataVersion, t)}`;
  }
  if (!info) {
    const why = loading ? t('the IAM reference data is still loading') : t('it is not in the IAM reference data');
    return `${t('**Action** {0}: no details ({1}).', codeSpan(action), why)}${footer(dataVersion, t)}`;
  }
  const name = `${info.service ?? action.split(':')[0]}:${info.name ?? action.split(':')[1] ?? ''}`;
  const lines = [`**${t('Action')}** ${codeSpan(name)}${info.accessLevel ? ` · ${t('access level: **{0}**', md(info.accessLevel))}` : ''}`];
  if (info.description) lines.push('', md(info.description));
  const rts = info.resourceTypes ?? [];
  if (rts.length) {
    lines.push('', `**${t('Resource types')}**`);
    for (const r of rts) {
      const arns = (r.arnTemplates ?? []).map(codeSpan).join(', ');
      lines.push(`- ${md(r.name)}${r.required ? ` ${t('(required)')}` : ''}${arns ? `: ${arns}` : ''}`);
    }
  } else lines.push('', t('Resource types: none; use `"Resource": "*"`.'));
  if (info.conditionKeys?.length) lines.push('', `**${t('Condition keys')}**: ${info.conditionKeys.map(codeSpan).join(', ')}`);
  if (info.docUrl) lines.push('', `[${t('Service Authorization Reference')}](${info.docUrl})`);
  return lines.join('\n') + footer(dataVersion, t);
}

export function conditionKeyHover(
  key: string,
  info: ConditionKeyHoverInfo | undefined,
  dataVersion: string | undefined,
  loading = false,
  t: Translate = englishT,
): string {
  if (!info) {
    const why = loading ? t('the IAM reference data is still loading') : t('it is not in the IAM reference data');
    return `${t('**Condition key** {0}: no details ({1}).', codeSpan(key), why)}${footer(dataVersion, t)}`;
  }
  const type = info.type ? ` · ${t('type: **{0}**', md(info.type))}` : '';
  const multi = info.multivalued
    ? ` · ${t('multivalued (use `ForAnyValue:` / `ForAllValues:`)')}`
    : info.multivalued === false
      ? ` · ${t('single-valued')}`
      : '';
  const lines = [`**${t('Condition key')}** ${codeSpan(info.key ?? key)}${type}${multi}`];
  if (info.description) lines.push('', md(info.description));
  if (info.docUrl) lines.push('', `[${t('Documentation')}](${info.docUrl})`);
  return lines.join('\n') + footer(dataVersion, t);
}
