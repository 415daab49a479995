// Bundles the extension (Node and browser entries) and the CLI into dist/.
// Usage: node esbuild.mjs [--watch] [--dev]
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const watch = process.argv.includes('--watch');
const dev = process.argv.includes('--dev');

const common = {
  bundle: true,
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'external',
  logLevel: 'warning',
  target: 'es2022',
  // jsonc-parser's "main" is a UMD build whose internal require('./impl/…') calls esbuild cannot follow;
  // prefer the ESM build ("module") for the Node bundles too (the browser build sets its own mainFields).
  mainFields: ['module', 'main'],
};

/**
 * Lazy engine inside the extension bundles: every import from the adapter (src/vscode) into the engine (src/analysis,
 * src/catalog, src/evaluate, src/fill, src/frontends, src/iam-data, jsonc-parser and yaml) goes through a small stub whose exports are getters that require() the real
 * module on first use. esbuild wraps required modules in lazy initialisers, so loading the bundle (activation) does not
 * evaluate the engine: catalog templates, rule tables and the schema validator are built on the first policy
 * document, hover or command.
 * Node: the engine is a second file, dist/engine.js (`split`), which the stubs require() on first use, so activation only
 * loads and compiles the small adapter bundle. Browser: one file (the require() is resolved inside the bundle), since a
 * web extension host cannot require() another file.
 */
const ENGINE_MODULE = /[\\/]src[\\/](analysis|catalog|evaluate|fill|frontends|iam-data)[\\/]|[\\/]node_modules[\\/](jsonc-parser|yaml)[\\/]/;
const ADAPTER_MODULE = /[\\/]src[\\/]vscode[\\/]/;
const exportNamesCache = new Map();

async function exportNames(file, options) {
  let names = exportNamesCache.get(file);
  if (!names) {
    const r = await esbuild.build({
      entryPoints: [file],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: options.platform,
      mainFields: options.mainFields,
      external: ['vscode'],
      logLevel: 'silent',
      outdir: 'lazy-engine-probe',
    });
    names = Object.values(r.metafile.outputs).flatMap((o) => o.exports ?? []);
    exportNamesCache.set(file, names);
  }
  return names;
}

const ROOT = dirname(fileURLToPath(import.meta.url));
const ENGINE_FILE = './engine.js';
/** Engine modules the Node adapter bundle imports, by key (path relative to the repo), collected while it builds. */
const splitModules = new Map();

