// Find every placeholder in a policy document: <tokens>, {{tokens}}, bare names from the AWS pages, AWS example values.
// Pure; offsets are exact document offsets of the raw placeholder text.
import { parseTree, type Node } from 'jsonc-parser';
import { DOC_EXAMPLE_ACCOUNT_IDS, kindForName, OPTIONAL_PATH_KINDS } from '../catalog/placeholder-kinds';
import { BRACES_RE, PASTED_TOKEN_RE } from '../catalog/placeholder-syntax';
import { parseArn } from './arn/parse';
import { decodedOffsets, findExcessiveNesting, maskDeepValues, stringContentLength } from './json';

export type PlaceholderSource = 'token' | 'braces' | 'bare-name' | 'example-value';

export interface PlaceholderOccurrence {
  /** Distinct placeholder key: the raw text. All occurrences with the same key are filled with one answer. */
  key: string;
  /** Human/kebab name: `bucket`, `region`, `data-account-id`, or the raw example value. */
  name: string;
  /** PlaceholderKind id. */
  kind: string;
  source: PlaceholderSource;
  offset: number;
  length: number;
  /**
   * A Glue table name in a table ARN without its database (`table/table`, as the AWS page prints it): a table ARN is
   * table/<database>/<table>, so filling it takes the database too (fill/apply.ts planFill).
   */
  needsDatabase?: true;
  /**
   * An optional path part (OPTIONAL_PATH_KINDS) right after a "/": the raw length of that "/" (1, or 2 for the escape
   * \/, 6 for \u002f). Filled with an empty answer, the "/" goes too, so bucket/<optional-prefix>/* becomes bucket/*
   * (fill/apply.ts planFill).
   */
  slashBefore?: number;
}

/** Names the AWS Clean Rooms pages use where a value belongs (seed text and shared/reference facts §1). */
export const BARE_REGION_NAMES = new Set(['region', 'aws-region', 'Region', 'AWS-Region', 'awsRegion']);
export const BARE_ACCOUNT_NAMES = new Set([
  'accountId',
  'account-id',
  'AccountId',
  'accountID',
  'account_id',
  's3BucketOwnerAccountId',
  'queryRunnerAccountId',
  'jobRunnerAccountId',
  'analysisTemplateAccountId',
  'rrAccountId',
  'aws-account-id',
  'account',
]);
export const BARE_BUCKET_NAMES = new Set([
  'bucket',
  'bucket_name',
  'bucket-name',
  'bucketName',
  'buckets',
  'athenaResultsBucket',
  'input-buckets',
  'output-bucket',
  'my-bucket',
]);
export const BARE_PREFIX_NAMES = new Set(['prefix', 'optional_key_prefix', 'optionalPrefix', 'bucketFolders', 'key_prefix', 'key-prefix', 's3Path']);
export const BARE_RESOURCE_NAMES = new Set([
  'database',
  'databaseName',
  'databases',
  'table',
  'tableName',
  'tables',
  'input-databases',
  'input-database',
  'input-tables',
  'keyId',
  'KMS-key-ID',
  'keyIdentifier',
  'key-id',
  'secretIdentifier',
  'workgroup',
  'federatedCatalogName',
  'catalogName',
  'membershipId',
  'membershipID',
  'queryRunnerMembershipId',
  'jobRunnerMembershipId',
  'analysisTemplateOwnerMembershipId',
  'rrMembershipId',
  'repoName',
  'datasetId',
  'revisionId',
  'assetId',
]);
/**
 * Services whose ARNs the AWS Clean Rooms pages write with bare names in the resource part (Glue database/table,
 * KMS keyId, Secrets Manager, Athena workgroup, ECR repoName, Data Exchange ids, Clean Rooms membership ids).
 * Elsewhere the same words are literal ARN words: table in Keyspaces (cassandra), Timestream and S3 Tables ARNs.
 */
const BARE_NAME_SERVICES = new Set(['glue', 'cleanrooms', 'cleanrooms-ml', 'kms', 'secretsmanager', 'athena', 'ecr', 'dataexchange', 'lakeformation']);
/** Whole string values (e.g. condition values) that are placeholder names. */
export const BARE_VALUE_NAMES = new Set([...BARE_ACCOUNT_NAMES].filter((n) => n !== 'account').concat(['membershipArn', 'membership-arn']));

/** Longest bare name in the sets above: a longer ARN segment cannot be one (and is not sliced out to check). */
const MAX_BARE_NAME_LENGTH = Math.max(
  ...[BARE_REGION_NAMES, BARE_ACCOUNT_NAMES, BARE_BUCKET_NAMES, BARE_PREFIX_NAMES, BARE_RESOURCE_NAMES].flatMap((set) => [...set].map((x) => x.length)),
);

