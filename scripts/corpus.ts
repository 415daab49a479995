// `npx tsx scripts/corpus.ts [--all] [--rule ID]`: analyse every AWS managed policy (the accuracy corpus of
// test/unit/corpus) and print the findings: errors and warnings by default, every severity with --all.
import { analyseCorpus, managedPolicies } from '../test/unit/corpus/managed-policies';

const args = process.argv.slice(2);
const all = args.includes('--all');
const ruleAt = args.indexOf('--rule');
const rule = ruleAt >= 0 ? args[ruleAt + 1] : undefined;
const policies = managedPolicies();
const t0 = performance.now();
const found = analyseCorpus(policies);
const ms = performance.now() - t0;
const counts = new Map<string, number>();
for (const { policy, finding: f, excerpt, path } of found) {
  const key = `${f.severity} ${f.rule}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
  if (rule && f.rule !== rule) continue;
  if (!all && !rule && f.severity !== 'error' && f.severity !== 'warning') continue;
  console.log(`${policy}\t${f.severity}\t${f.rule}\t${path}\t${excerpt.slice(0, 120).replace(/\s+/g, ' ')}\t${f.message.slice(0, 200)}`);
}
console.log(`\n${policies.length} policies in ${ms.toFixed(0)} ms`);
for (const [k, n] of [...counts].sort()) console.log(`${String(n).padStart(6)}  ${k}`);
