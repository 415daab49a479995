// `npm start`: the product on this machine, in one command.
//   1. builds (npm run build; skip with --no-build),
//   2. installs the tools from the recipe if missing (chromium, Node 24, code-server 4.139.1; cached in
//      $HOME/.cache/cleanrooms-iam-tools, see scripts/integration/provision.mjs),
//   3. starts code-server (VS Code's own server + workbench) on 127.0.0.1, port 8765 or the next free one,
//      with this repository loaded as the extension under development (extensionDevelopmentPath) and the
//      examples/ workspace open, and prints the URL to open in a browser.
// Edit, then `node esbuild.mjs` (or `npm run build`) and "Developer: Reload Window" in the browser picks up the new
// code without a restart; or Ctrl-C and `npm start` again. With --vsix the packaged .vsix is installed instead (what a
// user gets from the Marketplace; then the plain URL works too).
// Ctrl-C (SIGINT), SIGTERM or SIGHUP stops everything it started: code-server runs in its own process group, which is
// killed as a whole (extension host, file watcher, pty host…). User data lives in a temp dir, removed on exit.
// Usage: npm start [-- --port N] [--no-build] [--vsix] [--folder DIR] [--verbose]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { provision } from './integration/provision.mjs';
import { DEFAULT_SETTINGS, isOfflineNoise, LOCAL_FLAGS } from './integration/code-server.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_PORT = 8765;
const log = (msg) => console.log(`[start] ${msg}`);

/** True when nothing listens on 127.0.0.1:port (we can bind it). */
export function portFree(port) {
  return new Promise((res) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

/** `port` if it is free, else the next free one among the following `tries`. */
export async function firstFreePort(port, tries = 50) {
  for (let p = port; p < port + tries && p <= 65535; p++) if (await portFree(p)) return p;
  throw new Error(`no free port in ${port}-${port + tries - 1}`);
}

/** A fresh temp dir with the config, XDG, user-data and extensions folders code-server should use. */
export function makeDataDir(prefix = 'cleanrooms-iam-start-', settings = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const d of ['xdg', 'ud/User', 'ext']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), '');
  writeFileSync(join(dir, 'ud', 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
  return { dir, config: join(dir, 'config.yaml'), xdg: join(dir, 'xdg'), userData: join(dir, 'ud'), extensions: join(dir, 'ext') };
}

function codeServerArgs(tools, data) {
  return [tools.codeServerEntry, '--config', data.config, '--user-data-dir', data.userData, '--extensions-dir', data.extensions];
}

/** `code-server --install-extension <vsix>` into the data dir's extensions folder; returns the CLI output. */
export function installVsix(tools, data, vsixFile) {
  const r = spawnSync(tools.node, [...codeServerArgs(tools, data), '--install-extension', vsixFile, '--force'], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CONFIG_HOME: data.xdg },
    timeout: 120_000,
  });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (exit ${r.status}):\n${out}`);
  return out;
}

/**
 * Starts code-server detached (its own process group) on 127.0.0.1:port and waits for /healthz.
 * @param {{ tools: any, data: ReturnType<typeof makeDataDir>, port: number, smokeTestDriver?: boolean, env?: Record<string,string>, onOutput?: (s: string) => void }} o
 */
export async function launchCodeServer(o) {
  const host = `127.0.0.1:${o.port}`;
  const args = [
    ...codeServerArgs(o.tools, o.data),
    '--bind-addr', host,
    ...LOCAL_FLAGS,
  ];
  // The built workbench reads the URL's `payload` (extensionDevelopmentPath) only with the smoke-test driver enabled.
  if (o.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const child = spawn(o.tools.node, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: o.data.xdg, ...(o.env ?? {}) },
  });
  let out = '';
  const onData = (d) => {
    out += d;
    if (out.length > 200_000) out = out.slice(-100_000);
    o.onOutput?.(String(d));
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((r) => child.once('exit', (code, signal) => r(code ?? signal)));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const killGroup = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* group gone */
    }
  };
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      if (alive()) {
        killGroup('SIGTERM');
        const t = setTimeout(() => killGroup('SIGKILL'), 3000);
        await exited;
        clearTimeout(t);
      }
      // Children (extension host, watcher, pty host) may outlive the leader: end the rest of the group.
      killGroup('SIGKILL');
      for (let i = 0; i < 50 && groupAlive(child.pid); i++) await new Promise((r) => setTimeout(r, 100));
    })());

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!alive()) throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode}):\n${out}`);
    try {
      const res = await fetch(`http://${host}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer http://${host}/healthz within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, host, url: `http://${host}`, pid: child.pid, exited, stop, output: () => out };
}

/** True while any process is left in process group `pgid` (Linux: /proc, else `ps`). */
export function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** The workbench URL: folder, and (development mode) the payload that loads the extension from `extensionPath`. */
export function workbenchUrl(server, folder, extensionPath) {
  let url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (extensionPath) {
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${server.host}${extensionPath}`],
      ['skipWelcome', 'true'],
    ];
    url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  }
  return url;
}

function parseArgs(argv) {
  const o = { port: undefined, build: true, vsix: false, folder: join(repoRoot, 'examples'), verbose: false };
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
    else if (a === '--verbose') o.verbose = true;
    else if (a === '-h' || a === '--help') {
      console.log('Usage: npm start [-- --port N] [--no-build] [--vsix] [--folder DIR] [--verbose]');
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
  if (o.port !== undefined && !(await portFree(o.port))) throw new Error(`port ${o.port} is in use (leave --port out to take the next free one from ${DEFAULT_PORT})`);
  if (o.port === undefined && port !== DEFAULT_PORT) log(`port ${DEFAULT_PORT} is in use: using ${port}`);

  const data = makeDataDir();
  let server;
  let cleaning = false;
  const cleanup = async (why, code) => {
    if (cleaning) return;
    cleaning = true;
    if (why) log(`${why}: stopping code-server…`);
    await server?.stop().catch(() => {});
    rmSync(data.dir, { recursive: true, force: true, maxRetries: 3 });
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

  const url = workbenchUrl(server, o.folder, o.vsix ? undefined : repoRoot);
  log(`code-server ${server.url} (pid ${server.pid}, its own process group; user data in ${data.dir})`);
  log(o.vsix ? 'extension: the packaged .vsix, installed' : `extension: ${repoRoot} (development mode; rebuild, then "Developer: Reload Window")`);
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Open this URL (Ctrl-C here stops everything):`);
  console.log(url);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(`[start] ${e.message}`);
    process.exit(1);
  });
}
