// `npm run bench` -- side-by-side timings of our analyze() against the parse floor (jsonc-parser parseTree) and the
// anchor (vscode-json-languageservice validating the same document against our schema), plus activation cost,
// bundle and IAM data sizes, IAM data first load, peak memory on a 10 MB file, and the as-you-type edit loop.
//
//   npm run bench                 table on stdout (progress on stderr)
//   npm run bench -- --json       one JSON object on stdout, nothing else
//   npm run bench -- --quick      fewer iterations (a smoke run; numbers are noisier)
//   npm run bench -- --save f.json  also write the JSON object to f.json
//
// Run `npm run build` first: activation, bundle size and IAM data are measured on dist/.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisResult, AnalyzeOptions } from '../src/analysis/types';
import { makeAnchor } from './anchor';
import { type BenchCase, editSequence, generatePolicy, sizedCases, templateCases } from './cases';
import { loadEngine } from './engine';
import { bundleChild, cleanupChildren, runChild } from './child';
import { errorText, isStats, measure, stats, type Stats } from './measure';
import { YAML_BUDGET, yamlBench, type YamlOut } from './yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const JSON_OUT = args.includes('--json');
const QUICK = args.includes('--quick');
/** `--save <file>`: also write the JSON object to a file (e.g. to keep it next to a table run). */
const SAVE = args.includes('--save') ? args[args.indexOf('--save') + 1] : undefined;
const IAM_MODULE = join(ROOT, 'src', 'iam-data', 'index.ts');
// The engine as it ships (bundled and minified), with the floor parser from the same bundle.
const { analyze, parseTree, parseIamIndex, completePolicy, yaml: yamlEngine } = loadEngine(ROOT);
const log = (msg: string): void => void process.stderr.write(msg + '\n');

// ---- budgets (from the project's issue) ----
const BUDGET = {
  policyVsFloor: 3,
  policyVsAnchor: 0.5,
  notPolicyVsFloor: 1.5,
  activationMs: 20,
  bundleBytes: 300 * 1024,
  iamLoadMs: 50,
  editMs: 2,
  completionMs: 2,
  policyMaxBytes: 100 * 1024,
  /** Pathological shapes (issue 12): analyze within this multiple of the parse floor (quadratic code was far beyond). */
  pathologicalVsFloor: 100,
};

interface CaseOut {
  name: string;
  group: BenchCase['group'];
  bytes: number;
  floor_ms: number | null;
  analyze_ms: number | null;
  anchor_ms: number | null;
  floor_p95_ms: number | null;
  analyze_p95_ms: number | null;
  anchor_p95_ms: number | null;
  iterations: number;
  kind: string;
  findings: number;
  skipped?: string;
  notes: string[];
  budget: string;
  pass: boolean | null;
}

interface BudgetOut {
  budget: string;
  value: string;
  pass: boolean;
}

// ---- the engine under test, with the IAM index when it exists ----
async function loadIam(): Promise<{ iam?: AnalyzeOptions['iam']; note: string }> {
  const file = join(ROOT, 'dist', 'iam-data.json');
  if (!existsSync(file)) return { note: 'dist/iam-data.json not found (run npm run build): IAM data checks not measured' };
  const parse = parseIamIndex;
  const text = readFileSync(file, 'utf8');
  const iam = (parse ? parse(text) : JSON.parse(text)) as AnalyzeOptions['iam'];
  return { iam, note: parse ? 'IAM index loaded with parseIamIndex' : 'src/iam-data has no parseIamIndex yet: index loaded with JSON.parse' };
}

function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b;
}

