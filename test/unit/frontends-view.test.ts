// The editor's view of a CloudFormation template (src/frontends/view.ts): source offsets -> the site's rendered JSON and
// back, hovers on the literal parts of a template's policies (and "unknown" on its intrinsics), and Fill Placeholders
// written in the template's own quoting, or left with the reason.
import { strict as assert } from 'node:assert';
import { parseTemplate } from '../../src/frontends/cloudformation';
import { analyzeDocument } from '../../src/frontends/document';
import type { PolicySite } from '../../src/frontends/site';
import { locate, placeholdersOfTemplate, templateFill, templatePlaceholders, templateView, toSource, type TemplatePlaceholder } from '../../src/frontends/view';
import { planFill } from '../../src/fill/apply';
import { templateHover, type HoverLookups } from '../../src/vscode/logic/policy-hover';
import { TEMPLATES } from '../../src/catalog/templates';
import { loadTestIamIndex } from './helpers/iam';
import * as iamData from '../../src/iam-data';

const iam = loadTestIamIndex();
const lookups: HoverLookups = {
  action: (a) => iamData.lookupAction(iam, a),
  conditionKey: (k) => iamData.lookupConditionKey(iam, k),
  dataVersion: undefined,
  loading: false,
};

const TEMPLATE = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Resources:',
  '  ReadDataRole:',
  '    Type: AWS::IAM::Role',
  '    Properties:',
  '      AssumeRolePolicyDocument:',
  '        Version: "2012-10-17"',
  '        Statement:',
  '          - Effect: Allow',
  '            Principal: { Service: cleanrooms.amazonaws.com }',
  '            Action: sts:AssumeRole',
  '            Condition:',
  '              ArnLike:',
  '                aws:SourceArn: !Sub "arn:aws:cleanrooms:${AWS::Region}:${AWS::AccountId}:membership/<membership-id>"',
  '      Policies:',
  '        - PolicyName: read-data',
  '          PolicyDocument:',
  '            Version: "2012-10-17"',
  '            Statement:',
  '              - Effect: Allow',
  '                Action:',
  '                  - glue:GetTable',
  '                  - "glue:GetDatabase"',
  '                Resource:',
  '                  - arn:aws:glue:eu-west-2:210987654321:database/<database>',
  '                  - !GetAtt Catalog.Arn',
  "                  - 'arn:aws:s3:::<bucket-name>/*'",
  '                  - "arn:aws:s3:::<bucket-name>"',
  '',
].join('\n');

const offsetOf = (text: string, needle: string, skip = 0): number => {
  let at = -1;
  for (let i = 0; i <= skip; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `text has ${needle}`);
  }
  return at;
};
const apply = (text: string, edits: ReadonlyArray<{ offset: number; length: number; newText: string }>): string => {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
};

describe('frontends/view: source offsets and the rendered JSON of a template', () => {
  const view = templateView(TEMPLATE);

  it('every character of a literal maps to the same character of the site JSON, and back to the same source offset', () => {
    for (const needle of ['glue:GetTable', 'glue:GetDatabase', 'arn:aws:glue:eu-west-2:210987654321:database/', 'cleanrooms.amazonaws.com']) {
      const start = offsetOf(TEMPLATE, needle);
      for (let i = start; i < start + needle.length; i++) {
        const at = locate(view, i);
        assert.ok(at && 'json' in at, `${needle}[${i - start}] is a literal`);
        assert.equal(at.site.rendered.json[at.json], TEMPLATE[i], `${needle}[${i - start}]`);
        assert.deepEqual(toSource(at.site, at.json, 1), { offset: i, length: 1, unknown: false });
      }
    }
  });

  it('an intrinsic is located as an unknown part with the text and the range the source gives it', () => {
    const region = offsetOf(TEMPLATE, '${AWS::Region}');
    for (const i of [region, region + 5, region + '${AWS::Region}'.length - 1]) {
      const at = locate(view, i);
      assert.ok(at && 'unknown' in at);
      assert.equal(at.unknown, '${AWS::Region}');
      assert.equal(TEMPLATE.slice(at.src, at.srcEnd), '${AWS::Region}');
    }
    const getAtt = locate(view, offsetOf(TEMPLATE, 'Catalog.Arn'));
    assert.ok(getAtt && 'unknown' in getAtt);
    assert.equal(getAtt.unknown, '${Catalog.Arn}');
  });

  it('outside the policies, and on a policy’s punctuation, there is nothing', () => {
    assert.equal(locate(view, offsetOf(TEMPLATE, 'AWSTemplateFormatVersion')), undefined);
    assert.equal(locate(view, offsetOf(TEMPLATE, 'read-data')), undefined); // PolicyName is not in the policy document
    assert.equal(locate(view, offsetOf(TEMPLATE, '- glue:GetTable')), undefined); // the "- " of the list
    // The line break right after a plain scalar, and the quote closing a quoted one, are not the value's text.
    const end = offsetOf(TEMPLATE, 'glue:GetTable') + 'glue:GetTable'.length;
    assert.equal(TEMPLATE[end], '\n');
    assert.equal(locate(view, end), undefined);
  });

  it('analyzeDocument hands over the sites it read, and the view of those is the view of the text', () => {
    const out: { sites?: PolicySite[] } = {};
    analyzeDocument(TEMPLATE, { iam, fileName: 't.yaml' }, out);
    assert.equal(out.sites?.length, 2);
    const again = templateView(TEMPLATE, out.sites);
    assert.deepEqual(
      again.sites.map((s) => s.rendered.json),
      view.sites.map((s) => s.rendered.json),
    );
    const yamlNotTemplate: { sites?: PolicySite[] } = { sites: [] };
    analyzeDocument('kind: ConfigMap\n', { fileName: 'k.yaml' }, yamlNotTemplate);
    assert.equal(yamlNotTemplate.sites, undefined);
  });
});

