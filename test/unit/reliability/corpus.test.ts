// No false positives on everyday JSON: every *.json under node_modules (package.json, tsconfig, schemas, the IAM
// reference data, …), written by others, gets zero findings unless it really is an IAM policy. Files over 2 MB are
// skipped; the counts are printed.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/analysis';
import { checkAll, iamIndex, ROOT } from './support';

const MAX_BYTES = 2 * 1024 * 1024;

function jsonFiles(dir: string, out: string[] = []): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) jsonFiles(p, out);
    else if (e.isFile() && /\.json$/i.test(e.name)) out.push(p);
  }
  return out;
}

/** Really an IAM policy: parses as JSON, top-level Statement whose statements carry Effect (as IAM requires). */
function isIamPolicy(text: string): boolean {
  try {
    const v = JSON.parse(text);
    const st = v?.Statement;
    const list = Array.isArray(st) ? st : [st];
    return !!v && typeof v === 'object' && !Array.isArray(v) && list.length > 0 && list.every((s) => s && typeof s === 'object' && 'Effect' in s);
  } catch {
    return false;
  }
}

function corpusRoots(): string[] {
  const roots = [path.join(ROOT, 'node_modules')];
  try {
    const global = execFileSync('npm', ['root', '-g'], { encoding: 'utf8', timeout: 10_000 }).trim();
    if (global && fs.existsSync(global)) roots.push(global);
  } catch {
    // no global npm: the project's node_modules is the corpus
  }
  return roots;
}

describe('reliability: no false positives on the JSON under node_modules', function () {
  this.timeout(120_000);
  it('zero findings on every file that is not an IAM policy; every result well-formed even when forced', () => {
    const files = corpusRoots().flatMap((r) => jsonFiles(r));
    let checked = 0;
    let skippedLarge = 0;
    let policies = 0;
    let forced = 0;
    let bytes = 0;
    const offenders: string[] = [];
    const iam = iamIndex();
    for (const f of files) {
      const size = fs.statSync(f).size;
      if (size > MAX_BYTES) {
        skippedLarge++;
        continue;
      }
      const text = fs.readFileSync(f, 'utf8');
      bytes += size;
      checked++;
      const r = checkAll(text, { iam, fileName: path.basename(f) }, { fixes: false, bound: 10_000 });
      if (isIamPolicy(text)) {
        policies++;
        continue;
      }
      if (r.findings.length)
        offenders.push(
          `${path.relative(ROOT, f)}: ${r.findings
            .slice(0, 3)
            .map((x) => `${x.rule}@${x.offset} ${x.message}`)
            .join(' | ')}`,
        );
      // The forced path (a user's glob matched a non-policy file) may report problems, but must never throw, hang
      // or put a range outside the file. Bounded to the smaller files to keep the suite fast.
      if (size < 64 * 1024) {
        checkAll(text, { iam, forcePolicy: true }, { fixes: false, bound: 10_000 });
        forced++;
      }
    }
    console.log(
      `      corpus: ${checked} JSON files (${(bytes / 1024 / 1024).toFixed(1)} MB) checked, ${skippedLarge} over 2 MB skipped, ` +
        `${policies} real IAM policies, ${offenders.length} files with findings; ${forced} also analysed with forcePolicy`,
    );
    assert.ok(checked > 500, `only ${checked} files found under node_modules`);
    assert.deepEqual(offenders, []);
  });

  it('documents that mention Statement but are not policies stay quiet', () => {
    for (const text of [
      '{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"R":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cleanrooms.amazonaws.com"},"Action":"sts:AssumeRole"}]}}}}}',
      '{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"Statement":{"type":"array"}}}',
      '{"PolicyDocument":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}"}',
      '[{"Statement":[{"Effect":"Allow"}]}]',
      '{"name":"x","description":"Statement of work","keywords":["Statement"]}',
      '// "Statement"\n{"a":1}',
    ]) {
      assert.deepEqual(analyze(text, { iam: iamIndex() }), { kind: 'not-a-policy', findings: [] }, text);
    }
  });
});
