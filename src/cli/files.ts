// File system side of the CLI (Node only): expand paths to files, read them as text with clear, one-line errors.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const JSON_RE = /\.json$/i;

export interface Expanded {
  /** Files to lint, in a stable order, each once (by real path). */
  files: string[];
  /** One-line messages for paths that could not be used. */
  errors: string[];
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOTDIR':
      return 'not a directory';
    case 'EISDIR':
      return 'is a directory';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return e?.code ? `${e.code.toLowerCase()}` : String(e?.message ?? err);
  }
}

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Expand the command line's paths. A directory is searched for *.json files recursively, skipping node_modules and
 * .git. Inside a walked directory no symbolic link is followed out of it: a link is used only when it points to a
 * file within the directory being walked; links to directories are never descended (this also rules out cycles).
 * A file named on the command line is linted whatever its extension, and links given explicitly are followed.
 */
export function expandPaths(paths: readonly string[]): Expanded {
  const files: string[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (file: string, real: string): void => {
    if (seen.has(real)) return;
    seen.add(real);
    files.push(file);
  };

  const walk = (dir: string, rootReal: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      errors.push(`${dir}: cannot read directory: ${reason(err)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      if (SKIPPED_DIRS.has(ent.name)) continue;
      const p = path.join(dir, ent.name);
      if (ent.isDirectory()) {
        walk(p, rootReal);
      } else if (ent.isFile()) {
        if (JSON_RE.test(ent.name)) add(p, safeRealpath(p) ?? p);
      } else if (ent.isSymbolicLink() && JSON_RE.test(ent.name)) {
        const real = safeRealpath(p);
        if (!real || !isInside(real, rootReal)) continue; // dangling, or pointing out of the walked directory
        const parts = path.relative(rootReal, real).split(path.sep);
        if (parts.some((s) => SKIPPED_DIRS.has(s))) continue;
        let st: fs.Stats;
        try {
          st = fs.statSync(real);
        } catch {
          continue;
        }
        if (st.isFile()) add(p, real);
      }
    }
  };

  for (const given of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(given);
    } catch (err) {
      errors.push(`${given}: ${reason(err)}`);
      continue;
    }
    if (st.isDirectory()) {
      const real = safeRealpath(given);
      if (!real) {
        errors.push(`${given}: cannot resolve path`);
        continue;
      }
      walk(given, real);
    } else {
      add(given, safeRealpath(given) ?? path.resolve(given));
    }
  }
  return { files, errors };
}

function safeRealpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

export type ReadResult = { text: string } | { error: string };

export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [v, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  return `${v >= 10 ? Math.round(v) : Math.round(v * 10) / 10} ${unit}`;
}

export function tooLargeMessage(file: string, size: number, maxLength: number): string {
  return `${file}: file is too large to lint (${humanSize(size)}; the limit is ${humanSize(maxLength)})`;
}

/**
 * Read a file as UTF-8 text, for linting. Rejects (with a one-line message) anything that is not a regular file,
 * binary files (NUL bytes), invalid UTF-8, and files whose text is longer than maxLength (UTF-16 code units, the
 * engine's limit). A UTF-8 BOM is removed.
 */
export function readTextFile(file: string, maxLength: number): ReadResult {
  // stat before open: opening a FIFO or a device could block or never end.
  try {
    if (!fs.statSync(file).isFile()) return { error: `${file}: not a regular file` };
  } catch (err) {
    return { error: `${file}: cannot read file: ${reason(err)}` };
  }
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    return { error: `${file}: cannot read file: ${reason(err)}` };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { error: `${file}: not a regular file` };
    // UTF-8 needs at most 3 bytes per UTF-16 code unit, so a file above 3 × maxLength bytes is over the limit for sure.
    if (st.size > maxLength * 3) return { error: tooLargeMessage(file, st.size, maxLength) };
    let buf: Buffer;
    try {
      buf = fs.readFileSync(fd);
    } catch (err) {
      return { error: `${file}: cannot read file: ${reason(err)}` };
    }
    if (buf.includes(0)) return { error: `${file}: binary file (contains NUL bytes), not a JSON policy` };
    let text: string;
    try {
      // fatal: invalid UTF-8 throws; the decoder drops a leading BOM (ignoreBOM defaults to false).
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    } catch {
      return { error: `${file}: not valid UTF-8 text (binary file or another encoding); save it as UTF-8` };
    }
    if (text.length > maxLength) return { error: tooLargeMessage(file, buf.length, maxLength) };
    return { text };
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // nothing to do
    }
  }
}
