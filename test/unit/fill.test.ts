import { strict as assert } from 'node:assert';
import { parseTree } from 'jsonc-parser';
import { findPlaceholders, groupPlaceholders } from '../../src/fill/detect';
import { applyEdits, escapeJsonStringContent, planFill, renderTemplate } from '../../src/fill/apply';
import type { PolicyTemplate } from '../../src/catalog/types';

const at = (text: string, o: { offset: number; length: number }) => text.substr(o.offset, o.length);

describe('fill: placeholder detection', () => {
  it('finds <kebab> tokens with exact ranges and guessed kinds', () => {
    const text = '{"Statement":[{"Resource":"arn:aws:glue:<region>:<glue-account-id>:table/<database>/<table>"}]}';
    const occ = findPlaceholders(text);
    assert.deepEqual(
      occ.map((o) => [at(text, o), o.name, o.kind, o.source]),
      [
        ['<region>', 'region', 'region', 'token'],
        ['<glue-account-id>', 'glue-account-id', 'account-id', 'token'],
        ['<database>', 'database', 'glue-database', 'token'],
        ['<table>', 'table', 'glue-table', 'token'],
      ],
    );
  });

  it('finds {{…}} tokens from the docs mirror, including path-shaped ones', () => {
    const text =
      '{"Statement":[{"Resource":"arn:aws:s3:::{{bucket_name/optional_key_prefix/*}}"},{"Condition":{"StringEquals":{"aws:ResourceAccount":"{{accountId}}"}}}]}';
    const occ = findPlaceholders(text);
    assert.deepEqual(
      occ.map((o) => at(text, o)),
      ['{{bucket_name/optional_key_prefix/*}}', '{{accountId}}'],
    );
    assert.equal(occ[1].kind, 'account-id');
    assert.ok(occ.every((o) => o.source === 'braces'));
  });

  it('finds the seed page bare names in ARN fields and condition values, not resource types', () => {
    const text = JSON.stringify({
      Statement: [
        { Resource: ['arn:aws:glue:aws-region:accountId:database/database', 'arn:aws:s3::bucket/prefix/*', 'arn:aws:s3:::bucket_name/optional_key_prefix/*'] },
        { Condition: { StringEquals: { 's3:ResourceAccount': ['s3BucketOwnerAccountId'] } } },
      ],
    });
    const occ = findPlaceholders(text);
    assert.deepEqual(
      occ.map((o) => [at(text, o), o.kind]),
      [
        ['aws-region', 'region'],
        ['accountId', 'account-id'],
        ['database', 'glue-database'],
        ['bucket', 'bucket'],
        ['prefix', 's3-prefix'],
        ['bucket_name', 'bucket'],
        ['optional_key_prefix', 's3-prefix'],
        ['s3BucketOwnerAccountId', 'account-id'],
      ],
    );
    // "database/" the resource type is not flagged, only the name after it.
    const dbType = text.indexOf(':database/') + 1;
    assert.ok(!occ.some((o) => o.offset === dbType));
  });

  it('finds AWS example values but not real-looking values', () => {
    const text = JSON.stringify({
      Statement: [
        {
          Condition: {
            'ForAnyValue:ArnEquals': { 'aws:SourceArn': ['arn:aws:cleanrooms:us-east-1:555555555555:membership/a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa'] },
            StringEquals: { 'aws:SourceAccount': '210987654321' },
          },
          Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*',
        },
      ],
    });
    const occ = findPlaceholders(text);
    assert.deepEqual(
      occ.map((o) => [at(text, o), o.kind, o.source]),
      [
        ['555555555555', 'account-id', 'example-value'],
        ['a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa', 'membership-id', 'example-value'],
        ['amzn-s3-demo-bucket', 'bucket', 'example-value'],
      ],
    );
  });

  it('never treats IAM policy variables or property keys (other than condition keys) as placeholders', () => {
    const text = '{"Statement":[{"Resource":"arn:aws:s3:::home/${aws:username}/*","<region>":"x"}]}';
    assert.deepEqual(findPlaceholders(text), []);
  });

  it('finds placeholders in escaped strings on the decoded value, covering the escape sequences (issue 12 item 10)', () => {
    const text = '{"Statement":[{"Sid":"a\\u003cb>","Resource":"arn:aws:s3:::\\u003cbucket\\u003e\\/*"}]}';
    const occ = findPlaceholders(text);
    assert.deepEqual(
      occ.map((o) => [o.key, o.name, text.substr(o.offset, o.length)]),
      [
        ['\\u003cb>', 'b', '\\u003cb>'],
        ['\\u003cbucket\\u003e', 'bucket', '\\u003cbucket\\u003e'],
      ],
    );
    // An invalid escape cannot be mapped: nothing is reported rather than a wrong range.
    assert.deepEqual(findPlaceholders('{"Statement":[{"Resource":"\\x<bucket>"}]}'), []);
  });

  it('groups occurrences by key in order of first appearance', () => {
    const text = '{"Statement":[{"A":"<bucket>","B":"111122223333","C":"arn:aws:s3:::<bucket>/*","D":"111122223333"}]}';
    const groups = groupPlaceholders(findPlaceholders(text));
    assert.deepEqual(
      groups.map((g) => [g.key, g.occurrences.length]),
      [
        ['<bucket>', 2],
        ['111122223333', 2],
      ],
    );
  });

  it('accepts a pre-parsed root and gives the same answer', () => {
    const text = '{"Statement":[{"Resource":"arn:aws:s3:::<bucket>"}]}';
    assert.deepEqual(findPlaceholders(text, parseTree(text)), findPlaceholders(text));
  });

  it('returns nothing (and does not recurse) on pathologically deep input', () => {
    const text = '['.repeat(100_000) + ']'.repeat(100_000);
    assert.deepEqual(findPlaceholders(text), []);
  });

  it('still finds the placeholders outside a too-deep value (issue 12 item 9)', () => {
    const text = '{"Statement":[{"Resource":"arn:aws:s3:::<bucket>/*","Sid":' + '['.repeat(100_000) + '"<deep>"' + ']'.repeat(100_000) + '}]}';
    assert.deepEqual(
      findPlaceholders(text).map((o) => [o.key, text.substr(o.offset, o.length)]),
      [['<bucket>', '<bucket>']],
    );
  });
});

