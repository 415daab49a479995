// Bundles the extension (Node and browser entries) and the CLI into dist/.
// Usage: node esbuild.mjs [--watch] [--dev]
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

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

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
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
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
].filter((b) => existsSync(b.entryPoints[0]));

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