describe('frontends/view: hovers in a template', () => {
  const view = templateView(TEMPLATE);
  const hover = (needle: string, skip = 0, into = 2) => {
    const h = templateHover(view, offsetOf(TEMPLATE, needle, skip) + into, lookups, TEMPLATES);
    return h && { text: h.parts.join('\n---\n'), under: TEMPLATE.slice(h.offset, h.offset + h.length) };
  };

  it('an action, plain or quoted: the IAM reference hover, on exactly the action’s text', () => {
    const plain = hover('glue:GetTable');
    assert.ok(plain);
    assert.match(plain.text, /\*\*Action\*\* `glue:GetTable`/);
    assert.equal(plain.under, 'glue:GetTable');
    const quoted = hover('glue:GetDatabase');
    assert.ok(quoted);
    assert.match(quoted.text, /`glue:GetDatabase`/);
    assert.equal(quoted.under, 'glue:GetDatabase');
  });

  it('an ARN in a !Sub: the fields, its Region and account said to be CloudFormation values, not the stand-ins', () => {
    const h = hover('arn:aws:cleanrooms:');
    assert.ok(h);
    assert.match(h.text, /\*\*ARN\*\* `arn:aws:cleanrooms:\$\{AWS::Region\}:\$\{AWS::AccountId\}:membership\/<membership-id>`/);
    assert.match(h.text, /- region: `\$\{AWS::Region\}` \(a CloudFormation value: known only when the stack is deployed\)/);
    assert.match(h.text, /- account: `\$\{AWS::AccountId\}` \(a CloudFormation value/);
    assert.match(h.text, /- service: `cleanrooms`/);
    assert.doesNotMatch(h.text, /us-east-1|405128965318/); // the stand-ins never show
    assert.ok(h.under.includes('arn:aws:cleanrooms:${AWS::Region}'), h.under);
  });

  it('a literal ARN: the same hover as in JSON (its Region checked)', () => {
    const h = hover('arn:aws:glue:eu-west-2');
    assert.ok(h);
    assert.match(h.text, /- region: `eu-west-2`/);
    assert.equal(h.under, 'arn:aws:glue:eu-west-2:210987654321:database/<database>');
  });

  it('a placeholder: the placeholder hover at its source range, with the ARN hover', () => {
    const h = hover('<bucket-name>', 0, 1);
    assert.ok(h);
    assert.match(h.text, /is a placeholder; replace it with your own value/);
    assert.match(h.text, /\*\*ARN\*\* `arn:aws:s3:::<bucket-name>\/\*`/);
    assert.equal(h.under, '<bucket-name>');
  });

  it('an intrinsic says it is unknown; a !Sub reference in an ARN too', () => {
    const getAtt = hover('!GetAtt Catalog.Arn', 0, 10);
    assert.ok(getAtt);
    assert.match(getAtt.text, /\*\*CloudFormation value\*\* `\$\{Catalog\.Arn\}`: known only when the stack is deployed/);
    assert.equal(getAtt.under, 'Catalog.Arn'); // the node's range (yaml puts the short-form tag before it)
    const region = hover('${AWS::Region}', 0, 3);
    assert.ok(region);
    assert.match(region.text, /`\$\{AWS::Region\}`: known only/);
    assert.equal(region.under, '${AWS::Region}');
  });

  it('an action built with an intrinsic is not looked up: it is said to be unknown', () => {
    const text = TEMPLATE.replace('- glue:GetTable', '- !Sub "glue:${Verb}"');
    const h = templateHover(templateView(text), offsetOf(text, 'glue:${Verb}') + 1, lookups, TEMPLATES);
    assert.ok(h);
    assert.match(h.parts.join(''), /CloudFormation value\*\* `glue:\$\{Verb\}`/);
    assert.doesNotMatch(h.parts.join(''), /not in the IAM reference data/);
  });
});

describe('frontends/view: placeholders and Fill in a template', () => {
  const occ = placeholdersOfTemplate(TEMPLATE)!;

  it('the placeholders of the policies, at their source ranges, with the quoting of their scalar', () => {
    assert.deepEqual(
      occ.map((o) => [TEMPLATE.slice(o.offset, o.offset + o.length), o.style?.quote, o.style?.sub]),
      [
        ['<membership-id>', 'double', true],
        ['<database>', 'plain', false],
        ['<bucket-name>', 'single', false],
        ['<bucket-name>', 'double', false],
      ],
    );
    assert.equal(placeholdersOfTemplate('kind: ConfigMap\nmetadata: { name: "<bucket-name>" }\n'), undefined);
  });

  it('a placeholder written with an escape has its source range but no style: it is left, with the reason', () => {
    const text = TEMPLATE.replace('"arn:aws:s3:::<bucket-name>"', '"arn:aws:s3:::\\x3Cbucket-name>"');
    const found = templatePlaceholders(templateView(text)).filter((o) => o.key === '<bucket-name>');
    assert.equal(found.length, 2);
    const escaped = found.find((o) => !o.style)!;
    assert.equal(text.slice(escaped.offset, escaped.offset + escaped.length), '"arn:aws:s3:::\\x3Cbucket-name>"');
    const r = templateFill(text, found, new Map([['<bucket-name>', 'sales-data']]), planFill);
    assert.deepEqual(r.edits, []); // one answer fills every occurrence or none
    assert.deepEqual(
      r.left.map((l) => l.reason),
      ['not-exact'],
    );
  });

  it('answers are written raw in each scalar, and the filled template analyses clean of those placeholders', () => {
    const answers = new Map([
      ['<membership-id>', '3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17'],
      ['<database>', 'sales'],
      ['<bucket-name>', 'sales-data'],
    ]);
    const r = templateFill(TEMPLATE, occ, answers, planFill);
    assert.deepEqual(r.left, []);
    assert.equal(r.edits.length, 4);
    const filled = apply(TEMPLATE, r.edits);
    assert.ok(filled.includes("- 'arn:aws:s3:::sales-data/*'"));
    assert.ok(filled.includes('- "arn:aws:s3:::sales-data"'));
    assert.ok(filled.includes('- arn:aws:glue:eu-west-2:210987654321:database/sales\n'));
    assert.ok(filled.includes('membership/3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17"'));
    assert.deepEqual(placeholdersOfTemplate(filled), []);
    const rules = analyzeDocument(filled, { iam, fileName: 't.yaml' }).findings.map((f) => f.rule);
    assert.ok(!rules.some((r) => r.startsWith('placeholder')), rules.join(', '));
  });

  it('an answer the quoting cannot hold is refused for that placeholder, everywhere, and the others are filled', () => {
    // A `'` ends the single-quoted scalar; the double-quoted occurrence could hold it, but one answer fills all or none.
    const r = templateFill(
      TEMPLATE,
      occ,
      new Map([
        ['<bucket-name>', "o'brien"],
        ['<database>', 'sales'],
      ]),
      planFill,
    );
    assert.deepEqual(
      r.left.map((l) => [l.key, l.reason, TEMPLATE.slice(l.offset, l.offset + 13)]),
      [['<bucket-name>', 'single', '<bucket-name>']],
    );
    assert.deepEqual(
      r.edits.map((e) => e.newText),
      ['sales'],
    );
    // A `"` in the double-quoted one; a `$` in the !Sub.
    assert.deepEqual(
      templateFill(TEMPLATE, occ, new Map([['<bucket-name>', 'a"b']]), planFill).left.map((l) => l.reason),
      ['double'],
    );
    assert.deepEqual(
      templateFill(TEMPLATE, occ, new Map([['<membership-id>', 'a$b']]), planFill).left.map((l) => l.reason),
      ['sub'],
    );
  });

  it('unquoted, a value YAML would read as a number, or with a comment, is refused', () => {
    const text = TEMPLATE.replace('aws:SourceArn: !Sub', 'aws:SourceAccount: <account-id>\n                aws:SourceArn: !Sub');
    const all = placeholdersOfTemplate(text)!;
    const account = all.filter((o) => o.key === '<account-id>');
    assert.equal(account.length, 1);
    assert.equal(account[0].style?.quote, 'plain');
    const number = templateFill(text, all, new Map([['<account-id>', '210987654321']]), planFill);
    assert.deepEqual(
      number.left.map((l) => [l.key, l.reason]),
      [['<account-id>', 'plain']],
    );
    assert.deepEqual(number.edits, []);
    const comment = templateFill(text, all, new Map([['<database>', 'sales #1']]), planFill);
    assert.deepEqual(
      comment.left.map((l) => l.reason),
      ['plain'],
    );
  });

  it('two answers in one unquoted scalar are checked together', () => {
    const text = TEMPLATE.replace('aws:SourceArn: !Sub', 'aws:SourceAccount: <account-id>.<region>\n                aws:SourceArn: !Sub');
    const all: TemplatePlaceholder[] = placeholdersOfTemplate(text)!;
    assert.deepEqual(
      all.filter((o) => o.key === '<account-id>' || o.key === '<region>').map((o) => o.style?.quote),
      ['plain', 'plain'],
    );
    // Each alone leaves a string (`1.<region>`, `<account-id>.5`); together they make 1.5, which YAML reads as a number.
    for (const [k, v] of [
      ['<account-id>', '1'],
      ['<region>', '5'],
    ])
      assert.deepEqual(templateFill(text, all, new Map([[k, v]]), planFill).left, []);
    const r = templateFill(
      text,
      all,
      new Map([
        ['<account-id>', '1'],
        ['<region>', '5'],
      ]),
      planFill,
    );
    assert.deepEqual(r.edits, []);
    assert.deepEqual(r.left.map((l) => l.key).sort(), ['<account-id>', '<region>']);
    const ok = templateFill(
      text,
      all,
      new Map([
        ['<account-id>', 'a'],
        ['<region>', 'b'],
      ]),
      planFill,
    );
    assert.deepEqual(ok.left, []);
    assert.ok(apply(text, ok.edits).includes('aws:SourceAccount: a.b\n'));
  });
});

describe('frontends/cloudformation: the intrinsic tags are declared to the parser', () => {
  it('short forms as scalars, lists and maps parse without a warning each (yaml builds an Error per warning: the 1 MB bench)', () => {
    const text = [
      'Resources:',
      '  R:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      A: !Ref X',
      '      B: !Sub "arn:${AWS::Partition}:s3:::${B}"',
      '      C: !Join ["", [a, !GetAtt X.Arn]]',
      '      D: !If [Cond, !Select [0, [a, b]], !Ref AWS::NoValue]',
      '      E: !Transform { Name: AWS::Include }',
      '      F: !Unknown x',
      '',
    ].join('\n');
    const doc = parseTemplate(text);
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(
      doc.warnings.map((w) => w.message.split('\n')[0]),
      ['Unresolved tag: !Unknown'],
    );
    const props = (doc.toJS() as { Resources: { R: { Properties: Record<string, unknown> } } }).Resources.R.Properties;
    assert.equal(props.A, 'X');
    assert.deepEqual(props.C, ['', ['a', 'X.Arn']]);
  });
});

describe('frontends/view: a CloudFormation JSON template (CDK output) works the same way', () => {
  const text = JSON.stringify(
    {
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Principal: { Service: 'cleanrooms.amazonaws.com' }, Action: 'sts:AssumeRole' }],
            },
            Policies: [
              {
                PolicyName: 'p',
                PolicyDocument: {
                  Version: '2012-10-17',
                  Statement: [
                    {
                      Effect: 'Allow',
                      Action: 's3:GetObject',
                      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::<bucket-name>/*']] },
                    },
                  ],
                },
              },
            ],
          },
        },
      },
    },
    null,
    2,
  );
  const view = templateView(text);

  it('hovers: the action on its text, the partition of a Fn::Join ARN said to be unknown', () => {
    const action = templateHover(view, text.indexOf('s3:GetObject') + 1, lookups, TEMPLATES);
    assert.ok(action);
    assert.equal(text.slice(action.offset, action.offset + action.length), 's3:GetObject');
    assert.match(action.parts.join(''), /\*\*Action\*\* `s3:GetObject`/);
    const arn = templateHover(view, text.indexOf('"arn:"') + 2, lookups, TEMPLATES);
    assert.ok(arn);
    assert.match(arn.parts.join(''), /- partition: `\$\{AWS::Partition\}` \(a CloudFormation value/);
  });

  it('Fill: the placeholder in the double-quoted JSON string is written in place', () => {
    const occ = placeholdersOfTemplate(text)!;
    assert.deepEqual(
      occ.map((o) => [text.slice(o.offset, o.offset + o.length), o.style?.quote]),
      [['<bucket-name>', 'double']],
    );
    const r = templateFill(text, occ, new Map([['<bucket-name>', 'sales-data']]), planFill);
    assert.deepEqual(r.left, []);
    assert.ok(apply(text, r.edits).includes('":s3:::sales-data/*"'));
  });
});
