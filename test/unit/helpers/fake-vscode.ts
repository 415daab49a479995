// The vscode stand-in for unit tests that run the adapter (the web-build test loads the bundles with it; the adapter's
// own tests load src/vscode with it through installFakeVscode). Not a full API: what the adapter calls, nothing more.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import Module from 'node:module';
import { posix } from 'node:path';

// ---------------------------------------------------------------------------------------------------------------
// The vscode stand-in: enough of the API for activate(), diagnostics, hovers, code actions, code lens and commands. It
// records registrations and diagnostics, reads files (the IAM data, sibling policies) from disk through workspace.fs
// and keeps documents in memory. Not a full API: what the adapter calls, nothing more.
export class Disposable {
  constructor(private readonly fn: () => void = () => {}) {}
  static from(...ds: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => ds.forEach((d) => d.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

export class EventEmitter<T> {
  private listeners = new Set<(e: T) => unknown>();
  readonly event = (listener: (e: T) => unknown, thisArg?: unknown, disposables?: Disposable[]): Disposable => {
    const l = (e: T) => listener.call(thisArg, e);
    this.listeners.add(l);
    const d = new Disposable(() => this.listeners.delete(l));
    disposables?.push(d);
    return d;
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query = '',
    readonly fragment = '',
  ) {}
  static file(path: string): Uri {
    return new Uri('file', '', path);
  }
  static from(c: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(c.scheme, c.authority ?? '', c.path ?? '', c.query ?? '', c.fragment ?? '');
  }
  static parse(value: string, _strict?: boolean): Uri {
    const m = /^([a-zA-Z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(value);
    if (!m) throw new Error(`[UriError]: cannot parse ${value}`);
    return new Uri(m[1], m[2] ?? '', decodeURIComponent(m[3] ?? ''), m[4] ?? '', m[5] ?? '');
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return base.with({ path: posix.join(base.path, ...segments) });
  }
  with(c: { scheme?: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(c.scheme ?? this.scheme, c.authority ?? this.authority, c.path ?? this.path, c.query ?? this.query, c.fragment ?? this.fragment);
  }
  get fsPath(): string {
    return this.path;
  }
  toString(skipEncoding = false): string {
    const enc = (s: string) => (skipEncoding ? s : s.split('/').map(encodeURIComponent).join('/'));
    const auth = this.authority || this.scheme === 'file' ? `//${this.authority}` : '';
    return `${this.scheme}:${auth}${enc(this.path)}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
  toJSON(): unknown {
    return { scheme: this.scheme, path: this.path };
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  isBefore(o: Position): boolean {
    return this.line < o.line || (this.line === o.line && this.character < o.character);
  }
  isBeforeOrEqual(o: Position): boolean {
    return this.isBefore(o) || this.isEqual(o);
  }
  isAfter(o: Position): boolean {
    return !this.isBeforeOrEqual(o);
  }
  isEqual(o: Position): boolean {
    return this.line === o.line && this.character === o.character;
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    if (typeof a === 'number') {
      this.start = new Position(a, b as number);
      this.end = new Position(c!, d!);
    } else {
      this.start = a;
      this.end = b as Position;
    }
  }
  contains(p: Position | Range): boolean {
    if (p instanceof Range) return this.contains(p.start) && this.contains(p.end);
    return !p.isBefore(this.start) && !this.end.isBefore(p);
  }
  get isEmpty(): boolean {
    return this.start.isEqual(this.end);
  }
}

export class Selection extends Range {
  constructor(
    readonly anchor: Position,
    readonly active: Position,
  ) {
    super(anchor, active);
  }
}

export const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 } as const;

export class Location {
  constructor(
    readonly uri: Uri,
    readonly range: Range,
  ) {}
}

export class DiagnosticRelatedInformation {
  constructor(
    readonly location: Location,
    readonly message: string,
  ) {}
}

export class Diagnostic {
  source?: string;
  code?: string | { value: string; target: Uri };
  relatedInformation?: DiagnosticRelatedInformation[];
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: number = DiagnosticSeverity.Error,
  ) {}
}

export class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Source = new CodeActionKind('source');
  static readonly SourceFixAll = new CodeActionKind('source.fixAll');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other: CodeActionKind): boolean {
    return this.value === other.value || other.value.startsWith(`${this.value}.`);
  }
  intersects(other: CodeActionKind): boolean {
    return this.contains(other) || other.contains(this);
  }
}

export class WorkspaceEdit {
  readonly edits: Array<{ uri: string; range: Range; newText: string }> = [];
  replace(uri: Uri, range: Range, newText: string): void {
    this.edits.push({ uri: uri.toString(), range, newText });
  }
  insert(uri: Uri, pos: Position, newText: string): void {
    this.replace(uri, new Range(pos, pos), newText);
  }
  get size(): number {
    return new Set(this.edits.map((e) => e.uri)).size;
  }
}

export class CodeAction {
  edit?: WorkspaceEdit;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  command?: { command: string; title: string; arguments?: unknown[] };
  constructor(
    readonly title: string,
    readonly kind?: CodeActionKind,
  ) {}
}

export class CodeLens {
  constructor(
    readonly range: Range,
    readonly command?: { title: string; command: string; arguments?: unknown[]; tooltip?: string },
  ) {}
}

export class MarkdownString {
  isTrusted?: boolean;
  supportHtml?: boolean;
  constructor(public value = '') {}
  appendMarkdown(s: string): this {
    this.value += s;
    return this;
  }
}

export class Hover {
  readonly contents: MarkdownString[];
  constructor(
    contents: MarkdownString | MarkdownString[],
    readonly range?: Range,
  ) {
    this.contents = Array.isArray(contents) ? contents : [contents];
  }
}

export class SnippetString {
  constructor(readonly value = '') {}
}

export class CompletionItem {
  [k: string]: unknown;
  constructor(
    readonly label: unknown,
    readonly kind?: number,
  ) {}
}

export class CompletionList {
  constructor(
    readonly items: CompletionItem[] = [],
    readonly isIncomplete = false,
  ) {}
}

const CompletionItemKind = { Module: 8, Function: 2, Operator: 23, Property: 9, EnumMember: 19, Value: 11, Snippet: 14 } as const;

/** An in-memory TextDocument (line breaks: \r\n, \n, \r, like VS Code). */
export class FakeDocument {
  version = 1;
  isClosed = false;
  isDirty = false;
  readonly eol = 1;
  private starts: number[] = [];
  constructor(
    readonly uri: Uri,
    private text: string,
    public languageId = 'json',
  ) {
    this.index();
  }
  private index(): void {
    const s = [0];
    const t = this.text;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 13 && t.charCodeAt(i + 1) === 10) {
        s.push(i + 2);
        i++;
      } else if (c === 10 || c === 13) s.push(i + 1);
    }
    this.starts = s;
  }
  get isUntitled(): boolean {
    return this.uri.scheme === 'untitled';
  }
  get fileName(): string {
    return this.uri.fsPath;
  }
  get lineCount(): number {
    return this.starts.length;
  }
  getText(range?: Range): string {
    return range ? this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }
  setText(text: string): void {
    this.text = text;
    this.version++;
    this.index();
  }
  /** End of line `line`'s content (before its line break). */
  private lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    return next - (this.text.charCodeAt(next - 2) === 13 && this.text.charCodeAt(next - 1) === 10 ? 2 : 1);
  }
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(this.text.length, Math.floor(offset)));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return new Position(lo, Math.min(o, this.lineEnd(lo)) - this.starts[lo]);
  }
  offsetAt(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, p.line)];
    return Math.min(start + Math.max(0, p.character), this.lineEnd(Math.max(0, p.line)));
  }
  lineAt(lineOrPos: number | Position) {
    const line = typeof lineOrPos === 'number' ? lineOrPos : lineOrPos.line;
    const start = this.starts[line];
    const end = this.lineEnd(line);
    const text = this.text.slice(start, end);
    const nextStart = this.starts[line + 1];
    return {
      lineNumber: line,
      text,
      range: new Range(line, 0, line, end - start),
      rangeIncludingLineBreak: nextStart === undefined ? new Range(line, 0, line, end - start) : new Range(line, 0, line + 1, 0),
      firstNonWhitespaceCharacterIndex: text.length - text.trimStart().length,
      isEmptyOrWhitespace: text.trim() === '',
    };
  }
  save(): Promise<boolean> {
    this.isDirty = false;
    return Promise.resolve(true);
  }
}

class Memento {
  private data = new Map<string, unknown>();
  get<T>(key: string, def?: T): T | undefined {
    return this.data.has(key) ? (this.data.get(key) as T) : def;
  }
  update(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
    return Promise.resolve();
  }
  keys(): string[] {
    return [...this.data.keys()];
  }
}

/** vscode.l10n.t's English behaviour: {n} and {name} arguments. */
function format(message: string, args: unknown[]): string {
  const named = args.length === 1 && args[0] && typeof args[0] === 'object' ? (args[0] as Record<string, unknown>) : undefined;
  return message.replace(/\{([^{}]+)\}/g, (m, k: string) => {
    const v = named ? named[k] : args[Number(k)];
    return v === undefined ? m : typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
  });
}

interface FakeState {
  commands: Map<string, (...args: unknown[]) => unknown>;
  executed: string[];
  providers: { codeActions: unknown[]; hovers: unknown[]; codeLens: unknown[]; completion: Array<{ provider: unknown; triggers: string[] }> };
  diagnostics: Map<string, Diagnostic[]>;
  collections: string[];
  messages: Array<{ kind: string; text: string }>;
  output: string[];
  clipboard: string;
  applied: WorkspaceEdit[];
  opened: FakeDocument[];
  /** Files read through workspace.fs.readFile (paths). */
  reads: string[];
}

/** Builds the stand-in. `config` answers workspace.getConfiguration(section).get(key). */
export function createFakeVscode(config: Record<string, unknown> = {}) {
  const state: FakeState = {
    commands: new Map(),
    executed: [],
    providers: { codeActions: [], hovers: [], codeLens: [], completion: [] },
    diagnostics: new Map(),
    collections: [],
    messages: [],
    output: [],
    clipboard: '',
    applied: [],
    opened: [],
    reads: [],
  };
  const textDocuments: FakeDocument[] = [];
  const onOpen = new EventEmitter<FakeDocument>();
  const onChange = new EventEmitter<{ document: FakeDocument; contentChanges: unknown[] }>();
  const onClose = new EventEmitter<FakeDocument>();
  const onConfig = new EventEmitter<{ affectsConfiguration(s: string): boolean }>();
  let untitled = 0;
  const window = {
    activeTextEditor: undefined as undefined | { document: FakeDocument; selection: Selection },
    createOutputChannel: (name: string) => ({ name, appendLine: (l: string) => state.output.push(l), append() {}, show() {}, clear() {}, dispose() {} }),
    setStatusBarMessage: (text: string) => (state.messages.push({ kind: 'status', text }), new Disposable()),
    showInformationMessage: (text: string) => (state.messages.push({ kind: 'info', text }), Promise.resolve(undefined)),
    showWarningMessage: (text: string) => (state.messages.push({ kind: 'warning', text }), Promise.resolve(undefined)),
    showErrorMessage: (text: string) => (state.messages.push({ kind: 'error', text }), Promise.resolve(undefined)),
    showTextDocument: async (doc: FakeDocument) => {
      const ed = { document: doc, selection: new Selection(new Position(0, 0), new Position(0, 0)) };
      window.activeTextEditor = ed;
      return ed;
    },
    showQuickPick: () => Promise.resolve(undefined),
    showInputBox: () => Promise.resolve(undefined),
    createQuickPick: () => {
      throw new Error('createQuickPick: not in the stand-in (inject a PromptProvider)');
    },
    createInputBox: () => {
      throw new Error('createInputBox: not in the stand-in (inject a PromptProvider)');
    },
  };
  const vscode = {
    version: '1.90.0',
    Disposable,
    EventEmitter,
    Uri,
    Position,
    Range,
    Selection,
    Location,
    Diagnostic,
    DiagnosticSeverity,
    DiagnosticRelatedInformation,
    CodeAction,
    CodeActionKind,
    CodeLens,
    Hover,
    MarkdownString,
    SnippetString,
    CompletionItem,
    CompletionList,
    CompletionItemKind,
    WorkspaceEdit,
    FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
    QuickPickItemKind: { Separator: -1, Default: 0 },
    QuickInputButtons: { Back: { iconPath: 'back' } },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    l10n: { t: (message: string, ...args: unknown[]) => format(message, args), bundle: undefined, uri: undefined },
    env: {
      clipboard: {
        writeText: async (t: string) => void (state.clipboard = t),
        readText: async () => state.clipboard,
      },
      openExternal: async () => true,
      language: 'en',
    },
    commands: {
      registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
        if (state.commands.has(id)) throw new Error(`command ${id} registered twice`);
        state.commands.set(id, fn);
        return new Disposable(() => state.commands.delete(id));
      },
      executeCommand: async (id: string, ...args: unknown[]) => {
        state.executed.push(id);
        const fn = state.commands.get(id);
        return fn ? fn(...args) : undefined;
      },
    },
    languages: {
      createDiagnosticCollection: (name: string) => {
        state.collections.push(name);
        // The rule findings' collection is state.diagnostics (what the tests compare); any other collection (the role
        // check's) keeps its own map.
        const map = name === 'cleanrooms-iam' ? state.diagnostics : new Map<string, Diagnostic[]>();
        return {
          name,
          set: (uri: Uri, diags: Diagnostic[]) => void map.set(uri.toString(), [...diags]),
          delete: (uri: Uri) => void map.delete(uri.toString()),
          has: (uri: Uri) => map.has(uri.toString()),
          get: (uri: Uri) => map.get(uri.toString()),
          clear: () => map.clear(),
          forEach: (fn: (uri: Uri, d: Diagnostic[]) => void) => map.forEach((d, u) => fn(Uri.parse(u), d)),
          dispose: () => map.clear(),
        };
      },
      getDiagnostics: (uri: Uri) => state.diagnostics.get(uri.toString()) ?? [],
      registerCodeActionsProvider: (_sel: unknown, p: unknown) => (state.providers.codeActions.push(p), new Disposable()),
      registerHoverProvider: (_sel: unknown, p: unknown) => (state.providers.hovers.push(p), new Disposable()),
      registerCodeLensProvider: (_sel: unknown, p: unknown) => (state.providers.codeLens.push(p), new Disposable()),
      registerCompletionItemProvider: (_sel: unknown, provider: unknown, ...triggers: string[]) => (
        state.providers.completion.push({ provider, triggers }),
        new Disposable()
      ),
      match: () => 0,
    },
    workspace: {
      textDocuments,
      workspaceFolders: undefined,
      onDidOpenTextDocument: onOpen.event,
      onDidChangeTextDocument: onChange.event,
      onDidCloseTextDocument: onClose.event,
      onDidSaveTextDocument: () => new Disposable(),
      onDidChangeConfiguration: onConfig.event,
      registerTextDocumentContentProvider: () => new Disposable(),
      createFileSystemWatcher: () => ({
        onDidChange: () => new Disposable(),
        onDidCreate: () => new Disposable(),
        onDidDelete: () => new Disposable(),
        dispose: () => undefined,
      }),
      getConfiguration: (section?: string) => ({
        get: <T>(key: string, def?: T): T | undefined => {
          const full = section ? `${section}.${key}` : key;
          return full in config ? (config[full] as T) : def;
        },
        has: (key: string) => (section ? `${section}.${key}` : key) in config,
        inspect: () => undefined,
        update: async () => undefined,
      }),
      fs: {
        readFile: async (uri: Uri) => (state.reads.push(uri.fsPath), new Uint8Array(readFileSync(uri.fsPath))),
        readDirectory: async (uri: Uri) =>
          readdirSync(uri.fsPath, { withFileTypes: true }).map((e) => [e.name, e.isDirectory() ? 2 : e.isFile() ? 1 : 0] as [string, number]),
        stat: async (uri: Uri) => {
          const s = statSync(uri.fsPath);
          return { type: s.isDirectory() ? 2 : 1, size: s.size, ctime: s.ctimeMs, mtime: s.mtimeMs };
        },
        isWritableFileSystem: () => true,
      },
      openTextDocument: async (arg: Uri | { language?: string; content?: string }) => {
        if (arg instanceof Uri) {
          const open = textDocuments.find((d) => d.uri.toString() === arg.toString());
          if (open) return open;
          return api.open(arg, readFileSync(arg.fsPath, 'utf8'));
        }
        const doc = api.open(Uri.from({ scheme: 'untitled', path: `Untitled-${++untitled}` }), arg.content ?? '', arg.language ?? 'plaintext');
        state.opened.push(doc);
        return doc;
      },
      applyEdit: async (edit: WorkspaceEdit) => (state.applied.push(edit), true),
    },
    window,
  };
  const api = {
    vscode,
    state,
    /** Opens a document (fires onDidOpenTextDocument). */
    open(uri: Uri, text: string, languageId = 'json'): FakeDocument {
      const doc = new FakeDocument(uri, text, languageId);
      textDocuments.push(doc);
      onOpen.fire(doc);
      return doc;
    },
    /** Replaces a document's text (fires onDidChangeTextDocument). */
    change(doc: FakeDocument, text: string): void {
      doc.setText(text);
      onChange.fire({ document: doc, contentChanges: [{ text }] });
    },
    close(doc: FakeDocument): void {
      doc.isClosed = true;
      textDocuments.splice(textDocuments.indexOf(doc), 1);
      onClose.fire(doc);
    },
    context(extensionPath: string) {
      return {
        subscriptions: [] as Array<{ dispose(): unknown }>,
        extensionUri: Uri.file(extensionPath),
        extensionPath,
        workspaceState: new Memento(),
        globalState: new Memento(),
      };
    },
    listeners(): number {
      return onOpen.listenerCount + onChange.listenerCount + onClose.listenerCount + onConfig.listenerCount;
    },
  };
  return api;
}

let installed: ReturnType<typeof createFakeVscode> | undefined;

/**
 * Makes `require('vscode')` return the stand-in, for the adapter's own sources loaded after this call (through tsx's
 * CommonJS loader). One stand-in per process: the sources keep the one they were loaded with (Node caches them), so
 * every test file that loads them gets the same one; each test opens its own documents.
 */
export function installFakeVscode(): ReturnType<typeof createFakeVscode> {
  if (installed) return installed;
  const fake = createFakeVscode();
  const M = Module as unknown as { _resolveFilename: (this: unknown, request: string, ...rest: unknown[]) => string; _cache: Record<string, unknown> };
  const id = '/fake-vscode-module/vscode.js';
  const resolve = M._resolveFilename;
  M._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? id : resolve.call(this, request, ...rest);
  };
  M._cache[id] = { id, filename: id, loaded: true, exports: fake.vscode, children: [], paths: [] };
  installed = fake;
  return fake;
}
