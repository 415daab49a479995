// Issue 12 item 2: every line the AWS CLI command builder (src/fill/aws-commands.ts, shared by "Copy AWS CLI Commands"
// and `cleanrooms-iam aws-commands`) emits is safe to paste into bash, whatever the names are. The generated text is
// checked by bash itself: `bash -n` parses it, and a run with `aws` replaced by a function and a DEBUG trap that
// records every simple command shows that nothing but the aws commands (and the POLICY_ARN assignment) ever runs, and
// that each file:// argument reads back as exactly the path.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCliCommands, commentText, roleRequirements, shellQuote, type CliInput } from '../../src/fill/aws-commands';

import { runCli } from './helpers/cli';

const ROOT = path.resolve(__dirname, '../..');
const CR = roleRequirements(['cleanrooms.amazonaws.com']);
const hasBash = spawnSync('bash', ['-c', 'exit 0']).status === 0;

/** Names built to break out of a comment line or a quoted word. */
const HOSTILE = [
  'a\nid > /dev/null; echo INJECTED-NL >&2\n',
  'x$(echo INJECTED-SUBST >&2)y',
  'x`echo INJECTED-BACKTICK >&2`y',
  `q'; echo INJECTED-QUOTE >&2; '`,
  'd"$(echo INJECTED-DQ >&2)"',
  'esc\u001b[2K\u001b]0;title\u0007\rline',
  'ctrl-c\u0003\necho INJECTED-CTRLC >&2',
  'bidi\u202e\u2066evil\u2069\u200b',
  'nel\u0085c1\u009b31m',
  'sep\u2028\u2029x',
  'back\\slash\\',
  "$'\\x41'",
  '#not-a-comment; echo INJECTED-HASH >&2',
  'tail\\',
];

/** Anything that drives a terminal or ends a line, besides the builder's own line breaks. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f]/;

interface BashRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The first word of every simple command bash ran at the top level, %q-quoted (one line each). */
  traced: string[];
  /** What the aws function recorded (see argsFromOd). */
  args: string;
}

/** Run `text` in bash with `aws` printing its arguments (one per line, then `--`) and every simple command traced. */
function runInBash(text: string, dir: string): BashRun {
  const script = path.join(dir, 'run.sh');
  const prelude = [
    'set -u',
    // aws: each argument's bytes (od -tx1, one line each) and END, to ./args (also from inside $(…)); prints an ARN.
    `aws() { for a in "$@"; do printf 'A%s' "$a" | od -An -v -tx1 | tr -s ' \\n' ' '; printf '\\n'; done >> ./args; printf 'END\\n' >> ./args; echo arn:aws:iam::111122223333:policy/p; }`,
    // Every simple command bash is about to run (after the prelude), one %q-quoted line each, to a file of its own.
    `trap 'printf "%q\\n" "\${BASH_COMMAND%% *}" >> ./trace' DEBUG`,
  ].join('\n');
  fs.writeFileSync(script, `${prelude}\n${text}`);
  // PATH: a directory with od and tr only, so any other command that is not a builtin or the function fails loudly.
  const bin = path.join(dir, 'bin');
  if (!fs.existsSync(bin)) {
    fs.mkdirSync(bin);
    for (const tool of ['od', 'tr']) {
      const where = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      fs.symlinkSync(where, path.join(bin, tool));
    }
  }
  const bash = spawnSync('bash', ['-c', 'command -v bash'], { encoding: 'utf8' }).stdout.trim();
  fs.rmSync(path.join(dir, 'trace'), { force: true });
  fs.rmSync(path.join(dir, 'args'), { force: true });
  const r = spawnSync(bash, ['--norc', '--noprofile', script], { encoding: 'utf8', env: { PATH: bin, LC_ALL: 'C' }, cwd: dir });
  const traced = fs.readFileSync(path.join(dir, 'trace'), 'utf8').split('\n').filter(Boolean);
  const args = fs.existsSync(path.join(dir, 'args')) ? fs.readFileSync(path.join(dir, 'args'), 'utf8') : '';
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, traced, args };
}

