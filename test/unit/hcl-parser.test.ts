// The Terraform parser's loading (src/frontends/hcl-parser.ts) from bytes, as the browser build does it (the adapter
// reads the two WebAssembly files from the extension's URI and passes their bytes). The parser is loaded once per
// process, so each case runs in a child process of its own, where file reads of .wasm files throw once the bytes are in
// hand: a pass proves that nothing was read by name.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const RUNTIME = join(ROOT, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm');
const GRAMMAR = join(ROOT, 'node_modules', '@tree-sitter-grammars', 'tree-sitter-hcl', 'tree-sitter-terraform.wasm');

/** Runs `body` (TypeScript, an async function's body) in a child process with `load` (loadHclParser), `bytes(path)`, `foreign(bytes)`. */
function child(dir: string, body: string): unknown {
  const file = join(dir, `case-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(
    file,
    `import fs = require('node:fs');
import fsp = require('node:fs/promises');
import { syncBuiltinESMExports } from 'node:module';
import * as vm from 'node:vm';
import { loadHclParser as load } from ${JSON.stringify(join(ROOT, 'src', 'frontends', 'hcl-parser.ts'))};
const bytes = (p: string): Uint8Array => new Uint8Array(fs.readFileSync(p));
/** The same bytes in another realm's Uint8Array (as the extension host's file system API may hand them over). */
const foreign = (b: Uint8Array): Uint8Array => { const u = vm.runInNewContext('new Uint8Array(' + b.length + ')') as Uint8Array; u.set(b); return u; };
const runtime = bytes(${JSON.stringify(RUNTIME)});
const grammar = bytes(${JSON.stringify(GRAMMAR)});
const noWasm = (what: string) => (p: unknown, ...rest: unknown[]) => { if (String(p).endsWith('.wasm')) throw new Error(what + ' read ' + String(p)); return (orig as any)[what](p, ...rest); };
const orig = { readFileSync: fs.readFileSync, readFile: fsp.readFile };
(fs as any).readFileSync = noWasm('readFileSync');
(fsp as any).readFile = noWasm('readFile');
syncBuiltinESMExports();
const tf = 'resource "aws_iam_role" "r" {\\n  assume_role_policy = jsonencode({ Version = "2012-10-17" })\\n}\\n';
const shape = (p: { parse(t: string): any }) => { const root = p.parse(tf)!.rootNode; return { type: root.type, error: root.hasError, text: root.text === tf }; };
void (async () => { ${body} })().then((out) => process.stdout.write(JSON.stringify(out)));
`,
  );
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })) as unknown;
}

describe('hcl-parser: the Terraform parser loads from the WebAssembly files’ bytes (the browser build’s way)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'cleanrooms-hcl-parser-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('given both files as bytes, it parses Terraform and reads no .wasm file by name', () => {
    assert.deepEqual(child(dir, 'return shape(await load({ runtime, grammar }));'), { type: 'config_file', error: false, text: true });
  });

  it('given a loader function whose bytes come from another realm, it calls it once and parses', () => {
    const out = child(
      dir,
      `let calls = 0;
      const read = async () => (calls++, { runtime: foreign(runtime), grammar: foreign(grammar) });
      const [a, b] = await Promise.all([load(read), load(read)]);
      return { same: a === b, calls, ...shape(a) };`,
    );
    assert.deepEqual(out, { same: true, calls: 1, type: 'config_file', error: false, text: true });
  });

  it('bad bytes reject with an error, and the next load (with good bytes) succeeds', () => {
    const out = child(
      dir,
      `const bad = await load({ runtime, grammar: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 9]) }).then(() => 'loaded', (e: unknown) => 'rejected');
      const good = shape(await load({ runtime, grammar }));
      return { bad, ...good };`,
    );
    assert.deepEqual(out, { bad: 'rejected', type: 'config_file', error: false, text: true });
  });

  it('the guard bites: given the grammar as a path, the read of the .wasm file is refused', () => {
    const out = child(dir, `return load({ runtime, grammar: ${JSON.stringify(GRAMMAR)} }).then(() => 'loaded', (e: unknown) => String((e as Error).message));`);
    assert.match(String(out), /read .*tree-sitter-terraform\.wasm/);
  });
});