describe('fill: applying answers', () => {
  it('replaces every occurrence of each answered key and leaves the rest', () => {
    const text = '{"Statement":[{"A":"<bucket>","B":"arn:aws:s3:::<bucket>/<prefix>/*","C":"<region>"}]}';
    const occ = findPlaceholders(text);
    const edits = planFill(
      occ,
      new Map([
        ['<bucket>', 'acme-data'],
        ['<region>', 'eu-west-2'],
      ]),
    );
    assert.equal(edits.length, 3);
    assert.equal(applyEdits(text, edits), '{"Statement":[{"A":"acme-data","B":"arn:aws:s3:::acme-data/<prefix>/*","C":"eu-west-2"}]}');
  });

  it('JSON-escapes values so the document always stays valid JSON', () => {
    assert.equal(escapeJsonStringContent('a"b\\c'), 'a\\"b\\\\c');
    const text = '{"Statement":[{"A":"<text-thing>"}]}';
    const out = applyEdits(text, planFill(findPlaceholders(text), new Map([['<text-thing>', 'x"y']])));
    assert.equal(JSON.parse(out).Statement[0].A, 'x"y');
  });

  it('renders templates, leaving missing values as tokens', () => {
    const t: PolicyTemplate = {
      id: 't',
      title: 'T',
      role: 'r',
      policyType: 'permissions',
      docUrl: 'https://example.invalid',
      description: '',
      body: { Statement: [{ Resource: 'arn:aws:s3:::<bucket>/<prefix>/*' }] },
      placeholders: [
        { name: 'bucket', kind: 'bucket' },
        { name: 'prefix', kind: 's3-prefix' },
      ],
      snippetPrefix: 'x',
    };
    const out = renderTemplate(t, { bucket: 'acme-data' }, 2);
    assert.equal(JSON.parse(out).Statement[0].Resource, 'arn:aws:s3:::acme-data/<prefix>/*');
    assert.ok(out.includes('\n  "Statement"'));
  });
});
