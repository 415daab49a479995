// Start / stop code-server (VS Code's own server + workbench, from npm) for a test run or a UI check.
// Fresh config, XDG_CONFIG_HOME, user-data-dir and extensions-dir in a temp dir per run; --auth none on a free
// 127.0.0.1 port; spawned detached and ended by killing its whole process group (it starts an extension host,
// a file watcher and other children), also on exit / SIGINT / SIGTERM. See /work/shared/recipes/real-vscode-tests.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1. */
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

/** Settings written to the fresh user-data-dir. */
/** Flags every local code-server of this project gets (tests, UI checks, npm start): no auth on 127.0.0.1, no telemetry,
 * no update check, no trust prompt, no getting-started page. */
export const LOCAL_FLAGS = ['--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'];

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

const live = new Set();
let hooksInstalled = false;

function killGroup(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // negative pid: the whole process group
  } catch {
    /* already gone */
  }
}

function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const s of live) {
      try {
        process.kill(-s.child.pid, 'SIGKILL');
      } catch {
        /* group already gone */
      }
      s.cleanupDir();
    }
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      console.error(`\n[code-server] ${sig}: stopping`);
      process.exit(130); // the 'exit' hook kills the groups
    });
  }
}

async function waitHealthy(url, child, timeoutMs, getOutput) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode}):\n${getOutput()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms:\n${getOutput()}`);
}

/**
 * Starts code-server. Returns { url, port, host, tmp, stop(), output() }.
 * @param {{ node: string, entry: string, env?: Record<string,string>, settings?: Record<string,unknown>, logFile?: string, healthTimeoutMs?: number }} o
 */
export async function startCodeServer(o) {
  installExitHooks();
  const tmp = mkdtempSync(join(tmpdir(), 'cleanrooms-iam-cs-'));
  const config = join(tmp, 'config.yaml');
  writeFileSync(config, '');
  for (const d of ['xdg', 'ud', 'ext']) mkdirSync(join(tmp, d));
  // User settings of the fresh profile: no chat side bar, no update or gallery checks, no telemetry.
  mkdirSync(join(tmp, 'ud', 'User'), { recursive: true });
  writeFileSync(join(tmp, 'ud', 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...(o.settings ?? {}) }, null, 2));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const args = [
    o.entry,
    '--config', config,
    '--bind-addr', host,
    ...LOCAL_FLAGS,
    '--user-data-dir', join(tmp, 'ud'),
    '--extensions-dir', join(tmp, 'ext'),
    // Without this the built workbench silently ignores the test payload.
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  const child = spawn(o.node, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: join(tmp, 'xdg'), ...(o.env ?? {}) },
  });
  let out = '';
  const sink = o.logFile ? createWriteStream(o.logFile) : undefined;
  const onData = (d) => {
    out += d;
    if (out.length > 200_000) out = out.slice(-100_000);
    sink?.write(d);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const state = {
    child,
    cleanupDir: () => rmSync(tmp, { recursive: true, force: true, maxRetries: 3 }),
  };
  live.add(state);

  const stop = async () => {
    if (!live.has(state)) return;
    live.delete(state);
    const exited = new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', r)));
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    // Children of the group (extension host, watcher) may outlive the leader briefly: make sure they are gone.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* group empty */
    }
    sink?.end();
    state.cleanupDir();
  };

  try {
    await waitHealthy(`http://${host}/healthz`, child, o.healthTimeoutMs ?? 30_000, () => out);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `http://${host}`, port, host, tmp, stop, output: () => out };
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
