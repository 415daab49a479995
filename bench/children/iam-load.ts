// Child process: the first load of the IAM reference data in a fresh process: read dist/iam-data.json and
// parseIamIndex() it. argv: <iam-data.json> [<bundled src/iam-data module>] (without the module: JSON.parse).
// Prints one JSON line: {module_ms, read_ms, parse_ms, total_ms, bytes, parser}.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [file, modulePath] = process.argv.slice(2) as [string, string | undefined];
const m0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mod = modulePath ? (require(modulePath) as { parseIamIndex?: (text: string) => unknown }) : {};
const parse = mod.parseIamIndex;
const t0 = performance.now();
const text = readFileSync(file, 'utf8');
const t1 = performance.now();
const index = parse ? parse(text) : JSON.parse(text);
const t2 = performance.now();
if (!index) throw new Error('no index');
process.stdout.write(
  JSON.stringify({
    module_ms: t0 - m0,
    read_ms: t1 - t0,
    parse_ms: t2 - t1,
    total_ms: t2 - t0,
    bytes: Buffer.byteLength(text),
    parser: parse ? 'parseIamIndex' : 'JSON.parse',
  }) + '\n',
);