/** @type {(options: esbuild.BuildOptions & { split?: boolean }) => esbuild.Plugin} */
const lazyEngine = (options) => ({
  name: 'lazy-engine',
  setup(build) {
    if (options.split) build.onResolve({ filter: /^\.\/engine\.js$/ }, () => ({ path: ENGINE_FILE, external: true }));
    build.onResolve({ filter: /^(\.\.?\/|jsonc-parser$|yaml$)/ }, async (args) => {
      if (args.kind !== 'import-statement' || args.pluginData?.lazyEngine || !ADAPTER_MODULE.test(args.importer) || args.namespace !== 'file') return undefined;
      const real = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { lazyEngine: true } });
      if (real.errors.length || !ENGINE_MODULE.test(real.path)) return undefined;
      return { path: real.path, namespace: 'lazy-engine' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-engine' }, async (args) => {
      const names = await exportNames(args.path, options);
      const key = relative(ROOT, args.path).split(sep).join('/');
      if (options.split) splitModules.set(key, args.path);
      const target = options.split ? `require(${JSON.stringify(ENGINE_FILE)})[${JSON.stringify(key)}]` : `require(${JSON.stringify(args.path)})`;
      const lines = [
        'let real;',
        `const load = () => real || (real = ${target});`,
        "Object.defineProperty(exports, '__esModule', { value: true });",
        ...names.map((n) => `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: () => load()[${JSON.stringify(n)}] });`),
      ];
      return { contents: lines.join('\n'), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
});

/**
 * `yaml` resolves to its browser build in every bundle (and web-tree-sitter to its CommonJS build): the same code without Node's process.emitWarning (its only
 * Node dependency), so the engine bundles load where no Node built-in exists (the browser, and the web build's proof).
 */
const yamlBrowser = {
  name: 'yaml-browser',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: `${ROOT}/node_modules/yaml/browser/index.js` }));
    // web-tree-sitter's ESM build finds its files through import.meta.url, which a CommonJS bundle does not have.
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: `${ROOT}/node_modules/web-tree-sitter/web-tree-sitter.cjs` }));
    build.onLoad({ filter: /[\\/]web-tree-sitter[\\/]web-tree-sitter\.cjs$/ }, (args) => ({
      contents: withoutEvalOrFetch(readFileSync(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};

/**
 * web-tree-sitter is Emscripten output. Two of its paths are never taken here, and the shipped code must hold no eval
 * and no network call: EM_ASM/EM_JS snippets (`eval(func)`; tree-sitter's grammars have none) and loading the
 * WebAssembly by URL (`fetch`, or `XMLHttpRequest` in a web worker; the kit passes file paths, read with fs, in Node, and the files' bytes in the browser build). Both are replaced by a throw. The build fails
 * when a new web-tree-sitter no longer has exactly these, so that the patch is looked at again.
 */
function withoutEvalOrFetch(code) {
  const evals = code.match(/\beval\(func\)/g)?.length ?? 0;
  const fetches = code.match(/\bfetch\(/g)?.length ?? 0;
  const xhrs = code.match(/\bnew XMLHttpRequest\(\)/g)?.length ?? 0;
  if (evals !== 2 || fetches !== 3 || xhrs !== 2)
    throw new Error(`web-tree-sitter: expected 2 eval(func), 3 fetch( and 2 new XMLHttpRequest() to replace, found ${evals}, ${fetches} and ${xhrs}`);
  return (
    'function noEvalHere(){throw new Error("web-tree-sitter: EM_ASM code is not supported in this build")}\n' +
    'function noFetchHere(){throw new Error("web-tree-sitter: loading by URL is not supported in this build (no network)")}\n' +
    code
      .replace(/\beval\(func\)/g, 'noEvalHere()')
      .replace(/\bfetch\(/g, 'noFetchHere(')
      .replace(/\bnew XMLHttpRequest\(\)/g, 'noFetchHere()')
  );
}

/** Browser build: ./node-worker (worker threads) becomes ./node-worker.web (none). */
const webWorkerStub = {
  name: 'web-worker-stub',
  setup(build) {
    build.onResolve({ filter: /^\.\/node-worker$/ }, (args) => ({ path: `${args.resolveDir}/node-worker.web.ts` }));
  },
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    plugins: [yamlBrowser, lazyEngine({ platform: 'node', mainFields: common.mainFields, split: true })],
  },
  {
    ...common,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [webWorkerStub, yamlBrowser, lazyEngine({ platform: 'browser', mainFields: ['browser', 'module', 'main'] })],
  },
  {
    // The analysis worker thread of the Node build (large documents; src/vscode/logic/worker-client.ts).
    ...common,
    entryPoints: ['src/worker/analysis-worker.ts'],
    outfile: 'dist/analysis-worker.js',
    platform: 'node',
    format: 'cjs',
    plugins: [yamlBrowser],
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [yamlBrowser],
  },
].filter((b) => existsSync(b.entryPoints[0]));

/** dist/engine.js: every engine module the Node adapter bundle uses, exported by key (built after the adapter bundle). */
function engineBuild(outdir) {
  const entry = [...splitModules].map(([key, path]) => `exports[${JSON.stringify(key)}] = require(${JSON.stringify(path)});`).join('\n');
  return {
    ...common,
    stdin: { contents: entry, resolveDir: ROOT, sourcefile: 'engine-entry.js', loader: 'js' },
    outfile: `${outdir}/engine.js`,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    plugins: [yamlBrowser],
  };
}

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
  console.log('watching… (dist/engine.js is written by a full build, not watched)');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  if (splitModules.size) await esbuild.build(engineBuild(dirname(builds[0].outfile)));
  copyHclWasm();
}

/**
 * The Terraform parser (src/frontends/hcl-parser.ts) loads two WebAssembly files: web-tree-sitter's runtime (MIT) and
 * tree-sitter-hcl's Terraform grammar (Apache-2.0). They are copied into dist/ with their licences: the CLI and the Node
 * build read them there by path, the browser build reads them from the extension's dist/ through workspace.fs.
 */
function copyHclWasm() {
  const files = [
    ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'dist/web-tree-sitter.wasm'],
    ['node_modules/web-tree-sitter/LICENSE', 'dist/web-tree-sitter.LICENSE.txt'],
    ['node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm', 'dist/tree-sitter-terraform.wasm'],
    ['node_modules/@tree-sitter-grammars/tree-sitter-hcl/LICENSE', 'dist/tree-sitter-terraform.LICENSE.txt'],
  ];
  mkdirSync('dist', { recursive: true });
  for (const [from, to] of files) copyFileSync(join(ROOT, from), to);
}
