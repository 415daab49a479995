// The CloudFormation front end (src/frontends): policies in YAML and JSON templates and CDK output, every check at the
// template's own source lines, intrinsics as unknown parts (never a finding that depends on them), fixes proven in YAML.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/analysis/analyze';
import type { Finding } from '../../src/analysis/types';
import { templateSites } from '../../src/frontends/cloudformation';
import { analyzeDocument, safeEdit } from '../../src/frontends/document';
import { renderSite } from '../../src/frontends/site';
import { placeholdersOfTemplate, templateFill } from '../../src/frontends/view';
import { planFill } from '../../src/fill/apply';
import { loadTestIamIndex } from './helpers/iam';

const iam = loadTestIamIndex();
const DIR = join(__dirname, '..', 'fixtures', 'cloudformation');
const fixture = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const lint = (text: string, fileName = 'template.yaml'): Finding[] => analyzeDocument(text, { iam, fileName }).findings;
const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;
/** The 1-based line of the first line containing `needle` (at or after line `from`). */
const lineWith = (text: string, needle: string, from = 1): number => {
  const lines = text.split('\n');
  const i = lines.findIndex((l, n) => n + 1 >= from && l.includes(needle));
  assert.ok(i >= 0, `fixture has ${needle}`);
  return i + 1;
};
const STAND_INS = { partition: 'aws', region: 'us-east-1', account: '405128965318', urlSuffix: 'amazonaws.com' };
const at = (text: string, f: Finding): string => text.slice(f.offset, f.offset + f.length);
const apply = (text: string, edits: ReadonlyArray<{ offset: number; length: number; newText: string }>): string => {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
};
const yamlTemplate = (statementYaml: string, kind: 'trust' | 'permissions' = 'permissions'): string =>
  [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    '  Role:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      AssumeRolePolicyDocument:',
    '        Version: "2012-10-17"',
    '        Statement:',
    ...(kind === 'trust'
      ? statementYaml.split('\n').map((l) => `          ${l}`)
      : [
          '          - Effect: Allow',
          '            Principal: { Service: cleanrooms.amazonaws.com }',
          '            Action: sts:AssumeRole',
          '            Condition:',
          '              ArnLike:',
          '                aws:SourceArn: !Sub "arn:aws:cleanrooms:${AWS::Region}:${AWS::AccountId}:membership/${M}"',
        ]),
    '      Policies:',
    '        - PolicyName: p',
    '          PolicyDocument:',
    '            Version: "2012-10-17"',
    '            Statement:',
    ...(kind === 'permissions'
      ? statementYaml.split('\n').map((l) => `              ${l}`)
      : ['              - { Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::b/*" }']),
    '',
  ].join('\n');

