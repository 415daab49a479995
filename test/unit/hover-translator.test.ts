// Hovers take their translator as an argument (issue 13: no constructor installs a module-global translator): every
// text the hover modules translate goes through the `t` of that call, and a call without one is English, whatever
// an earlier call was given.
import { strict as assert } from 'node:assert';
import { englishT, type Translate } from '../../src/fill/aws-commands';
import { findPlaceholders } from '../../src/fill/detect';
import { templateView } from '../../src/frontends/view';
import { TEMPLATES } from '../../src/catalog/templates';
import { lookupAction, lookupConditionKey } from '../../src/iam-data';
import { actionHover, arnHover, conditionKeyHover, placeholderHover, unknownHover } from '../../src/vscode/logic/hover-content';
import { jsonHover, templateHover, type HoverLookups } from '../../src/vscode/logic/policy-hover';
import { loadTestIamIndex } from './helpers/iam';

const iam = loadTestIamIndex();
const lookups: HoverLookups = {
  action: (a) => lookupAction(iam, a),
  conditionKey: (k) => lookupConditionKey(iam, k),
  dataVersion: '2026-01-01',
  loading: false,
};
/** A translator that marks what it translated, and records each message. */
function marking(): { t: Translate; messages: string[] } {
  const messages: string[] = [];
  return { messages, t: (message, ...args) => (messages.push(message), `«${englishT(message, ...args)}»`) };
}

const POLICY = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::<bucket>/*',
        Condition: { StringEquals: { 'aws:SourceAccount': '246813579024' } },
      },
      { Effect: 'Allow', Action: 'glue:GetTable', Resource: 'arn:aws:glue:eu-west-2:246813579024:catalog' },
    ],
  },
  null,
  2,
);

describe('hovers: the translator is an argument of each call', () => {
  const at = (needle: string): number => POLICY.indexOf(needle) + 1;
  const hover = (needle: string, t?: Translate): string =>
    jsonHover(POLICY, at(needle), findPlaceholders(POLICY), lookups, TEMPLATES, undefined, t)!.parts.join('\n');

  for (const needle of ['s3:GetObject', 'aws:SourceAccount', '<bucket>', 'arn:aws:glue']) {
    it(`JSON policy, ${needle}: its text goes through the given t; without one, English`, () => {
      const { t, messages } = marking();
      const marked = hover(needle, t);
      assert.ok(messages.length > 0, 'the hover translated something');
      assert.match(marked, /«[^»]+»/);
      // The same hover, with the marks removed, is the English one; a call without t is English: no state is left.
      assert.equal(marked.replace(/[«»]/g, ''), hover(needle));
      assert.doesNotMatch(hover(needle), /[«»]/);
    });
  }

  it('CloudFormation template: the unknown value and the ARN with an unknown Region go through the given t', () => {
    const text = [
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      Policies:',
      '        - PolicyName: read',
      '          PolicyDocument:',
      '            Version: "2012-10-17"',
      '            Statement:',
      '              - Effect: Allow',
      '                Action: !Sub "glue:${Verb}"',
      '                Resource: !Sub "arn:aws:glue:${AWS::Region}:246813579024:catalog"',
    ].join('\n');
    const view = templateView(text);
    for (const needle of ['glue:${Verb}', 'arn:aws:glue']) {
      const { t, messages } = marking();
      const marked = templateHover(view, text.indexOf(needle) + 1, lookups, TEMPLATES, t)!.parts.join('\n');
      assert.ok(messages.length > 0 && /«/.test(marked), `${needle}: ${marked}`);
      assert.equal(marked.replace(/[«»]/g, ''), templateHover(view, text.indexOf(needle) + 1, lookups, TEMPLATES)!.parts.join('\n'));
    }
  });

  it('each hover function uses its own t argument (the region, field and footer lines included)', () => {
    const { t } = marking();
    assert.match(actionHover('s3:Get*', undefined, '2026-01-01', false, t), /^«\*\*Action pattern\*\*[\s\S]*«IAM reference data 2026\\-01\\-01»/);
    assert.match(
      conditionKeyHover('aws:Nope', undefined, undefined, true, t),
      /^«\*\*Condition key\*\* `aws:Nope`: no details \(«the IAM reference data is still loading»\)\.»$/,
    );
    assert.match(arnHover('arn:aws:glue:mars-1:1:catalog', undefined, undefined, t), /- region: «`mars-1`: not an AWS Region code»/);
    assert.match(
      arnHover(
        'arn:aws:glue:x:1:c',
        [
          { text: 'arn', unknown: false },
          { text: 'aws', unknown: false },
          { text: 'glue', unknown: false },
          { text: '${Region}', unknown: true },
          { text: '1', unknown: false },
          { text: 'c', unknown: false },
        ],
        'terraform',
        t,
      ),
      /- region: «`\$\{Region\}` \(a Terraform expression/,
    );
    assert.match(unknownHover('var.x', 'terraform', t), /^«\*\*Terraform expression\*\*/);
    const [o] = findPlaceholders(POLICY);
    assert.match(placeholderHover(o, TEMPLATES, t), /«`<bucket>` is a placeholder; replace it with your own value\.»/);
    assert.doesNotMatch(placeholderHover(o, TEMPLATES), /«/);
  });
});
