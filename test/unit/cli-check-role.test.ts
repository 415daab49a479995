// `cleanrooms-iam check-role` and `roles`: exit codes, the JSON shape, the text output, the config file.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mustTemplate, placeholderKind, ROLE_CHECKS, ROLES } from '../../src/catalog';
import { parseArgs, UsageError } from '../../src/cli/args';
import { CONFIG_FILE, readConfig } from '../../src/cli/check-role';
import { ACTION_PATTERN } from '../../src/evaluate/role-config';
import { run, type CliIo } from '../../src/cli/run';
import { renderTemplate, sampleValues } from '../../src/fill/apply';
import { loadTestIamIndex } from './helpers/iam';

const ROOT = path.resolve(__dirname, '../..');
loadTestIamIndex(); // builds dist/iam-data.json when it is missing
const DATA = path.join(ROOT, 'dist');

function cli(argv: string[], cwd: string, over: Partial<CliIo> = {}): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s), stdoutIsTTY: false, env: {}, cwd, dataDir: DATA, ...over });
  return { code, out, err };
}

const ks = (k: string): string => placeholderKind(k).sample;

describe('cli: check-role', () => {
  let dir: string;
  const perm = mustTemplate('read-data-s3-permissions');
  const trustT = mustTemplate('read-data-s3-trust-scoped');
  const values = { ...sampleValues(trustT, ks), ...sampleValues(perm, ks) };
  const good = JSON.parse(renderTemplate(perm, values));
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cleanrooms-iam-check-role-'));
    fs.writeFileSync(path.join(dir, 'perm.json'), JSON.stringify(good, null, 2));
    fs.writeFileSync(path.join(dir, 'trust.json'), renderTemplate(trustT, values));
    const bad = structuredClone(good);
    bad.Statement[0].Action = bad.Statement[0].Action.filter((a: string) => a !== 'glue:GetPartitions');
    bad.Statement[3].Action = ['s3:GetObject', 's3:PutObject'];
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad, null, 2));
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"Statement": [');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exit 0 when Clean Rooms can use the role; the text names each request and its statement', () => {
    const r = cli(['check-role', '--role', 'read-data-s3', '--permissions', 'perm.json', '--trust', 'trust.json'], dir);
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    assert.match(r.out, /^Role read-data-s3: Service role to read data/);
    assert.match(
      r.out,
      /✔ allowed {2}glue:GetPartitions +arn:aws:glue:eu-west-2:210987654321:table\/marketing_db\/customer_events {2}statement 0 \(Sid "NecessaryGluePermissions"\)/,
    );
    assert.match(r.out, /✔ admits arn:aws:cleanrooms:eu-west-2:210987654321:membership\/3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17/);
    assert.match(r.out, /✔ does not admit another collaboration's arn:aws:cleanrooms:eu-west-2:999999999999:membership\//);
    assert.match(r.out, /✔ Clean Rooms can use this role: all 24 requests allowed, trust policy checked\n$/);
  });

  it('exit 1 with the denial and what is missing; broader access listed', () => {
    const r = cli(['check-role', '--role', 'read-data-s3', '--permissions', 'bad.json'], dir);
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /✖ denied {3}glue:GetPartitions +arn:aws:glue:eu-west-2:210987654321:catalog {2}add glue:GetPartitions to the Action of statement 0 \(Sid "NecessaryGluePermissions"\)/,
    );
    assert.match(r.out, /Broader than Clean Rooms needs \(no new access\):\n {2}⚠ statement 3 \(Sid "NecessaryS3ObjectPermissions"\) allows s3:PutObject/);
    assert.match(r.out, /Trust: not checked \(give --trust FILE\)/);
    assert.match(r.out, /✖ 3 of 24 requests denied\n$/);
  });

  it('--format json: {role, variant, values, requests: [{action, resource, decision, statement, reason}], trust, broader, forbidden, …}', () => {
    const r = cli(
      ['check-role', '--role', 'read-data-s3', '--permissions', 'bad.json', '--trust', 'trust.json', '--format', 'json', '--deny-action', 's3:PutObject'],
      dir,
    );
    assert.equal(r.code, 1);
    const j = JSON.parse(r.out);
    assert.deepEqual(Object.keys(j), ['role', 'variant', 'values', 'requests', 'trust', 'broader', 'forbidden', 'unknownValues', 'ok', 'summary']);
    assert.equal(j.role, 'read-data-s3');
    assert.equal(j.requests.length, 24);
    for (const q of j.requests) assert.deepEqual(Object.keys(q), ['action', 'resource', 'decision', 'statement', 'reason']);
    const denied = j.requests.filter((q: { decision: string }) => q.decision === 'denied');
    assert.deepEqual(
      denied.map((q: { action: string }) => q.action),
      ['glue:GetPartitions', 'glue:GetPartitions', 'glue:GetPartitions'],
    );
    assert.equal(denied[0].statement, null);
    assert.match(denied[0].reason, /^no statement allows glue:GetPartitions on .*; add glue:GetPartitions to the Action of statement 0/);
    const allowed = j.requests.find((q: { action: string }) => q.action === 's3:GetObject');
    assert.deepEqual(allowed.statement, { index: 3, sid: 'NecessaryS3ObjectPermissions' });
    assert.deepEqual(Object.keys(j.trust), ['service', 'admits', 'other', 'ok']);
    assert.equal(j.trust.ok, true);
    assert.equal(j.trust.other.decision, 'denied');
    assert.deepEqual(
      j.broader.map((b: { kind: string; action: string }) => [b.kind, b.action]),
      [['action', 's3:PutObject']],
    );
    assert.deepEqual(
      j.forbidden.map((f: { action: string; statement: { index: number } }) => [f.action, f.statement.index]),
      [['s3:PutObject', 3]],
    );
    assert.equal(j.values.database.value, 'marketing_db');
    assert.equal(j.ok, false);
  });

  it('a forbidden action from ./cleanrooms-iam.json is reported and fails the check', () => {
    const sub = fs.mkdtempSync(path.join(dir, 'cfg-'));
    fs.copyFileSync(path.join(dir, 'perm.json'), path.join(sub, 'perm.json'));
    fs.writeFileSync(path.join(sub, CONFIG_FILE), JSON.stringify({ denyActions: ['s3:List*'] }));
    const r = cli(['check-role', '--role', 'read-data-s3', '--permissions', 'perm.json', '--format', 'json'], sub);
    assert.equal(r.code, 1);
    const j = JSON.parse(r.out);
    assert.deepEqual(
      j.forbidden.map((f: { action: string }) => f.action),
      ['s3:ListBucket'],
    );
    assert.equal(j.requests.filter((q: { decision: string }) => q.decision !== 'allowed').length, 0);
  });

  it('--set values win over the policy, and a wrong value makes the request fail', () => {
    const r = cli(['check-role', '--role', 'read-data-s3', '--permissions', 'perm.json', '--set', 'prefix=other', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const j = JSON.parse(r.out);
    assert.deepEqual(j.values.prefix, { value: 'other', source: 'set' });
    assert.deepEqual(
      j.requests.filter((q: { decision: string }) => q.decision === 'denied').map((q: { resource: string }) => q.resource),
      ['arn:aws:s3:::acme-cleanrooms-data/other/*'],
    );
  });

  it('--membership: a trust that does not admit it fails', () => {
    const r = cli(
      [
        'check-role',
        '--role',
        'read-data-s3',
        '--permissions',
        'perm.json',
        '--trust',
        'trust.json',
        '--membership',
        'arn:aws:cleanrooms:eu-west-2:111111111111:membership/11111111-2222-4333-8444-555555555555',
      ],
      dir,
    );
    assert.equal(r.code, 1);
    assert.match(r.out, /✖ does not admit arn:aws:cleanrooms:eu-west-2:111111111111:membership\/11111111-2222-4333-8444-555555555555/);
    assert.match(r.out, /the trust policy does not admit the expected source/);
  });

  const usage: Array<[string, string[], RegExp]> = [
    [
      'unknown role (lists the valid ones)',
      ['check-role', '--role', 'nope', '--permissions', 'perm.json'],
      /unknown role "nope" \(roles: read-data-s3, read-data-athena, /,
    ],
    ['the member role', ['check-role', '--role', 'member', '--permissions', 'perm.json'], /assumed by people/],
    [
      'bad --set name (lists the names)',
      ['check-role', '--role', 'read-data-s3', '--permissions', 'perm.json', '--set', 'tabel=x'],
      /"tabel" is not a value of role read-data-s3 \(its values: region, glue-account-id, database, table, /,
    ],
    ['invalid --set value', ['check-role', '--role', 'read-data-s3', '--permissions', 'perm.json', '--set', 'region=mars-1'], /--set region=mars-1: /],
    ['missing file', ['check-role', '--role', 'read-data-s3', '--permissions', 'nothere.json'], /nothere\.json: cannot read file: no such file or directory/],
    ['not JSON', ['check-role', '--role', 'read-data-s3', '--permissions', 'broken.json'], /broken\.json: not valid JSON/],
    ['no --role', ['check-role', '--permissions', 'perm.json'], /check-role needs --role/],
    ['no --permissions', ['check-role', '--role', 'read-data-s3'], /check-role needs --permissions FILE/],
    [
      'bad --membership',
      ['check-role', '--role', 'read-data-s3', '--permissions', 'perm.json', '--membership', '3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17'],
      /--membership needs an ARN/,
    ],
    [
      'bad --deny-action',
      ['check-role', '--role', 'read-data-s3', '--permissions', 'perm.json', '--deny-action', 'delete everything'],
      /--deny-action needs an IAM action/,
    ],
    ['bad --format', ['check-role', '--role', 'read-data-s3', '--permissions', 'perm.json', '--format', 'sarif'], /--format must be one of text, json/],
    [
      'unknown variant',
      ['check-role', '--role', 'ml-read-seed', '--permissions', 'perm.json', '--variant', 'x'],
      /"x" is not a variant of ml-read-seed \(its variants: s3, sql\)/,
    ],
  ];
  for (const [title, argv, re] of usage) {
    it(`exit 2: ${title}`, () => {
      const r = cli(argv, dir);
      assert.equal(r.code, 2, r.out + r.err);
      assert.equal(r.out, '');
      assert.match(r.err, re);
      assert.ok(!/\n./.test(r.err.trimEnd()), 'one line');
    });
  }

  it('exit 2: an invalid cleanrooms-iam.json', () => {
    const sub = fs.mkdtempSync(path.join(dir, 'badcfg-'));
    fs.copyFileSync(path.join(dir, 'perm.json'), path.join(sub, 'perm.json'));
    fs.writeFileSync(path.join(sub, CONFIG_FILE), JSON.stringify({ denyActions: 's3:*' }));
    const r = cli(['check-role', '--role', 'read-data-s3', '--permissions', 'perm.json'], sub);
    assert.equal(r.code, 2);
    assert.match(r.err, /"denyActions" must be a list of IAM actions/);
  });

  it('control characters in a file name are escaped in messages', () => {
    const r = cli(['check-role', '--role', 'read-data-s3', '--permissions', 'x\u001b[31m.json'], dir);
    assert.equal(r.code, 2);
    assert.ok(!r.err.includes('\u001b'));
    assert.match(r.err, /x\\u001b\[31m\.json/);
  });

  it('runs without the IAM reference data (every action x resource pair is a request)', () => {
    const r = cli(['check-role', '--role', 'read-data-s3', '--permissions', 'perm.json', '--format', 'json'], dir, {
      dataDir: path.join(os.tmpdir(), 'cleanrooms-iam-no-data-here'),
    });
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.out).requests.length, 7 * 3 + 2 + 2 + 1);
  });
});

describe('cli: roles', () => {
  it('lists every catalog role id with its title; the member role is marked', () => {
    const r = cli(['roles'], ROOT);
    assert.equal(r.code, 0);
    const lines = r.out.trimEnd().split('\n');
    assert.match(lines[0], /^ID +TITLE$/);
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(/\s+/)[0]),
      ROLES.map((x) => x.id),
    );
    assert.match(r.out, /member +IAM role for a collaboration member \(assumed by people: nothing to check\)/);
  });
  it('--format json', () => {
    const j = JSON.parse(cli(['roles', '--format', 'json'], ROOT).out);
    assert.deepEqual(
      j.filter((x: { checkable: boolean }) => x.checkable).map((x: { id: string }) => x.id),
      ROLE_CHECKS.map((c) => c.role),
    );
    assert.deepEqual(Object.keys(j[0]), ['id', 'title', 'checkable', 'docUrl']);
  });
  it('parses; roles takes no positional arguments', () => {
    assert.deepEqual(parseArgs(['roles']), { cmd: 'roles', format: 'text' });
    assert.throws(() => parseArgs(['roles', 'x']), UsageError);
    assert.deepEqual(
      parseArgs(['check-role', '--role=read-data-s3', '--permissions', 'p.json', '--set', '<table>=t', '--membership', 'a', '--membership', 'b']),
      {
        cmd: 'check-role',
        role: 'read-data-s3',
        permissions: 'p.json',
        memberships: ['a', 'b'],
        sets: [{ name: 'table', value: 't' }],
        denyActions: [],
        format: 'text',
      },
    );
    assert.throws(() => parseArgs(['check-role', '--role', 'a', '--role', 'b', '--permissions', 'p']), /--role is given twice/);
    assert.throws(() => parseArgs(['check-role', '--role', 'a', '--permissions', 'p', '--set', 'x=1', '--set', 'x=2']), /--set x is given twice/);
  });
  it('the help lists check-role and roles', () => {
    const r = cli(['--help'], ROOT);
    assert.match(r.out, /check-role --role <role-id> --permissions FILE \[--trust FILE\] \[--membership ARN\]/);
    assert.match(r.out, /roles \[--format text\|json\] +List the role ids check-role takes\./);
  });
});

