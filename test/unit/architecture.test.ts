// The layer order and the rule-family boundaries (DESIGN.md "Layers", docs/architecture.md), checked on the imports
// of every module in src/: a violation fails here with the importing file and the import.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SRC = join(ROOT, 'src');

/** Layer rank of each top folder of src/: a module imports only from its own folder or from a lower rank. */
const RANK: Record<string, number> = {
  'iam-data': 0,
  catalog: 0,
  analysis: 1,
  evaluate: 2,
  fill: 3,
  frontends: 4,
  worker: 5,
  cli: 6,
  vscode: 6,
};

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

interface Import {
  from: string;
  spec: string;
  /** The resolved module path without extension (relative imports only). */
  target?: string;
  typeOnly: boolean;
}

/** Every import, export-from, dynamic import() and require() of a module (comments stripped first). */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const out: Import[] = [];
  const re = /\b(import|export)\s+(type\s+)?[^'";]*?\bfrom\s*'([^']+)'|\bimport\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)|\brequire\(\s*'([^']+)'\s*\)/g;
  for (const m of text.matchAll(re)) {
    const spec = m[3] ?? m[4] ?? m[5] ?? m[6];
    const target = spec.startsWith('.') ? resolve(dirname(file), spec).replace(/\.(js|ts)$/, '') : undefined;
    out.push({ from: file, spec, target, typeOnly: !!m[2] });
  }
  return out;
}

const FILES = walk(SRC);
const IMPORTS = FILES.flatMap(importsOf);
const rel = (p: string): string => relative(ROOT, p).split(sep).join('/');
const topOf = (p: string): string | undefined => {
  const r = relative(SRC, p).split(sep);
  return r.length > 1 && r[0] !== '..' ? r[0] : undefined;
};

/** Rule-family modules: rules/<family>.ts, or every module of rules/<family>/ (a family split into files). */
const RULES = join(SRC, 'analysis', 'rules');
const FAMILY_RE = /satisfies RuleFamily|:\s*RuleFamily\s*=/;
function familyOf(p: string): string | undefined {
  const r = relative(RULES, p).split(sep);
  if (r[0] === '..' || r.length === 0) return undefined;
  if (r.length > 1) return r[0];
  const file = FILES.find((f) => f.replace(/\.tsx?$/, '') === p.replace(/\.tsx?$/, ''));
  return file && FAMILY_RE.test(readFileSync(file, 'utf8')) ? r[0].replace(/\.tsx?$/, '') : undefined;
}

describe('architecture: imports follow the layers', () => {
  it('finds the modules and their imports (the scan itself works)', () => {
    assert.ok(FILES.length > 100, `${FILES.length} modules`);
    const analyze = IMPORTS.filter((i) => rel(i.from) === 'src/analysis/analyze.ts').map((i) => i.spec);
    assert.ok(analyze.includes('./rules'), analyze.join(', '));
    assert.ok(IMPORTS.some((i) => i.spec === 'vscode'));
    for (const top of Object.keys(RANK))
      assert.ok(
        FILES.some((f) => topOf(f) === top),
        top,
      );
    assert.deepEqual(
      FILES.map(topOf).filter((t) => t && !(t in RANK)),
      [],
      'every top folder of src/ has a layer',
    );
  });

  it('no module imports from a higher layer or sideways (iam-data, catalog < analysis < evaluate < fill < frontends < worker < cli, vscode)', () => {
    const bad: string[] = [];
    for (const i of IMPORTS) {
      if (!i.target) continue;
      const from = topOf(i.from);
      const to = topOf(i.target);
      if (!from || !to || from === to) continue;
      if (!(RANK[to] < RANK[from])) bad.push(`${rel(i.from)} imports ${i.spec} (${from} -> ${to})`);
    }
    assert.deepEqual(bad, []);
  });

  it('nothing outside src/vscode imports vscode', () => {
    const bad = IMPORTS.filter((i) => i.spec === 'vscode' && topOf(i.from) !== 'vscode').map((i) => rel(i.from));
    assert.deepEqual(bad, []);
  });

  it('rule families never import each other, and only the registry (rules/index.ts, rules/ids.ts) imports a family in src/analysis', () => {
    const families = new Set(FILES.map((f) => familyOf(f.replace(/\.tsx?$/, ''))).filter(Boolean));
    assert.ok(families.size >= 9, [...families].join(', '));
    const registry = new Set(['src/analysis/rules/index.ts', 'src/analysis/rules/ids.ts']);
    const bad: string[] = [];
    for (const i of IMPORTS) {
      if (!i.target || topOf(i.from) !== 'analysis' || registry.has(rel(i.from))) continue;
      const to = familyOf(i.target);
      if (to && to !== familyOf(i.from.replace(/\.tsx?$/, ''))) bad.push(`${rel(i.from)} imports ${i.spec} (family ${to})`);
    }
    assert.deepEqual(bad, []);
  });

  it('the rule registry is complete when it is imported alone (no import side effect completes it)', function () {
    this.timeout(60_000); // a fresh Node process that compiles the engine
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        "import('./src/analysis/rules/index.ts').then((m) => process.stdout.write(JSON.stringify((m.allRules ?? m.default.allRules)().map((r) => r.id))))",
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const ids = JSON.parse(out) as string[];
    for (const id of ['json-syntax', 'json-too-deep', 'json-comment', 'placeholder-token', 'consistency-role-pair']) assert.ok(ids.includes(id), id);
  });
});
