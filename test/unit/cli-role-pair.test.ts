// `cleanrooms-iam lint` across a role's two files (issue 14, item 1): the trust and the permissions policy of one role,
// linted together (a folder, or both files named), are compared; one finding per problem, on the permissions file.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './helpers/cli';

const MID = '3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17';
const ACCT = '246813579024';
const j = (v: unknown): string => JSON.stringify(v, null, 2) + '\n';
const trust = (region: string): string =>
  j({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'cleanrooms.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:cleanrooms:${region}:${ACCT}:membership/${MID}` } },
      },
    ],
  });
const perms = (region: string): string =>
  j({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['glue:GetDatabase', 'glue:GetTable'], Resource: [`arn:aws:glue:${region}:${ACCT}:database/sales`] }],
  });

interface JsonReport {
  file: string;
  findings: Array<{ rule: string; severity: string; message: string; line: number; column: number }>;
}
const pairFindings = (out: string): Array<[string, JsonReport['findings'][number]]> =>
  (JSON.parse(out) as JsonReport[]).flatMap((r) =>
    r.findings.filter((f) => f.rule === 'consistency-role-pair').map((f) => [path.basename(r.file), f] as [string, typeof f]),
  );

describe('cli: lint across a role\u2019s trust and permissions files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cleanrooms-iam-pair-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  };

  it('on a folder: reports the permissions Region that differs from the trust policy membership Region, once, on the permissions file', () => {
    write('read-data-trust.json', trust('eu-west-2'));
    write('read-data-permissions.json', perms('us-east-1'));
    const r = runCli(['lint', '--format', 'json', dir], { cwd: dir });
    const found = pairFindings(r.out);
    assert.equal(found.length, 1, r.out);
    const [file, f] = found[0];
    assert.equal(file, 'read-data-permissions.json');
    assert.equal(f.severity, 'warning');
    assert.match(
      f.message,
      /^This glue resource is in "us-east-1", but "read-data-trust\.json" \(the trust policy of this role\) names memberships in eu-west-2\./,
    );
    // The position is the Region inside the ARN.
    const line = perms('us-east-1').split('\n')[f.line - 1];
    assert.equal(line.slice(f.column - 1, f.column - 1 + 'us-east-1'.length), 'us-east-1');
    // Text output names the rule and the file.
    const text = runCli(['lint', dir], { cwd: dir });
    assert.match(text.out, /read-data-permissions\.json[\s\S]*consistency-role-pair/);
  });

  it('on both files named: the same; on one file alone, or when the files agree: nothing', () => {
    const t = write('read-data-trust.json', trust('eu-west-2'));
    const p = write('read-data-permissions.json', perms('us-east-1'));
    assert.equal(pairFindings(runCli(['lint', '--format', 'json', p, t]).out).length, 1);
    assert.equal(pairFindings(runCli(['lint', '--format', 'json', p]).out).length, 0);
    assert.equal(pairFindings(runCli(['lint', '--format', 'json', t]).out).length, 0);
    write('read-data-permissions.json', perms('eu-west-2'));
    assert.equal(pairFindings(runCli(['lint', '--format', 'json', dir]).out).length, 0);
  });

  it('pairs only within one folder, and only when the pairing is clear (two permissions files next to one trust: none)', () => {
    write('a/read-data-trust.json', trust('eu-west-2'));
    write('b/read-data-permissions.json', perms('us-east-1'));
    assert.equal(pairFindings(runCli(['lint', '--format', 'json', dir]).out).length, 0);
    write('c/trust.json', trust('eu-west-2'));
    write('c/glue-permissions.json', perms('us-east-1'));
    write('c/athena-permissions.json', perms('us-east-1'));
    assert.equal(pairFindings(runCli(['lint', '--format', 'json', path.join(dir, 'c')]).out).length, 0);
    // Two roles in one folder, each pair by its stem.
    write('d/read-data-trust.json', trust('eu-west-2'));
    write('d/read-data-permissions.json', perms('us-east-1'));
    write('d/results-trust.json', trust('us-east-1'));
    write('d/results-permissions.json', perms('us-east-1'));
    const found = pairFindings(runCli(['lint', '--format', 'json', path.join(dir, 'd')]).out);
    assert.deepEqual(
      found.map(([f]) => f),
      ['read-data-permissions.json'],
    );
  });

  it('--fix-dry-run compares the fixed texts too, and --max-warnings 0 fails on the finding', () => {
    write('read-data-trust.json', trust('eu-west-2'));
    write('read-data-permissions.json', perms('us-east-1'));
    assert.equal(pairFindings(runCli(['lint', '--fix-dry-run', '--format', 'json', dir]).out).length, 1);
    assert.equal(runCli(['lint', '--max-warnings', '0', dir]).code, 1);
    write('read-data-permissions.json', perms('eu-west-2'));
    assert.equal(runCli(['lint', '--max-warnings', '0', dir]).code, 0);
  });
});
