// Completion inside IAM policy documents: pure (no vscode). Takes the document text, the cursor offset, optionally the
// parsed tree, and the IAM reference index; returns items that replace the content of the string under the cursor.
//
// Contexts (all inside a statement, a string token under the cursor):
// - Action / NotAction values: service prefixes (`s3:`), then, after the colon, that service's actions (access level);
// - keys of Condition: the condition operators;
// - keys of an operator block: condition keys (those of the statement's actions first, then the global keys, then the
//   other keys of the statement's services);
// - values of an operator block: Clean Rooms Regions for Region keys, true/false for Bool keys, service principals for
//   the keys that hold one (iam:PassedToService, aws:CalledVia…);
// - Principal.Service / NotPrincipal.Service values: service principals, Clean Rooms first;
// - Resource / NotResource values: ARN snippets built from the resource types of the statement's actions.
// Fast: item lists are built once per IAM index (WeakMap) and per service; one call parses the document (a few KB) and
// walks one path of the tree. Never produces broken JSON: insert texts hold no `"`, `\` or control characters, and the
// range is the string's content between its quotes.
import { findNodeAtOffset, parseTree, type Node } from 'jsonc-parser';
import { regionsForPicker } from '../catalog/regions';
import {
  actionResourceTypes,
  actionNames,
  conditionKeysWithPrefix,
  lookupAction,
  lookupConditionKey,
  matchActions,
  serviceDocUrl,
  serviceName,
  servicePrefixes,
  type IamIndex,
} from '../iam-data';
import { CLEAN_ROOMS_ML_PRINCIPAL, CLEAN_ROOMS_PRINCIPAL, CR_DOCS } from './rules/cleanrooms-data';
import { BASE_OPERATORS, parseOperator, validOperatorNames } from './condition-operators';
import { IAM_DOCS as DOCS } from './iam-docs';

export type CompletionKind = 'service' | 'action' | 'operator' | 'condition-key' | 'value' | 'principal' | 'arn';

