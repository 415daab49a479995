// `npm start`: the product on this machine, in one command.
//   1. builds (npm run build; skip with --no-build),
//   2. installs the tools from the recipe if missing (chromium, Node 24, code-server 4.139.1; cached in
//      $HOME/.cache/cleanrooms-iam-tools, see scripts/integration/provision.mjs),
//   3. starts code-server (VS Code's own server + workbench) on 127.0.0.1, port 8765 or the next free one,
//      with this repository loaded as the extension under development (extensionDevelopmentPath) and a fresh temp copy
//      of examples/ open (code-server autosaves: fixes applied in the session never change the repository; --in-place
//      opens examples/ itself), and prints the one URL to open in a browser (the folder open, the extension active).
// Edit, then `node esbuild.mjs` (or `npm run build`) and "Developer: Reload Window" in the browser picks up the new
// code without a restart; or Ctrl-C and `npm start` again. With --vsix the packaged .vsix is installed instead (what a
// user gets from the Marketplace; then the plain URL works too).
// Ctrl-C (SIGINT), SIGTERM or SIGHUP stops everything it started: code-server runs in its own process group, which is
// killed as a whole (extension host, file watcher, pty host…). User data and the examples copy live in temp dirs,
// removed on exit. Usage: see USAGE below (npm start -- --help).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { provision } from './integration/provision.mjs';
import { firstFreePort, groupAlive, installVsix, isOfflineNoise, launchCodeServer, makeDataDir, portFree, workbenchUrl } from './integration/code-server.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_PORT = 8765;
const USAGE = `Usage: npm start [-- --port N] [--no-build] [--vsix] [--folder DIR] [--in-place] [--verbose]
  --port N      listen on 127.0.0.1:N (default ${DEFAULT_PORT}, or the next free port)
  --no-build    use the current dist/ (default: npm run build first)
  --vsix        install the packaged .vsix instead of loading this repository in development mode
  --folder DIR  the folder to open (default examples/); a fresh temp copy of it is opened
  --in-place    open the folder itself, not a copy (autosave then writes your edits and fixes into it)
  --verbose     print code-server's output`;
const log = (msg) => console.log(`[start] ${msg}`);

/** A fresh copy of `folder` in a temp dir (what npm start opens, so autosaved fixes never touch the repository). */
export function freshCopy(folder, prefix = 'cleanrooms-iam-examples-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const target = join(dir, basename(folder));
  cpSync(folder, target, { recursive: true });
  return { dir, folder: target, remove: () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }) };
}

function parseArgs(argv) {
  const o = { port: undefined, build: true, vsix: false, folder: join(repoRoot, 'examples'), inPlace: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--port' || a.startsWith('--port=')) {
      o.port = Number(value());
      if (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535) throw new Error(`--port: not a port number`);
    } else if (a === '--no-build') o.build = false;
    else if (a === '--vsix') o.vsix = true;
    else if (a === '--folder' || a.startsWith('--folder=')) o.folder = resolve(value());
    else if (a === '--in-place') o.inPlace = true;
    else if (a === '--verbose') o.verbose = true;
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a} (try --help)`);
  }
  return o;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const started = Date.now();
  if (o.build) {
    log('building (npm run build)…');
    const b = spawnSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'inherit' });
    if (b.status !== 0) throw new Error(`npm run build failed (exit ${b.status ?? b.signal})`);
  }
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run build');
  if (!existsSync(o.folder)) throw new Error(`${o.folder} does not exist`);
  const tools = provision();

  const port = o.port ?? (await firstFreePort(DEFAULT_PORT));
  if (o.port !== undefined && !(await portFree(o.port)))
    throw new Error(`port ${o.port} is in use (leave --port out to take the next free one from ${DEFAULT_PORT})`);
  if (o.port === undefined && port !== DEFAULT_PORT) log(`port ${DEFAULT_PORT} is in use: using ${port}`);

  const data = makeDataDir('cleanrooms-iam-start-');
  // A fresh copy of the folder each start: code-server autosaves, and fixes applied in the session must not change the
  // repository (the next start would no longer show the mistakes).
  const copy = o.inPlace ? undefined : freshCopy(o.folder);
  const folder = copy?.folder ?? o.folder;
  let server;
  let cleaning = false;
  const cleanup = async (why, code) => {
    if (cleaning) return;
    cleaning = true;
    if (why) log(`${why}: stopping code-server…`);
    await server?.stop().catch(() => {});
    data.remove();
    copy?.remove();
    if (why) log('stopped.');
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => cleanup(sig, 0));
  // Last resort if this process dies on an exception: no orphaned code-server.
  process.on('exit', () => {
    if (server && groupAlive(server.pid)) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  });

  try {
    if (o.vsix) {
      const { packageVsix } = await import('./package.mjs');
      const vsixFile = join(data.dir, 'extension.vsix');
      const p = packageVsix({ out: vsixFile, quiet: true });
      log(`packaged ${(p.bytes / 1024).toFixed(0)} KB; installing into a fresh extensions folder…`);
      installVsix(tools, data, vsixFile);
    }
    server = await launchCodeServer({
      tools,
      data,
      port,
      smokeTestDriver: !o.vsix,
      onOutput: (s) => {
        if (!o.verbose) return;
        for (const line of s.split('\n')) if (line.trim() && !isOfflineNoise(line)) console.log(`[code-server] ${line}`);
      },
    });
  } catch (e) {
    console.error(`[start] ${e.message}`);
    return cleanup(undefined, 1);
  }
  server.exited.then((code) => {
    if (cleaning) return;
    console.error(`[start] code-server exited (${code}). Last output:\n${server.output().split('\n').slice(-20).join('\n')}`);
    cleanup(undefined, 1);
  });

  const url = workbenchUrl(server, folder, o.vsix ? undefined : repoRoot);
  log(`code-server on 127.0.0.1:${server.port} (pid ${server.pid}, its own process group; user data in ${data.dir})`);
  log(o.vsix ? 'extension: the packaged .vsix, installed' : `extension: ${repoRoot} (development mode; rebuild, then "Developer: Reload Window")`);
  log(
    copy
      ? `folder: a fresh copy of ${o.folder} in ${folder} (removed on exit; --in-place opens the original)`
      : `folder: ${folder} (in place: edits are saved there)`,
  );
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Open this URL (Ctrl-C here stops everything):`);
  console.log(url);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(`[start] ${e.message}`);
    process.exit(1);
  });
}
