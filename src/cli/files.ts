// File system side of the CLI (Node only): expand paths to files, read them as text with clear, one-line errors.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sanitize } from './format';

export const SKIPPED_DIRS = new Set(['node_modules', '.git']);
/** Files a walked folder offers: JSON policies, CloudFormation templates (JSON, YAML, `.template`; CDK's cdk.out) and Terraform (.tf; .tf.json, a .json name, read as Terraform by analyzeDocument). */
const POLICY_FILE_RE = /\.(json|ya?ml|template|tf)$/i;

export interface Expanded {
  /** Files to lint, in a stable order, each once (by real path): the names shown in reports. */
  files: string[];
  /**
   * The path to open for each entry of `files` (same index). A Buffer when the name found in a walked directory is
   * not valid UTF-8 (its string form has U+FFFD in place of the bad bytes, which names no file).
   */
  fsPaths: Array<string | Buffer>;
  /** One-line messages for paths that could not be used. */
  errors: string[];
  /** For each entry of `files`: found by walking a directory (true) or named on the command line (false). */
  walked: boolean[];
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
    case 'EAGAIN':
      return 'reading would block (not a regular file?)';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EROFS':
      return 'read-only file system';
    default:
      return e?.code ? `${e.code.toLowerCase()}` : String(e?.message ?? err);
  }
}

/** The one-line reason for a file system error (for the CLI's messages). */
export const errorReason = reason;

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const SEP = Buffer.from(path.sep);
/** Byte-exact string form of a path, for comparisons (each byte one code unit; separators and dots are ASCII). */
const bytesKey = (b: Buffer): string => b.toString('latin1');
const isUtf8 = (b: Buffer): boolean => Buffer.from(b.toString('utf8'), 'utf8').equals(b);

/**
 * Expand the command line's paths. A directory is searched for *.json (so *.tf.json), *.yaml, *.yml, *.template and *.tf files recursively, skipping node_modules and
 * .git. Inside a walked directory no symbolic link is followed out of it: a link is used only when it points to a
 * file within the directory being walked; links to directories are never descended (this also rules out cycles).
 * A file named on the command line is linted whatever its extension, and links given explicitly are followed.
 * Walked names are read as bytes, so a name that is not valid UTF-8 is still found (and opened by its bytes).
 */
export function expandPaths(paths: readonly string[]): Expanded {
  const files: string[] = [];
  const fsPaths: Array<string | Buffer> = [];
  const errors: string[] = [];
  const walked: boolean[] = [];
  const seen = new Set<string>();
  let walking = false;
  const add = (file: string, fsPath: string | Buffer, realKey: string): void => {
    if (seen.has(realKey)) return;
    seen.add(realKey);
    files.push(file);
    fsPaths.push(fsPath);
    walked.push(walking);
  };
  const realKeyOf = (p: Buffer): string | undefined => {
    try {
      return bytesKey(fs.realpathSync(p, { encoding: 'buffer' }));
    } catch {
      return undefined;
    }
  };

  /** `dir`: the bytes to open; `shown`: its display form; `rootKey`: the walked root's real path, byte-exact. */
  const walk = (dir: Buffer, shown: string, rootKey: string): void => {
    let entries: fs.Dirent<Buffer>[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (err) {
      errors.push(`${sanitize(shown)}: cannot read directory: ${reason(err)}`);
      return;
    }
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    for (const ent of entries) {
      const name = ent.name.toString('utf8');
      if (SKIPPED_DIRS.has(name)) continue;
      const p = Buffer.concat([dir, SEP, ent.name]);
      const show = path.join(shown, name);
      const open: string | Buffer = isUtf8(p) ? p.toString('utf8') : p;
      if (ent.isDirectory()) {
        walk(p, show, rootKey);
      } else if (ent.isFile()) {
        if (POLICY_FILE_RE.test(name)) add(show, open, realKeyOf(p) ?? bytesKey(p));
      } else if (ent.isSymbolicLink() && POLICY_FILE_RE.test(name)) {
        const real = realKeyOf(p);
        if (!real || !isInside(real, rootKey)) continue; // dangling, or pointing out of the walked directory
        const parts = path.relative(rootKey, real).split(path.sep);
        if (parts.some((s) => SKIPPED_DIRS.has(s))) continue;
        let st: fs.Stats;
        try {
          st = fs.statSync(p);
        } catch {
          continue;
        }
        if (st.isFile()) add(show, open, real);
      }
    }
  };

  for (const given of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(given);
    } catch (err) {
      errors.push(`${sanitize(given)}: ${reason(err)}`);
      continue;
    }
    if (st.isDirectory()) {
      const real = realKeyOf(Buffer.from(given));
      if (!real) {
        errors.push(`${sanitize(given)}: cannot resolve path`);
        continue;
      }
      walking = true;
      walk(Buffer.from(given), given, real);
      walking = false;
    } else {
      add(given, given, realKeyOf(Buffer.from(given)) ?? bytesKey(Buffer.from(path.resolve(given))));
    }
  }
  return { files, fsPaths, errors, walked };
}