async function benchCase(c: BenchCase, options: AnalyzeOptions, anchor: ReturnType<typeof makeAnchor>): Promise<CaseOut> {
  const text = c.text;
  const big = text.length > 2 * 1024 * 1024;
  const pathological = c.group === 'pathological';
  let last: AnalysisResult | undefined;
  const m = await measure(
    [
      { name: 'floor', run: () => parseTree(text, [], { allowTrailingComma: false, disallowComments: false }) },
      { name: 'analyze', run: () => (last = analyze(text, options)) },
      // The pathological shapes measure analyze against the floor only (the anchor is not what they are about, and
      // vscode-json-languageservice takes many seconds per run on 100,000 invalid statements).
      ...(pathological ? [] : [{ name: 'anchor', run: () => anchor.validate(text) }]),
    ],
    {
      warmup: big || pathological ? (pathological ? 1 : 0) : QUICK ? 2 : text.length > 512 * 1024 ? 1 : 5,
      targetMs: QUICK ? 300 : text.length > 512 * 1024 ? 2500 : c.group === 'policy' && text.length < 8192 ? 300 : 1500,
      minIterations: big || pathological ? 3 : QUICK || text.length > 512 * 1024 ? 5 : 11,
      maxIterations: QUICK ? 50 : 500,
    },
  );
  const pick = (k: string, f: 'median' | 'p95'): number | null => {
    const s = m[k];
    return isStats(s) ? s[f] : null;
  };
  const notes: string[] = [];
  for (const k of ['floor', 'analyze', 'anchor']) {
    const s = m[k];
    if (s && !isStats(s)) notes.push(`${k}: ${s.error}`);
  }
  const floor = pick('floor', 'median');
  const an = pick('analyze', 'median');
  const anch = pick('anchor', 'median');
  let budget = '';
  let pass: boolean | null = null;
  if (c.group === 'policy' && text.length <= BUDGET.policyMaxBytes) {
    budget = `<=${BUDGET.policyVsFloor}x floor, <=${BUDGET.policyVsAnchor}x anchor`;
    const rf = ratio(an, floor);
    const ra = ratio(an, anch);
    pass = rf !== null && ra !== null && rf <= BUDGET.policyVsFloor && ra <= BUDGET.policyVsAnchor && last?.kind !== 'not-a-policy';
  } else if (c.group === 'not-a-policy') {
    budget = `dropped, <=${BUDGET.notPolicyVsFloor}x floor`;
    const rf = ratio(an, floor);
    pass = rf !== null && rf <= BUDGET.notPolicyVsFloor && last?.kind === 'not-a-policy';
  } else if (c.group === 'too-large') {
    budget = 'not analysed (> 5 MB)';
    pass = last?.skipped === 'too-large';
  } else if (c.group === 'pathological') {
    budget = `<=${BUDGET.pathologicalVsFloor}x floor (linear)`;
    const rf = ratio(an, floor);
    pass = rf !== null && rf <= BUDGET.pathologicalVsFloor;
  } else if (c.group === 'deep') {
    budget = 'no stack overflow';
    pass = an !== null && !!last;
  }
  const iterations = Math.max(...Object.values(m).map((s) => (isStats(s) ? s.n : 0)));
  return {
    name: c.name,
    group: c.group,
    bytes: Buffer.byteLength(text),
    floor_ms: floor,
    analyze_ms: an,
    anchor_ms: anch,
    floor_p95_ms: pick('floor', 'p95'),
    analyze_p95_ms: pick('analyze', 'p95'),
    anchor_p95_ms: pick('anchor', 'p95'),
    iterations,
    kind: last?.kind ?? 'error',
    findings: last?.findings.length ?? 0,
    ...(last?.skipped ? { skipped: last.skipped } : {}),
    notes,
    budget,
    pass,
  };
}

interface EditOut {
  edits: number;
  rounds: number;
  bytes: number;
  floor: Stats;
  analyze: Stats;
  anchor: Stats | null;
}

/** 200 successive single-character edits to a 10 KB policy, re-analysed after each (the as-you-type path). */
async function editLoop(options: AnalyzeOptions, anchor: ReturnType<typeof makeAnchor>): Promise<EditOut> {
  const base = generatePolicy(10 * 1024, 10);
  const EDITS = 200;
  const rounds = QUICK ? 2 : 5;
  const fl: number[] = [];
  const an: number[] = [];
  const anc: number[] = [];
  const time = async (fn: () => unknown, into: number[] | undefined): Promise<void> => {
    const t0 = performance.now();
    const r = fn();
    if (r instanceof Promise) await r;
    into?.push(performance.now() - t0);
  };
  // Warm-up round on its own sequence, then timed rounds; every round types a different sequence (seed), so no
  // text repeats and a cache keyed on whole texts cannot help -- only caching what does not change can.
  for (let round = 0; round <= rounds; round++) {
    const texts = editSequence(base, EDITS, 1000 + round);
    const record = round > 0;
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i];
      const order = (i + round) % 3;
      const steps = [
        () => time(() => parseTree(t, []), record ? fl : undefined),
        () => time(() => analyze(t, options), record ? an : undefined),
        () => time(() => anchor.validate(t), record ? anc : undefined),
      ];
      for (let k = 0; k < 3; k++) await steps[(k + order) % 3]();
    }
  }
  return { edits: EDITS, rounds, bytes: base.length, floor: stats(fl), analyze: stats(an), anchor: anc.length ? stats(anc) : null };
}