export interface PolicyCompletionItem {
  label: string;
  kind: CompletionKind;
  /** Text that replaces the string's content; a snippet (VS Code snippet syntax) when `snippet` is set. */
  insertText: string;
  snippet?: boolean;
  /** One line shown next to the label (access level, key type, resource type…). */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Sort key (items are ranked by it; the editor's own fuzzy filter decides what is shown). */
  sortText: string;
  /** Text the editor filters on, when not the label. */
  filterText?: string;
  /** Open the completion list again after inserting (a service prefix: then its actions). */
  retrigger?: boolean;
}

export interface PolicyCompletions {
  context: 'action' | 'condition-operator' | 'condition-key' | 'condition-value' | 'principal-service' | 'resource';
  /** The range to replace: the content of the string under the cursor (between its quotes). */
  offset: number;
  length: number;
  items: PolicyCompletionItem[];
}

// ---------------------------------------------------------------------------------------------------------------
// Where the cursor is

interface StringAt {
  node: Node;
  /** Content range (between the quotes; an unterminated string ends at its last character). */
  start: number;
  end: number;
  /** Typed text before the cursor. */
  typed: string;
}

/** The string token whose content holds the cursor (after its opening quote, up to its closing quote). */
function stringAt(text: string, root: Node, offset: number): StringAt | undefined {
  const node = findNodeAtOffset(root, offset, true);
  if (!node || node.type !== 'string') return undefined;
  const start = node.offset + 1;
  const closed = node.length >= 2 && text.charCodeAt(node.offset + node.length - 1) === 0x22;
  const end = closed ? node.offset + node.length - 1 : node.offset + node.length;
  if (offset < start || offset > end) return undefined;
  const raw = text.slice(start, end);
  if (raw.includes('\\')) return undefined; // escapes: the content is not what the items would replace
  return { node, start, end, typed: text.slice(start, offset) };
}

/** Steps from the root to a node: property names and array indices. */
type Step = string | number;

interface Located {
  /** Path below the statement object: ['Action', 0], ['Condition', 'StringEquals'] … */
  rel: Step[];
  /** The node is the key of its property (the last step is that key). */
  isKey: boolean;
  statement: Node;
}

function locate(node: Node): Located | undefined {
  const path: Step[] = [];
  const objects: Node[] = []; // the object node at each path step (for finding the statement)
  let isKey = false;
  let n: Node = node;
  const parent0 = n.parent;
  if (parent0?.type === 'property' && parent0.children?.[0] === n) {
    isKey = true;
    path.unshift(n.value as string);
    objects.unshift(parent0.parent!);
    n = parent0.parent!;
  }
  while (n.parent) {
    const p: Node = n.parent;
    if (p.type === 'property') {
      if (p.children?.[1] !== n) return undefined;
      path.unshift(p.children[0].value as string);
      objects.unshift(p.parent!);
      n = p.parent!;
    } else if (p.type === 'array') {
      path.unshift(p.children!.indexOf(n));
      objects.unshift(p);
      n = p;
    } else return undefined;
  }
  if (n.type !== 'object' || path[0] !== 'Statement') return undefined;
  // ['Statement', i, …] (an array of statements) or ['Statement', …] (one statement object).
  const arrayForm = typeof path[1] === 'number';
  const statementDepth = arrayForm ? 2 : 1;
  if (path.length <= statementDepth) return undefined;
  const statement = objects[statementDepth];
  if (!statement || statement.type !== 'object') return undefined;
  return { rel: path.slice(statementDepth), isKey, statement };
}

function propValue(obj: Node | undefined, key: string): Node | undefined {
  if (!obj || obj.type !== 'object') return undefined;
  for (let i = (obj.children?.length ?? 0) - 1; i >= 0; i--) {
    const p = obj.children![i];
    if (p.children?.[0]?.value === key) return p.children[1];
  }
  return undefined;
}

function strings(node: Node | undefined): string[] {
  if (!node) return [];
  if (node.type === 'string') return [node.value as string];
  if (node.type === 'array') return (node.children ?? []).filter((c) => c.type === 'string').map((c) => c.value as string);
  return [];
}

// ---------------------------------------------------------------------------------------------------------------
// Item tables, cached per IAM index

interface Tables {
  services?: PolicyCompletionItem[];
  actions: Map<string, PolicyCompletionItem[]>;
  keyItems: Map<string, PolicyCompletionItem | null>;
  keyTypes: Map<string, string>;
  /** Condition-key and Resource lists by the statement's Action strings (and operator family): typing repeats them. */
  byStatement: Map<string, PolicyCompletionItem[]>;
}

const tables = new WeakMap<IamIndex, Tables>();

function tablesOf(index: IamIndex): Tables {
  let t = tables.get(index);
  if (!t) {
    t = { actions: new Map(), keyItems: new Map(), keyTypes: new Map(), byStatement: new Map() };
    tables.set(index, t);
  }
  return t;
}

/** Escape Markdown special characters in text from the data. */
function md(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => '\\' + c);
}

function code(s: string): string {
  return '`' + s.replace(/`/g, "'") + '`';
}

/** Escape text for a snippet (outside a placeholder: `$`, `}` and `\`). */
function snippetText(s: string): string {
  return s.replace(/[$}\\]/g, (c) => '\\' + c);
}

