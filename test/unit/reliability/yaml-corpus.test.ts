// No false positives on everyday YAML: every *.yaml / *.yml under node_modules and the Debian packages' /usr/share and
// /usr/lib (CI configs, OpenAPI documents, Kubernetes and Helm files, compose files, …), written by others, gets zero
// findings, and what is not a CloudFormation template is turned away by a text scan, before any parse.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mayBeTemplate } from '../../../src/frontends/cloudformation';
import { analyzeDocument } from '../../../src/frontends/document';
import { iamIndex, ROOT } from './support';

const MAX_BYTES = 2 * 1024 * 1024;
const MAX_FILES = 3000;

function yamlFiles(dir: string, out: string[]): void {
  if (out.length >= MAX_FILES) return;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (e.isFile() && /\.ya?ml$/i.test(e.name)) out.push(p);
    if (out.length >= MAX_FILES) return;
  }
}

describe('reliability: no false positives on the YAML of node_modules and the Debian packages', function () {
  this.timeout(120_000);
  it('zero findings on every YAML file; non-templates are rejected by the scan', () => {
    const files: string[] = [];
    for (const root of [path.join(ROOT, 'node_modules'), '/usr/share', '/usr/lib']) yamlFiles(root, files);
    let checked = 0;
    let scanned = 0;
    let templates = 0;
    const offenders: string[] = [];
    for (const f of files) {
      let text: string;
      try {
        if (fs.statSync(f).size > MAX_BYTES) continue;
        text = fs.readFileSync(f, 'utf8');
      } catch {
        continue;
      }
      checked++;
      if (!mayBeTemplate(text)) scanned++;
      const r = analyzeDocument(text, { fileName: path.basename(f), iam: iamIndex() });
      if (r.kind !== 'not-a-policy') templates++;
      if (r.findings.length) offenders.push(`${f}: ${r.findings.map((x) => x.rule).join(', ')}`);
    }
    console.log(`      yaml corpus: ${checked} files, ${scanned} turned away by the scan, ${templates} templates with policies`);
    // node_modules alone holds dozens (the test cannot pass on an empty corpus).
    assert.ok(checked >= 40, `only ${checked} YAML files found`);
    assert.ok(scanned >= checked * 0.9, `${checked - scanned} of ${checked} were parsed`);
    assert.deepEqual(offenders, []);
  });
});
