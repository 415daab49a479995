// `npm run package`: builds the installable .vsix with @vscode/vsce (after `npm run build`, see package.json).
// What goes in is decided by .vscodeignore (an allow-list: bundled code, IAM data + licence, snippets, schemas, icon,
// README, CHANGELOG, LICENSE); test/unit/package-vsix.test.ts unpacks the result and checks it.
// Usage: node scripts/package.mjs [--out <file.vsix>] [--allow-missing-docs] [--quiet]
//   --out                 where to write it (default: <name>-<version>.vsix in the repository root; *.vsix is gitignored)
//   --allow-missing-docs  if README.md or CHANGELOG.md is missing, package a temporary copy of the tree with a
//                         placeholder in its place (tests only; the repository is never touched)
//   --quiet               print only the result line
// Exported: packageVsix(options) -> { file, bytes, ms }.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vsceBin = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');

/** Files the bundle must have before packaging (built by `npm run build`). */
export const BUILT_FILES = [
  'dist/extension.js',
  'dist/analysis-worker.js',
  'dist/web/extension.js',
  'dist/iam-data.json',
  'dist/iam-data.LICENSE.txt',
  'dist/web-tree-sitter.wasm',
  'dist/web-tree-sitter.LICENSE.txt',
  'dist/tree-sitter-terraform.wasm',
  'dist/tree-sitter-terraform.LICENSE.txt',
];
const DOCS = ['README.md', 'CHANGELOG.md'];
/** Never copied into the temporary tree (large, or not part of the extension). */
const COPY_SKIP = new Set(['node_modules', '.git', 'out', '.scratch', '.bench', '.vscode-test', 'tmp', 'examples', 'bench', 'test']);

export function defaultVsixPath() {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  return join(repoRoot, `${pkg.name}-${pkg.version}.vsix`);
}

/**
 * @param {{ out?: string, allowMissingDocs?: boolean, quiet?: boolean }} [o]
 * @returns {{ file: string, bytes: number, ms: number, staged: boolean }}
 */
export function packageVsix(o = {}) {
  const started = Date.now();
  const out = resolve(o.out ?? defaultVsixPath());
  const missingBuild = BUILT_FILES.filter((f) => !existsSync(join(repoRoot, f)));
  if (missingBuild.length) throw new Error(`missing ${missingBuild.join(', ')}: run \`npm run build\` first`);
  if (!existsSync(vsceBin)) throw new Error(`${relative(repoRoot, vsceBin)} not found: run \`npm ci\` (devDependency @vscode/vsce)`);

  const missingDocs = DOCS.filter((f) => !existsSync(join(repoRoot, f)));
  let cwd = repoRoot;
  let staging;
  if (missingDocs.length) {
    if (!o.allowMissingDocs) throw new Error(`missing ${missingDocs.join(', ')} (vsce needs them in the package)`);
    // A temporary copy of the tree (no node_modules, tests or examples), with placeholders for the missing docs.
    staging = mkdtempSync(join(tmpdir(), 'cleanrooms-iam-package-'));
    cpSync(repoRoot, staging, {
      recursive: true,
      filter: (src) => {
        const rel = relative(repoRoot, src);
        return rel === '' || (!COPY_SKIP.has(rel.split(/[\\/]/)[0]) && !rel.endsWith('.vsix'));
      },
    });
    for (const f of missingDocs) writeFileSync(join(staging, f), `# ${f.replace('.md', '')}\n\nPlaceholder written by scripts/package.mjs for a test run.\n`);
    cwd = staging;
  }
  try {
    // --no-dependencies: the bundles carry their dependencies; nothing from node_modules belongs in the package.
    const r = spawnSync(process.execPath, [vsceBin, 'package', '--no-dependencies', '--out', out], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    if (r.error) throw r.error;
    if (r.status !== 0 || !existsSync(out)) throw new Error(`vsce package failed (exit ${r.status}):\n${output}`);
    if (!o.quiet) process.stdout.write(output);
    const bytes = statSync(out).size;
    return { file: out, bytes, ms: Date.now() - started, staged: !!staging };
  } finally {
    if (staging) rmSync(staging, { recursive: true, force: true });
  }
}

function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') o.out = argv[++i];
    else if (a === '--allow-missing-docs') o.allowMissingDocs = true;
    else if (a === '--quiet') o.quiet = true;
    else throw new Error(`unknown option ${a} (usage: node scripts/package.mjs [--out file.vsix] [--allow-missing-docs] [--quiet])`);
  }
  return o;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const r = packageVsix(parseArgs(process.argv.slice(2)));
    console.log(`[package] ${relative(process.cwd(), r.file) || r.file}: ${(r.bytes / 1024).toFixed(1)} KB in ${(r.ms / 1000).toFixed(1)} s`);
  } catch (e) {
    console.error(`[package] ${e.message}`);
    process.exit(1);
  }
}
