// Diagnostics for open policy documents: validate on open, debounce on change (per document, by the document's measured
// analysis cost: logic/debounce.ts), drop stale results, clear on close. Keeps the last analysis per document (by version) for code actions, hovers and code lens.
import * as vscode from 'vscode';
import { analyzeDocument, documentSites, isTerraformDocument, mayHoldPolicies, type DocumentAnalysis, type DocumentOptions } from '../frontends/document';
import type { HclParser } from '../frontends/terraform';
import { isTerraformJsonName } from '../frontends/terraform-json';
import { plainText } from './logic/plain';
import type { PolicySite } from '../frontends/site';
import { parsePolicy, type ParsedPolicy } from '../analysis/analyze';
import { templatePlaceholders, templateView, type SitesOf, type TemplatePlaceholder, type TemplateView } from '../frontends/view';
import type { PlaceholderOccurrence } from '../fill/detect';
import { readConfig, SECTION, type KitConfig } from './config';
import { toDiagnostic } from './convert';
import { adaptiveDebounce } from './logic/debounce';
import type { IamLoader } from './iam';
import type { WorkerAnalyzer } from './logic/worker-client';

/**
 * Documents at least this long (UTF-16 code units) are analysed in the worker thread when there is one (Node), so
 * the extension host never waits for them: about 50 ms of analysis on the main thread (1 MB takes about 200 ms).
 */
export const WORKER_MIN_LENGTH = 256 * 1024;
/** Time budget of one worker analysis; over it, the document is reported once and left unchecked until it changes. */
export const WORKER_BUDGET_MS = 5000;
import { reportRuleSettings } from './rules-setting-report';
import { editorFindings } from './logic/syntax-owner';
import { compareRolePair } from '../analysis/role-pair';
import { pairedSibling } from '../fill/aws-commands';
import { SiblingPolicies, type SiblingPolicy } from './siblings';

export interface CachedAnalysis {
  version: number;
  result: DocumentAnalysis;
  /**
   * The placeholders (code lens, hovers, Fill): a JSON policy's as the engine found them (from the worker too); a
   * template's computed on demand, at source offsets with their scalar's quoting.
   */
  placeholders?: readonly PlaceholderOccurrence[] | readonly TemplatePlaceholder[];
  /** A JSON policy's parse as the engine made it (hovers, the role check, Copy AWS CLI Commands); absent from the worker until a hover asks. */
  parsed?: ParsedPolicy;
  /** A template's policy sites as the engine read them (hovers, fill): computed on demand from the text. */
  template?: TemplateView;
  /** The sites analyzeDocument read on this thread (the view renders them without a second parse); absent from the worker. */
  sites?: PolicySite[];
  /** Whether the IAM index took part. */
  withIam: boolean;
}

/** Schemes whose documents are never ours to validate (diff views of git history, output panes, …). */
const IGNORED_SCHEMES = new Set(['output', 'git', 'gitfs', 'vscode-scm', 'debug', 'vscode-settings', 'vscode-notebook-cell-output', 'comment']);
const LANGUAGES = new Set(['json', 'jsonc']);
/** YAML documents are ours only when they look like a CloudFormation template (a text scan, no parse). */
const TEMPLATE_LANGUAGES = new Set(['yaml', 'terraform']);

