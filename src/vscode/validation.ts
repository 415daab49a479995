// Diagnostics for open policy documents: validate on open, debounce on change (per document), drop stale results,
// clear on close. Keeps the last analysis per document (by version) for code actions, hovers and code lens.
import * as vscode from 'vscode';
import { analyze } from '../analysis/analyze';
import type { AnalysisResult, AnalyzeOptions } from '../analysis/types';
import { findPlaceholders, type PlaceholderOccurrence } from '../fill/detect';
import { readConfig, SECTION, type KitConfig } from './config';
import { toDiagnostic } from './convert';
import type { IamLoader } from './iam';
import { reportRuleSettings } from './rules-setting-report';
import { editorFindings } from './logic/syntax-owner';

export interface CachedAnalysis {
  version: number;
  result: AnalysisResult;
  /** Computed on demand (code lens, hovers, fill). */
  placeholders?: PlaceholderOccurrence[];
  /** Whether the IAM index took part. */
  withIam: boolean;
}

/** Schemes whose documents are never ours to validate (diff views of git history, output panes, …). */
const IGNORED_SCHEMES = new Set(['output', 'git', 'gitfs', 'vscode-scm', 'debug', 'vscode-settings', 'vscode-notebook-cell-output', 'comment']);
const LANGUAGES = new Set(['json', 'jsonc']);

export class PolicyValidator implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('cleanrooms-iam');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly cache = new Map<string, CachedAnalysis>();
  private readonly tooLarge = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly updated = new vscode.EventEmitter<{ uri: vscode.Uri; version: number }>();
  /** Fires after a document's diagnostics were (re)published or cleared. */
  readonly onDidUpdate = this.updated.event;
  config: KitConfig = readConfig();

  constructor(
    private readonly iam: IamLoader,
    private readonly log: (msg: string) => void,
  ) {}

  start(): void {
    const w = vscode.workspace;
    this.disposables.push(
      this.collection,
      this.updated,
      w.onDidOpenTextDocument((d) => this.validate(d)),
      w.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return; // dirty-state only
        this.schedule(e.document);
      }),
      w.onDidCloseTextDocument((d) => this.forget(d.uri)),
      w.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        this.config = readConfig();
        this.revalidateAll();
      }),
      this.iam.onDidLoad(() => this.revalidateAll()),
    );
    // Documents already open when the extension activated (only open documents; the workspace is never scanned).
    for (const d of w.textDocuments) this.validate(d);
  }

  revalidateAll(): void {
    this.cache.clear();
    for (const d of vscode.workspace.textDocuments) this.validate(d);
  }

  /** Documents we look at: json/jsonc, or any document matching a user glob. */
  private forced(doc: vscode.TextDocument): boolean {
    return this.config.extraGlobs.some((pattern) => vscode.languages.match({ pattern }, doc) > 0);
  }

  private candidate(doc: vscode.TextDocument): { ok: boolean; force: boolean } {
    if (IGNORED_SCHEMES.has(doc.uri.scheme)) return { ok: false, force: false };
    const force = this.forced(doc);
    return { ok: force || LANGUAGES.has(doc.languageId), force };
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const t = this.timers.get(key);
    if (t !== undefined) clearTimeout(t);
    const ms = this.config.debounceMs;
    if (ms <= 0) {
      this.timers.delete(key);
      this.validate(doc);
      return;
    }
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!doc.isClosed) this.validate(doc);
      }, ms),
    );
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.timers.get(key);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(key);
    this.cache.delete(key);
    this.tooLarge.delete(key);
    this.collection.delete(uri);
  }

  private options(doc: vscode.TextDocument, force: boolean): AnalyzeOptions {
    return {
      severityOverrides: this.config.rules,
      forcePolicy: force,
      maxLength: Math.floor(this.config.maxFileSizeMB * 1024 * 1024),
      fileName: doc.uri.path.split('/').pop(),
      iam: this.iam.current,
    };
  }

  /** Length in UTF-16 code units without copying the text. */
  private static lengthOf(doc: vscode.TextDocument): number {
    if (doc.lineCount === 0) return 0;
    return doc.offsetAt(doc.lineAt(doc.lineCount - 1).rangeIncludingLineBreak.end);
  }

  /**
   * Analyse (or return the cached analysis of) the document's current version. Undefined for documents that are
   * not ours (wrong language, validation disabled, too large).
   */
  analysis(doc: vscode.TextDocument): CachedAnalysis | undefined {
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version) return hit;
    if (!this.config.enable) return undefined;
    const { ok, force } = this.candidate(doc);
    if (!ok) return undefined;
    const opts = this.options(doc, force);
    if (PolicyValidator.lengthOf(doc) > (opts.maxLength ?? Infinity)) return { version: doc.version, result: { kind: 'not-a-policy', findings: [], skipped: 'too-large' }, withIam: false };
    const result = analyze(doc.getText(), opts);
    reportRuleSettings(this.log);
    const entry: CachedAnalysis = { version: doc.version, result, withIam: !!opts.iam };
    this.cache.set(key, entry);
    return entry;
  }

  /** Placeholders of the document's current version (cached with the analysis). */
  placeholders(doc: vscode.TextDocument): PlaceholderOccurrence[] | undefined {
    const a = this.analysis(doc);
    if (!a || a.result.kind === 'not-a-policy') return undefined;
    a.placeholders ??= findPlaceholders(doc.getText());
    return a.placeholders;
  }

  validate(doc: vscode.TextDocument): void {
    if (doc.isClosed) return;
    const key = doc.uri.toString();
    const version = doc.version;
    const a = this.analysis(doc);
    // Stale guard: only publish for the version we analysed.
    if (doc.version !== version) return;
    if (!a) {
      if (this.collection.has(doc.uri)) this.collection.delete(doc.uri);
      this.cache.delete(key);
      return;
    }
    if (a.result.skipped === 'too-large') {
      this.collection.delete(doc.uri);
      if (!this.tooLarge.has(key)) {
        this.tooLarge.add(key);
        const name = doc.uri.path.split('/').pop() || doc.uri.toString(true);
        const msg = vscode.l10n.t('{0} was not checked: it is larger than cleanroomsIam.validate.maxFileSizeMB ({1} MB).', name, this.config.maxFileSizeMB);
        this.log(msg);
        vscode.window.setStatusBarMessage(`$(info) ${vscode.l10n.t('Clean Rooms: {0}', msg)}`, 10000);
      }
      this.updated.fire({ uri: doc.uri, version });
      return;
    }
    this.tooLarge.delete(key);
    if (a.result.kind === 'not-a-policy') {
      this.collection.delete(doc.uri);
    } else {
      this.collection.set(doc.uri, editorFindings(a.result.findings, doc.languageId).map((f) => toDiagnostic(doc, f)));
      if (!this.iam.current) void this.iam.load();
    }
    this.updated.fire({ uri: doc.uri, version });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.cache.clear();
    for (const d of this.disposables) d.dispose();
  }
}