interface Activation {
  ms: number | null;
  load_ms?: number;
  activate_ms?: number;
  cpu_ms?: number;
  samples: number;
  registrations?: number;
  subscriptions?: number;
  reads?: string[];
  error?: string;
}

function activation(): Activation {
  const bundle = join(ROOT, 'dist', 'extension.js');
  if (!existsSync(bundle)) return { ms: null, samples: 0, error: 'dist/extension.js not found (run npm run build)' };
  const runs: Array<{
    load_ms: number;
    activate_ms: number;
    total_ms: number;
    cpu_ms: number;
    registrations: string[];
    subscriptions: number;
    reads: string[];
    error?: string;
  }> = [];
  const n = QUICK ? 3 : 9;
  try {
    for (let i = 0; i < n; i++) {
      const r = runChild<(typeof runs)[number]>(join(ROOT, 'bench', 'children', 'activation.ts'), [bundle, ROOT]);
      if (r.error) return { ms: null, samples: i, error: r.error.split('\n')[0] };
      runs.push(r);
    }
  } catch (err) {
    return { ms: null, samples: runs.length, error: errorText(err).split('\n')[0] };
  }
  const total = stats(runs.map((r) => r.total_ms));
  const last = runs[runs.length - 1];
  return {
    ms: total.median,
    load_ms: stats(runs.map((r) => r.load_ms)).median,
    activate_ms: stats(runs.map((r) => r.activate_ms)).median,
    cpu_ms: stats(runs.map((r) => r.cpu_ms)).median,
    samples: runs.length,
    registrations: last.registrations.length,
    subscriptions: last.subscriptions,
    reads: last.reads,
  };
}

function iamFirstLoad(): { ms: number | null; read_ms?: number; parse_ms?: number; parser?: string; samples: number; error?: string } {
  const file = join(ROOT, 'dist', 'iam-data.json');
  if (!existsSync(file)) return { ms: null, samples: 0, error: 'dist/iam-data.json not found (run npm run build)' };
  const runs: Array<{ total_ms: number; read_ms: number; parse_ms: number; parser: string }> = [];
  try {
    const mod = existsSync(IAM_MODULE) ? [bundleChild(IAM_MODULE)] : [];
    for (let i = 0; i < (QUICK ? 3 : 7); i++) runs.push(runChild(join(ROOT, 'bench', 'children', 'iam-load.ts'), [file, ...mod]));
  } catch (err) {
    return { ms: null, samples: runs.length, error: errorText(err).split('\n')[0] };
  }
  return {
    ms: stats(runs.map((r) => r.total_ms)).median,
    read_ms: stats(runs.map((r) => r.read_ms)).median,
    parse_ms: stats(runs.map((r) => r.parse_ms)).median,
    parser: runs[0].parser,
    samples: runs.length,
  };
}

interface Memory {
  analyze?: { max_rss: number; max_rss_before: number; heap_used_after: number; ms: number; result: string };
  floor?: { max_rss: number; max_rss_before: number; heap_used_after: number; ms: number; result: string };
  error?: string;
}