const EXAMPLE_ACCOUNT_RE = new RegExp(`(?<![0-9])(${DOC_EXAMPLE_ACCOUNT_IDS.join('|')})(?![0-9])`, 'g');
const EXAMPLE_UUID_RE = /[0-9A-Za-z]{8}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-EXAMPLE[0-9A-Za-z]*/g;
// A bucket name that starts with the reserved doc prefix (not one that merely contains it, such as my-amzn-s3-demo-copy).
const EXAMPLE_BUCKET_RE = /(?<![a-z0-9.-])amzn-s3-demo-[a-z0-9.-]*[a-z0-9]/g;

function kebab(s: string): string {
  return s
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/** Collect every string value node (not property keys), iteratively. */
export function stringValueNodes(root: Node | undefined): Node[] {
  const out: Node[] = [];
  if (!root) return out;
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'string') out.push(n);
    else if (n.type === 'property') {
      const v = n.children?.[1];
      if (v) stack.push(v);
    } else if (n.children) {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  }
  return out;
}

/** A key of an operator block: Condition > operator > key. */
function isConditionKey(key: Node): boolean {
  const opObj = key.parent?.parent;
  const condProp = opObj?.parent?.parent?.parent;
  return opObj?.type === 'object' && condProp?.type === 'property' && condProp.children?.[0]?.value === 'Condition';
}

/** Every property-name node, iteratively. */
function propertyKeyNodes(root: Node | undefined): Node[] {
  const out: Node[] = [];
  if (!root) return out;
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'property') {
      const k = n.children?.[0];
      if (k && k.type === 'string') out.push(k);
      const v = n.children?.[1];
      if (v) stack.push(v);
    } else if (n.children) {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  }
  return out;
}

/** Documents longer than this (UTF-16 code units) are not scanned when no parsed root is given (as analyze's default). */
export const MAX_SCAN_LENGTH = 5 * 1024 * 1024;

/** Find placeholders in `text`. Pass the parsed root when you have it to avoid parsing twice. */
export function findPlaceholders(text: string, root?: Node): PlaceholderOccurrence[] {
  if (root === undefined) {
    // Bounded work: parsing a 50 MB file takes tens of seconds, and no policy is that large (IAM caps them at 10 KB).
    if (text.length > MAX_SCAN_LENGTH) return [];
    // Values nested deeper than the parser's recursion may go are blanked out first (same offsets), as analyze() does.
    if (findExcessiveNesting(text) !== undefined) text = maskDeepValues(text)?.text ?? text;
    // A leading byte order mark parses as a space (same length, so offsets stay exact).
    root = parseTree(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text, [], { allowTrailingComma: true });
  }
  const out: PlaceholderOccurrence[] = [];
  for (const node of stringValueNodes(root)) scanString(text, node, out);
  // Condition keys too, for tokens only: "aws:ResourceTag/<tag-key>" is still unfilled. (Other property names are
  // not values: a misspelt element named "<region>" is the grammar rules' business.)
  for (const node of propertyKeyNodes(root)) if (isConditionKey(node)) scanString(text, node, out, true);
  return out.sort((a, b) => a.offset - b.offset);
}

/** Whether `value` contains one of the AWS doc example account IDs (a cheap test before the exact regex). */
function hasExampleAccount(value: string): boolean {
  for (const id of DOC_EXAMPLE_ACCOUNT_IDS) if (value.indexOf(id) >= 0) return true;
  return false;
}