describe('CloudFormation front end: the seed’s mistakes at their source lines', () => {
  const cases: Array<{ file: string; expect: Array<[rule: string, needle: string, text?: string]> }> = [
    {
      file: 'seed-mistakes.yaml',
      expect: [
        ['cleanrooms-principal-typo', 'Service: cleanroom.amazonaws.com', 'cleanroom.amazonaws.com'],
        ['cleanrooms-source-arn-membership', ':collaboration/', 'collaboration'],
        ['placeholder-example-value', '"111122223333"', '111122223333'],
        ['iam-unknown-action', 'glue:GetTabels', 'glue:GetTabels'],
        ['arn-s3-two-colons', 'arn:aws:s3::${DataBucket}', '::'],
        ['placeholder-token', '<bucket-name>', '<bucket-name>'],
      ],
    },
    {
      file: 'cdk-mistakes.template.json',
      expect: [
        ['cleanrooms-principal-typo', '"cleanroom.amazonaws.com"', 'cleanroom.amazonaws.com'],
        ['placeholder-example-value', '"111122223333"', '111122223333'],
        ['iam-unknown-action', 's3:GetObjects', 's3:GetObjects'],
        ['iam-unknown-action', 'glue:GetTabels', 'glue:GetTabels'],
        ['arn-s3-two-colons', '"arn:aws:s3::"', '::'],
        ['placeholder-token', '<database>', '<database>'],
      ],
    },
  ];
  for (const c of cases) {
    it(`${c.file}: each mistake once, on its own line, on exactly its text, and nothing else`, () => {
      const text = fixture(c.file);
      const findings = lint(text, c.file);
      const got = findings.map((f) => `${f.rule}@${lineOf(text, f.offset)}:${at(text, f)}`).sort();
      const want = c.expect.map(([rule, needle, t]) => `${rule}@${lineWith(text, needle)}:${t ?? needle}`).sort();
      assert.deepEqual(got, want);
    });
  }
  it('the editor test’s copy (test/fixtures/workspace) is this fixture, byte for byte', () => {
    assert.equal(readFileSync(join(DIR, '..', 'workspace', 'cloudformation-read-data.yaml'), 'utf8'), fixture('seed-mistakes.yaml'));
  });
  it('messages name unknown parts as the template writes them', () => {
    const text = fixture('seed-mistakes.yaml');
    const f = lint(text).find((x) => x.rule === 'arn-s3-two-colons')!;
    assert.match(f.message, /arn:aws:s3:::\$\{DataBucket\}\/\*/);
    assert.doesNotMatch(f.message, /cfnvalue|405128965318/);
    const cdk = fixture('cdk-mistakes.template.json');
    assert.match(lint(cdk, 'x.template.json').find((x) => x.rule === 'arn-s3-two-colons')!.message, /"\$\{DataBucket\}\/\*"/);
  });
  it('the same policy as a JSON file gives the same findings (the front end adds and loses nothing)', () => {
    const text = fixture('seed-mistakes.yaml');
    const yamlRules = lint(text)
      .filter((f) => !['arn-s3-two-colons'].includes(f.rule))
      .map((f) => f.rule)
      .sort();
    const json = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'cleanroom.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    const trust2 = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'cleanrooms.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            ArnLike: { 'aws:SourceArn': 'arn:aws:cleanrooms:us-east-1:405128965318:collaboration/cfnvalue1' },
            StringEquals: { 'aws:SourceAccount': '111122223333' },
          },
        },
      ],
    });
    const perms = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['glue:GetDatabase', 'glue:GetTabels'],
          Resource: ['arn:aws:glue:us-east-1:405128965318:catalog', 'arn:aws:glue:us-east-1:405128965318:database/*'],
        },
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::<bucket-name>' },
      ],
    });
    const jsonRules = [json, trust2, perms].flatMap((t) => analyze(t, { iam }).findings.map((f) => f.rule)).sort();
    assert.deepEqual(yamlRules, jsonRules);
  });
});

describe('CloudFormation front end: correct templates full of intrinsics are clean', () => {
  for (const file of ['good.yaml', 'cdk-good.template.json']) {
    it(`${file}: no finding at any severity, and every policy document was read`, () => {
      const text = fixture(file);
      const r = analyzeDocument(text, { iam, fileName: file });
      assert.deepEqual(
        r.findings.map((f) => `${f.rule}@${lineOf(text, f.offset)}`),
        [],
      );
      assert.equal(r.host, 'cloudformation');
      assert.ok((r.sites?.length ?? 0) >= 2);
    });
  }
  it('good.yaml: every resource type that holds a policy is found (role trust, inline policy, bucket policy, managed policy)', () => {
    const paths = templateSites(fixture('good.yaml')).sites.map((s) => `${s.path} ${s.role}`);
    assert.deepEqual(paths, [
      'Resources.ReadDataRole.Properties.AssumeRolePolicyDocument trust',
      'Resources.ReadDataRole.Properties.Policies[0].PolicyDocument identity',
      'Resources.ResultsBucketPolicy.Properties.PolicyDocument resource',
      'Resources.ExportRole.Properties.AssumeRolePolicyDocument trust',
      'Resources.ReadPolicy.Properties.PolicyDocument identity',
    ]);
  });
});

