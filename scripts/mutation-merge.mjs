// Merge StrykerJS reports (the JSON report or the incremental file, same schema) made by runs over different parts of
// src/, so that the whole engine can be measured in parts (`npm run test:mutation -- --mutate 'src/evaluate/**/*.ts'`
// with its own incremental file) and the parts joined into reports/mutation/stryker-incremental.json. A full
// `npm run test:mutation` then reuses every unchanged mutant's result and writes the complete report.
//
//   node scripts/mutation-merge.mjs <out.json> <in.json>...
//
// Test and mutant ids are unique only within one report, so every mutant's coveredBy/killedBy ids are mapped to one
// id per test (a test is its file and name, as Stryker's incremental differ keys it). A source file that two inputs
// both cover is taken from the later input (its mutants were tested more recently).
import { readFileSync, writeFileSync } from 'node:fs';

/** @param {object[]} reports Stryker reports (mutation-testing-report-schema), earliest first */
export function mergeReports(reports) {
  const out = { ...reports[reports.length - 1], files: {}, testFiles: {} };
  const idByKey = new Map();
  const testsByFile = new Map();
  const keyOf = (file, test) => `${file}\0${test.name}`;
  for (const report of reports) {
    const local = new Map();
    for (const [file, tf] of Object.entries(report.testFiles ?? {})) {
      let entry = testsByFile.get(file);
      if (!entry) testsByFile.set(file, (entry = { source: tf.source, tests: [] }));
      else if (tf.source !== undefined) entry.source = tf.source;
      for (const test of tf.tests) {
        const key = keyOf(file, test);
        let id = idByKey.get(key);
        if (id === undefined) {
          id = String(idByKey.size);
          idByKey.set(key, id);
          entry.tests.push({ ...test, id });
        }
        local.set(test.id, id);
      }
    }
    const remap = (ids) => ids?.map((id) => local.get(id)).filter((id) => id !== undefined);
    for (const [file, f] of Object.entries(report.files ?? {})) {
      out.files[file] = { ...f, mutants: f.mutants.map((m) => ({ ...m, coveredBy: remap(m.coveredBy), killedBy: remap(m.killedBy) })) };
    }
  }
  for (const [file, entry] of testsByFile) out.testFiles[file] = entry;
  // A test file whose source changed between inputs keeps the later source; tests the later run no longer has stay
  // listed (the incremental differ drops tests it cannot find in the current source).
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [outPath, ...inputs] = process.argv.slice(2);
  if (!outPath || inputs.length === 0) {
    console.error('usage: node scripts/mutation-merge.mjs <out.json> <in.json>...');
    process.exit(2);
  }
  const merged = mergeReports(inputs.map((p) => JSON.parse(readFileSync(p, 'utf8'))));
  writeFileSync(outPath, JSON.stringify(merged));
  const mutants = Object.values(merged.files).reduce((n, f) => n + f.mutants.length, 0);
  console.log(`${outPath}: ${Object.keys(merged.files).length} files, ${mutants} mutants, ${Object.keys(merged.testFiles).length} test files`);
}
