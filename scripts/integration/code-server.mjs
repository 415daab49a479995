// The one code-server launcher (VS Code's own server + workbench, from npm), used by `npm start`, the integration
// runner, the UI checks and the .vsix check. See /work/shared/recipes/real-vscode-tests.md.
//   - makeDataDir(): a fresh temp dir with config.yaml, XDG_CONFIG_HOME, user-data-dir and extensions-dir;
//   - launchCodeServer(): spawned detached (its own process group: it starts an extension host, a file watcher, a pty
//     host…) on 127.0.0.1, waits for /healthz, and stop() kills the whole group; every live server is also killed
//     when this process exits;
//   - startCodeServer(): the two together on a free port with the smoke-test driver on (test runs);
//   - ports, the workbench URL, installing a .vsix, chromium flags and the offline-noise filter.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { toolEnv } from './provision.mjs';

/** Flags every local code-server of this project gets (tests, UI checks, npm start): no auth on 127.0.0.1, no telemetry,
 * no update check, no trust prompt, no getting-started page. */
export const LOCAL_FLAGS = [
  '--auth',
  'none',
  '--disable-telemetry',
  '--disable-update-check',
  '--disable-workspace-trust',
  '--disable-getting-started-override',
];

/** User settings of every fresh profile: no chat side bar, no update or gallery checks, no telemetry. */
export const DEFAULT_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
};

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

/** A free TCP port on 127.0.0.1, chosen by the system. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh temp dir with the config, XDG, user-data and extensions folders code-server should use. */
export function makeDataDir(prefix = 'cleanrooms-iam-cs-', settings = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const d of ['xdg', 'ud/User', 'ext']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), '');
  writeFileSync(join(dir, 'ud', 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
  return {
    dir,
    config: join(dir, 'config.yaml'),
    xdg: join(dir, 'xdg'),
    userData: join(dir, 'ud'),
    extensions: join(dir, 'ext'),
    remove: () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }),
  };
}

function baseArgs(tools, data) {
  return [tools.codeServerEntry, '--config', data.config, '--user-data-dir', data.userData, '--extensions-dir', data.extensions];
}

/** code-server's environment: no npm_* variables of an outer npm, Node 24 first on PATH, its own XDG_CONFIG_HOME. */
function serverEnv(tools, data, extra = {}) {
  return { ...toolEnv(dirname(tools.node)), XDG_CONFIG_HOME: data.xdg, ...extra };
}

/** `code-server --install-extension <vsix>` into the data dir's extensions folder; returns the CLI output. */
export function installVsix(tools, data, vsixFile) {
  const r = spawnSync(tools.node, [...baseArgs(tools, data), '--install-extension', vsixFile, '--force'], {
    encoding: 'utf8',
    env: serverEnv(tools, data),
    timeout: 120_000,
  });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (exit ${r.status}):\n${out}`);
  return out;
}

/** True while any process is left in process group `pgid`. */
export function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal); // negative pid: the whole process group
  } catch {
    /* group gone */
  }
}

// Servers still running: killed (with their data dirs removed, when owned) if this process exits without stopping them.
const live = new Set();
let hooksInstalled = false;
function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const s of live) {
      killGroup(s.pid, 'SIGKILL');
      s.onExit?.();
    }
  });
  // Signals end this process through 'exit' (so the hook above runs), unless the caller handles them itself
  // (npm start stops its server and cleans up on its own).
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    if (process.listenerCount(sig) > 0) continue;
    process.on(sig, () => {
      console.error(`\n[code-server] ${sig}: stopping`);
      process.exit(130);
    });
  }
}

/**
 * Starts code-server detached (its own process group) on 127.0.0.1:port and waits for /healthz.
 * @param {{ tools: { node: string, codeServerEntry: string }, data: ReturnType<typeof makeDataDir>, port: number,
 *   smokeTestDriver?: boolean, env?: Record<string,string>, onOutput?: (s: string) => void, logFile?: string,
 *   healthTimeoutMs?: number, removeDataOnStop?: boolean }} o
 */
export async function launchCodeServer(o) {
  installExitHooks();
  const host = `127.0.0.1:${o.port}`;
  const args = [...baseArgs(o.tools, o.data), '--bind-addr', host, ...LOCAL_FLAGS];
  // The built workbench reads the URL's `payload` (extensionDevelopmentPath, extensionTestsPath) only with the
  // smoke-test driver enabled; without it a test payload is silently ignored.
  if (o.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const child = spawn(o.tools.node, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: serverEnv(o.tools, o.data, o.env) });
  let out = '';
  const sink = o.logFile ? createWriteStream(o.logFile) : undefined;
  const onData = (d) => {
    out += d;
    if (out.length > 200_000) out = out.slice(-100_000);
    sink?.write(d);
    o.onOutput?.(String(d));
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((r) => child.once('exit', (code, signal) => r(code ?? signal)));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const entry = { pid: child.pid, onExit: o.removeDataOnStop ? o.data.remove : undefined };
  live.add(entry);

  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      if (alive()) {
        killGroup(child.pid, 'SIGTERM');
        const t = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 3000);
        await exited;
        clearTimeout(t);
      }
      // Children (extension host, watcher, pty host) may outlive the leader: end the rest of the group.
      killGroup(child.pid, 'SIGKILL');
      for (let i = 0; i < 50 && groupAlive(child.pid); i++) await new Promise((r) => setTimeout(r, 100));
      live.delete(entry);
      sink?.end();
      if (o.removeDataOnStop) o.data.remove();
    })());

  const timeoutMs = o.healthTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!alive()) {
      await stop();
      throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode}):\n${out}`);
    }
    try {
      const res = await fetch(`http://${host}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer http://${host}/healthz within ${timeoutMs / 1000} s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, host, port: o.port, url: `http://${host}`, pid: child.pid, data: o.data, exited, stop, output: () => out };
}

/**
 * For test runs: a fresh data dir, a free port, the smoke-test driver on; stop() also removes the data dir.
 * @param {{ tools: { node: string, codeServerEntry: string }, env?: Record<string,string>, settings?: Record<string,unknown>, logFile?: string, healthTimeoutMs?: number }} o
 */
export async function startCodeServer(o) {
  const data = makeDataDir('cleanrooms-iam-cs-', o.settings);
  try {
    return await launchCodeServer({ ...o, data, port: await freePort(), smokeTestDriver: true, removeDataOnStop: true });
  } catch (e) {
    data.remove();
    throw e;
  }
}

/**
 * The workbench URL with `folder` open. With `extensionPath` (development mode) the payload loads the extension from
 * there; with `testsPath` too, VS Code runs that test runner in the extension host.
 */
export function workbenchUrl(server, folder, extensionPath, testsPath) {
  let url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (extensionPath) {
    const payload = [['extensionDevelopmentPath', `vscode-remote://${server.host}${extensionPath}`]];
    if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${server.host}${testsPath}`]);
    payload.push(['skipWelcome', 'true']);
    url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  }
  return url;
}

/** Headless chromium flags from the recipe. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Harmless offline noise from the workbench / server (gallery, telemetry, update checks). */
export function isOfflineNoise(line) {
  return /ENOTFOUND|EAI_AGAIN|getaddrinfo|ECONNREFUSED|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|marketplace|open-vsx|gallery|telemetry|update\.code\.visualstudio|vscode-unpkg|vscode-cdn|Failed to fetch|net::ERR_|default\.vsix|punycode|authentication provider 'github'|api\.github\.com|No signed-in session/i.test(
    line,
  );
}
