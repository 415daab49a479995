// Insert Policy at Cursor (issue 14 item 5): the statements go into the Statement array with the right commas,
// wherever the cursor is in the policy; an empty document gets the whole policy; elsewhere only valid JSON, or a refusal.
import { strict as assert } from 'node:assert';
import { canInsertAt, planInsert, planInsertForTemplate, type InsertPlan } from '../../src/vscode/logic/insert-policy';
import { TEMPLATES } from '../../src/catalog/templates';

const NEW = { Sid: 'New', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
const A = { Sid: 'A', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' };
const B = { Sid: 'B', Effect: 'Allow', Action: 's3:PutObject', Resource: '*' };
const POLICY = { Version: '2012-10-17', Statement: [NEW] };

function plan(src: string, statements: unknown[] = [NEW]): { plan: InsertPlan; text: string; out?: string } {
  const o = src.indexOf('|');
  const text = src.slice(0, o) + src.slice(o + 1);
  const p = planInsert({ text, selectionStart: o, selectionEnd: o, statements, policy: POLICY, indentUnit: '  ' });
  const out = 'refused' in p ? undefined : text.slice(0, p.offset) + p.text + text.slice(p.offset + p.length);
  return { plan: p, text, ...(out !== undefined ? { out } : {}) };
}

const sids = (out: string) => (JSON.parse(out).Statement as Array<{ Sid: string }>).map((s) => s.Sid);
const two = (a: string, b: string) => `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${a}${JSON.stringify(A)},\n    ${b}${JSON.stringify(B)}\n  ]\n}\n`;

describe('Insert Policy at Cursor: into the Statement array', () => {
  const cases: Array<{ name: string; src: string; sids: string[] }> = [
    { name: 'cursor after the last statement (the reported bug: no comma)', src: two('', '').replace('\n  ]', '|\n  ]'), sids: ['A', 'B', 'New'] },
    { name: 'cursor inside the first statement: after it', src: two('', '').replace('"s3:ListBucket"', '"s3:List|Bucket"'), sids: ['A', 'New', 'B'] },
    { name: 'cursor between the two statements', src: two('', '').replace('},\n', '},|\n'), sids: ['A', 'New', 'B'] },
    { name: 'cursor before the first statement', src: two('', '').replace('[\n', '[|\n'), sids: ['New', 'A', 'B'] },
    { name: 'cursor on Version: at the end of the array', src: two('', '').replace('2012-10-17', '2012-|10-17'), sids: ['A', 'B', 'New'] },
    { name: 'cursor after the closing brace: at the end of the array', src: two('', '') + '|', sids: ['A', 'B', 'New'] },
    { name: 'an empty Statement array', src: '{\n  "Version": "2012-10-17",\n  "Statement": [|]\n}\n', sids: ['New'] },
    { name: 'a one-line array', src: `{"Version": "2012-10-17", "Statement": [${JSON.stringify(A)}|]}`, sids: ['A', 'New'] },
    { name: 'a single Statement object becomes an array', src: `{"Version": "2012-10-17", "Statement": ${JSON.stringify(A)}|}`, sids: ['A', 'New'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = plan(c.src);
      assert.ok(!('refused' in r.plan), 'not refused');
      assert.equal(r.plan.where, 'statement-array');
      assert.doesNotThrow(() => JSON.parse(r.out!), r.out);
      assert.deepEqual(sids(r.out!), c.sids, r.out);
    });
  }

  it('the inserted statement takes the indentation of its neighbours', () => {
    const r = plan(two('', '').replace('\n  ]', '|\n  ]'));
    assert.match(r.out!, /\},\n {4}\{\n {6}"Sid": "New",\n {6}"Effect"/);
    assert.match(r.out!, /"Resource": "\*"\n {4}\}\n {2}\]\n\}\n$/);
  });

  it('CRLF documents get CRLF', () => {
    const r = plan(two('', '').replace(/\n/g, '\r\n').replace('\r\n  ]', '|\r\n  ]'));
    assert.ok(!/[^\r]\n/.test(r.out!), 'no bare LF');
    assert.deepEqual(sids(r.out!), ['A', 'B', 'New']);
  });

  it('a whole-policy template adds all its statements', () => {
    const r = plan(two('', '').replace('\n  ]', '|\n  ]'), [NEW, { ...NEW, Sid: 'New2' }]);
    assert.deepEqual(sids(r.out!), ['A', 'B', 'New', 'New2']);
  });
});

describe('Insert Policy at Cursor: outside a policy', () => {
  it('an empty document gets the whole policy', () => {
    const r = plan('  \n|');
    assert.equal((r.plan as { where: string }).where, 'empty-document');
    assert.deepEqual(JSON.parse(r.out!), POLICY);
  });

  it('where a JSON value is expected (a CloudFormation PolicyDocument): at the cursor', () => {
    const r = plan('{\n  "Type": "AWS::IAM::Policy",\n  "PolicyDocument": |\n}\n');
    assert.equal((r.plan as { where: string }).where, 'cursor');
    assert.deepEqual(JSON.parse(r.out!).PolicyDocument, POLICY);
    const at = (r.plan as { offset: number }).offset;
    assert.equal(canInsertAt(r.text, at, at), true);
  });

  const refused = [
    { name: 'inside a string of a non-policy document', src: '{"name": "a|b"}' },
    { name: 'between two keys of a non-policy object', src: '{"a": 1,| "b": 2}' },
    { name: 'after the root of a non-policy document', src: '{"a": 1}\n|' },
  ];
  for (const c of refused) {
    it(`refuses ${c.name}`, () => {
      const r = plan(c.src);
      assert.ok('refused' in r.plan, JSON.stringify(r.plan));
      assert.match(r.plan.refused, /no place for a policy/);
      assert.equal(canInsertAt(r.text, c.src.indexOf('|'), c.src.indexOf('|')), false, 'refused before the wizard asks');
    });
  }
});

describe('Insert Policy at Cursor: catalog templates', () => {
  it('a statement template into a policy, and a whole-policy template into an empty document (text as rendered)', () => {
    const st = TEMPLATES.find((t) => t.id === 'read-data-s3-kms-statement')!;
    const whole = TEMPLATES.find((t) => t.policyType !== 'statement')!;
    const text = two('', '');
    const at = text.indexOf('\n  ]');
    const ps = planInsertForTemplate(st, {}, text, at, at, '  ');
    assert.ok(!('refused' in ps));
    const out = text.slice(0, ps.offset) + ps.text + text.slice(ps.offset + ps.length);
    assert.equal(JSON.parse(out).Statement.length, 3);
    assert.match(JSON.stringify(JSON.parse(out).Statement[2]), /kms:Decrypt/);
    const p = planInsertForTemplate(whole, {}, '', 0, 0, '    ');
    assert.ok(!('refused' in p));
    assert.doesNotThrow(() => JSON.parse(p.text));
  });
});