/** Safe inside a JSON string without escaping: no quote, no backslash, no control character. */
function jsonSafe(s: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what makes a string unsafe here
  return !/["\\\u0000-\u001f]/.test(s);
}

function pad(n: number): string {
  return String(n).padStart(5, '0');
}

function serviceItems(index: IamIndex): PolicyCompletionItem[] {
  const t = tablesOf(index);
  if (!t.services) {
    t.services = servicePrefixes(index)
      .filter(jsonSafe)
      .map((prefix) => {
        const name = serviceName(index, prefix) ?? prefix;
        const cleanRooms = prefix === 'cleanrooms' || prefix === 'cleanrooms-ml';
        return {
          label: `${prefix}:`,
          kind: 'service' as const,
          insertText: `${prefix}:`,
          detail: name,
          documentation: `**${md(name)}** (${code(prefix)})\n\n[Service Authorization Reference](${serviceDocUrl(prefix, index)})`,
          sortText: `${cleanRooms ? '0' : '1'}${prefix}`,
          retrigger: true,
        };
      });
  }
  return t.services;
}

function actionItems(index: IamIndex, prefix: string): PolicyCompletionItem[] {
  const t = tablesOf(index);
  const svc = prefix.toLowerCase();
  let items = t.actions.get(svc);
  if (!items) {
    items = [];
    // Once per service: one lookup per action (the service's descriptions decode once).
    for (const name of actionNames(index, svc)) {
      const full = `${svc}:${name}`;
      if (!jsonSafe(full)) continue;
      const info = lookupAction(index, full);
      const lines = [`**${code(full)}** · access level: **${md(info?.accessLevel || '?')}**`];
      if (info?.description) lines.push('', md(info.description));
      const rts = info?.resourceTypes ?? [];
      if (rts.length) lines.push('', `Resource types: ${rts.map((r) => `${md(r.name)}${r.required ? ' (required)' : ''}`).join(', ')}`);
      else lines.push('', 'Resource types: none; use `"Resource": "*"`.');
      if (info?.docUrl) lines.push('', `[Service Authorization Reference](${info.docUrl})`);
      items.push({
        label: full,
        kind: 'action',
        insertText: full,
        detail: info?.accessLevel || undefined,
        documentation: lines.join('\n'),
        sortText: `1${full.toLowerCase()}`,
      });
    }
    if (t.actions.size >= 100) t.actions.clear();
    t.actions.set(svc, items);
  }
  return items;
}

// Condition operators (IAM User Guide, "IAM JSON policy elements: Condition operators").
const OPERATOR_FAMILY: Record<string, { doc: string; types: string[] }> = {
  String: { doc: 'String condition operators compare the key with a string value.', types: ['String', 'ArrayOfString'] },
  Numeric: { doc: 'Numeric condition operators compare the key with an integer or decimal value.', types: ['Numeric', 'ArrayOfNumeric', 'Long', 'Integer'] },
  Date: { doc: 'Date condition operators compare the key with a date/time value (W3C ISO 8601 or epoch time).', types: ['Date', 'ArrayOfDate'] },
  Bool: { doc: 'Bool compares the key with `"true"` or `"false"`.', types: ['Bool', 'Boolean', 'ArrayOfBool'] },
  Binary: { doc: 'BinaryEquals compares the key with a base-64 encoded binary value, byte for byte.', types: ['Binary'] },
  Ip: { doc: 'IP address operators compare the key with an IPv4 or IPv6 address or range in CIDR notation.', types: ['IPAddress', 'ArrayOfIPAddress'] },
  Arn: {
    doc: 'ARN operators compare the key with an ARN; each of the six colon-delimited fields is compared separately (`*` and `?` are wildcards in the Like forms).',
    types: ['ARN', 'ArrayOfARN'],
  },
  Null: { doc: 'Null checks whether the key is absent: `"true"` matches when the key is not in the request, `"false"` when it is.', types: [] },
};

const OPERATOR_DOC: Record<string, string> = {
  StringEquals: 'Exact match, case sensitive.',
  StringNotEquals: 'Negated exact match, case sensitive.',
  StringEqualsIgnoreCase: 'Exact match, ignoring case.',
  StringNotEqualsIgnoreCase: 'Negated exact match, ignoring case.',
  StringLike: 'Case-sensitive match; `*` matches any run of characters and `?` any one character.',
  StringNotLike: 'Negated case-sensitive match; `*` and `?` are wildcards.',
  NumericEquals: 'Equals.',
  NumericNotEquals: 'Not equals.',
  NumericLessThan: 'Less than.',
  NumericLessThanEquals: 'Less than or equals.',
  NumericGreaterThan: 'Greater than.',
  NumericGreaterThanEquals: 'Greater than or equals.',
  DateEquals: 'Matches a specific date.',
  DateNotEquals: 'Negated match of a date.',
  DateLessThan: 'Before a date.',
  DateLessThanEquals: 'At or before a date.',
  DateGreaterThan: 'After a date.',
  DateGreaterThanEquals: 'At or after a date.',
  Bool: 'Boolean match.',
  BinaryEquals: 'Binary match.',
  IpAddress: 'The address is the given address or in the given range.',
  NotIpAddress: 'The address is not the given address and not in the given range.',
  ArnEquals: 'Case-sensitive match of the ARN (same as ArnLike).',
  ArnLike: 'Case-sensitive match of the ARN; `*` and `?` are wildcards within each field.',
  ArnNotEquals: 'Negated ARN match.',
  ArnNotLike: 'Negated ARN match; `*` and `?` are wildcards.',
  Null: 'Whether the key is absent (`"true"`) or present (`"false"`).',
};

function familyOf(base: string): keyof typeof OPERATOR_FAMILY | undefined {
  if (base.startsWith('String')) return 'String';
  if (base.startsWith('Numeric')) return 'Numeric';
  if (base.startsWith('Date')) return 'Date';
  if (base === 'Bool') return 'Bool';
  if (base === 'BinaryEquals') return 'Binary';
  if (base === 'IpAddress' || base === 'NotIpAddress') return 'Ip';
  if (base.startsWith('Arn')) return 'Arn';
  if (base === 'Null') return 'Null';
  return undefined;
}

let operatorItemsCache: PolicyCompletionItem[] | undefined;

function operatorItems(): PolicyCompletionItem[] {
  if (!operatorItemsCache) {
    operatorItemsCache = validOperatorNames().map((name) => {
      const p = parseOperator(name);
      const fam = familyOf(p.base);
      const lines = [`**${code(name)}**: ${OPERATOR_DOC[p.base] ?? ''}`, '', fam ? OPERATOR_FAMILY[fam].doc : ''];
      if (p.ifExists) lines.push('', '`…IfExists`: when the key is not in the request, the condition is true; when it is, the operator applies.');
      if (p.prefix === 'ForAnyValue:')
        lines.push(
          '',
          '`ForAnyValue:` (multivalued keys): true when at least one value in the request matches one of the values in the policy. Do not use it with single-valued keys.',
        );
      if (p.prefix === 'ForAllValues:')
        lines.push(
          '',
          '`ForAllValues:` (multivalued keys): true when every value in the request matches one of the values in the policy, and also when the key is absent. Do not use it with single-valued keys.',
        );
      lines.push('', `[Condition operators](${DOCS.operators})`);
      // Plain operators first, then IfExists, then the set-prefixed forms; in the documented order within each.
      const tier = (p.prefix ? 2 : 0) + (p.ifExists ? 1 : 0);
      return {
        label: name,
        kind: 'operator' as const,
        insertText: name,
        detail: fam ? `${fam === 'Ip' ? 'IP address' : fam === 'Arn' ? 'ARN' : fam} operator` : undefined,
        documentation: lines.join('\n'),
        sortText: `${tier}${pad(BASE_OPERATORS.indexOf(p.base))}`,
      };
    });
  }
  return operatorItemsCache;
}

/** A condition-key item (cached per key); null when the key cannot be inserted as is. */
function keyItem(index: IamIndex, key: string): PolicyCompletionItem | null {
  const t = tablesOf(index);
  const lk = key.toLowerCase();
  const have = t.keyItems.get(lk);
  if (have !== undefined) return have;
  let item: PolicyCompletionItem | null = null;
  if (jsonSafe(key)) {
    const info = lookupConditionKey(index, key);
    const canonical = info?.key ?? key;
    // `aws:ResourceTag/${TagKey}` (or the SAR's `s3:ExistingObjectTag/<key>`) -> snippet `aws:ResourceTag/${1:TagKey}`.
    const VARIABLE = /(\$\{[^}]+\}|<[^>]+>)/;
    const templated = VARIABLE.test(canonical);
    let n = 0;
    const insertText = templated
      ? canonical
          .split(VARIABLE)
          .map((part, i) => (i % 2 === 1 ? `\${${++n}:${snippetText(part.startsWith('$') ? part.slice(2, -1) : part.slice(1, -1))}}` : snippetText(part)))
          .join('')
      : canonical;
    const type = info?.type ?? '';
    const valued = info?.multivalued === true ? ' · multivalued' : info?.multivalued === false ? ' · single-valued' : '';
    const lines = [`**${code(canonical)}**${type ? ` · type: **${md(type)}**` : ''}${valued}`];
    if (info?.description) lines.push('', md(info.description));
    if (info?.docUrl) lines.push('', `[Documentation](${info.docUrl})`);
    item = {
      label: canonical,
      kind: 'condition-key',
      insertText,
      snippet: templated || undefined,
      detail: type || undefined,
      documentation: lines.join('\n'),
      sortText: '',
    };
    t.keyTypes.set(lk, type);
  }
  if (t.keyItems.size >= 5000) t.keyItems.clear();
  t.keyItems.set(lk, item);
  return item;
}

