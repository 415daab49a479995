// "Copy AWS CLI Commands": the pure logic (src/vscode/logic/cli-commands.ts): sibling files, role requirements,
// role names, shell quoting and the commands themselves.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildCliCommands,
  englishT,
  fileArg,
  fileStem,
  policyNameFor,
  rankSiblings,
  roleRequirements,
  shellQuote,
  suggestRoleName,
  trustServices,
  validateRoleName,
} from '../../src/vscode/logic/cli-commands';

const root = join(__dirname, '..', '..');
const fixture = (p: string) => readFileSync(join(root, 'test', 'fixtures', p), 'utf8');
const CR = roleRequirements(['cleanrooms.amazonaws.com']);
const ML = roleRequirements(['cleanrooms-ml.amazonaws.com']);
const ER = roleRequirements(['entityresolution.amazonaws.com']);
const OTHER = roleRequirements([]);

describe('vscode logic: CLI commands: trust policy -> role requirements', () => {
  it('reads the service principals of every statement (string or array), ignoring AWS principals', () => {
    assert.deepEqual(trustServices(fixture('workspace/read-data-trust-policy.json')), ['cleanrooms.amazonaws.com']);
    const two = `{"Statement":[{"Principal":{"Service":["cleanrooms-ml.amazonaws.com","x.amazonaws.com"]}},{"Principal":{"AWS":"arn:aws:iam::370412985561:root"}}]}`;
    assert.deepEqual(trustServices(two), ['cleanrooms-ml.amazonaws.com', 'x.amazonaws.com']);
    assert.deepEqual(trustServices(`{"Statement":{"Principal":{"Service":"entityresolution.amazonaws.com"}}}`), ['entityresolution.amazonaws.com']);
    assert.deepEqual(trustServices('{"Statement": [ // comment\n {"Principal": {"Service": "cleanrooms.amazonaws.com"},},]}'), ['cleanrooms.amazonaws.com']);
    assert.deepEqual(trustServices('not json'), []);
  });

  it('Clean Rooms roles go under /service-role/ with "cleanrooms" in the name; ML roles start with cleanrooms-ml', () => {
    assert.equal(CR.kind, 'cleanrooms');
    assert.equal(CR.path, '/service-role/');
    assert.equal(CR.passRolePattern, 'arn:aws:iam::*:role/service-role/*cleanrooms*');
    assert.deepEqual(CR.managedPolicies, ['AWSCleanRoomsFullAccess', 'AWSCleanRoomsFullAccessNoQuerying']);
    assert.equal(ML.kind, 'cleanrooms-ml');
    assert.equal(ML.path, '/');
    assert.equal(ML.passRolePattern, 'arn:aws:iam::*:role/cleanrooms-ml*');
    assert.equal(ER.kind, 'entityresolution');
    assert.equal(OTHER.kind, 'other');
    assert.equal(roleRequirements(['cleanrooms-ml.amazonaws.com', 'cleanrooms.amazonaws.com']).kind, 'cleanrooms');
  });
});

describe('vscode logic: CLI commands: role names', () => {
  it('validates length, characters and the managed-policy pattern', () => {
    assert.equal(validateRoleName('cleanrooms-read-data', CR), undefined);
    assert.equal(validateRoleName('my.cleanrooms+role=1,a@b_c', CR), undefined);
    assert.match(validateRoleName('', CR)!, /1 to 64 characters \(this one has 0\)/);
    assert.match(validateRoleName('cleanrooms-' + 'x'.repeat(54), CR)!, /1 to 64 characters \(this one has 65\)/);
    assert.equal(validateRoleName('cleanrooms-' + 'x'.repeat(53), CR), undefined, '64 characters');
    assert.match(validateRoleName('cleanrooms read', CR)!, /only letters, digits/);
    assert.match(validateRoleName('service-role/cleanrooms', CR)!, /no spaces or slashes/);
    assert.match(
      validateRoleName('read-data', CR)!,
      /Put "cleanrooms" in the name: AWSCleanRoomsFullAccess \/ AWSCleanRoomsFullAccessNoQuerying can pass only roles matching arn:aws:iam::\*:role\/service-role\/\*cleanrooms\*/,
    );
    assert.match(validateRoleName('CleanRooms-read', CR)!, /cleanrooms/, 'the pattern is case-sensitive');
    assert.equal(validateRoleName('cleanrooms-ml-training', ML), undefined);
    assert.match(validateRoleName('training-cleanrooms-ml', ML)!, /Start the name with "cleanrooms-ml"/);
    assert.match(validateRoleName('idmapping', ER)!, /entityresolution/);
    assert.equal(validateRoleName('entityresolution-idmapping', ER), undefined);
    assert.equal(validateRoleName('member-analyst', OTHER), undefined);
  });

  it('stems drop the kind words and the extension', () => {
    assert.equal(fileStem('read-data-trust-policy.json'), 'read-data');
    assert.equal(fileStem('read-data-permissions-policy.json'), 'read-data');
    assert.equal(fileStem('/a/b/Receive_Results.Permissions.jsonc'), 'receive-results');
    assert.equal(fileStem('trust.json'), '');
    assert.equal(fileStem('my role (v2)-trust.json'), 'my-role-v2');
  });

  it('suggests a valid name for each kind from the file stem', () => {
    assert.equal(suggestRoleName(CR, 'read-data-trust-policy.json'), 'cleanrooms-read-data');
    assert.equal(suggestRoleName(CR, 'cleanrooms-results-trust.json'), 'cleanrooms-results');
    assert.equal(suggestRoleName(CR, 'trust.json', 'permissions.json'), 'cleanrooms-service-role');
    assert.equal(suggestRoleName(CR, 'trust.json', 'orders-permissions.json'), 'cleanrooms-orders');
    assert.equal(suggestRoleName(ML, 'ml-training-data-trust.json'), 'cleanrooms-ml-training-data');
    assert.equal(suggestRoleName(ML, 'cleanrooms-ml-seed-trust.json'), 'cleanrooms-ml-seed');
    assert.equal(suggestRoleName(ER, 'id-mapping-trust.json'), 'entityresolution-id-mapping');
    assert.equal(suggestRoleName(OTHER, 'member-trust.json'), 'cleanrooms-member');
    const long = suggestRoleName(CR, `${'a'.repeat(80)}-trust.json`);
    assert.equal(long.length, 64);
    for (const [req, f] of [
      [CR, 'x y-trust.json'],
      [ML, 'trust.json'],
      [ER, 'z-trust.json'],
      [CR, `${'b'.repeat(70)}.json`],
    ] as const) {
      assert.equal(validateRoleName(suggestRoleName(req, f), req), undefined, f);
    }
    assert.equal(policyNameFor('cleanrooms-read-data'), 'cleanrooms-read-data-permissions');
    assert.equal(policyNameFor('c'.repeat(64)).length, 76);
  });
});