function scanString(text: string, node: Node, out: PlaceholderOccurrence[], tokensOnly = false): void {
  const value = node.value as string;
  if (!value) return;
  const base = node.offset + 1;
  // Sub-ranges are exact when the raw text equals the decoded value (no escapes; compared in place: an escape always
  // makes the raw text longer than the value, and startsWith allocates nothing), or when the escapes map (then each
  // hit is found in the decoded value and covers the escape sequences it came from: "\u003cbucket\u003e").
  let map: Int32Array | undefined;
  if (stringContentLength(node) !== value.length || !text.startsWith(value, base)) {
    map = decodedOffsets(text, node);
    if (!map) return;
  }
  if (map) {
    const hits: PlaceholderOccurrence[] = [];
    const m = map;
    if (tokensOnly) scanValue(value, value.indexOf('<') >= 0, value.indexOf('{{') >= 0, false, false, false, false, hits, true);
    else
      scanValue(
        value,
        value.indexOf('<') >= 0,
        value.indexOf('{{') >= 0,
        value.indexOf('-EXAMPLE') >= 0,
        value.indexOf('amzn-s3-demo-') >= 0,
        hasExampleAccount(value),
        value.startsWith('arn:'),
        hits,
      );
    for (const h of hits) {
      const offset = m[h.offset];
      const length = m[h.offset + h.length] - offset;
      const o: PlaceholderOccurrence = { ...h, key: text.substr(offset, length), offset, length };
      // The "/" before it may be an escape (\/): its raw length is what an empty answer removes with it.
      if (o.slashBefore) o.slashBefore = offset - m[h.offset - 1];
      out.push(o);
    }
    return;
  }
  // Fast path (this runs for every string of every analysis, as the user types): each detector below needs a
  // literal marker in the value; most strings of a finished policy have none, and cost a few indexOf calls.
  if (tokensOnly) {
    const hasToken = value.indexOf('<') >= 0;
    const hasBraces = value.indexOf('{{') >= 0;
    if (!hasToken && !hasBraces) return;
    const hits: PlaceholderOccurrence[] = [];
    scanValue(value, hasToken, hasBraces, false, false, false, false, hits, true);
    for (const h of hits) out.push({ ...h, offset: base + h.offset });
    return;
  }
  // What is found depends on the value alone: memoised per value (the same values recur in statements and keystrokes),
  // values without any marker too (as no hits), so a value seen before costs one look-up.
  let hits = HITS.get(value);
  if (!hits) {
    const hasToken = value.indexOf('<') >= 0;
    const hasBraces = value.indexOf('{{') >= 0;
    const hasUuid = value.indexOf('-EXAMPLE') >= 0;
    const hasBucket = value.indexOf('amzn-s3-demo-') >= 0;
    const hasAccount = hasExampleAccount(value);
    const isArn = value.startsWith('arn:');
    hits = [];
    if (hasToken || hasBraces || hasUuid || hasBucket || hasAccount || isArn || BARE_VALUE_NAMES.has(value))
      scanValue(value, hasToken, hasBraces, hasUuid, hasBucket, hasAccount, isArn, hits);
    if (value.length <= 2048) {
      if (HITS.size >= MAX_HITS) HITS.clear();
      HITS.set(value, hits);
    }
  }
  for (const h of hits) {
    const o: PlaceholderOccurrence = { key: h.key, name: h.name, kind: h.kind, source: h.source, offset: base + h.offset, length: h.length };
    if (h.needsDatabase) o.needsDatabase = true;
    if (h.slashBefore) o.slashBefore = h.slashBefore;
    out.push(o);
  }
}

/** Placeholder occurrences by string value, with offsets relative to the value (bounded memo, read-only entries). */
const HITS = new Map<string, PlaceholderOccurrence[]>();
const MAX_HITS = 4096;

function scanValue(
  value: string,
  hasToken: boolean,
  hasBraces: boolean,
  hasUuid: boolean,
  hasBucket: boolean,
  hasAccount: boolean,
  isArn: boolean,
  out: PlaceholderOccurrence[],
  tokensOnly = false,
): void {
  // Characters already claimed by an earlier hit (detectors run in priority order and never overlap). A bitmap, not a
  // list of ranges: each detector's hits are disjoint, so the checks cost O(value length) in all; a list scanned per
  // hit was quadratic on a value of 100,000 `<a>` tokens.
  const taken = new Uint8Array(value.length);
  const add = (start: number, len: number, name: string, kind: string, source: PlaceholderSource, key = value.substr(start, len)): void => {
    const end = start + len;
    if (len <= 0) return;
    for (let i = start; i < end; i++) if (taken[i]) return;
    taken.fill(1, start, end);
    out.push({ key, name, kind, source, offset: start, length: len });
  };

  if (hasToken) {
    for (const m of value.matchAll(PASTED_TOKEN_RE)) {
      const name = kebab(m[1]);
      add(m.index, m[0].length, name, kindForName(m[1]), 'token');
    }
  }
  if (hasBraces) {
    for (const m of value.matchAll(BRACES_RE)) {
      const inner = m[1].trim();
      const name = /^\d{12}$/.test(inner) ? inner : kebab(inner.replace(/\/\*$/, ''));
      add(m.index, m[0].length, name || inner, kindForName(inner), 'braces');
    }
  }
  if (hasUuid) for (const m of value.matchAll(EXAMPLE_UUID_RE)) add(m.index, m[0].length, m[0], 'membership-id', 'example-value');
  if (hasBucket) for (const m of value.matchAll(EXAMPLE_BUCKET_RE)) add(m.index, m[0].length, m[0], 'bucket', 'example-value');
  if (hasAccount) for (const m of value.matchAll(EXAMPLE_ACCOUNT_RE)) add(m.index, m[0].length, m[0], 'account-id', 'example-value');

  if (!tokensOnly) {
    if (isArn) {
      scanArn(value, add);
      markTableWithoutDatabase(value, out);
    } else if (BARE_VALUE_NAMES.has(value)) add(0, value.length, value, kindForName(value), 'bare-name');
  }
  for (const h of out) if (OPTIONAL_PATH_KINDS.has(h.kind) && h.offset > 0 && value.charCodeAt(h.offset - 1) === 0x2f) h.slashBefore = 1;
}

