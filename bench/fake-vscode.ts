// A stand-in for the `vscode` module that accepts any call: every property is a callable Proxy whose calls
// return another such Proxy (which also works as a Disposable). Calls whose name looks like a registration
// (register*, create*, on*) are recorded. It keeps working as the adapter grows new registrations.
//
// A few members need real values so an adapter's activate() behaves as on a fresh window:
// no open editors or documents, configuration `get(key, default)` returns the default, nothing is a thenable.

export interface FakeVscode {
  api: unknown;
  registrations: string[];
  makeContext(extensionPath: string): { context: unknown; subscriptions: unknown[] };
}

const EMPTY_STATE: Record<string, unknown> = {
  activeTextEditor: undefined,
  activeNotebookEditor: undefined,
  activeTerminal: undefined,
  textDocuments: [],
  visibleTextEditors: [],
  notebookDocuments: [],
  workspaceFolders: undefined,
  workspaceFile: undefined,
  rootPath: undefined,
  name: undefined,
  isTrusted: true,
  all: [],
  // extensions.getExtension() etc. return proxies; `version` is a string in the real API.
  version: '1.90.0',
  appName: 'Visual Studio Code',
  appHost: 'desktop',
  uiKind: 1,
  language: 'en',
  machineId: 'bench',
  sessionId: 'bench',
  remoteName: undefined,
};

/**
 * The names `vscode` exports, read from @types/vscode (top-level declarations of `declare module 'vscode'`), so the
 * fake can list its keys: bundlers copy a CommonJS module's own keys into an ES namespace (`import * as vscode`).
 */
export function vscodeExportNames(dts: string): string[] {
  const names = new Set<string>();
  for (const m of dts.matchAll(/^\texport (?:namespace|class|enum|const|let|function) (\w+)/gm)) names.add(m[1]);
  return [...names];
}

export function createFakeVscode(exportNames: string[] = []): FakeVscode {
  const registrations: string[] = [];

  const make = (path: string): unknown => {
    const target = function () {} as unknown as object;
    return new Proxy(target, {
      get(_t, prop) {
        if (prop === 'then') return undefined; // never a thenable
        if (prop === Symbol.iterator) return function* () {};
        if (prop === Symbol.toPrimitive) return (hint: string) => (hint === 'number' ? 0 : path);
        if (prop === 'toString' || prop === 'toJSON') return () => path;
        if (typeof prop === 'symbol') return undefined;
        if (prop === 'dispose') return () => undefined;
        if (prop in EMPTY_STATE) return EMPTY_STATE[prop];
        return make(`${path}.${prop}`);
      },
      apply(_t, _this, args) {
        const name = path.slice(path.lastIndexOf('.') + 1);
        if (/^(register|create|on[A-Z])/.test(name)) registrations.push(path.replace(/^vscode\./, ''));
        // WorkspaceConfiguration.get(section, defaultValue)
        if (name === 'get' && args.length >= 2) return args[1];
        if (name === 'get' && args.length === 1) return undefined;
        if (name === 'has') return false;
        if (name === 'update' || name === 'executeCommand' || name === 'showInformationMessage') return Promise.resolve(undefined);
        return make(`${path}()`);
      },
      construct(_t, _args, newTarget) {
        // An object whose prototype chain ends in a fake: `new vscode.EventEmitter()` and `class X extends vscode.CodeLens`
        // both work (the subclass's own members first, then any member of the fake base).
        return Reflect.construct(function () {}, [], newTarget) as object;
      },
    });
  };

  // The module object: the known export names as own keys (for namespace copies), any other name through the Proxy.
  const exportsTarget: Record<string, unknown> = {};
  for (const n of exportNames) exportsTarget[n] = n in EMPTY_STATE ? EMPTY_STATE[n] : make(`vscode.${n}`);
  const api = new Proxy(exportsTarget, {
    get(t, prop) {
      if (prop in t) return t[prop as string];
      if (prop === 'then' || prop === '__esModule' || typeof prop === 'symbol') return undefined;
      return make(`vscode.${String(prop)}`);
    },
  });

  const makeContext = (extensionPath: string) => {
    const subscriptions: unknown[] = [];
    const memento = () => {
      const m = new Map<string, unknown>();
      return {
        get: (k: string, d?: unknown) => (m.has(k) ? m.get(k) : d),
        update: (k: string, v: unknown) => (m.set(k, v), Promise.resolve()),
        keys: () => [...m.keys()],
        setKeysForSync: () => undefined,
      };
    };
    const overrides: Record<string, unknown> = {
      subscriptions,
      extensionPath,
      extensionUri: { fsPath: extensionPath, path: extensionPath, scheme: 'file', toString: () => `file://${extensionPath}` },
      globalState: memento(),
      workspaceState: memento(),
      extensionMode: 1,
      asAbsolutePath: (p: string) => `${extensionPath}/${p}`,
      storageUri: undefined,
      globalStorageUri: { fsPath: '/tmp/bench-global', path: '/tmp/bench-global', scheme: 'file' },
      logUri: { fsPath: '/tmp/bench-log', path: '/tmp/bench-log', scheme: 'file' },
    };
    const base = make('context') as object;
    const context = new Proxy(base, {
      get(t, prop, recv) {
        if (typeof prop === 'string' && prop in overrides) return overrides[prop];
        return Reflect.get(t, prop, recv);
      },
    });
    return { context, subscriptions };
  };

  return { api, registrations, makeContext };
}
