// Where analyze() spends its time, by stage: `npx tsx bench/families.ts ["policy 10 KB"|"policy 100 KB"|templates|"edit loop"]`.
// Times parse (jsonc-parser parseTree), the whole analyze(), and each rule family's check() (by wrapping it).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalyzeOptions } from '../src/analysis/types';
import { editSequence, generatePolicy, templateCases } from './cases';
import { loadEngine } from './engine';
import { stats } from './measure';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2] ?? 'policy 10 KB';
const engine = loadEngine(ROOT);
const options: AnalyzeOptions = {};
const iamFile = join(ROOT, 'dist', 'iam-data.json');
if (existsSync(iamFile) && engine.parseIamIndex) options.iam = engine.parseIamIndex(readFileSync(iamFile, 'utf8'));

const texts =
  name === 'edit loop'
    ? editSequence(generatePolicy(10 * 1024, 10), 200, 77)
    : name === 'templates'
      ? templateCases().map((c) => c.text)
      : name.startsWith('template ')
        ? [templateCases().find((c) => c.name === name)!.text]
        : [generatePolicy(name === 'policy 100 KB' ? 100 * 1024 : 10 * 1024, name === 'policy 100 KB' ? 100 : 10)];

const perFamily = new Map<string, number[]>();
let current: Map<string, number> = new Map();
for (const fam of engine.families) {
  const orig = fam.check.bind(fam);
  perFamily.set(fam.name, []);
  fam.check = (ctx) => {
    const t0 = performance.now();
    try {
      orig(ctx);
    } finally {
      current.set(fam.name, (current.get(fam.name) ?? 0) + performance.now() - t0);
    }
  };
}
const parse: number[] = [];
const total: number[] = [];
const rounds = Math.max(20, Math.floor(4000 / texts.length));
for (let r = 0; r < rounds; r++) {
  for (const t of texts) {
    current = new Map();
    let t0 = performance.now();
    engine.parseTree(t, []);
    const p = performance.now() - t0;
    t0 = performance.now();
    engine.analyze(t, options);
    const a = performance.now() - t0;
    if (r < 3) continue; // warm-up
    parse.push(p);
    total.push(a);
    for (const [k, v] of current) perFamily.get(k)!.push(v);
  }
}
const fmt = (xs: number[]): string => `${stats(xs).median.toFixed(4)} ms`;
console.log(`${name}: ${texts.length} text(s), ${total.length} samples, IAM index ${options.iam ? 'on' : 'off'}`);
console.log(`  parseTree (floor)   ${fmt(parse)}`);
console.log(`  analyze (total)     ${fmt(total)}`);
for (const [k, v] of perFamily) console.log(`  family ${k.padEnd(12)} ${fmt(v)}`);