/** arn:partition:glue:region:account:table/<one name>: the AWS page's table ARN, which lacks the database. */
const GLUE_TABLE_ONE_SEGMENT_RE = /^arn:[^:]*:glue:[^:]*:[^:]*:table\/([^/:]+)$/;

/** Mark the placeholder that is the whole table name of a Glue table ARN without a database segment. */
function markTableWithoutDatabase(value: string, out: PlaceholderOccurrence[]): void {
  const m = GLUE_TABLE_ONE_SEGMENT_RE.exec(value);
  if (!m) return;
  const start = value.length - m[1].length;
  for (const h of out) if (h.offset === start && h.length === m[1].length && h.kind === 'glue-table') h.needsDatabase = true;
}

type Add = (start: number, len: number, name: string, kind: string, source: PlaceholderSource) => void;

/** optional_key_prefix / optionalPrefix: the pages call that folder optional; the other prefix names are not. */
const prefixKind = (name: string): string => (kindForName(name) === 'optional-s3-prefix' ? 'optional-s3-prefix' : 's3-prefix');

function scanArn(value: string, add: Add): void {
  // arn:partition:service:region:account:resource, split by the one ARN parser (arn/parse.ts).
  const { fields, service: serviceField, region, account, resource } = parseArn(value);
  if (fields.length < 4) return;
  const service = serviceField!.text;
  if (fields.length >= 5 && BARE_REGION_NAMES.has(region!.text)) add(region!.start, region!.text.length, region!.text, 'region', 'bare-name');
  if (resource) {
    if (BARE_ACCOUNT_NAMES.has(account!.text)) add(account!.start, account!.text.length, account!.text, 'account-id', 'bare-name');
    const resStart = resource.start;
    // The resource part's segments between '/' and ':' (no regex split: this runs for every ARN on every analysis).
    const isS3 = service === 's3';
    const n = value.length;
    for (let next = resStart, index = 0; next <= n; index++) {
      const segStart = next;
      let segEnd = segStart;
      while (segEnd < n) {
        const c = value.charCodeAt(segEnd);
        if (c === 0x2f /* / */ || c === 0x3a /* : */) break;
        segEnd++;
      }
      next = segEnd + 1;
      const first = index === 0;
      const len = segEnd - segStart;
      // Segments longer than any bare name cannot be one: not sliced out at all.
      const seg = len > 0 && len <= MAX_BARE_NAME_LENGTH ? value.slice(segStart, segEnd) : '';
      if (!seg || seg === '*') continue;
      if (isS3) {
        if (first && BARE_BUCKET_NAMES.has(seg)) add(segStart, seg.length, seg, 'bucket', 'bare-name');
        else if (!first && BARE_PREFIX_NAMES.has(seg)) add(segStart, seg.length, seg, prefixKind(seg), 'bare-name');
        else if (first && BARE_PREFIX_NAMES.has(seg)) add(segStart, seg.length, seg, 's3-path', 'bare-name');
      } else if (!first && BARE_NAME_SERVICES.has(service) && (BARE_RESOURCE_NAMES.has(seg) || BARE_BUCKET_NAMES.has(seg))) {
        add(segStart, seg.length, seg, kindForName(seg), 'bare-name');
      }
    }
  } else if (account) {
    // Two-colon S3 typo (arn:aws:s3::bucket/prefix/*): the bucket lands in the account field.
    const as = account.start;
    const rest = account.text;
    if (service === 's3') {
      let pos = 0;
      let index = 0;
      for (const seg of rest.split('/')) {
        const segStart = as + pos;
        pos += seg.length + 1;
        const first = index++ === 0;
        if (first && BARE_BUCKET_NAMES.has(seg)) add(segStart, seg.length, seg, 'bucket', 'bare-name');
        else if (!first && BARE_PREFIX_NAMES.has(seg)) add(segStart, seg.length, seg, prefixKind(seg), 'bare-name');
      }
    }
  }
}

export interface PlaceholderGroup {
  key: string;
  name: string;
  kind: string;
  source: PlaceholderSource;
  occurrences: PlaceholderOccurrence[];
}

/** Group occurrences by key, in order of first appearance. */
export function groupPlaceholders(occurrences: PlaceholderOccurrence[]): PlaceholderGroup[] {
  const groups = new Map<string, PlaceholderGroup>();
  for (const o of [...occurrences].sort((a, b) => a.offset - b.offset)) {
    let g = groups.get(o.key);
    if (!g) groups.set(o.key, (g = { key: o.key, name: o.name, kind: o.kind, source: o.source, occurrences: [] }));
    g.occurrences.push(o);
  }
  return [...groups.values()];
}