describe('CloudFormation front end: unknown values are parts, not errors', () => {
  const clean = (statement: string, kind: 'trust' | 'permissions' = 'permissions'): void => {
    const text = yamlTemplate(statement, kind);
    assert.deepEqual(
      lint(text).map((f) => `${f.rule}: ${f.message.slice(0, 120)}`),
      [],
      text,
    );
  };
  it('a whole value from !Ref, !GetAtt, !ImportValue, !If or !FindInMap is never reported', () => {
    clean('- { Effect: Allow, Action: s3:ListBucket, Resource: !Ref BucketArn }');
    clean('- { Effect: Allow, Action: s3:ListBucket, Resource: !GetAtt Bucket.Arn }');
    clean('- { Effect: Allow, Action: kms:Decrypt, Resource: !ImportValue SharedKeyArn }');
    clean('- { Effect: Allow, Action: s3:GetObject, Resource: !FindInMap [Buckets, !Ref AWS::Region, Arn] }');
    clean('- { Effect: Allow, Action: !If [IsProd, s3:GetObject, s3:ListBucket], Resource: "*" }');
    clean('- !If [HasKey, { Effect: Allow, Action: kms:Decrypt, Resource: !Ref KeyArn }, !Ref AWS::NoValue]');
    clean('- { Effect: Allow, Action: !Ref ActionName, Resource: "arn:aws:s3:::b/*" }');
    clean('- { Effect: Allow, Action: s3:GetObject, Resource: { "Fn::Sub": "${BucketArn}/*" } }');
  });
  it('a value that depends on what the unknown is gives no finding with either stand-in (the intersection bites)', () => {
    // With a plain-name stand-in, iam:PassRole on a non-role ARN would be a resource mismatch; with `*`, the
    // PassRole-on-* checks would fire. Neither depends on the template alone.
    clean(
      '- { Effect: Allow, Action: iam:PassRole, Resource: !Ref RoleArn, Condition: { StringEquals: { "iam:PassedToService": cleanrooms.amazonaws.com } } }',
    );
    clean('- { Effect: Allow, Action: s3:GetObject, Resource: !Sub "arn:aws:s3:::${Bucket}/${Prefix}*" }');
    // `${ObjectPath}` may hold `bucket/key`: as a plain name the ARN would be a bucket (no object action applies); as
    // `*` it matches objects. Only the intersection of the two analyses keeps this silent.
    clean('- { Effect: Allow, Action: s3:GetObject, Resource: !Sub "arn:aws:s3:::${ObjectPath}" }');
  });
  it('pseudo parameters are an unknown, consistent Region and account', () => {
    clean(
      [
        '- Effect: Allow',
        '  Principal: { Service: cleanrooms.amazonaws.com }',
        '  Action: sts:AssumeRole',
        '  Condition:',
        '    ArnLike: { "aws:SourceArn": !Sub "arn:aws:cleanrooms:us-west-2:${AWS::AccountId}:membership/${M}" }',
        '    StringEquals: { "aws:SourceAccount": !Ref AWS::AccountId }',
        '    StringLike: { "sts:ExternalId": !Sub "arn:aws:*:${AWS::Region}:*:dbuser:*/${M}*" }',
      ].join('\n'),
      'trust',
    );
    // One membership, its Region written once and once as ${AWS::Region}: consistent, so no two-Regions finding (on
    // the literal, where it would be reported).
    const m = '3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17';
    clean(
      [
        '- Effect: Allow',
        '  Principal: { Service: cleanrooms.amazonaws.com }',
        '  Action: sts:AssumeRole',
        '  Condition:',
        `    ArnLike: { "aws:SourceArn": !Sub "arn:aws:cleanrooms:\${AWS::Region}:\${AWS::AccountId}:membership/${m}" }`,
        `    StringLike: { "sts:ExternalId": "arn:aws:*:eu-west-2:*:dbuser:*/${m}*" }`,
      ].join('\n'),
      'trust',
    );
    clean(
      '- { Effect: Allow, Action: glue:GetDatabase, Resource: [!Sub "arn:aws:glue:${AWS::Region}:${AWS::AccountId}:catalog", "arn:aws:glue:us-west-2:210987654321:database/d"] }',
    );
  });
  it('the literal parts that remain certain are still checked', () => {
    const text = yamlTemplate('- { Effect: Allow, Action: s3:GetObject, Resource: !Sub "arn:aws:s3:::${Bucket}/<prefix>*" }');
    assert.deepEqual(
      lint(text).map((f) => `${f.rule}:${at(text, f)}`),
      ['placeholder-token:<prefix>'],
    );
    const region = yamlTemplate('- { Effect: Allow, Action: glue:GetDatabase, Resource: !Sub "arn:aws:glue:us-east-7:${AWS::AccountId}:catalog" }');
    assert.deepEqual(
      lint(region).map((f) => `${f.rule}:${at(region, f)}`),
      ['arn-region:us-east-7'],
    );
  });
});

