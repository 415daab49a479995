// Measurements in the real workbench (issue 13), printed as METRIC lines; never asserted against a time.
// 1. Edit to diagnostic: our diagnostics on a policy, and VS Code's own JSON diagnostics (JSON Language Features, a
//    schema error on a document whose $schema is a local file) in the same run, interleaved round by round.
// 2. Activation as the workbench records it (Developer: Startup Performance, the table Running Extensions reads: load
//    code, call activate, finish activate), for this extension and vscode.json-language-features, in the same window.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CleanRoomsIamApi } from '../../src/vscode/extension';
import { closeAll, EXTENSION_ID, openUntitled, ours, waitFor } from './helpers';

const JSON_EXTENSION = 'vscode.json-language-features';

const POLICY = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadObjects",
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::<bucket>/*"
        }
    ]
}
`;

/** VS Code's JSON diagnostics on a document (not ours). */
function theirs(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'cleanrooms-iam');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
}

/** Replace [start, start + length) of `doc` (in its editor, brought to the front) and wait until `done()`; the time from the edit to it, in ms. */
async function timeEdit(
  doc: vscode.TextDocument,
  start: number,
  length: number,
  text: string,
  what: string,
  done: () => boolean,
  events: Array<vscode.Event<unknown>> = [],
): Promise<number> {
  const ed = await vscode.window.showTextDocument(doc);
  const t0 = performance.now();
  assert.ok(await ed.edit((b) => b.replace(new vscode.Range(doc.positionAt(start), doc.positionAt(start + length)), text)));
  await waitFor(what, done, 15_000, events);
  return performance.now() - t0;
}

/** One row of the "Extension Activation Stats" table of the Startup Performance document. */
interface ActivationRow {
  loadCode: number;
  callActivate: number;
  finishActivate: number;
  event: string;
}

function activationRows(text: string): Map<string, ActivationRow> {
  const rows = new Map<string, ActivationRow>();
  const at = text.indexOf('Extension Activation Stats');
  if (at < 0) return rows;
  const lines = text.slice(at).split('\n').slice(1);
  let header: string[] | undefined;
  for (const line of lines) {
    if (!line.trim().startsWith('|')) {
      if (header) break;
      continue;
    }
    const cells = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
    if (!header) {
      header = cells;
      continue;
    }
    if (cells.every((c) => /^-+$/.test(c))) continue;
    const get = (name: string) => cells[header!.indexOf(name)] ?? '';
    rows.set(get('Extension'), {
      loadCode: Number(get('Load Code')),
      callActivate: Number(get('Call Activate')),
      finishActivate: Number(get('Finish Activate')),
      event: get('Event'),
    });
  }
  return rows;
}