/** The bytes bash passed as each argument, decoded from the `od -c` lines. */
function argsFromOd(stdout: string): string[][] {
  const calls: string[][] = [];
  let cur: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line === 'END') {
      calls.push(cur);
      cur = [];
    } else if (line.trim() !== '') cur.push(line.trim());
  }
  return calls;
}

/** What the aws function records for an argument: 'A' and the argument's UTF-8 bytes, in hex (od -tx1). */
function od(s: string, _dir?: string): string {
  return [...Buffer.from(`A${s}`, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

describe('aws-commands: shell quoting of hostile values', () => {
  it("quotes plain words as they are, other text in single quotes, control characters as $'\\xHH'", () => {
    assert.equal(shellQuote('cleanrooms-x'), 'cleanrooms-x');
    assert.equal(shellQuote('a b'), `'a b'`);
    assert.equal(shellQuote(`it's`), `'it'\\''s'`);
    assert.equal(shellQuote('a\nb'), `$'a\\x0ab'`);
    assert.equal(shellQuote('e\u001b['), `$'e\\x1b['`);
    assert.equal(shellQuote(`q'\\\n`), `$'q\\'\\\\\\x0a'`);
    // Multi-byte characters that must not be shown raw: their UTF-8 bytes, each escaped.
    assert.equal(shellQuote('\u202e'), `$'\\xe2\\x80\\xae'`);
    assert.equal(shellQuote('\u0085'), `$'\\xc2\\x85'`);
    // Ordinary non-ASCII text stays readable.
    assert.equal(shellQuote('é'), `'é'`);
  });

  it('comment text shows control, separator and bidi characters as \\uXXXX and stays on one line', () => {
    assert.equal(commentText('a\nb\u001b\u202e\u2028'), 'a\\u000ab\\u001b\\u202e\\u2028');
    assert.equal(commentText('plain (text): $x'), 'plain (text): $x');
  });

  it('no raw control character in any line the builder emits, for hostile role names, policy names and paths', () => {
    for (const name of HOSTILE) {
      for (const relative of [false, true]) {
        for (const style of ['inline', 'managed'] as const) {
          const input: CliInput = {
            roleName: `cleanrooms-${name}`,
            requirements: CR,
            trustPath: `/w/${name}-trust.json`,
            permissionsPath: `${name}.json`,
            relative,
            style,
            policyName: name,
          };
          const out = buildCliCommands(input);
          assert.ok(!RAW_CONTROL.test(out.text), `${JSON.stringify(name)}: ${JSON.stringify(out.text)}`);
          const lines = out.text.trimEnd().split('\n');
          // Header comments, then exactly the commands: a name never adds a line.
          assert.deepEqual(lines.slice(lines.length - out.commands.length), out.commands);
          for (const l of lines.slice(0, lines.length - out.commands.length)) assert.match(l, /^# /);
          assert.equal(lines.length, (relative ? 5 : 4) + out.commands.length, JSON.stringify(out.text));
        }
      }
    }
  });

  it('bash parses the text (bash -n) and runs nothing but the aws commands; every argument reads back exactly', function () {
    if (!hasBash) return this.skip();
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cri-aws-'));
    try {
      for (const name of HOSTILE) {
        for (const relative of [false, true]) {
          const trustPath = relative ? `${name}-trust.json` : `/w/${name}-trust.json`;
          const permissionsPath = `/w/p ${name}.json`;
          const roleName = `cleanrooms-${name}`;
          const out = buildCliCommands({ roleName, requirements: CR, trustPath, permissionsPath, relative, style: 'managed', policyName: `pol-${name}` });
          const syntax = spawnSync('bash', ['-n'], { input: out.text, encoding: 'utf8' });
          assert.equal(syntax.status, 0, `${JSON.stringify(name)}: bash -n: ${syntax.stderr}`);
          const r = runInBash(out.text, dir);
          assert.equal(r.status, 0, `${JSON.stringify(name)}: ${r.stderr}`);
          // Nothing on stderr: an injected command would print INJECTED there, or fail as "command not found".
          assert.equal(r.stderr, '', JSON.stringify(name));
          // Exactly three top-level commands ran (the DEBUG trap is not inherited by the function or $(…)).
          assert.deepEqual(r.traced, ['aws', 'POLICY_ARN=\\$\\(aws', 'aws'], JSON.stringify(name));
          const calls = argsFromOd(r.args);
          assert.equal(calls.length, 3);
          assert.deepEqual(
            calls[0],
            ['iam', 'create-role', '--role-name', roleName, '--path', '/service-role/', '--assume-role-policy-document', `file://${trustPath}`].map((a) =>
              od(a, dir),
            ),
            JSON.stringify(name),
          );
          assert.deepEqual(
            calls[1].slice(0, 6),
            ['iam', 'create-policy', '--policy-name', `pol-${name}`, '--policy-document', `file://${permissionsPath}`].map((a) => od(a, dir)),
            JSON.stringify(name),
          );
          assert.deepEqual(
            calls[2],
            ['iam', 'attach-role-policy', '--role-name', roleName, '--policy-arn', 'arn:aws:iam::111122223333:policy/p'].map((a) => od(a, dir)),
            JSON.stringify(name),
          );
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('aws-commands: the CLI command', () => {
  const GOOD_TRUST = path.join(ROOT, 'examples/read-data-trust-policy.json');
  const GOOD_PERMS = path.join(ROOT, 'examples/read-data-permissions-policy.json');

  it('prints the same text as the extension builder, with absolute file:// paths and the suggested role name', () => {
    const r = runCli(['aws-commands', '--trust', 'examples/read-data-trust-policy.json', '--permissions', 'examples/read-data-permissions-policy.json']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    const expected = buildCliCommands({
      roleName: 'cleanrooms-read-data',
      requirements: CR,
      trustPath: GOOD_TRUST,
      permissionsPath: GOOD_PERMS,
      style: 'inline',
    });
    assert.equal(r.out, expected.text);
    assert.match(
      r.out,
      /^aws iam create-role --role-name cleanrooms-read-data --path \/service-role\/ --assume-role-policy-document file:\/\/\/.*read-data-trust-policy\.json$/m,
    );
    assert.match(r.out, /^aws iam put-role-policy /m);
  });

  it('--managed and --role-name (both spellings of the value)', () => {
    const r = runCli(['aws-commands', `--trust=${GOOD_TRUST}`, '--permissions', GOOD_PERMS, '--managed', '--role-name=cleanrooms-ci']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^POLICY_ARN=\$\(aws iam create-policy --policy-name cleanrooms-ci-permissions /m);
    assert.match(r.out, /^aws iam attach-role-policy --role-name cleanrooms-ci --policy-arn "\$POLICY_ARN"$/m);
  });

  it('usage errors exit 2 with one clear line', () => {
    const cases: Array<[string[], RegExp]> = [
      [['aws-commands'], /aws-commands needs --trust FILE/],
      [['aws-commands', '--trust', GOOD_TRUST], /aws-commands needs --permissions FILE/],
      [['aws-commands', '--permissions', GOOD_PERMS], /needs --trust FILE/],
      [['aws-commands', '--trust', GOOD_TRUST, '--trust', GOOD_TRUST, '--permissions', GOOD_PERMS], /--trust is given twice/],
      [['aws-commands', '--trust', GOOD_TRUST, '--permissions', GOOD_PERMS, 'extra'], /takes no positional arguments, got "extra"/],
      [['aws-commands', '--trust', GOOD_TRUST, '--permissions', GOOD_PERMS, '--managed=yes'], /--managed takes no value/],
      [['aws-commands', '--trust', GOOD_TRUST, '--permissions', GOOD_PERMS, '--role'], /unknown option --role/],
      [['aws-commands', '--trust', GOOD_TRUST, '--permissions'], /--permissions needs a value/],
      [['aws-commands', '--trust', '', '--permissions', GOOD_PERMS], /--trust needs a non-empty value/],
    ];
    for (const [argv, re] of cases) {
      const r = runCli(argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.out, '');
      assert.match(r.err, re, argv.join(' '));
      assert.equal(r.err.trimEnd().split('\n').length, 1, r.err);
      assert.match(r.err, /^cleanrooms-iam: .*Run cleanrooms-iam --help for usage\.\n$/);
    }
  });

  it('refuses a role name the managed policies cannot pass, or with shell characters, and files of the wrong kind', () => {
    const bad = runCli(['aws-commands', '--trust', GOOD_TRUST, '--permissions', GOOD_PERMS, '--role-name', 'x$(id)\n']);
    assert.equal(bad.code, 2);
    assert.equal(bad.out, '');
    assert.match(bad.err, /A role name may contain only letters, digits/);
    assert.ok(!bad.err.slice(0, -1).includes('\n'), 'the newline in the name is escaped on stderr');
    const pass = runCli(['aws-commands', '--trust', GOOD_TRUST, '--permissions', GOOD_PERMS, '--role-name', 'my-role']);
    assert.equal(pass.code, 2);
    assert.match(pass.err, /Put "cleanrooms" in the name/);
    const swapped = runCli(['aws-commands', '--trust', GOOD_PERMS, '--permissions', GOOD_TRUST]);
    assert.equal(swapped.code, 2);
    assert.match(swapped.err, /--trust needs a trust policy, and this is a permissions policy/);
    const missing = runCli(['aws-commands', '--trust', 'no/such.json', '--permissions', GOOD_PERMS]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no\/such\.json: cannot read file: no such file or directory/);
  });

  it('exits 1 (and says so) when a policy has errors, still printing the commands', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cri-awscli-'));
    try {
      const perms = path.join(dir, 'broken-permissions.json');
      fs.writeFileSync(perms, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3::bucket/*"}]}');
      const r = runCli(['aws-commands', '--trust', GOOD_TRUST, '--permissions', perms]);
      assert.equal(r.code, 1, r.err);
      assert.match(r.err, /broken-permissions\.json: \d+ errors?; run cleanrooms-iam lint/);
      assert.match(r.out, /^aws iam put-role-policy /m);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a hostile file name on the command line: the output is still safe bash (end to end through the CLI)', function () {
    if (!hasBash) return this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cri-awscli-'));
    try {
      const trust = path.join(dir, 'x\n$(echo INJECTED >&2)`echo INJECTED2 >&2`\u001b[31m\'"-trust.json');
      fs.copyFileSync(GOOD_TRUST, trust);
      const r = runCli(['aws-commands', '--trust', trust, '--permissions', GOOD_PERMS, '--managed']);
      assert.equal(r.code, 0, r.err);
      assert.ok(!RAW_CONTROL.test(r.out), JSON.stringify(r.out));
      assert.equal(spawnSync('bash', ['-n'], { input: r.out }).status, 0);
      const b = runInBash(r.out, dir);
      assert.equal(b.status, 0, b.stderr);
      assert.equal(b.stderr, '');
      assert.deepEqual(b.traced, ['aws', 'POLICY_ARN=\\$\\(aws', 'aws']);
      assert.equal(argsFromOd(b.args)[0].at(-1), od(`file://${trust}`, dir));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--help lists aws-commands and lint --fix', () => {
    const h = runCli(['--help']);
    assert.equal(h.code, 0);
    assert.match(h.out, /aws-commands --trust FILE --permissions FILE \[--role-name NAME\] \[--managed\]/);
    assert.match(h.out, /--fix {2,}Apply the preferred fixes/);
    assert.match(h.out, /--fix-dry-run /);
  });
});