describe('CloudFormation front end: fixes in the host language', () => {
  it('a fix inside a plain, a single-quoted and a double-quoted scalar is offered, and applying it removes the finding', () => {
    for (const action of ['glue:GetTabels', "'glue:GetTabels'", '"glue:GetTabels"']) {
      const text = yamlTemplate(`- { Effect: Allow, Action: ${action}, Resource: "*" }`);
      const f = lint(text).find((x) => x.rule === 'iam-unknown-action');
      assert.ok(f?.fixes?.length, `a fix for ${action}`);
      const fixed = apply(text, f.fixes[0].edits);
      assert.ok(fixed.includes(action.replace('Tabels', 'Tables')), fixed);
      assert.equal(lint(fixed).filter((x) => x.rule === 'iam-unknown-action').length, 0);
    }
  });
  it('a fix that cannot be written safely in YAML is not offered (a folded scalar; an escape in a double-quoted one)', () => {
    const folded = yamlTemplate('- Effect: Allow\n  Action: >-\n    glue:GetTabels\n  Resource: "*"');
    const f = lint(folded).find((x) => x.rule === 'iam-unknown-action');
    assert.ok(f, 'still reported');
    assert.equal(f.fixes, undefined);
    const escaped = yamlTemplate('- { Effect: Allow, Action: "glue:Get\\x54abels", Resource: "*" }');
    const g = lint(escaped).find((x) => x.rule === 'iam-unknown-action');
    assert.ok(g, 'still reported');
    assert.equal(g.fixes, undefined);
  });
  it('the principal fix in a CDK JSON template keeps the JSON valid and fixes the principal', () => {
    const text = fixture('cdk-mistakes.template.json');
    const f = lint(text, 'x.template.json').find((x) => x.rule === 'cleanrooms-principal-typo')!;
    const fixed = apply(text, f.fixes![0].edits);
    assert.doesNotThrow(() => JSON.parse(fixed));
    assert.equal(lint(fixed, 'x.template.json').filter((x) => x.rule === 'cleanrooms-principal-typo').length, 0);
  });
  it('every fix offered in the fixtures, applied to the template, is read back as exactly the engine’s fixed JSON', () => {
    let applied = 0;
    for (const file of ['seed-mistakes.yaml', 'cdk-mistakes.template.json']) {
      const text = fixture(file);
      const sites = templateSites(text).sites;
      for (const f of lint(text, file)) {
        for (const fix of f.fixes ?? []) {
          const again = templateSites(apply(text, fix.edits)).sites;
          assert.equal(again.length, sites.length, `${f.rule}: ${fix.title} keeps every policy`);
          // The fixed template differs from the original in the edited value only, and the finding is gone.
          const json = (x: (typeof sites)[number]): string => renderSite(x.value, STAND_INS, 0).json;
          const changed = again.filter((s, i) => json(s) !== json(sites[i]));
          assert.equal(changed.length, 1, `${f.rule}: one policy changes`);
          assert.equal(
            lint(apply(text, fix.edits), file).filter((x) => x.rule === f.rule && x.offset === f.offset).length,
            0,
            `${f.rule}: ${fix.title} removes the finding`,
          );
          applied++;
        }
      }
    }
    assert.ok(applied >= 4, `${applied} fixes applied`);
  });
  it('safeEdit: what a scalar of each style may take', () => {
    const src = 'a: glue:GetTabels\nb: "glue:GetTabels"\nc: \'glue:GetTabels\'\nd: !Sub "arn:aws:s3:::${B}/x"\n';
    const plain = { quote: 'plain' as const, sub: false, start: 3, end: 17 };
    const double = { quote: 'double' as const, sub: false, start: 22, end: 36 };
    const single = { quote: 'single' as const, sub: false, start: 42, end: 56 };
    const sub = { quote: 'double' as const, sub: true, start: 67, end: 87 };
    const at = (style: { start: number }, from: number, length: number, newText: string) => ({ offset: style.start + from, length, newText });
    assert.equal(safeEdit(src, plain, at(plain, 8, 6, 'Tables')), true);
    for (const bad of ['Tab #x', 'Tab: x', 'Tab,x', 'Tab]', 'Tab{', 'Tab\nx'])
      assert.equal(safeEdit(src, plain, at(plain, 8, 6, bad)), false, `plain: ${JSON.stringify(bad)}`);
    assert.equal(safeEdit(src, plain, at(plain, 0, 14, 'true')), false, 'a plain scalar that YAML reads as a Boolean');
    assert.equal(safeEdit(src, plain, at(plain, 0, 14, '123')), false, 'a number');
    assert.equal(safeEdit(src, plain, at(plain, 0, 4, '*')), false, 'a leading indicator (an alias)');
    assert.equal(safeEdit(src, plain, at(plain, 0, 14, ' x')), false, 'a leading space');
    assert.equal(safeEdit(src, double, at(double, 8, 6, 'Tables')), true);
    assert.equal(safeEdit(src, double, at(double, 8, 6, 'Ta"b')), false);
    assert.equal(safeEdit(src, double, at(double, 8, 6, 'Ta\\b')), false);
    assert.equal(safeEdit(src, double, at(double, 8, 6, "Ta'b")), true);
    assert.equal(safeEdit(src, single, at(single, 8, 6, 'Ta"b')), true);
    assert.equal(safeEdit(src, single, at(single, 8, 6, "Ta'b")), false);
    assert.equal(safeEdit(src, sub, at(sub, 0, 3, 'arn')), true);
    assert.equal(safeEdit(src, sub, at(sub, 0, 3, '${X}')), false, 'a ${ in a !Sub template');
    assert.equal(safeEdit(src, plain, { offset: 20, length: 1, newText: 'x' }), false, 'outside the scalar');
  });
});