describe('performance in the real workbench (measurements)', function () {
  this.timeout(120_000);
  let api: CleanRoomsIamApi;
  let dir: string;

  before(async () => {
    const ext = vscode.extensions.getExtension<CleanRoomsIamApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    await api.loadIamData(); // the steady state, not the one-off index load
    dir = mkdtempSync(join(tmpdir(), 'cleanrooms-iam-perf-'));
  });
  after(async () => {
    await closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('edit to diagnostic: ours on a policy and VS Code JSON schema validation, interleaved', async () => {
    // A schema on the local disk (no network): "count" must be a number.
    const schema = join(dir, 'anchor.schema.json');
    writeFileSync(schema, JSON.stringify({ type: 'object', properties: { count: { type: 'number' } } }));
    const anchorText = `{\n    "$schema": ${JSON.stringify(vscode.Uri.file(schema).toString())},\n    "count": 1\n}\n`;
    const anchor = (await openUntitled(anchorText)).document;
    const jsonErr = () => theirs(anchor.uri).some((d) => /number/i.test(d.message));
    // JSON Language Features validates the untitled document against the schema: a first error proves it does.
    const countAt = anchor.getText().indexOf('1\n}');
    await timeEdit(anchor, countAt, 1, '"one"', 'the JSON schema error', jsonErr);
    await timeEdit(anchor, countAt, 5, '1', 'the JSON schema error to go', () => !jsonErr());

    const doc = (await openUntitled(POLICY)).document;
    await waitFor('the placeholder diagnostic', () => ours(doc.uri).some((d) => d.message.includes('<bucket>')));
    const at = doc.getText().indexOf('<bucket>');
    const has = () => ours(doc.uri).some((d) => d.message.includes('<bucket>') && doc.getText(d.range) === '<bucket>');

    const mine: number[] = [];
    const json: number[] = [];
    for (let round = 0; round < 5; round++) {
      mine.push(
        await timeEdit(doc, at, 8, 'harbourline-exports', 'the <bucket> diagnostic to go', () => !ours(doc.uri).some((d) => d.message.includes('<bucket>'))),
      );
      mine.push(await timeEdit(doc, at, 19, '<bucket>', 'the <bucket> diagnostic to return', has));
      json.push(await timeEdit(anchor, countAt, 1, '"one"', 'the JSON schema error', jsonErr));
      json.push(await timeEdit(anchor, countAt, 5, '1', 'the JSON schema error to go', () => !jsonErr()));
    }
    // Edit to the adapter's own publish event (no 50 ms debounce of onDidChangeDiagnostics in between): our share of it.
    const published = (version: () => number) => {
      let seen = false;
      const sub = api.onDidUpdateDiagnostics((e) => {
        if (e.uri.toString() === doc.uri.toString() && e.version === version()) seen = true;
      });
      return { seen: () => seen, dispose: () => sub.dispose() };
    };
    const own: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const [len, text] of [
        [8, 'harbourline-exports'],
        [19, '<bucket>'],
      ] as const) {
        const p = published(() => doc.version);
        own.push(await timeEdit(doc, at, len, text, 'our publish of the new version', p.seen, [api.onDidUpdateDiagnostics as vscode.Event<unknown>]));
        p.dispose();
      }
    }
    const timing = api.validationTiming(doc.uri);
    assert.ok(timing, 'the policy was analysed');
    // The adaptive debounce in the real workbench: 4x the last analysis, at most the setting (200 ms).
    assert.equal(timing.debounceMs, Math.min(200, Math.floor(4 * timing.analysisMs)));
    console.log('METRIC edit-to-diagnostics-ours-ms', median(mine));
    console.log('METRIC edit-to-diagnostics-vscode-json-ms', median(json));
    console.log('METRIC edit-to-diagnostics-ours-min-ms', Math.round(Math.min(...mine)));
    console.log('METRIC edit-to-publish-ours-ms', median(own));
    console.log('METRIC edit-to-diagnostics-vscode-json-min-ms', Math.round(Math.min(...json)));
    console.log('METRIC policy-analysis-ms', Math.round(timing.analysisMs * 100) / 100);
    console.log('METRIC policy-debounce-ms', timing.debounceMs);
  });

  it('activation as the workbench records it: ours and JSON Language Features side by side', async () => {
    // Both are active by now (a JSON document is open); the Startup Performance document lists every activation.
    assert.ok(vscode.extensions.getExtension(JSON_EXTENSION)?.isActive, 'JSON Language Features is active');
    await vscode.commands.executeCommand('perfview.show').then(undefined, () => vscode.commands.executeCommand('workbench.action.appPerf'));
    const perf = await waitFor('the Startup Performance document', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'perf' && d.getText().includes('Extension Activation Stats')),
    );
    const rows = activationRows(perf.getText());
    const id = (x: string) => [...rows.keys()].find((k) => k.toLowerCase() === x.toLowerCase());
    const oursRow = rows.get(id(EXTENSION_ID) ?? '');
    const jsonRow = rows.get(id(JSON_EXTENSION) ?? '');
    assert.ok(oursRow, `${EXTENSION_ID} in the table (${[...rows.keys()].join(', ')})`);
    assert.ok(jsonRow, `${JSON_EXTENSION} in the table`);
    // Running Extensions shows load code + call activate as the activation time.
    for (const [name, r] of [
      ['ours', oursRow],
      ['vscode-json', jsonRow],
    ] as const) {
      console.log(`METRIC activation-${name}-ms`, r.loadCode + r.callActivate);
      console.log(`METRIC activation-${name}-load-code-ms`, r.loadCode);
      console.log(`METRIC activation-${name}-call-activate-ms`, r.callActivate);
      console.log(`METRIC activation-${name}-finish-activate-ms`, r.finishActivate);
    }
  });
});
