// The mutation score per folder and per file, from Stryker's JSON report (reports/mutation/mutation.json, the
// mutation-testing-report schema), as a Markdown table (docs/testing.md quotes it).
//   node scripts/mutation-scores.mjs [--report <path>] [folder-or-file ...]
// score = (killed + timeout) / (killed + timeout + survived + no coverage). Ignored mutants (static ones, under
// "ignoreStatic") and mutants a Stryker disable comment turns off are not counted; compile errors neither. A folder is
// src/<name> (src/analysis/rules/arn.ts counts in src/analysis). Arguments keep only the files under them.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Count the statuses of one file's mutants. */
export function countFile(mutants) {
  const c = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 };
  for (const m of mutants) {
    if (m.status === 'Killed') c.killed++;
    else if (m.status === 'Timeout') c.timeout++;
    else if (m.status === 'Survived') c.survived++;
    else if (m.status === 'NoCoverage') c.noCoverage++;
    else c.ignored++; // Ignored, CompileError, RuntimeError, Pending
  }
  return c;
}

/** The score in percent, or undefined when no mutant counts. */
export function score(c) {
  const detected = c.killed + c.timeout;
  const total = detected + c.survived + c.noCoverage;
  return total === 0 ? undefined : (100 * detected) / total;
}

/** The folder a file counts in: src/<name>. */
export function folderOf(file) {
  const parts = file.split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : dirname(file);
}

/** Rows per folder (then its files), for the files under any of `only` (all when empty). */
export function scoreTable(report, only = []) {
  const keep = (f) => only.length === 0 || only.some((o) => f === o || f.startsWith(o.endsWith('/') ? o : `${o}/`));
  const files = Object.keys(report.files ?? {})
    .filter(keep)
    .sort();
  const folders = new Map();
  for (const f of files) {
    const c = countFile(report.files[f].mutants ?? []);
    const folder = folderOf(f);
    const entry = folders.get(folder) ?? { name: folder, counts: countFile([]), files: [] };
    for (const k of Object.keys(c)) entry.counts[k] += c[k];
    entry.files.push({ name: f, counts: c });
    folders.set(folder, entry);
  }
  return [...folders.values()];
}

const pct = (c) => {
  const s = score(c);
  return s === undefined ? 'n/a' : `${s.toFixed(1)}%`;
};
const row = (name, c) => `| ${name} | ${pct(c)} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} | ${c.ignored} |`;

/** The Markdown table. */
export function formatTable(folders) {
  const lines = ['| Folder / file | Score | Killed | Timeout | Survived | No coverage | Ignored |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const f of folders) {
    lines.push(row(`**${f.name}**`, f.counts).replace(/\| ([^|]+%|n\/a) \|/, (m, s) => `| **${s}** |`));
    for (const file of f.files) lines.push(row(`${file.name}`, file.counts));
  }
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let reportPath = join(root, 'reports', 'mutation', 'mutation.json');
  const only = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--report') reportPath = resolve(args[++i] ?? '');
    else only.push(args[i].replace(/\\/g, '/').replace(/^\.\//, ''));
  }
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch (e) {
    console.error(`mutation-scores: cannot read ${reportPath}: ${e instanceof Error ? e.message : String(e)} (run npm run test:mutation first)`);
    process.exit(1);
  }
  const folders = scoreTable(report, only);
  if (!folders.length) {
    console.error(`mutation-scores: no file of the report is under ${only.join(', ')}`);
    process.exit(1);
  }
  console.log(formatTable(folders));
}