export class PolicyValidator implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('cleanrooms-iam');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Each document's last measured analysis time (ms, this thread or the worker): its debounce follows it. */
  private readonly costs = new Map<string, number>();
  private readonly cache = new Map<string, CachedAnalysis>();
  private readonly tooLarge = new Set<string>();
  /** Documents whose last worker analysis ran over budget (said once), and the version a worker is analysing. */
  private readonly overBudget = new Set<string>();
  private readonly inWorker = new Map<string, number>();
  private readonly loggedWorker = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly updated = new vscode.EventEmitter<{ uri: vscode.Uri; version: number }>();
  /** Fires after a document's diagnostics were (re)published or cleared. */
  readonly onDidUpdate = this.updated.event;
  config: KitConfig = readConfig();
  /** The policy files next to a document: the role-pair check here, Copy AWS CLI Commands in commands.ts. */
  readonly siblings = new SiblingPolicies((d) => this.analysis(d)?.result);
  /** The other policy of each open document's role, when the folder pairs it clearly (pairedSibling), as last read. */
  private readonly pairs = new Map<string, SiblingPolicy>();

  constructor(
    private readonly iam: IamLoader,
    private readonly log: (msg: string) => void,
    /** Large documents are analysed here, off the main thread (Node); without it, on the main thread (browser). */
    private readonly worker?: WorkerAnalyzer,
    /** File-system path of dist/iam-data.json, for the worker. */
    private readonly iamPath?: string,
    /** Loads the Terraform parser (Node); without it Terraform documents are not analysed. */
    private readonly loadHcl?: () => Promise<HclParser>,
    /** The clock analyses are timed with (tests pass their own). */
    private readonly now: () => number = () => (globalThis.performance ?? Date).now(),
  ) {}

  private hcl?: HclParser;
  private hclLoading = false;

  /** True when the document is Terraform and the parser is not there yet: starts loading it (once), revalidates after. */
  private waitingForHcl(doc: vscode.TextDocument): boolean {
    if (this.hcl || !(isTerraformDocument({ languageId: doc.languageId, fileName: doc.uri.path }) || isTerraformJsonName(doc.uri.path))) return false;
    if (this.loadHcl && !this.hclLoading) {
      this.hclLoading = true;
      this.loadHcl().then(
        (p) => {
          this.hcl = p;
          this.revalidateAll();
        },
        (e: unknown) => this.log(vscode.l10n.t('The Terraform parser could not be loaded: {0}', String((e as Error)?.message ?? e))),
      );
    }
    return true;
  }

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
      w.onDidSaveTextDocument((d) => this.siblings.invalidate(d.uri)),
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
    if (force || LANGUAGES.has(doc.languageId)) return { ok: true, force };
    return { ok: TEMPLATE_LANGUAGES.has(doc.languageId) && mayHoldPolicies(doc.getText(), { languageId: doc.languageId }), force };
  }

  /** How long an edit of this document waits before it is checked: adaptiveDebounce of its last analysis time. */
  debounceFor(doc: vscode.TextDocument): number {
    return adaptiveDebounce(this.costs.get(doc.uri.toString()), this.config.debounceMs);
  }

  /** The document's last measured analysis time in ms (undefined before its first analysis). */
  analysisMs(doc: vscode.TextDocument): number | undefined {
    return this.costs.get(doc.uri.toString());
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const t = this.timers.get(key);
    if (t !== undefined) clearTimeout(t);
    // debounceMs 0: at once, in the change event; otherwise after the adaptive wait (0: the next tick).
    if (this.config.debounceMs <= 0) {
      this.timers.delete(key);
      this.validate(doc);
      return;
    }
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!doc.isClosed) this.validate(doc);
      }, this.debounceFor(doc)),
    );
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.timers.get(key);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(key);
    this.cache.delete(key);
    this.costs.delete(key);
    this.tooLarge.delete(key);
    this.overBudget.delete(key);
    this.inWorker.delete(key);
    this.loggedWorker.delete(key);
    this.pairs.delete(key);
    this.collection.delete(uri);
    // Documents paired with this one read it from disk from now on (its unsaved changes are gone).
    for (const [k, sib] of this.pairs) {
      if (sib.uri.toString() !== key) continue;
      const doc = vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === k);
      if (doc) {
        this.siblings.invalidate(doc.uri);
        void this.refreshPair(doc, doc.version);
      }
    }
  }

  /** Large documents go to the worker (when there is one) instead of the main thread. */
  private offThread(doc: vscode.TextDocument): boolean {
    // Terraform stays on this thread (the worker has no HCL parser); .tf and .tf.json files are small.
    return !!this.worker && PolicyValidator.lengthOf(doc) >= WORKER_MIN_LENGTH && doc.languageId !== 'terraform' && !isTerraformJsonName(doc.uri.path);
  }

  private options(doc: vscode.TextDocument, force: boolean): DocumentOptions {
    return {
      languageId: doc.languageId,
      hcl: this.hcl,
      severityOverrides: this.config.rules,
      forcePolicy: force,
      maxLength: Math.floor(this.config.maxFileSizeMB * 1024 * 1024),
      fileName: doc.uri.path.split('/').pop(),
      iam: this.iam.current,
    };
  }

  /** The options analysis() uses for this document (Fix All re-analyses its passes with them); undefined when not ours. */
  analyzeOptions(doc: vscode.TextDocument): DocumentOptions | undefined {
    if (!this.config.enable) return undefined;
    const { ok, force } = this.candidate(doc);
    return ok ? this.options(doc, force) : undefined;
  }

  /**
   * The kit's analysis of a file's text (open or not) with the user's settings and the IAM index (loaded first when
   * it is not yet), as the Problems panel would show it for that file; undefined when validation is turned off.
   */
  async analyzeText(text: string, fileName: string): Promise<DocumentAnalysis | undefined> {
    if (!this.config.enable) return undefined;
    const iam = this.iam.current ?? (await this.iam.load());
    return analyzeDocument(text, {
      severityOverrides: this.config.rules,
      maxLength: Math.floor(this.config.maxFileSizeMB * 1024 * 1024),
      fileName,
      ...(iam ? { iam } : {}),
    });
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
    if (PolicyValidator.lengthOf(doc) > (opts.maxLength ?? Infinity))
      return { version: doc.version, result: { kind: 'not-a-policy', findings: [], skipped: 'too-large' }, withIam: false };
    // Never block on a large document: its analysis arrives from the worker (validate()), until then there is none.
    if (this.offThread(doc)) return undefined;
    if (this.waitingForHcl(doc)) return undefined;
    const read: { sites?: PolicySite[]; parsed?: ParsedPolicy } = {};
    const t0 = this.now();
    const result = analyzeDocument(doc.getText(), opts, read);
    this.costs.set(key, this.now() - t0);
    reportRuleSettings(this.log);
    const entry: CachedAnalysis = { version: doc.version, result, withIam: !!opts.iam };
    if ((result.host === 'cloudformation' || result.host === 'terraform') && read.sites) entry.sites = read.sites;
    if (read.parsed) {
      entry.parsed = read.parsed;
      entry.placeholders = read.parsed.placeholders;
    }
    this.cache.set(key, entry);
    return entry;
  }

  /** Placeholders of the document's current version (cached with the analysis). */
  placeholders(doc: vscode.TextDocument): readonly PlaceholderOccurrence[] | readonly TemplatePlaceholder[] | undefined {
    const a = this.analysis(doc);
    if (!a || a.result.kind === 'not-a-policy') return undefined;
    if (a.result.host === 'cloudformation' || a.result.host === 'terraform') {
      // A large template's analysis came from the worker: its view would be built here, on the main thread (about
      // half a second for 1 MB, see docs/performance.md), so the code lens does without it until a hover or Fill made it.
      if (!a.template && !a.sites && this.offThread(doc)) return undefined;
      const view = this.template(doc);
      a.placeholders ??= view ? templatePlaceholders(view) : [];
    } else a.placeholders ??= this.parsed(doc)?.placeholders ?? [];
    return a.placeholders;
  }

  /**
   * A JSON policy's parse at the document's current version (undefined for a template, a non-policy, or a document
   * not analysed yet): the engine's, kept with the analysis; after a worker analysis, parsed here once, on first use.
   */
  parsed(doc: vscode.TextDocument, { analyse = true } = {}): ParsedPolicy | undefined {
    // analyse: false (completion while typing): only a parse the cache holds for this version, never an analysis.
    if (!analyse) {
      const hit = this.cache.get(doc.uri.toString());
      return hit && hit.version === doc.version ? hit.parsed : undefined;
    }
    const a = this.analysis(doc);
    if (!a || a.result.kind === 'not-a-policy' || (a.result.host && a.result.host !== 'json')) return undefined;
    a.parsed ??= parsePolicy(doc.getText(), a.placeholders);
    return a.parsed;
  }

  /** How this document's front end reads a text (Fill proves its edits with it); undefined for a JSON policy. */
  sitesOf(doc: vscode.TextDocument): SitesOf | undefined {
    const host = this.analysis(doc)?.result.host;
    if (host !== 'cloudformation' && host !== 'terraform') return undefined;
    // A large template is read off this thread: proving a fill would parse it twice here (Fill keeps safeEdit's checks).
    if (host === 'cloudformation' && this.offThread(doc)) return undefined;
    const opts = { languageId: doc.languageId, fileName: doc.uri.path.split('/').pop(), hcl: this.hcl };
    return (text) => documentSites(text, opts);
  }

  /** A template's (or Terraform file's) policy sites as the engine reads them, for the current version (undefined for a JSON policy). */
  template(doc: vscode.TextDocument): TemplateView | undefined {
    const a = this.analysis(doc);
    if (!a || a.result.kind === 'not-a-policy' || !a.result.host || a.result.host === 'json') return undefined;
    // Terraform is analysed on this thread only, so its sites are always there (templateView parses CloudFormation).
    if (a.result.host === 'terraform' && !a.sites && !a.template) return undefined;
    a.template ??= templateView(doc.getText(), a.sites, a.result.host);
    a.sites = undefined;
    return a.template;
  }

  validate(doc: vscode.TextDocument): void {
    if (doc.isClosed) return;
    const key = doc.uri.toString();
    const version = doc.version;
    const hit = this.cache.get(key);
    if (this.config.enable && this.offThread(doc) && !(hit && hit.version === version) && this.candidate(doc).ok) {
      this.validateInWorker(doc);
      return;
    }
    const a = this.analysis(doc);
    if (!a) {
      if (this.collection.has(doc.uri)) this.collection.delete(doc.uri);
      this.cache.delete(key);
      return;
    }
    this.publish(doc, a, version);
  }

  private validateInWorker(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const version = doc.version;
    if (this.inWorker.get(key) === version) return; // already on its way
    const { force } = this.candidate(doc);
    const { iam: _iam, ...options } = this.options(doc, force);
    if (PolicyValidator.lengthOf(doc) > (options.maxLength ?? Infinity)) {
      this.publish(doc, { version, result: { kind: 'not-a-policy', findings: [], skipped: 'too-large' }, withIam: false }, version);
      return;
    }
    this.inWorker.set(key, version);
    const name = doc.uri.path.split('/').pop() || doc.uri.toString(true);
    void this.worker!.analyze(doc.getText(), options, this.iamPath).then((outcome) => {
      if (this.inWorker.get(key) === version) this.inWorker.delete(key);
      // A newer version is scheduled (or the document closed): this result is stale.
      if (doc.isClosed || doc.version !== version) return;
      if (outcome.kind === 'done') {
        this.overBudget.delete(key);
        this.costs.set(key, outcome.ms);
        if (!this.loggedWorker.has(key)) {
          this.loggedWorker.add(key);
          this.log(vscode.l10n.t('{0} is large: checked in the background worker ({1} ms).', name, Math.round(outcome.ms)));
        }
        const entry: CachedAnalysis = { version, result: outcome.result, withIam: !!this.iamPath };
        if (outcome.placeholders) entry.placeholders = outcome.placeholders;
        this.cache.set(key, entry);
        this.publish(doc, entry, version);
      } else if (outcome.kind === 'over-budget') {
        this.costs.set(key, outcome.budgetMs);
        this.collection.delete(doc.uri);
        if (!this.overBudget.has(key)) {
          this.overBudget.add(key);
          const msg = vscode.l10n.t(
            '{0} was not checked: analysing it took longer than {1} seconds. It is checked again when it changes.',
            name,
            outcome.budgetMs / 1000,
          );
          this.log(msg);
          vscode.window.setStatusBarMessage(`$(info) ${vscode.l10n.t('Clean Rooms: {0}', msg)}`, 10000);
        }
        this.updated.fire({ uri: doc.uri, version });
      } else {
        this.log(vscode.l10n.t('{0} could not be checked in the background worker: {1}', name, outcome.error));
      }
    });
  }

  private publish(doc: vscode.TextDocument, a: CachedAnalysis, version: number, refresh = true): void {
    const key = doc.uri.toString();
    if (a.result.skipped === 'too-large') {
      this.collection.delete(doc.uri);
      if (!this.tooLarge.has(key)) {
        this.tooLarge.add(key);
        const name = doc.uri.path.split('/').pop() || doc.uri.toString(true);
        const msg = vscode.l10n.t(
          '{0} was not checked: it is larger than cleanroomsIam.validate.maxFileSizeMB ({1} MB).',
          plainText(name),
          this.config.maxFileSizeMB,
        );
        this.log(msg);
        vscode.window.setStatusBarMessage(`$(info) ${vscode.l10n.t('Clean Rooms: {0}', msg)}`, 10000);
      }
      this.updated.fire({ uri: doc.uri, version });
      return;
    }
    this.tooLarge.delete(key);
    if (a.result.kind === 'not-a-policy') {
      this.collection.delete(doc.uri);
      this.pairs.delete(key);
    } else {
      this.collection.set(
        doc.uri,
        [...editorFindings(a.result.findings, doc.languageId), ...this.pairFindings(doc, a)].map((f) => toDiagnostic(doc, f)),
      );
      if (!this.iam.current) void this.iam.load();
    }
    this.updated.fire({ uri: doc.uri, version });
    if (!refresh) return;
    if (a.result.kind !== 'not-a-policy') void this.refreshPair(doc, version);
    // Open documents paired with this one compare with its new text now.
    for (const [k, sib] of this.pairs) {
      if (k === key || sib.uri.toString() !== key) continue;
      const other = vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === k);
      const cached = other && this.cache.get(k);
      if (!other || !cached || cached.version !== other.version) continue;
      if (a.result.kind === 'not-a-policy') this.pairs.delete(k);
      else this.pairs.set(k, { ...sib, kind: a.result.kind, ...(a.result.facts ? { facts: a.result.facts } : { facts: undefined }) });
      this.publish(other, cached, other.version, false);
    }
  }

  /** consistency-role-pair findings of this analysis against the role's other file, as last read (sync, cheap). */
  private pairFindings(doc: vscode.TextDocument, a: CachedAnalysis) {
    const sib = this.pairs.get(doc.uri.toString());
    const facts = a.result.facts;
    if (!sib?.facts || !facts || a.result.kind === 'not-a-policy') return [];
    const name = doc.uri.path.split('/').pop() ?? '';
    return compareRolePair({ name, kind: a.result.kind, facts }, { name: sib.name, kind: sib.kind, facts: sib.facts }, this.config.rules);
  }

  /**
   * Find (again) the role's other file next to the document, in the background; when it changed, publish again.
   * Never blocks: the folder is listed through vscode.workspace.fs, and files larger than the main thread analyses are left out.
   */
  private async refreshPair(doc: vscode.TextDocument, version: number): Promise<void> {
    const key = doc.uri.toString();
    let sibling: SiblingPolicy | undefined;
    try {
      const a = this.cache.get(key);
      if (!a || a.version !== version || a.result.kind === 'not-a-policy') return;
      const files = await this.siblings.list(doc, WORKER_MIN_LENGTH);
      const name = doc.uri.path.split('/').pop() ?? '';
      const match = pairedSibling({ name, kind: a.result.kind }, files);
      sibling = files.find((f) => f.name === match);
    } catch (err) {
      this.log(vscode.l10n.t('Could not look for the other policy of the role next to {0}: {1}', plainText(doc.uri.path.split('/').pop() ?? ''), String(err)));
      return;
    }
    if (doc.isClosed || doc.version !== version) return;
    const before = this.pairs.get(key);
    if (sibling) this.pairs.set(key, sibling);
    else this.pairs.delete(key);
    if (before?.uri.toString() === sibling?.uri.toString() && before?.facts === sibling?.facts) return;
    if (before && sibling && before.uri.toString() === sibling.uri.toString() && JSON.stringify(before.facts) === JSON.stringify(sibling.facts)) return;
    const cached = this.cache.get(key);
    if (cached && cached.version === version) this.publish(doc, cached, version, false);
  }

  dispose(): void {
    this.worker?.stop('the extension was deactivated');
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.cache.clear();
    for (const d of this.disposables) d.dispose();
  }
}
