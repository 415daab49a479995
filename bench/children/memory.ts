// Child process: peak memory of one case in a fresh process. Mode `analyze` runs analyze(); mode `floor` runs
// jsonc-parser parseTree alone (what analysing the document without the size limit would at least cost).
// The text is read from a file the parent wrote, so generating it does not count. Prints one JSON line: {rss_before, rss_after, heap_used_after, max_rss, ms, result}.
import { performance } from 'node:perf_hooks';
import { parseTree } from 'jsonc-parser';
import { analyze } from '../../src/analysis';
import { readFileSync } from 'node:fs';

const mode = process.argv[2] ?? 'analyze';
const text = readFileSync(process.argv[3], 'utf8');
(globalThis as { gc?: () => void }).gc?.();
const before = process.memoryUsage();
const maxBefore = process.resourceUsage().maxRSS * 1024;
const t0 = performance.now();
let result: string;
if (mode === 'floor') {
  const root = parseTree(text, []);
  result = `parsed ${root?.children?.length ?? 0} items`;
} else {
  const r = analyze(text);
  result = `kind=${r.kind} skipped=${r.skipped ?? ''} findings=${r.findings.length}`;
}
const ms = performance.now() - t0;
const after = process.memoryUsage();
process.stdout.write(
  JSON.stringify({
    mode,
    bytes: text.length,
    rss_before: before.rss,
    max_rss_before: maxBefore,
    rss_after: after.rss,
    heap_used_after: after.heapUsed,
    max_rss: process.resourceUsage().maxRSS * 1024,
    ms,
    result,
  }) + '\n',
);