describe('vscode logic: CLI commands: sibling file', () => {
  const files = [
    { name: 'read-data-trust-policy.json', kind: 'trust' as const },
    { name: 'read-data-permissions-policy.json', kind: 'permissions' as const },
    { name: 'seed-read-data-permissions-policy.json', kind: 'permissions' as const },
    { name: 'seed-receive-results-permissions-policy.json', kind: 'permissions' as const },
    { name: 'seed-receive-results-trust-policy.json', kind: 'trust' as const },
    { name: 'smoke-bad-policy.json', kind: 'permissions' as const },
  ];

  it('picks the file of the other kind with the same stem, and ranks the rest by shared words', () => {
    const r = rankSiblings(files[0], files);
    assert.equal(r.match, 'read-data-permissions-policy.json');
    assert.deepEqual(r.ranked, [
      'read-data-permissions-policy.json',
      'seed-read-data-permissions-policy.json',
      'seed-receive-results-permissions-policy.json',
      'smoke-bad-policy.json',
    ]);
    assert.equal(rankSiblings(files[1], files).match, 'read-data-trust-policy.json');
    assert.equal(rankSiblings(files[3], files).match, 'seed-receive-results-trust-policy.json');
  });

  it('asks (no match) when several candidates and no same stem; takes a lone candidate', () => {
    const r = rankSiblings(files[5], files);
    assert.equal(r.match, undefined);
    assert.deepEqual(r.ranked, ['read-data-trust-policy.json', 'seed-receive-results-trust-policy.json']);
    const lone = rankSiblings({ name: 'a-trust.json', kind: 'trust' }, [
      { name: 'b-permissions.json', kind: 'permissions' },
      { name: 'a-trust.json', kind: 'trust' },
    ]);
    assert.deepEqual(lone, { ranked: ['b-permissions.json'], match: 'b-permissions.json' });
    const two = rankSiblings({ name: 'x-trust.json', kind: 'trust' }, [
      { name: 'x-permissions.json', kind: 'permissions' },
      { name: 'x-perms.json', kind: 'permissions' },
    ]);
    assert.equal(two.match, undefined, 'two files with the same stem: ask');
    assert.deepEqual(rankSiblings({ name: 't.json', kind: 'trust' }, []), { ranked: [] });
  });
});