// Service principals offered in Principal.Service and in the keys that hold one. Only those the Clean Rooms pages
// document (shared/reference/cleanrooms-iam-facts.md §1): the Clean Rooms, Clean Rooms ML and Entity Resolution roles.
const SERVICE_PRINCIPALS: Array<[string, string, string]> = [
  [CLEAN_ROOMS_PRINCIPAL, 'AWS Clean Rooms: roles that Clean Rooms assumes to read data, run queries and write results.', CR_DOCS.setup],
  [CLEAN_ROOMS_ML_PRINCIPAL, 'AWS Clean Rooms ML: roles for lookalike modeling and custom ML models.', CR_DOCS.mlRoles],
  [
    'entityresolution.amazonaws.com',
    'AWS Entity Resolution: roles for ID mapping workflows used with Clean Rooms ID namespaces.',
    'https://docs.aws.amazon.com/entityresolution/latest/userguide/create-workflow-job-role.html',
  ],
];

function principalItems(): PolicyCompletionItem[] {
  return SERVICE_PRINCIPALS.map(([p, doc, url], i) => ({
    label: p,
    kind: 'principal',
    insertText: p,
    detail: 'service principal',
    documentation: `**${code(p)}**\n\n${md(doc)}\n\n[Documentation](${url})`,
    sortText: `0${i}`,
  }));
}

