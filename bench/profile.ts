// Profile analyze() on one bench case: `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts "policy 10 KB" [seconds]`
// then summarise with `npx tsx bench/profile-summary.ts /tmp/prof/*.cpuprofile`.
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine } from './engine';
import type { AnalyzeOptions } from '../src/analysis/types';
import { editSequence, generatePolicy, sizedCases, templateCases } from './cases';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const name = process.argv[2] ?? 'policy 10 KB';
  const seconds = Number(process.argv[3] ?? 5);
  // Not minified, so the profile shows function names.
  const { analyze, parseIamIndex } = loadEngine(ROOT, { minify: false });
  const options: AnalyzeOptions = {};
  const iamFile = join(ROOT, 'dist', 'iam-data.json');
  if (existsSync(iamFile) && parseIamIndex) options.iam = parseIamIndex(readFileSync(iamFile, 'utf8'));
  const texts =
    name === 'edit loop'
      ? Array.from({ length: 20 }, (_, i) => editSequence(generatePolicy(10 * 1024, 10), 200, 5000 + i)).flat()
      : name === 'policy 10 KB'
        ? [generatePolicy(10 * 1024, 10)]
        : name === 'policy 100 KB'
          ? [generatePolicy(100 * 1024, 100)]
          : name === 'templates'
            ? templateCases().map((c) => c.text)
            : [[...templateCases(), ...sizedCases()].find((c) => c.name === name)?.text ?? ''];
  if (!texts[0]) throw new Error(`no case named ${name}`);
  const end = performance.now() + seconds * 1000;
  let n = 0;
  while (performance.now() < end) analyze(texts[n++ % texts.length], options);
  process.stderr.write(`${n} analyses of ${name}\n`);
}

void main();