describe('vscode logic: CLI commands: shell quoting and commands', () => {
  it('quotes only what needs quoting, and single quotes inside single quotes', () => {
    assert.equal(shellQuote('/home/ana/policies/read-data-trust-policy.json'), '/home/ana/policies/read-data-trust-policy.json');
    assert.equal(shellQuote('/home/ana/my policies/x.json'), `'/home/ana/my policies/x.json'`);
    assert.equal(shellQuote(`/tmp/ana's/x.json`), `'/tmp/ana'\\''s/x.json'`);
    assert.equal(shellQuote('$HOME/x'), `'$HOME/x'`);
    assert.equal(shellQuote(''), `''`);
    assert.equal(fileArg('/p q/t.json'), `'file:///p q/t.json'`);
    assert.equal(fileArg('/p/t.json'), 'file:///p/t.json');
  });

  it('inline style: create-role under /service-role/ + put-role-policy', () => {
    const out = buildCliCommands({
      roleName: 'cleanrooms-read-data',
      requirements: CR,
      trustPath: '/w/read-data-trust-policy.json',
      permissionsPath: '/w/read-data-permissions-policy.json',
      style: 'inline',
    });
    assert.deepEqual(out.commands, [
      'aws iam create-role --role-name cleanrooms-read-data --path /service-role/ --assume-role-policy-document file:///w/read-data-trust-policy.json',
      'aws iam put-role-policy --role-name cleanrooms-read-data --policy-name cleanrooms-read-data-permissions --policy-document file:///w/read-data-permissions-policy.json',
    ]);
    const lines = out.text.trimEnd().split('\n');
    assert.deepEqual(lines.slice(-2), out.commands);
    for (const l of lines.slice(0, -2)) assert.match(l, /^# /);
    assert.match(
      out.text,
      /AWSCleanRoomsFullAccess \/ AWSCleanRoomsFullAccessNoQuerying can pass only roles matching arn:aws:iam::\*:role\/service-role\/\*cleanrooms\*/,
    );
    assert.match(out.text, /security-iam-awsmanpol\.html/);
    assert.match(out.text, /inline policy named cleanrooms-read-data-permissions/);
  });

  it('managed style: create-policy (ARN captured) + attach-role-policy; ML roles keep the default path', () => {
    const out = buildCliCommands({
      roleName: 'cleanrooms-ml-seed',
      requirements: ML,
      trustPath: '/w/t.json',
      permissionsPath: '/w/p.json',
      style: 'managed',
      policyName: 'cleanrooms-ml-seed-read',
    });
    assert.deepEqual(out.commands, [
      'aws iam create-role --role-name cleanrooms-ml-seed --assume-role-policy-document file:///w/t.json',
      'POLICY_ARN=$(aws iam create-policy --policy-name cleanrooms-ml-seed-read --policy-document file:///w/p.json --query Policy.Arn --output text)',
      'aws iam attach-role-policy --role-name cleanrooms-ml-seed --policy-arn "$POLICY_ARN"',
    ]);
    assert.match(out.text, /role\/cleanrooms-ml\*/);
    assert.doesNotMatch(out.text, /--path/);
  });

  it('paths with spaces and quotes survive a real POSIX shell (sh parses each file:// argument back to the path)', function () {
    const dir = mkdtempSync(join(tmpdir(), `cr cli 'q' `));
    try {
      const trust = join(dir, 'read data trust-policy.json');
      const perms = join(dir, `it's permissions-policy.json`);
      const out = buildCliCommands({ roleName: 'cleanrooms-x', requirements: CR, trustPath: trust, permissionsPath: perms, style: 'managed' });
      // Replace `aws` by a function printing its arguments one per line, then run the generated text.
      const script = `aws() { for a in "$@"; do printf '%s\\n' "$a"; done; printf '%s\\n' '--'; }\n${out.text}`;
      const file = join(dir, 'run.sh');
      writeFileSync(file, script);
      const printed = execFileSync('sh', [file], { encoding: 'utf8' }).split('\n');
      assert.ok(printed.includes(`file://${trust}`), printed.join('|'));
      assert.ok(printed.includes(`file://${perms}`), printed.join('|'));
      assert.ok(printed.includes('/service-role/'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('relative paths say where to run the commands; entity resolution names the rule; messages go through t()', () => {
    const seen: string[] = [];
    const t = (m: string, ...a: Array<string | number | boolean>) => (seen.push(m), englishT(m, ...a));
    const out = buildCliCommands(
      { roleName: 'entityresolution-x', requirements: ER, trustPath: 'a trust.json', permissionsPath: 'p.json', relative: true, style: 'inline' },
      t,
    );
    assert.equal(out.commands[0], `aws iam create-role --role-name entityresolution-x --assume-role-policy-document 'file://a trust.json'`);
    assert.match(out.text, /# Run these commands in the folder that holds a trust\.json and p\.json\./);
    assert.match(out.text, /AWSEntityResolutionConsoleFullAccess the role name must include "entityresolution"/);
    assert.ok(seen.length >= 3 && seen.every((m) => !/entityresolution-x/.test(m)), 'values are arguments, not part of the message key');
    assert.equal(englishT('{0} and {1} and {2}', 'a', 1), 'a and 1 and {2}');
  });
});

describe('vscode logic: the walkthrough example with mistakes', () => {
  it('is the seed receive-results trust policy (same JSON as the fixture), and the checks flag four kinds of mistakes in it', async () => {
    const { EXAMPLE_WITH_MISTAKES } = await import('../../src/vscode/logic/examples');
    const { analyze } = await import('../../src/analysis/analyze');
    assert.deepEqual(JSON.parse(EXAMPLE_WITH_MISTAKES.text), JSON.parse(fixture('bad/seed-receive-results-trust.json')));
    const r = analyze(EXAMPLE_WITH_MISTAKES.text);
    assert.equal(r.kind, 'trust');
    const rules = [...new Set(r.findings.map((f) => f.rule))].sort();
    assert.deepEqual(rules, ['cleanrooms-externalid-arnlike', 'cleanrooms-forany-single-valued', 'placeholder-bare-name', 'placeholder-example-value']);
  });
});