/** Keys whose values are service principals (IAM User Guide, global condition keys; iam:PassedToService). */
const PRINCIPAL_VALUE_KEYS = new Set([
  'iam:passedtoservice',
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
  'aws:principalservicename',
  'aws:principalservicenameslist',
]);

/** Keys whose values are Region codes. */
function isRegionKey(lk: string): boolean {
  return lk === 'aws:requestedregion' || /^[a-z0-9-]+:region$/.test(lk);
}

function regionItems(): PolicyCompletionItem[] {
  return regionsForPicker().map((r, i) => ({
    label: r.code,
    kind: 'value' as const,
    insertText: r.code,
    detail: r.cleanRooms ? `${r.name} · AWS Clean Rooms` : r.name,
    documentation: `**${code(r.code)}** ${md(r.name)}: ${r.cleanRooms ? 'AWS Clean Rooms runs here.' : 'AWS Clean Rooms does **not** run here.'}\n\n[Clean Rooms Regions](${CR_DOCS.endpoints})`,
    sortText: `${r.cleanRooms ? 0 : 1}${pad(i)}`,
  }));
}

function boolItems(nullOperator: boolean): PolicyCompletionItem[] {
  return ['true', 'false'].map((v, i) => ({
    label: v,
    kind: 'value' as const,
    insertText: v,
    documentation: nullOperator
      ? v === 'true'
        ? 'Matches when the key is **absent** from the request.'
        : 'Matches when the key is **present** in the request.'
      : `Matches when the key is ${code(v)}.`,
    sortText: `0${i}`,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// The statement's actions

const MAX_ACTIONS = 400;

/** The actions a statement's Action element names (wildcards expanded within a named service), bounded. */
function statementActions(index: IamIndex, statement: Node): string[] {
  const out: string[] = [];
  for (const a of strings(propValue(statement, 'Action'))) {
    const colon = a.indexOf(':');
    if (colon <= 0 || /[*?]/.test(a.slice(0, colon))) continue; // `*`, `*:Get*`: no one service to complete for
    if (/[*?]/.test(a)) out.push(...matchActions(index, a).slice(0, MAX_ACTIONS));
    else out.push(a);
    if (out.length >= MAX_ACTIONS) break;
  }
  return out.slice(0, MAX_ACTIONS);
}

function operatorTypes(op: string): string[] {
  const fam = familyOf(parseOperator(op).base);
  return fam ? OPERATOR_FAMILY[fam].types : [];
}

/** Memoised per (kind, the statement's Action strings, extra): the lists depend on nothing else. */
function memo(index: IamIndex, kind: string, statement: Node, extra: string, build: () => PolicyCompletionItem[]): PolicyCompletionItem[] {
  const t = tablesOf(index);
  const key = `${kind}\u0000${extra}\u0000${strings(propValue(statement, 'Action')).join('\u0000')}`;
  let items = t.byStatement.get(key);
  if (!items) {
    items = build();
    if (t.byStatement.size >= 200) t.byStatement.clear();
    t.byStatement.set(key, items);
  }
  return items;
}

function conditionKeyItems(index: IamIndex, statement: Node, op: string): PolicyCompletionItem[] {
  const fam = familyOf(parseOperator(op).base) ?? '';
  return memo(index, 'keys', statement, fam, () => buildConditionKeyItems(index, statement, op));
}

function buildConditionKeyItems(index: IamIndex, statement: Node, op: string): PolicyCompletionItem[] {
  const wanted = new Set(operatorTypes(op));
  const seen = new Set<string>();
  const out: PolicyCompletionItem[] = [];
  const add = (key: string, tier: number) => {
    const lk = key.toLowerCase();
    if (seen.has(lk)) return;
    seen.add(lk);
    const item = keyItem(index, key);
    if (!item) return;
    const fits = wanted.size === 0 || wanted.has(tablesOf(index).keyTypes.get(lk) ?? '') ? 0 : 1;
    out.push({ ...item, sortText: `${tier}${fits}${lk}` });
  };
  const actions = statementActions(index, statement);
  const services = new Set<string>();
  for (const a of actions) {
    const info = lookupAction(index, a);
    if (!info) continue;
    services.add(info.service);
    for (const k of info.conditionKeys) add(k, 0);
  }
  for (const g of index.g) add(g[0], 1);
  for (const s of services) for (const k of conditionKeysWithPrefix(index, s)) add(k, 2);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Resource ARN snippets

const PARTITION = 'aws';

/** `arn:${Partition}:cleanrooms:${Region}:${Account}:membership/${MembershipId}` -> a snippet with tab stops. */
export function arnSnippet(template: string): string {
  const stops = new Map<string, number>();
  let n = 0;
  const regions = regionsForPicker()
    .filter((r) => r.cleanRooms)
    .map((r) => r.code);
  return template
    .split(/(\$\{[^}]+\})/)
    .map((part) => {
      const m = /^\$\{([^}]+)\}$/.exec(part);
      if (!m) return snippetText(part);
      const name = m[1];
      if (name === 'Partition') return PARTITION;
      let i = stops.get(name);
      if (i !== undefined) return `$${i}`; // the same name again: mirror the first tab stop
      i = ++n;
      stops.set(name, i);
      if (name === 'Region') return `\${${i}|${regions.join(',')}|}`;
      const token = name === 'Account' ? '<account-id>' : `<${name.replace(/[^A-Za-z0-9_.-]/g, '')}>`;
      return `\${${i}:${snippetText(token)}}`;
    })
    .join('');
}

function resourceItems(index: IamIndex, statement: Node): PolicyCompletionItem[] {
  return memo(index, 'resources', statement, '', () => buildResourceItems(index, statement));
}

function buildResourceItems(index: IamIndex, statement: Node): PolicyCompletionItem[] {
  const actions = statementActions(index, statement);
  const byArn = new Map<string, { arn: string; name: string; actions: string[]; required: number }>();
  const starOnly: string[] = [];
  for (const a of actions) {
    const rts = actionResourceTypes(index, a);
    if (!rts.length) {
      if (lookupAction(index, a)) starOnly.push(a);
      continue;
    }
    for (const rt of rts) {
      if (!jsonSafe(rt.arn) || !rt.arn.startsWith('arn:')) continue;
      let e = byArn.get(rt.arn);
      if (!e) byArn.set(rt.arn, (e = { arn: rt.arn, name: rt.name, actions: [], required: 0 }));
      if (e.actions.length < 50) e.actions.push(a);
      if (rt.required) e.required++;
    }
  }
  const fields = (arn: string) => arn.split('${').length;
  // Required by more actions first, then used by more, then the simpler ARN (fewer fields to fill).
  const ranked = [...byArn.values()]
    .sort((x, y) => y.required - x.required || y.actions.length - x.actions.length || fields(x.arn) - fields(y.arn) || (x.arn < y.arn ? -1 : 1))
    .slice(0, 60);
  const out: PolicyCompletionItem[] = ranked.map((e, i) => {
    const label = e.arn.replace(/\$\{Partition\}/g, PARTITION);
    const shown = e.actions.slice(0, 8).map(code).join(', ') + (e.actions.length > 8 ? `, and ${e.actions.length - 8} more` : '');
    const region = e.arn.includes('${Region}') ? `\n\nRegion: a choice of the Regions where AWS Clean Rooms runs ([endpoints](${CR_DOCS.endpoints})).` : '';
    return {
      label,
      kind: 'arn' as const,
      insertText: arnSnippet(e.arn),
      snippet: true,
      detail: `${e.name} (${e.actions.length === 1 ? e.actions[0] : `${e.actions.length} actions`})`,
      documentation: `**Resource type** ${code(e.name)}: ${code(label)}\n\nUsed by ${shown}${e.required ? ` (required by ${e.required})` : ''}.${region}\n\nTab through the fields; an unfilled \`<name>\` stays a placeholder that **Fill Placeholders…** fills.`,
      sortText: `0${pad(i)}`,
      filterText: label,
    };
  });
  if (starOnly.length) {
    const shown = starOnly.slice(0, 8).map(code).join(', ') + (starOnly.length > 8 ? `, and ${starOnly.length - 8} more` : '');
    out.push({
      label: '*',
      kind: 'arn',
      insertText: '*',
      detail: 'all resources',
      documentation: `${shown} ${starOnly.length === 1 ? 'supports' : 'support'} no resource types: use \`"Resource": "*"\`.\n\n[Resource element](${DOCS.resource})`,
      sortText: `1`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Entry point

/** Completions at `offset`, or undefined when the cursor is not in a string that one of the contexts completes. */
export function completePolicy(text: string, offset: number, index: IamIndex | undefined, root?: Node): PolicyCompletions | undefined {
  root ??= parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root || root.type !== 'object') return undefined;
  const at = stringAt(text, root, offset);
  if (!at) return undefined;
  const loc = locate(at.node);
  if (!loc) return undefined;
  const { rel, isKey, statement } = loc;
  const range = { offset: at.start, length: at.end - at.start };
  const head = rel[0];
  const result = (context: PolicyCompletions['context'], items: PolicyCompletionItem[]): PolicyCompletions | undefined =>
    items.length ? { context, ...range, items } : undefined;

  if (!isKey && (head === 'Action' || head === 'NotAction') && (rel.length === 1 || (rel.length === 2 && typeof rel[1] === 'number'))) {
    if (!index) return undefined;
    const colon = at.typed.indexOf(':');
    if (colon < 0) return result('action', serviceItems(index));
    return result('action', actionItems(index, at.typed.slice(0, colon)));
  }
  if (head === 'Condition') {
    if (isKey && rel.length === 2) return result('condition-operator', operatorItems());
    if (isKey && rel.length === 3 && typeof rel[1] === 'string') {
      if (!index) return undefined;
      return result('condition-key', conditionKeyItems(index, statement, rel[1]));
    }
    if (!isKey && typeof rel[1] === 'string' && typeof rel[2] === 'string' && (rel.length === 3 || (rel.length === 4 && typeof rel[3] === 'number'))) {
      const op = parseOperator(rel[1]);
      const lk = rel[2].toLowerCase();
      if (op.base === 'Null') return result('condition-value', boolItems(true));
      const type = index ? (lookupConditionKey(index, rel[2])?.type ?? '') : '';
      if (op.base === 'Bool' || type === 'Bool' || type === 'Boolean') return result('condition-value', boolItems(false));
      if (isRegionKey(lk)) return result('condition-value', regionItems());
      if (PRINCIPAL_VALUE_KEYS.has(lk)) return result('condition-value', principalItems());
    }
    return undefined;
  }
  if (
    !isKey &&
    (head === 'Principal' || head === 'NotPrincipal') &&
    rel[1] === 'Service' &&
    (rel.length === 2 || (rel.length === 3 && typeof rel[2] === 'number'))
  ) {
    return result('principal-service', principalItems());
  }
  if (!isKey && (head === 'Resource' || head === 'NotResource') && (rel.length === 1 || (rel.length === 2 && typeof rel[1] === 'number'))) {
    if (!index) return undefined;
    return result('resource', resourceItems(index, statement));
  }
  return undefined;
}
