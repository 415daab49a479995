// Lazy loading of the IAM reference index (dist/iam-data.json) through vscode.workspace.fs (works on Node and web).
// Nothing is read in activate(); the first policy document triggers load(), then documents are re-validated.
import * as vscode from 'vscode';
import type { IamIndex } from '../iam-data/types';
import type { ActionHoverInfo, ConditionKeyHoverInfo } from './logic/hover-content';
import * as iamData from './iam-api';

export class IamLoader implements vscode.Disposable {
  private index: IamIndex | undefined;
  private loading: Promise<IamIndex | undefined> | undefined;
  private failed = false;
  /** How long the first load took in this extension host (read + parse), for the integration suite's METRIC. */
  loadMs: number | undefined;
  private readonly loadedEmitter = new vscode.EventEmitter<IamIndex>();
  /** Fires once, when the index has loaded. */
  readonly onDidLoad = this.loadedEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: (msg: string) => void,
  ) {}

  get current(): IamIndex | undefined {
    return this.index;
  }

  get isLoading(): boolean {
    return !!this.loading && !this.index && !this.failed;
  }

  /** Start loading (once); resolves to the index, or undefined when the data file is missing or unreadable. */
  load(): Promise<IamIndex | undefined> {
    if (!this.loading) {
      this.loading = (async () => {
        const uri = vscode.Uri.joinPath(this.extensionUri, 'dist', 'iam-data.json');
        try {
          const t0 = Date.now();
          const bytes = await vscode.workspace.fs.readFile(uri);
          const index = iamData.parseIamIndex(new TextDecoder('utf-8').decode(bytes));
          this.index = index;
          this.loadMs = Date.now() - t0;
          this.log(`IAM reference data ${index.meta?.version ?? '?'} (${index.meta?.updatedAt ?? '?'}) loaded in ${this.loadMs} ms.`);
          this.loadedEmitter.fire(index);
          return index;
        } catch (err) {
          this.failed = true;
          this.log(`IAM reference data not loaded (${uri.toString(true)}): ${(err as Error)?.message ?? String(err)}. IAM reference checks are off.`);
          return undefined;
        }
      })();
    }
    return this.loading;
  }

  lookupAction(action: string): ActionHoverInfo | undefined {
    return this.index ? iamData.lookupAction(this.index, action) : undefined;
  }

  lookupConditionKey(key: string): ConditionKeyHoverInfo | undefined {
    return this.index ? iamData.lookupConditionKey(this.index, key) : undefined;
  }

  /** Data version for hover footers: "<version> (<date>)". */
  get dataVersion(): string | undefined {
    const m = this.index?.meta;
    return m ? `${m.version}${m.updatedAt ? ` (${m.updatedAt})` : ''}` : undefined;
  }

  dispose(): void {
    this.loadedEmitter.dispose();
  }
}