describe('CloudFormation front end: what is not a template stays silent and cheap', () => {
  it('Kubernetes, GitHub workflow and docker-compose YAML: not a policy, no finding, no parse', () => {
    const docs = [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: a\n      image: nginx\n',
      'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
      'services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: example\n',
    ];
    for (const d of docs) {
      const r = analyzeDocument(d, { iam, fileName: 'x.yaml' });
      assert.deepEqual([r.kind, r.findings.length], ['not-a-policy', 0]);
    }
  });
  it('a template with no policy resource, and a YAML syntax error, are not policies', () => {
    assert.equal(analyzeDocument('Resources:\n  B:\n    Type: AWS::S3::Bucket\n', { fileName: 't.yaml' }).kind, 'not-a-policy');
    assert.equal(analyzeDocument('Resources:\n  R:\n    Type: AWS::IAM::Role\n   bad: [\n', { fileName: 't.yaml' }).kind, 'not-a-policy');
  });
  it('a JSON policy file is analysed exactly as before (the JSON front end is the engine)', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObjects","Resource":"*"}]}';
    assert.deepEqual(analyzeDocument(text, { iam, fileName: 'p.json' }).findings, analyze(text, { iam, fileName: 'p.json' }).findings);
  });
});

describe('policy sites: rendering', () => {
  it('renders JSON the engine parses, with a piece for every value that maps back to its source', () => {
    const text = fixture('good.yaml');
    for (const site of templateSites(text).sites) {
      for (const variant of [0, 1] as const) {
        const r = renderSite(site.value, STAND_INS, variant);
        assert.doesNotThrow(() => JSON.parse(r.json), r.json);
        for (const p of r.pieces.filter((x) => x.linear)) assert.equal(text.slice(p.src, p.srcEnd), r.json.slice(p.start, p.end));
      }
    }
  });
});

