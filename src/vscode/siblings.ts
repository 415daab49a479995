// The policy files next to a document (same folder): what Copy AWS CLI Commands picks the role's other file from, and
// what the role-pair check (consistency-role-pair) compares an open policy with. One folder listing, read through
// vscode.workspace.fs (works on virtual and remote file systems); open documents are read from the editor, closed
// files from disk, each analysed once per modification time and size. The folder is never searched recursively, and
// nothing outside it is read.
import * as vscode from 'vscode';
import { analyze } from '../analysis/analyze';
import type { AnalysisResult, PolicyFacts } from '../analysis/types';
import type { PolicyFile } from '../fill/aws-commands';
import { baseName, openDocument } from './documents';

/** At most this many JSON files of the folder are read. */
export const MAX_SIBLING_FILES = 200;

export interface SiblingPolicy extends PolicyFile {
  uri: vscode.Uri;
  facts?: PolicyFacts;
}

interface Stamp {
  mtime: number;
  size: number;
  result: Pick<AnalysisResult, 'kind' | 'facts'>;
}

export class SiblingPolicies {
  /** Closed files' analyses by URI, valid while their modification time and size are unchanged. */
  private readonly closed = new Map<string, Stamp>();

  /** `analysisOf` returns the validator's analysis of an open document (undefined when it has none yet). */
  constructor(private readonly analysisOf: (doc: vscode.TextDocument) => AnalysisResult | undefined) {}

  /**
   * The trust and permissions policies in `doc`'s folder, `doc` itself left out, by name. Files longer than
   * `maxBytes` are left out (the background check passes the size the editor analyses on its main thread).
   */
  async list(doc: vscode.TextDocument, maxBytes: number): Promise<SiblingPolicy[]> {
    if (doc.isUntitled || doc.uri.scheme === 'untitled') return [];
    const folder = vscode.Uri.joinPath(doc.uri, '..');
    const self = baseName(doc.uri);
    const listing = await this.folderListing(folder, maxBytes);
    // Open documents as they are now (the listing may be a second old): from the validator's analysis of them.
    return listing.flatMap((f) => {
      if (f.name === self) return [];
      const open = openDocument(f.uri);
      const now = open && this.analysisOf(open);
      if (!now || now.skipped) return [f];
      return now.kind === 'not-a-policy' ? [] : [{ name: f.name, kind: now.kind, uri: f.uri, ...(now.facts ? { facts: now.facts } : {}) }];
    });
  }

  /** A folder's listing is reused for this long (the background check runs after every debounced change). */
  static readonly REUSE_MS = 2000;
  private readonly recent = new Map<string, { at: number; maxBytes: number; files: Promise<SiblingPolicy[]> }>();

  private folderListing(folder: vscode.Uri, maxBytes: number): Promise<SiblingPolicy[]> {
    const key = folder.toString();
    const hit = this.recent.get(key);
    const now = Date.now();
    if (hit && hit.maxBytes === maxBytes && now - hit.at < SiblingPolicies.REUSE_MS) return hit.files;
    const files = this.readFolder(folder, maxBytes);
    this.recent.set(key, { at: now, maxBytes, files });
    for (const [k, v] of this.recent) if (now - v.at >= SiblingPolicies.REUSE_MS) this.recent.delete(k);
    return files;
  }

  /** Forget what is known of a folder (a file in it was saved, created or deleted). */
  invalidate(uri: vscode.Uri): void {
    this.recent.delete(vscode.Uri.joinPath(uri, '..').toString());
  }

  private async readFolder(folder: vscode.Uri, maxBytes: number): Promise<SiblingPolicy[]> {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(folder);
    } catch {
      return [];
    }
    const names = entries
      .filter(([n, t]) => (t & vscode.FileType.File) !== 0 && /\.jsonc?$/i.test(n))
      .map(([n]) => n)
      .sort()
      .slice(0, MAX_SIBLING_FILES);
    const out: SiblingPolicy[] = [];
    const seen = new Set<string>();
    for (const name of names) {
      const uri = vscode.Uri.joinPath(folder, name);
      const key = uri.toString();
      seen.add(key);
      const result = await this.resultOf(uri, name, maxBytes);
      if (result && result.kind !== 'not-a-policy') out.push({ name, kind: result.kind, uri, ...(result.facts ? { facts: result.facts } : {}) });
    }
    // Forget files of this folder that are gone.
    const prefix = folder.toString() + '/';
    for (const k of this.closed.keys()) if (k.startsWith(prefix) && !k.slice(prefix.length).includes('/') && !seen.has(k)) this.closed.delete(k);
    return out;
  }

  private async resultOf(uri: vscode.Uri, name: string, maxBytes: number): Promise<Pick<AnalysisResult, 'kind' | 'facts'> | undefined> {
    const key = uri.toString();
    const open = openDocument(key);
    if (open) {
      const cached = this.analysisOf(open);
      if (cached && !cached.skipped) return cached;
      const text = open.getText();
      return text.length > maxBytes ? undefined : analyze(text, { fileName: name });
    }
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch {
      return undefined;
    }
    if (stat.size > maxBytes) return undefined;
    const hit = this.closed.get(key);
    if (hit && hit.mtime === stat.mtime && hit.size === stat.size) return hit.result;
    let text: string;
    try {
      text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
    if (text.length > maxBytes) return undefined;
    const r = analyze(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { fileName: name });
    const result = { kind: r.kind, ...(r.facts ? { facts: r.facts } : {}) };
    this.closed.set(key, { mtime: stat.mtime, size: stat.size, result });
    return result;
  }
}