export type ReadResult = { text: string } | { error: string };
export type ReadBomResult = { text: string; /** The file started with a UTF-8 BOM (removed from text). */ bom: boolean } | { error: string };

export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [v, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  return `${v >= 10 ? Math.round(v) : Math.round(v * 10) / 10} ${unit}`;
}

export function tooLargeMessage(file: string, size: number, maxLength: number): string {
  return `${sanitize(file)}: file is too large to lint (${humanSize(size)}; the limit is ${humanSize(maxLength)})`;
}

/** What kind of file system object a non-regular file is, for the message. */
function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}

/** The encoding a byte-order mark or a NUL pattern shows, when it is one we refuse by name. */
export function detectUtf16or32(buf: Buffer): 'UTF-16' | 'UTF-32' | undefined {
  if (
    buf.length >= 4 &&
    ((buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0 && buf[3] === 0) || (buf[0] === 0 && buf[1] === 0 && buf[2] === 0xfe && buf[3] === 0xff))
  )
    return 'UTF-32';
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return 'UTF-16';
  // No BOM: mostly-ASCII UTF-16 has a NUL in every other byte (even offsets: big-endian, odd: little-endian).
  const n = Math.min(buf.length - (buf.length % 2), 512);
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0 && buf[i + 1] !== 0) even++;
    if (buf[i + 1] === 0 && buf[i] !== 0) odd++;
  }
  const pairs = n / 2;
  return even >= pairs * 0.9 || odd >= pairs * 0.9 ? 'UTF-16' : undefined;
}

const CHUNK = 64 * 1024;

/**
 * Read a file as UTF-8 text, for linting. Rejects (with a one-line message) anything that is not a regular file,
 * binary files (NUL bytes), UTF-16 and UTF-32 (by name), invalid UTF-8, and files whose text is longer than maxLength
 * (UTF-16 code units, the engine's limit). A UTF-8 BOM is removed. `fsPath` is what to open when it differs from the
 * name shown (a Buffer for a name that is not valid UTF-8).
 *
 * Reading is bounded by the bytes actually read, never by the size stat reports (files under /proc say 0 and go on
 * for gigabytes): it stops as soon as more than 3 × maxLength bytes have come in. The file is opened non-blocking,
 * so a FIFO or a device put in its place after the stat check cannot hang the open or the read.
 */
export function readTextFile(file: string, maxLength: number, fsPath: string | Buffer = file): ReadResult {
  const r = readTextFileBom(file, maxLength, fsPath);
  return 'error' in r ? r : { text: r.text };
}

