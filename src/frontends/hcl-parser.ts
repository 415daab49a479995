// Loads tree-sitter's HCL grammar for Terraform (web-tree-sitter, WASM: the same parser runs in Node and in the
// browser build). Loading is asynchronous (WebAssembly); parsing after that is synchronous, as the engine is.
// The two .wasm files ship in dist/ (esbuild.mjs copies them). Node (the CLI, the extension's Node build, the tests) may
// pass their file paths; the browser build passes their bytes, read by the adapter from the extension's URI
// (src/vscode/node-worker.web.ts), since a web extension host has no file system and the shipped code fetches nothing.
import { Language, Parser } from 'web-tree-sitter';
import type { HclParser } from './terraform';

export interface HclWasmFiles {
  /** web-tree-sitter's runtime (web-tree-sitter.wasm): a file path (Node) or the file's bytes. */
  runtime: string | Uint8Array;
  /** The Terraform grammar (tree-sitter-terraform.wasm, from @tree-sitter-grammars/tree-sitter-hcl): a path or its bytes. */
  grammar: string | Uint8Array;
}

/** The files themselves, or a function that reads them (called once, on the first load). */
export type HclWasmSource = HclWasmFiles | (() => Promise<HclWasmFiles>);

export const HCL_WASM_NAMES = { runtime: 'web-tree-sitter.wasm', grammar: 'tree-sitter-terraform.wasm' } as const;

let loading: Promise<HclParser> | undefined;

/**
 * A copy in this realm's Uint8Array: Language.load tells bytes from a path with `instanceof Uint8Array`, which bytes made
 * in another realm (the extension host's file system API, a test's sandbox) fail, and it would then try to load a URL.
 */
const ownBytes = (b: Uint8Array): Uint8Array => new Uint8Array(b);

/** The parser, loaded once per process (later calls share the first load; a failed load is tried again next time). */
export function loadHclParser(source: HclWasmSource): Promise<HclParser> {
  loading ??= (async () => {
    const files = typeof source === 'function' ? await source() : source;
    const { runtime, grammar } = files;
    // Emscripten's own messages (print/printErr) would go to stdout/stderr; a failure is reported by the caller.
    // Given the runtime's bytes (wasmBinary), Emscripten instantiates them and reads nothing by name.
    await Parser.init({
      ...(typeof runtime === 'string' ? { locateFile: () => runtime } : { locateFile: () => HCL_WASM_NAMES.runtime, wasmBinary: ownBytes(runtime) }),
      print: () => undefined,
      printErr: () => undefined,
    });
    const language = await Language.load(typeof grammar === 'string' ? grammar : ownBytes(grammar));
    const parser = new Parser();
    parser.setLanguage(language);
    return { parse: (text: string) => parser.parse(text) };
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}