// Policy documents written as JSON text: a string (single- or double-quoted, a `|` block, a JSON template's string) or a
// `!Sub` / `Fn::Sub` template holding JSON with `${…}` parts. The seed's mistakes are the same three policies in every form.
describe('CloudFormation front end: policy documents written as JSON strings', function () {
  this.timeout(30_000);
  /** Three policies (a trust with a principal typo; a trust with a collaboration ARN and an example account; permissions
   * with a typo action, a two-colon S3 ARN and a placeholder). `sub`: written with !Sub references; `good`: correct. */
  const policies = (sub: boolean, good = false): Array<Record<string, unknown>> => {
    const region = sub ? '${AWS::Region}' : 'us-east-1';
    const account = sub ? '${AWS::AccountId}' : '405128965318';
    const membership = sub ? '${MembershipId}' : '3f2d1c0b-9a8e-4d6c-b5a4-0123456789ab';
    const bucket = sub ? '${DataBucket}' : 'amzn-data-exports';
    return [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: good ? 'cleanrooms.amazonaws.com' : 'cleanroom.amazonaws.com' },
            Action: 'sts:AssumeRole',
            // The correct trust names the membership (the confused-deputy condition); the mistaken one has only the typo.
            ...(good ? { Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:cleanrooms:${region}:${account}:membership/${membership}` } } } : {}),
          },
        ],
      },
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'cleanrooms.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: {
              ArnLike: { 'aws:SourceArn': `arn:aws:cleanrooms:${region}:${account}:${good ? 'membership' : 'collaboration'}/${membership}` },
              StringEquals: { 'aws:SourceAccount': good ? account : '111122223333' },
            },
          },
        ],
      },
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['glue:GetDatabase', good ? 'glue:GetTables' : 'glue:GetTabels'],
            Resource: [`arn:aws:glue:${region}:${account}:catalog`, `arn:aws:glue:${region}:${account}:database/*`],
          },
          { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:${good ? '::' : ':'}${bucket}/*` },
          { Effect: 'Allow', Action: 's3:ListBucket', Resource: good ? `arn:aws:s3:::${bucket}` : 'arn:aws:s3:::<bucket-name>' },
        ],
      },
    ];
  };
  /** [rule, needle, the finding's text inside the needle]: each mistake's source occurrence is unique in every form. */
  const MISTAKES: Array<[string, string | RegExp, string]> = [
    ['cleanrooms-principal-typo', 'cleanroom.amazonaws.com', 'cleanroom.amazonaws.com'],
    ['cleanrooms-source-arn-membership', ':collaboration/', 'collaboration'],
    ['placeholder-example-value', '111122223333', '111122223333'],
    ['iam-unknown-action', 'glue:GetTabels', 'glue:GetTabels'],
    ['arn-s3-two-colons', /arn:aws:s3::(?!:)/, '::'],
    ['placeholder-token', '<bucket-name>', '<bucket-name>'],
  ];
  const indent = (text: string, n: number): string =>
    text
      .split('\n')
      .map((l) => ' '.repeat(n) + l)
      .join('\n');
  /** A YAML template whose three policies are each written as `write(policy JSON)`, under `PolicyDocument:` etc. */
  const yamlWith = (write: (json: Record<string, unknown>) => string, sub: boolean, good = false): string => {
    const [t1, t2, p] = policies(sub, good).map(write);
    return [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Parameters:',
      '  DataBucket: { Type: String }',
      '  MembershipId: { Type: String }',
      'Resources:',
      '  ReceiveResultsRole:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      `      AssumeRolePolicyDocument: ${t1}`,
      '  ReadDataRole:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      `      AssumeRolePolicyDocument: ${t2}`,
      '      Policies:',
      '        - PolicyName: read-data',
      `          PolicyDocument: ${p}`,
      '',
    ].join('\n');
  };
  /** A block scalar's text (after the key): header, then the pretty JSON indented below the key. */
  const block = (header: string) => (json: Record<string, unknown>) => `${header}\n${indent(JSON.stringify(json, null, 2), 12)}`;
  const FORMS: Array<{ name: string; sub: boolean; file?: string; text: (good: boolean) => string }> = [
    { name: "a single-quoted string ('{…}')", sub: false, text: (g) => yamlWith((j) => `'${JSON.stringify(j)}'`, false, g) },
    { name: 'a double-quoted string ("{\\"…\\"}")', sub: false, text: (g) => yamlWith((j) => JSON.stringify(JSON.stringify(j)), false, g) },
    { name: 'a | block scalar', sub: false, text: (g) => yamlWith(block('|'), false, g) },
    { name: 'a !Sub | block with ${…} parts', sub: true, text: (g) => yamlWith(block('!Sub |'), true, g) },
    {
      name: 'Fn::Sub (long form) with a |- block',
      sub: true,
      text: (g) => yamlWith((j) => `\n            Fn::Sub: ${block('|-')(j).replace(/\n/g, '\n  ')}`, true, g),
    },
    {
      name: '!Sub [template, variables] with a double-quoted template',
      sub: true,
      text: (g) => yamlWith((j) => `!Sub [${JSON.stringify(JSON.stringify(j))}, {}]`, true, g),
    },
    {
      name: 'a CloudFormation JSON template: strings and Fn::Sub',
      sub: true,
      file: 'x.template.json',
      text: (g) => {
        const [t1, t2, p] = policies(false, g).map((j) => JSON.stringify(j));
        const [, , subP] = policies(true, g).map((j) => JSON.stringify(j));
        void p;
        return JSON.stringify(
          {
            AWSTemplateFormatVersion: '2010-09-09',
            Resources: {
              ReceiveResultsRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: t1 } },
              ReadDataRole: {
                Type: 'AWS::IAM::Role',
                Properties: { AssumeRolePolicyDocument: t2, Policies: [{ PolicyName: 'read-data', PolicyDocument: { 'Fn::Sub': subP } }] },
              },
            },
          },
          null,
          2,
        );
      },
    },
  ];

  for (const form of FORMS) {
    it(`${form.name}: each seed mistake once, on exactly its source text and line; the correct template is clean`, () => {
      const text = form.text(false);
      const file = form.file ?? 'template.yaml';
      assert.equal(templateSites(text).sites.length, 3, 'three policy sites');
      const got = lint(text, file)
        .map((f) => `${f.rule}@${lineOf(text, f.offset)}:${f.offset}+${f.length}`)
        .sort();
      const want = MISTAKES.map(([rule, needle, inner]) => {
        const found = [...text.matchAll(new RegExp(typeof needle === 'string' ? needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : needle.source, 'g'))];
        assert.equal(found.length, 1, `${String(needle)} once in the template`);
        const offset = found[0].index + found[0][0].indexOf(inner);
        return `${rule}@${lineOf(text, offset)}:${offset}+${inner.length}`;
      }).sort();
      assert.deepEqual(got, want, text);
      const good = form.text(true);
      assert.equal(templateSites(good).sites.length, 3);
      assert.deepEqual(
        lint(good, file).map((f) => `${f.rule}: ${f.message}`),
        [],
      );
    });
  }

  it('the block forms put each finding on the line of its JSON (ranges map through the indentation)', () => {
    const text = FORMS.find((f) => f.name.startsWith('a !Sub |'))!.text(false);
    const lines = lint(text).map((f) => `${f.rule}@${lineOf(text, f.offset)}`);
    for (const [rule, needle] of MISTAKES) {
      const line = text.split('\n').findIndex((l) => (typeof needle === 'string' ? l.includes(needle) : needle.test(l))) + 1;
      assert.ok(lines.includes(`${rule}@${line}`), `${rule} on the line of ${String(needle)}: ${lines.join(', ')}`);
    }
    assert.ok(new Set(lines.map((l) => l.split('@')[1])).size >= 5, 'the findings are on their own lines, not on the block’s first line');
  });

  it('unknown parts are never a finding: a ${…} that makes the whole value, or a condition value, or a principal', () => {
    const json = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: '${ReaderRoleArn}' },
          Action: ['s3:GetObject', '${ExtraAction}'],
          Resource: ['${BucketArn}/*', 'arn:${AWS::Partition}:s3:::${DataBucket}/exports/*'],
          Condition: { StringEquals: { 'aws:SourceAccount': '${AWS::AccountId}', 'aws:RequestedRegion': '${AWS::Region}' } },
        },
      ],
    });
    const text = `Resources:\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref DataBucket\n      PolicyDocument: !Sub '${json}'\n`;
    assert.equal(templateSites(text).sites.length, 1);
    assert.deepEqual(lint(text), []);
  });

  it('without !Sub, ${…} is literal text (CloudFormation substitutes nothing): a literal mistake next to it is still found', () => {
    const json = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::${aws:username}/*"}]}';
    const text = `Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: '${json}'\n`;
    const f = lint(text);
    assert.deepEqual(
      f.map((x) => `${x.rule}:${at(text, x)}`),
      ['iam-unknown-action:s3:GetObjekt'],
    );
  });

  it('what is not a JSON policy is left alone: a hole outside a JSON string, JSON with errors, a string that is not JSON', () => {
    for (const doc of [
      `!Sub '{"Version": "2012-10-17", "Statement": \${Statements}}'`,
      `'{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt",}]}'`,
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      '!If [HasPolicy, "{}", !Ref AWS::NoValue]',
    ]) {
      const text = `Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: ${doc}\n`;
      assert.deepEqual([templateSites(text).sites.length, lint(text).length], [0, 0], doc);
    }
  });

  it('fixes inside a JSON string are offered where they can be written, and applying one removes its finding', () => {
    let applied = 0;
    for (const form of FORMS) {
      const text = form.text(false);
      const file = form.file ?? 'template.yaml';
      const findings = lint(text, file);
      const fixable = findings.filter((f) => f.fixes?.length);
      // The S3 ARN fix (an inserted colon) and the action fix can be written in every form.
      for (const rule of ['arn-s3-two-colons', 'iam-unknown-action'])
        assert.ok(
          fixable.some((f) => f.rule === rule),
          `${form.name}: a fix for ${rule}`,
        );
      for (const f of fixable) {
        for (const fix of f.fixes!) {
          const fixed = apply(text, fix.edits);
          assert.equal(templateSites(fixed).sites.length, 3, `${form.name}: ${fix.title} keeps every policy readable`);
          assert.equal(lint(fixed, file).filter((x) => x.rule === f.rule && x.offset === f.offset).length, 0, `${form.name}: ${fix.title} removes the finding`);
          applied++;
        }
      }
    }
    assert.ok(applied >= FORMS.length * 2, `${applied} fixes applied`);
  });

  it('ranges map through a quoted string written across lines: escapes, an escaped line break, folding, a doubled quote', () => {
    const head = 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: ';
    const double =
      head +
      '"{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\",\\\n' +
      '        \\"Action\\": \\"s3:GetObjekt\\",\n' +
      '        \\"Resource\\": \\"arn:aws:s3::b/*\\"}]}"\n';
    const single =
      head +
      `'{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "reader''s"}},\n` +
      `        "Action": "s3:GetObjekt",\n` +
      `        "Resource": "arn:aws:s3::b/*"}]}'\n`;
    for (const text of [double, single]) {
      assert.equal(templateSites(text).sites.length, 1, text);
      const got = lint(text).map((f) => `${f.rule}@${lineOf(text, f.offset)}:${at(text, f)}`);
      assert.deepEqual(got.sort(), ['arn-s3-two-colons@7:::', 'iam-unknown-action@6:s3:GetObjekt'], text);
    }
  });

  it('a fix is not offered where the JSON string is written with an escape in the YAML (the range is still exact enough: the whole string)', () => {
    const text = `Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"glue:Get\\x54abels\\", \\"Resource\\": \\"*\\"}]}"\n`;
    const f = lint(text).find((x) => x.rule === 'iam-unknown-action');
    assert.ok(f, 'still reported');
    assert.equal(at(text, f), '\\"glue:Get\\x54abels\\"', 'the JSON string, quotes and all, as the source writes it');
    assert.equal(f.fixes, undefined);
  });

  it('Fill Placeholders writes the answer inside the JSON string, in every form; an answer the JSON cannot hold as typed is left, with the reason', () => {
    for (const form of FORMS) {
      const text = form.text(false);
      const occ = placeholdersOfTemplate(text)!.filter((o) => o.key === '<bucket-name>');
      assert.equal(occ.length, 1, form.name);
      const r = templateFill(text, occ, new Map([['<bucket-name>', 'sales-data']]), planFill);
      assert.deepEqual(r.left, [], form.name);
      const filled = apply(text, r.edits);
      assert.ok(filled.includes('arn:aws:s3:::sales-data'), form.name);
      assert.equal(templateSites(filled).sites.length, 3, form.name);
      assert.deepEqual(
        lint(filled, form.file).filter((f) => f.rule === 'placeholder-token'),
        [],
        form.name,
      );
      const refused = templateFill(text, occ, new Map([['<bucket-name>', "sales'data"]]), planFill);
      assert.deepEqual([refused.edits, refused.left.map((l) => l.reason)], [[], ['json-in-yaml']], form.name);
    }
  });

  it('safeEdit: a JSON string inside a template string takes no ", \\ or \' (and no $ in a !Sub)', () => {
    const src = `a: '{"x": "glue:GetTabels"}'\n`;
    const start = src.indexOf('glue:');
    const style = { quote: 'json-in-yaml' as const, sub: false, start, end: start + 14 };
    assert.equal(src.slice(style.start, style.end), 'glue:GetTabels');
    const edit = (newText: string) => ({ offset: start + 8, length: 6, newText });
    assert.equal(safeEdit(src, style, edit('Tables')), true);
    for (const bad of ['Ta"b', 'Ta\\b', "Ta'b", 'Ta\nb']) assert.equal(safeEdit(src, style, edit(bad)), false, bad);
    assert.equal(safeEdit(src, style, edit('${X}')), true, 'a $ is plain text without !Sub');
    assert.equal(safeEdit(src, { ...style, sub: true }, edit('${X}')), false, 'and a reference in a !Sub');
  });
});