function memory(text: string): Memory {
  const dir = mkdtempSync(join(tmpdir(), 'cleanrooms-bench-mem-'));
  const file = join(dir, 'ten-mb.json');
  writeFileSync(file, text);
  try {
    const entry = join(ROOT, 'bench', 'children', 'memory.ts');
    return { analyze: runChild(entry, ['analyze', file], ['--expose-gc']), floor: runChild(entry, ['floor', file], ['--expose-gc']) };
  } catch (err) {
    return { error: errorText(err).split('\n')[0] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- output ----
const f = (x: number | null | undefined, d = 3): string => (x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(d));
const r2 = (x: number | null): string => (x === null ? '—' : `${x.toFixed(2)}x`);
const kb = (b: number): string => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${(b / 1024).toFixed(1)} KB`);
const mark = (p: boolean | null): string => (p === null ? '' : p ? 'PASS' : 'MISS');

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r, ri) => {
      const line = r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
      return ri === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

/**
 * Completion per keystroke (src/analysis/complete.ts): the median of a warm call in each context on the 10 KB policy
 * (actions of a large service, condition keys and Resource ARNs of a statement with wildcard actions), and the first
 * call of a context, which builds its cached item list.
 */
function completionBench(
  options: AnalyzeOptions,
): { median_ms: number; p95_ms: number; first_ms: number; contexts: Array<{ name: string; items: number; median_ms: number; first_ms: number }> } | undefined {
  if (!completePolicy || !options.iam) return undefined;
  const base = generatePolicy(10 * 1024, 10);
  const at = (statement: string) => {
    const text = base.replace('"Statement": [', `"Statement": [${statement},`);
    return { text: text.replace('|', ''), offset: text.indexOf('|') };
  };
  const contexts = [
    { name: 'action prefixes', ...at('{"Effect": "Allow", "Action": "|", "Resource": "*"}') },
    { name: 'ec2 actions', ...at('{"Effect": "Allow", "Action": "ec2:|", "Resource": "*"}') },
    { name: 'condition keys', ...at('{"Effect": "Allow", "Action": ["s3:*", "glue:Get*"], "Resource": "*", "Condition": {"StringEquals": {"|": ""}}}') },
    { name: 'resource ARNs', ...at('{"Effect": "Allow", "Action": ["s3:*", "glue:Get*"], "Resource": "|"}') },
  ];
  const all: number[] = [];
  const out = contexts.map((c) => {
    const t0 = performance.now();
    const r = completePolicy(c.text, c.offset, options.iam);
    const first = performance.now() - t0;
    const samples: number[] = [];
    for (let i = 0; i < (QUICK ? 50 : 300); i++) {
      const s0 = performance.now();
      completePolicy(c.text, c.offset, options.iam);
      samples.push(performance.now() - s0);
    }
    all.push(...samples);
    return { name: c.name, items: r?.items.length ?? 0, median_ms: stats(samples).median, first_ms: first };
  });
  const s = stats(all);
  return { median_ms: s.median, p95_ms: s.p95, first_ms: Math.max(...out.map((c) => c.first_ms)), contexts: out };
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg()[0];
  const { iam, note: iamNote } = await loadIam();
  log(iamNote);
  const options: AnalyzeOptions = iam ? { iam } : {};
  const anchor = makeAnchor(ROOT);
  log(
    anchor.schema ? `anchor: json-languageservice with ${anchor.schema}` : 'anchor: json-languageservice, syntax only (schemas/policy.schema.json not found)',
  );

  const cases = [...templateCases(), ...sizedCases()];
  // Steady state: warm the JIT on every policy-sized case first (floor, analyze and anchor alike), as an editor is after
  // its first few documents. Without it the first cases measured carry the engine's compilation (2x on the first
  // templates), which says more about their position in the list than about their cost.
  const warmEnd = performance.now() + (QUICK ? 300 : 1500);
  const small = cases.filter((c) => c.group === 'policy' && c.text.length <= BUDGET.policyMaxBytes);
  while (performance.now() < warmEnd) {
    for (const c of small) {
      parseTree(c.text, [], { allowTrailingComma: false, disallowComments: false });
      analyze(c.text, options);
      await anchor.validate(c.text);
    }
  }
  const out: CaseOut[] = [];
  for (const c of cases) {
    log(`case ${c.name} (${kb(c.text.length)})`);
    out.push(await benchCase(c, options, anchor));
  }
  let yamlOut: YamlOut | undefined;
  if (yamlEngine) {
    log('YAML: CloudFormation templates 1 MB, 100 KB, 10 KB (with yaml-language-server), Kubernetes manifests 1 MB');
    yamlOut = await yamlBench(yamlEngine, options, QUICK);
  }
  log('edit loop');
  const edit = await editLoop(options, anchor);
  log('completion');
  const completion = completionBench(options);
  log('activation');
  const act = activation();
  log('IAM data first load');
  const iamLoad = iamFirstLoad();
  log('memory (10 MB)');
  const mem = memory(cases.find((c) => c.group === 'too-large')!.text);

  const bundlePath = join(ROOT, 'dist', 'extension.js');
  const iamPath = join(ROOT, 'dist', 'iam-data.json');
  const bundleBytes = existsSync(bundlePath) ? statSync(bundlePath).size : null;
  // The Node build loads the engine from a second file on the first policy document (not at activation).
  const enginePath = join(ROOT, 'dist', 'engine.js');
  const engineBytes = existsSync(enginePath) ? statSync(enginePath).size : null;
  const iamBytes = existsSync(iamPath) ? statSync(iamPath).size : null;
  const iamReadInActivate = (act.reads ?? []).some((x) => x.includes('iam-data'));

  const budgets: BudgetOut[] = [];
  const policyCases = out.filter((c) => c.group === 'policy' && c.budget.startsWith('<='));
  const worst = (sel: (c: CaseOut) => number | null): [number, string] =>
    policyCases.reduce<[number, string]>(
      (acc, c) => {
        const v = sel(c);
        return v !== null && v > acc[0] ? [v, c.name] : acc;
      },
      [0, ''],
    );
  const [wf, wfName] = worst((c) => ratio(c.analyze_ms, c.floor_ms));
  const [wa, waName] = worst((c) => ratio(c.analyze_ms, c.anchor_ms));
  budgets.push({
    budget: `policies <= 100 KB: analyze <= ${BUDGET.policyVsFloor}x floor (worst case)`,
    value: `${r2(wf)} (${wfName})`,
    pass: policyCases.every((c) => (ratio(c.analyze_ms, c.floor_ms) ?? Infinity) <= BUDGET.policyVsFloor),
  });
  budgets.push({
    budget: `policies <= 100 KB: analyze <= ${BUDGET.policyVsAnchor}x anchor (worst case)`,
    value: `${r2(wa)} (${waName})`,
    pass: policyCases.every((c) => (ratio(c.analyze_ms, c.anchor_ms) ?? Infinity) <= BUDGET.policyVsAnchor),
  });
  for (const c of out.filter((c) => c.group !== 'policy' && c.pass !== null)) {
    budgets.push({
      budget: `${c.name}: ${c.budget}`,
      value: c.skipped
        ? `skipped (${c.skipped}), ${f(c.analyze_ms)} ms`
        : c.budget.includes('floor')
          ? `${r2(ratio(c.analyze_ms, c.floor_ms))}, ${c.kind}`
          : `analyze ${f(c.analyze_ms)} ms${c.notes.length ? `; ${c.notes.join('; ')}` : ''}`,
      pass: !!c.pass,
    });
  }
  if (yamlOut) {
    const y = yamlOut;
    budgets.push({
      budget: `CloudFormation YAML 1 MB: analyzeDocument <= ${YAML_BUDGET.templateVsParse}x yaml parseDocument`,
      value: `${r2(y.template.ratio)} (${f(y.template.analyze?.median ?? null, 1)} / ${f(y.template.parse?.median ?? null, 1)} ms; ${y.template.sites} sites, ${y.template.findings} findings)`,
      pass: y.template.pass,
    });
    budgets.push({
      budget: `YAML 1 MB, not a template: rejected <= ${YAML_BUDGET.notTemplateVsScan}x a plain scan`,
      value: `${r2(y.notTemplate.ratio)} (${f(y.notTemplate.analyze?.median ?? null)} / ${f(y.notTemplate.scan?.median ?? null)} ms), ${y.notTemplate.kind}`,
      pass: y.notTemplate.pass,
    });
  }
  budgets.push({
    budget: `activation (load dist/extension.js + activate) <= ${BUDGET.activationMs} ms`,
    value: act.ms === null ? (act.error ?? '—') : `${f(act.ms, 1)} ms`,
    pass: act.ms !== null && act.ms <= BUDGET.activationMs,
  });
  budgets.push({
    budget: `main bundle <= ${BUDGET.bundleBytes / 1024} KB minified`,
    value: bundleBytes === null ? 'missing' : `${kb(bundleBytes)}${engineBytes === null ? '' : ` (+ engine ${kb(engineBytes)}, loaded on first use)`}`,
    pass: bundleBytes !== null && bundleBytes <= BUDGET.bundleBytes,
  });
  budgets.push({
    budget: 'IAM data outside the bundle, not read in activate()',
    value: iamBytes === null ? 'dist/iam-data.json missing' : `${kb(iamBytes)} separate file${iamReadInActivate ? ', READ in activate()' : ''}`,
    pass: iamBytes !== null && act.ms !== null && !iamReadInActivate,
  });
  budgets.push({
    budget: `IAM data first load <= ${BUDGET.iamLoadMs} ms`,
    value: iamLoad.ms === null ? (iamLoad.error ?? '—') : `${f(iamLoad.ms, 1)} ms (${iamLoad.parser})`,
    pass: iamLoad.ms !== null && iamLoad.ms <= BUDGET.iamLoadMs,
  });
  budgets.push({
    budget: `edit loop: analyze per edit <= ${BUDGET.editMs} ms median (10 KB)`,
    value: `${f(edit.analyze.median)} ms`,
    pass: edit.analyze.median <= BUDGET.editMs,
  });
  if (completion) {
    budgets.push({
      budget: `completion per keystroke <= ${BUDGET.completionMs} ms median (10 KB, warm)`,
      value: `${f(completion.median_ms)} ms (p95 ${f(completion.p95_ms)}; first call of a context ${f(completion.first_ms, 1)} ms)`,
      pass: completion.median_ms <= BUDGET.completionMs,
    });
  }

  const result = {
    cases: out.map((c) => ({
      name: c.name,
      bytes: c.bytes,
      floor_ms: c.floor_ms,
      analyze_ms: c.analyze_ms,
      anchor_ms: c.anchor_ms,
      floor_p95_ms: c.floor_p95_ms,
      analyze_p95_ms: c.analyze_p95_ms,
      anchor_p95_ms: c.anchor_p95_ms,
      iterations: c.iterations,
      kind: c.kind,
      findings: c.findings,
      ...(c.skipped ? { skipped: c.skipped } : {}),
      ...(c.notes.length ? { notes: c.notes } : {}),
      ...(c.pass !== null ? { pass: c.pass } : {}),
    })),
    yaml: yamlOut ?? null,
    activation_ms: act.ms,
    bundle_bytes: bundleBytes,
    engine_bytes: engineBytes,
    iam_data_bytes: iamBytes,
    iam_data_load_ms: iamLoad.ms,
    edit_ms: edit.analyze.median,
    completion: completion ?? null,
    edit: {
      edits_per_round: edit.edits,
      rounds: edit.rounds,
      bytes: edit.bytes,
      floor_ms: edit.floor.median,
      floor_p95_ms: edit.floor.p95,
      analyze_ms: edit.analyze.median,
      analyze_p95_ms: edit.analyze.p95,
      anchor_ms: edit.anchor?.median ?? null,
      anchor_p95_ms: edit.anchor?.p95 ?? null,
    },
    activation: act,
    iam_data_load: iamLoad,
    memory_10mb: mem,
    budgets,
    environment: {
      load_average_1m: [Number(loadBefore.toFixed(2)), Number(loadavg()[0].toFixed(2))],
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      schema: anchor.schema ? 'schemas/policy.schema.json' : null,
      iam: iamNote,
      quick: QUICK,
    },
    wall_s: (performance.now() - started) / 1000,
  };

  if (SAVE) writeFileSync(SAVE, JSON.stringify(result, null, 2) + '\n');
  if (JSON_OUT) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }

  const rows: string[][] = [['case', 'size', 'floor ms (p95)', 'analyze ms (p95)', 'anchor ms (p95)', 'an/floor', 'an/anchor', 'n', 'budget', '']];
  for (const c of out) {
    rows.push([
      c.name,
      kb(c.bytes),
      `${f(c.floor_ms)} (${f(c.floor_p95_ms)})`,
      `${f(c.analyze_ms)} (${f(c.analyze_p95_ms)})`,
      `${f(c.anchor_ms)} (${f(c.anchor_p95_ms)})`,
      r2(ratio(c.analyze_ms, c.floor_ms)),
      r2(ratio(c.analyze_ms, c.anchor_ms)),
      String(c.iterations),
      c.budget,
      mark(c.pass),
    ]);
  }
  rows.push([
    `edit loop (${edit.rounds}x${edit.edits} edits, per edit)`,
    kb(edit.bytes),
    `${f(edit.floor.median)} (${f(edit.floor.p95)})`,
    `${f(edit.analyze.median)} (${f(edit.analyze.p95)})`,
    edit.anchor ? `${f(edit.anchor.median)} (${f(edit.anchor.p95)})` : '—',
    r2(ratio(edit.analyze.median, edit.floor.median)),
    r2(ratio(edit.analyze.median, edit.anchor?.median ?? null)),
    String(edit.analyze.n),
    `<=${BUDGET.editMs} ms`,
    mark(edit.analyze.median <= BUDGET.editMs),
  ]);
  console.log(table(rows));
  if (yamlOut) {
    const y = yamlOut.template;
    const st = (x: Stats | null): string => (x ? `${f(x.median, 1)} (${f(x.p95, 1)})` : '—');
    console.log(
      `\nCloudFormation YAML ${kb(y.bytes)} (${y.sites} policy sites, ${y.findings} findings), ms median (p95): yaml parseDocument ${st(y.parse)}; ` +
        `the front end's parse (intrinsic tags declared) ${st(y.parse_frontend)}; analyzeDocument ${st(y.analyze)} = ${r2(y.ratio)} the parse; ` +
        `template view from the text (first hover or Fill of a worker-analysed template) ${st(y.view)}; ` +
        `yaml-language-server doValidation (no schema, intrinsics as custom tags; ${y.yamlls_diagnostics} diagnostics) ${st(y.yamlls)}: analyzeDocument = ${r2(y.vs_yamlls)} of it`,
    );
    for (const s of yamlOut.smaller)
      console.log(
        `CloudFormation YAML ${kb(s.bytes)} (${s.sites} sites, ${s.findings} findings): yaml parseDocument ${st(s.parse)}; analyzeDocument ${st(s.analyze)} = ${r2(s.ratio)} the parse; ` +
          `yaml-language-server ${st(s.yamlls)} (${s.yamlls_diagnostics} diagnostics): analyzeDocument = ${r2(s.vs_yamlls)} of it`,
      );
    const n = yamlOut.notTemplate;
    console.log(
      `YAML ${kb(n.bytes)} not a template (Kubernetes): plain scan ${f(n.scan?.median ?? null)} ms, analyzeDocument ${f(n.analyze?.median ?? null)} ms (${n.kind}) = ${r2(n.ratio)}`,
    );
  }
  if (completion)
    console.log(
      `\ncompletion (10 KB policy, per call): ${completion.contexts.map((c) => `${c.name} ${c.items} items ${f(c.median_ms)} ms (first ${f(c.first_ms, 1)} ms)`).join('; ')}`,
    );
  const notes = out.filter((c) => c.notes.length).map((c) => `  ${c.name}: ${c.notes.join('; ')}`);
  if (notes.length) console.log(`\nNotes:\n${notes.join('\n')}`);
  console.log('');
  console.log(table([['budget', 'measured', ''], ...budgets.map((b) => [b.budget, b.value, mark(b.pass)])]));
  console.log('');
  if (act.ms !== null)
    console.log(
      `activation: load ${f(act.load_ms, 1)} ms + activate() ${f(act.activate_ms, 1)} ms (median of ${act.samples} fresh processes; CPU time ${f(act.cpu_ms, 1)} ms); ${act.registrations} registrations, ${act.subscriptions} subscriptions; file reads in activate(): ${act.reads?.length ? act.reads.join(', ') : 'none'}`,
    );
  if (iamLoad.ms !== null)
    console.log(
      `IAM data first load: read ${f(iamLoad.read_ms, 1)} ms + ${iamLoad.parser} ${f(iamLoad.parse_ms, 1)} ms (median of ${iamLoad.samples} fresh processes)`,
    );
  if (mem.analyze && mem.floor) {
    console.log(
      `memory, 10 MB non-policy in a fresh process: analyze peak RSS ${kb(mem.analyze.max_rss)} (before ${kb(mem.analyze.max_rss_before)}; ${mem.analyze.result}, ${f(mem.analyze.ms)} ms); parseTree alone peak RSS ${kb(mem.floor.max_rss)} (${f(mem.floor.ms, 1)} ms)`,
    );
  } else if (mem.error) console.log(`memory: ${mem.error}`);
  console.log(
    `environment: node ${process.version}, ${result.environment.platform}, 1-minute load average ${result.environment.load_average_1m.join(' -> ')} on ${cpus().length} cores; ${result.environment.iam}; anchor schema: ${result.environment.schema ?? 'none (syntax only)'}; wall ${result.wall_s.toFixed(1)} s`,
  );
}

main()
  .catch((err) => {
    log(String(err?.stack ?? err));
    process.exitCode = 1;
  })
  .finally(cleanupChildren);