describe('cli: cleanrooms-iam.json', () => {
  it('absent -> no forbidden actions; valid -> its denyActions; wildcards accepted', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cleanrooms-iam-cfg-'));
    try {
      assert.deepEqual(readConfig(d), { denyActions: [] });
      fs.writeFileSync(path.join(d, CONFIG_FILE), JSON.stringify({ denyActions: ['s3:Delete*', 'iam:PassRole', '*'] }));
      assert.deepEqual(readConfig(d), { denyActions: ['s3:Delete*', 'iam:PassRole', '*'] });
      fs.writeFileSync(path.join(d, CONFIG_FILE), '[]');
      assert.ok('error' in readConfig(d));
      fs.writeFileSync(path.join(d, CONFIG_FILE), JSON.stringify({ denyActions: ['s3'] }));
      assert.ok('error' in readConfig(d));
      fs.writeFileSync(path.join(d, CONFIG_FILE), JSON.stringify({ denyAction: ['s3:*'] }));
      assert.match((readConfig(d) as { error: string }).error, /unknown setting "denyAction"/);
      fs.writeFileSync(path.join(d, CONFIG_FILE), JSON.stringify({ $schema: './schemas/cleanrooms-iam.schema.json', denyActions: [] }));
      assert.deepEqual(readConfig(d), { denyActions: [] });
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
  it('the schema accepts and rejects the same action forms as the CLI', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/cleanrooms-iam.schema.json'), 'utf8'));
    const re = new RegExp(schema.properties.denyActions.items.pattern);
    assert.equal(re.source, ACTION_PATTERN.source);
    for (const ok of ['s3:DeleteObject', 's3:Delete*', '*', 'iam:*', 'cleanrooms-ml:Get?']) assert.ok(re.test(ok), ok);
    for (const bad of ['s3', 's3:', 'delete everything', 's3:Delete Object']) assert.ok(!re.test(bad), bad);
    assert.equal(schema.additionalProperties, false);
  });
});