/** readTextFile, and whether the file had a UTF-8 BOM (lint --fix writes it back). */
export function readTextFileBom(file: string, maxLength: number, fsPath: string | Buffer = file): ReadBomResult {
  // stat before open: opening a FIFO or a device could block or never end.
  try {
    const st = fs.statSync(fsPath);
    if (!st.isFile()) return { error: `${sanitize(file)}: not a regular file (${kindOf(st)}); not linted` };
  } catch (err) {
    return { error: `${sanitize(file)}: cannot read file: ${reason(err)}` };
  }
  let fd: number;
  try {
    fd = fs.openSync(fsPath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0));
  } catch (err) {
    return { error: `${sanitize(file)}: cannot read file: ${reason(err)}` };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { error: `${sanitize(file)}: not a regular file (${kindOf(st)}); not linted` };
    // UTF-8 needs at most 3 bytes per UTF-16 code unit, so a file above 3 × maxLength bytes is over the limit for sure.
    const cap = maxLength * 3;
    if (st.size > cap) return { error: tooLargeMessage(file, st.size, maxLength) };
    const chunks: Buffer[] = [];
    let total = 0;
    // Whole chunks (some /proc files accept only reads of a multiple of 8 bytes); at most cap + CHUNK bytes in all.
    while (total <= cap) {
      const want = CHUNK;
      const chunk = Buffer.allocUnsafe(want);
      let n: number;
      try {
        n = fs.readSync(fd, chunk, 0, want, null);
      } catch (err) {
        return { error: `${sanitize(file)}: cannot read file: ${reason(err)}` };
      }
      if (n === 0) break;
      chunks.push(n === want ? chunk : chunk.subarray(0, n));
      total += n;
    }
    if (total > cap) return { error: `${sanitize(file)}: file is too large to lint (more than ${humanSize(cap)} read; the limit is ${humanSize(maxLength)})` };
    const buf = Buffer.concat(chunks, total);
    const wide = detectUtf16or32(buf);
    if (wide) return { error: `${sanitize(file)}: ${wide} is not supported; save the file as UTF-8` };
    if (buf.includes(0)) return { error: `${sanitize(file)}: binary file (contains NUL bytes), not a JSON policy` };
    let text: string;
    try {
      // fatal: invalid UTF-8 throws; the decoder drops a leading BOM (ignoreBOM defaults to false).
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    } catch {
      return { error: `${sanitize(file)}: not valid UTF-8 text (binary file or another encoding); save it as UTF-8` };
    }
    if (text.length > maxLength) return { error: tooLargeMessage(file, buf.length, maxLength) };
    return { text, bom: buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf };
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // nothing to do
    }
  }
}

/**
 * Replace a file's content without ever leaving it half-written (lint --fix): the new text goes to a temporary file
 * in the same directory (same mode, and owner when permitted), which is then renamed over the real path (a symbolic
 * link keeps pointing at it). A file with several hard links is written in place instead, so every link sees the
 * change. Throws the file system error; the original is untouched unless the in-place write itself failed.
 */
export function writeFileSafely(fsPath: string | Buffer, data: string): void {
  // Path arithmetic on bytes: latin1 maps each byte to one code unit and back.
  const real = fs.realpathSync(typeof fsPath === 'string' ? Buffer.from(fsPath) : fsPath, { encoding: 'buffer' });
  const st = fs.statSync(real);
  if (st.nlink > 1) {
    fs.writeFileSync(real, data, 'utf8');
    return;
  }
  const realS = real.toString('latin1');
  const tmp = Buffer.from(path.join(path.dirname(realS), `.${path.basename(realS)}.cleanrooms-iam-${process.pid}.tmp`), 'latin1');
  try {
    fs.writeFileSync(tmp, data, { encoding: 'utf8', mode: st.mode & 0o7777, flag: 'wx' });
    try {
      fs.chmodSync(tmp, st.mode & 0o7777); // the umask may have narrowed the mode
      if (typeof process.getuid === 'function' && process.getuid() === 0) fs.chownSync(tmp, st.uid, st.gid);
    } catch {
      // best effort: the content matters, the mode was set at creation
    }
    fs.renameSync(tmp, real);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // it was never created, or it was renamed
    }
    throw e;
  }
}
