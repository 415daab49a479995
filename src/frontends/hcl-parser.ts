// Loads tree-sitter's HCL grammar for Terraform (web-tree-sitter, WASM: the same parser runs in Node and in the
// browser build). Loading is asynchronous (WebAssembly); parsing after that is synchronous, as the engine is.
// The two .wasm files ship in dist/ (esbuild.mjs copies them); from the sources they are read from node_modules.
import { Language, Parser } from 'web-tree-sitter';
import type { HclParser } from './terraform';

export interface HclWasmFiles {
  /** web-tree-sitter's runtime (web-tree-sitter.wasm). */
  runtime: string;
  /** The Terraform grammar (tree-sitter-terraform.wasm, from @tree-sitter-grammars/tree-sitter-hcl). */
  grammar: string | Uint8Array;
}

export const HCL_WASM_NAMES = { runtime: 'web-tree-sitter.wasm', grammar: 'tree-sitter-terraform.wasm' } as const;

let loading: Promise<HclParser> | undefined;

/** The parser, loaded once per process (later calls share the first load). */
export function loadHclParser(files: HclWasmFiles): Promise<HclParser> {
  loading ??= (async () => {
    // Emscripten's own messages (print/printErr) would go to stdout/stderr; a failure is reported by the caller.
    await Parser.init({ locateFile: () => files.runtime, print: () => undefined, printErr: () => undefined });
    const language = await Language.load(files.grammar);
    const parser = new Parser();
    parser.setLanguage(language);
    return { parse: (text: string) => parser.parse(text) };
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}
