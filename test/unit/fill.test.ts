import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { parseTree } from 'jsonc-parser';
import { findPlaceholders, groupPlaceholders } from '../../src/fill/detect';
import { applyEdits, escapeJsonStringContent, planFill, renderTemplate, sampleValues, TABLE_DATABASE_KEY, tableDatabaseKey } from '../../src/fill/apply';
import type { PlaceholderOccurrence } from '../../src/fill/detect';
import type { PolicyTemplate } from '../../src/catalog/types';
import { templateById } from '../../src/catalog';
import { placeholderKind } from '../../src/catalog/placeholder-kinds';
import { analyze } from '../../src/analysis';
import { loadTestIamIndex } from './helpers/iam';

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
        ['optional_key_prefix', 'optional-s3-prefix'],
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

describe("fill: the AWS page's Glue table ARN without its database (table/table, issue 14 item 2)", () => {
  const seed = readFileSync('test/fixtures/workspace/seed-read-data-permissions-policy.json', 'utf8');
  const answers = new Map([
    ['aws-region', 'eu-west-2'],
    ['accountId', '604718293525'],
    ['database', 'loyalty_db'],
    ['table', 'customer_profiles'],
    ['bucket', 'harbourline-exports'],
    ['s3BucketOwnerAccountId', '604718293525'],
    ['prefix', 'member-events'],
  ]);

  it('marks the table name of table/<one name> in Glue ARNs only, for every placeholder form', () => {
    const text = JSON.stringify({
      Statement: [
        {
          Resource: [
            'arn:aws:glue:aws-region:accountId:table/table',
            'arn:aws:glue:aws-region:accountId:table/<table-name>',
            'arn:aws:glue:aws-region:accountId:table/{{tableName}}',
            'arn:aws:glue:aws-region:accountId:table/database/table',
            'arn:aws:glue:aws-region:accountId:table/<database>/<table>',
            'arn:aws:glue:aws-region:accountId:database/database',
            'arn:aws:glue:aws-region:accountId:table/table/',
          ],
        },
      ],
    });
    const marked = findPlaceholders(text)
      .filter((o) => o.needsDatabase)
      .map((o) => [at(text, o), text.lastIndexOf('"', o.offset)]);
    assert.deepEqual(
      marked.map((m) => m[0]),
      ['table', '<table-name>', '{{tableName}}'],
    );
    // Each is in its own ARN (the first three), not in the three-part or trailing-slash ones.
    assert.deepEqual(
      marked.map((m) => m[1]),
      [0, 1, 2].map((i) => text.indexOf(JSON.stringify(JSON.parse(text).Statement[0].Resource[i]))),
    );
  });

  it('fills the seed read-data policy as table/<database>/<table>, which the IAM reference data accepts', () => {
    const occ = findPlaceholders(seed);
    assert.equal(tableDatabaseKey(occ), 'database', "the page's own database placeholder gives the database");
    const filled = applyEdits(seed, planFill(occ, answers));
    assert.ok(filled.includes('"arn:aws:glue:eu-west-2:604718293525:table/loyalty_db/customer_profiles"'), filled);
    assert.ok(filled.includes('"arn:aws:glue:eu-west-2:604718293525:database/loyalty_db"'), filled);
    const left = analyze(filled, { iam: loadTestIamIndex() }).findings.filter((f) => f.rule.startsWith('placeholder-') || f.rule === 'iam-resource-mismatch');
    assert.deepEqual(
      left.map((f) => `${f.rule}: ${at(filled, f)}`),
      [],
    );
  });

  it('takes the database from its own answer when the document has no single database placeholder, and leaves the table alone without it', () => {
    const text = '{"Statement":[{"Action":"glue:GetTable","Resource":"arn:aws:glue:eu-west-2:604718293525:table/table"}]}';
    const occ = findPlaceholders(text);
    assert.equal(tableDatabaseKey(occ), TABLE_DATABASE_KEY);
    assert.equal(
      applyEdits(
        text,
        planFill(
          occ,
          new Map([
            ['table', 'orders'],
            [TABLE_DATABASE_KEY, 'sales'],
          ]),
        ),
      ),
      text.replace('table/table', 'table/sales/orders'),
    );
    assert.deepEqual(planFill(occ, new Map([['table', 'orders']])), [], 'never a table ARN without its database');
    // Two database placeholders: which one holds the table is not known, so it is asked for.
    const two =
      '{"Statement":[{"Resource":["arn:aws:glue:r:a:database/<db-a>","arn:aws:glue:r:a:database/<db-b>","arn:aws:glue:eu-west-2:604718293525:table/table"]}]}';
    assert.equal(tableDatabaseKey(findPlaceholders(two)), TABLE_DATABASE_KEY);
    assert.equal(tableDatabaseKey(findPlaceholders('{"Statement":[{"Resource":"arn:aws:glue:r:a:database/<db-a>"}]}')), undefined);
  });
});

describe('fill: the optional folder of the receive-results and PySpark job-results roles (issue 14 item 11)', () => {
  const iam = loadTestIamIndex();
  const bad = (text: string) =>
    analyze(text, { iam })
      .findings.filter((f) => f.severity === 'error' || f.severity === 'warning' || f.rule.startsWith('placeholder-'))
      .map((f) => `${f.rule}: ${at(text, f)}`);

  for (const id of ['receive-results-permissions', 'pyspark-job-results-permissions']) {
    it(`${id}: an empty folder is accepted and renders bucket/*, which the analyzer finds clean`, () => {
      const t = templateById(id)!;
      const p = t.placeholders.find((x) => x.name === 'optional-prefix');
      assert.equal(p?.kind, 'optional-s3-prefix');
      assert.equal(placeholderKind(p.kind).validate(''), undefined, 'empty is a valid answer');
      assert.match(placeholderKind(p.kind).validate('/results')!, /slashes/, 'a given folder is still checked');
      const values = { bucket: 'harbourline-results', 'bucket-account-id': '604718293525', 'optional-prefix': '' };
      const text = renderTemplate(t, values);
      assert.ok(text.includes('"arn:aws:s3:::harbourline-results/*"'), text);
      assert.doesNotMatch(text, /\/\/|<optional-prefix>/);
      assert.deepEqual(bad(text), []);
      const withFolder = renderTemplate(t, { ...values, 'optional-prefix': 'clean-rooms/results' });
      assert.ok(withFolder.includes('"arn:aws:s3:::harbourline-results/clean-rooms/results/*"'), withFolder);
      assert.deepEqual(bad(withFolder), []);
    });
  }

  it("fills the AWS page's optional_key_prefix with nothing as bucket/*, also after an escaped slash", () => {
    const seed = readFileSync('test/fixtures/workspace/seed-receive-results-permissions-policy.json', 'utf8');
    const occ = findPlaceholders(seed);
    assert.equal(occ.find((o) => o.key === 'optional_key_prefix')?.kind, 'optional-s3-prefix');
    const filled = applyEdits(
      seed,
      planFill(
        occ,
        new Map([
          ['bucket_name', 'harbourline-results'],
          ['accountId', '604718293525'],
          ['optional_key_prefix', ''],
        ]),
      ),
    );
    assert.ok(filled.includes('"arn:aws:s3:::harbourline-results/*"'), filled);
    assert.deepEqual(bad(filled), []);
    const escaped = '{"Statement":[{"Resource":"arn:aws:s3:::b-results\\/<optional-prefix>/*"}]}';
    const e = findPlaceholders(escaped);
    assert.equal(e[0].slashBefore, 2);
    assert.equal(applyEdits(escaped, planFill(e, new Map([['<optional-prefix>', '']]))), '{"Statement":[{"Resource":"arn:aws:s3:::b-results/*"}]}');
    // Only an optional folder takes its slash along; an empty answer never reaches other kinds (their validators refuse it).
    assert.equal(findPlaceholders('{"Statement":[{"Resource":"arn:aws:s3:::b/<prefix>/*"}]}')[0].slashBefore, undefined);
    assert.ok(placeholderKind('s3-prefix').validate(''));
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

  it('keeps the "/" before an optional folder that is given a value (only an empty answer takes it along)', () => {
    for (const text of [
      '{"Statement":[{"Resource":"arn:aws:s3:::b-results/<optional-prefix>/*"}]}',
      '{"Statement":[{"Resource":"arn:aws:s3:::b-results\\/<optional-prefix>/*"}]}',
    ]) {
      const occ = findPlaceholders(text);
      assert.ok(occ[0].slashBefore, text);
      assert.deepEqual(
        ['clean-rooms', ''].map((v) => JSON.parse(applyEdits(text, planFill(occ, new Map([['<optional-prefix>', v]])))).Statement[0].Resource),
        ['arn:aws:s3:::b-results/clean-rooms/*', 'arn:aws:s3:::b-results/*'],
      );
    }
  });

  it('returns the edits sorted by offset whatever the order of the occurrences, and drops one that overlaps an earlier edit', () => {
    const text = '{"A":"<a><b>","B":"<c>"}';
    const occ = (key: string, offset: number, length: number): PlaceholderOccurrence => ({ key, name: key, kind: 'text', source: 'token', offset, length });
    const a = occ('<a>', 6, 3);
    const b = occ('<b>', 9, 3);
    const c = occ('<c>', 19, 3);
    const answers = new Map([
      ['<a>', 'A1'],
      ['<b>', 'B1'],
      ['<c>', 'C1'],
      ['<ab>', 'X'],
      ['<bc>', 'Y'],
    ]);
    const plan = (os: PlaceholderOccurrence[]) => planFill(os, answers).map((e) => [e.offset, e.length, e.newText]);
    // Reversed input, sorted output; <b> starts where <a> ends, so both stay.
    assert.deepEqual(plan([c, b, a]), [
      [6, 3, 'A1'],
      [9, 3, 'B1'],
      [19, 3, 'C1'],
    ]);
    assert.equal(applyEdits(text, planFill([c, b, a], answers)), '{"A":"A1B1","B":"C1"}');
    // An occurrence that starts inside an earlier one (offset 8, inside 6..9) or at the same offset is dropped.
    assert.deepEqual(plan([occ('<ab>', 6, 6), occ('<bc>', 8, 4), c]), [
      [6, 6, 'X'],
      [19, 3, 'C1'],
    ]);
    assert.deepEqual(plan([a, occ('<ab>', 6, 6)]), [[6, 3, 'A1']]);
    assert.deepEqual(plan([occ('<ab>', 6, 6), occ('<b>', 11, 1)]), [[6, 6, 'X']]);
  });

  it('renders an empty answer without its "/" only for an optional folder; any other empty value keeps its slash', () => {
    const t = {
      body: { Statement: [{ Resource: ['arn:aws:s3:::<bucket>/<optional-prefix>/*', 'arn:aws:s3:::<bucket>/<prefix>/*'] }] },
      placeholders: [
        { name: 'bucket', kind: 'bucket' },
        { name: 'optional-prefix', kind: 'optional-s3-prefix' },
        { name: 'prefix', kind: 's3-prefix' },
      ],
    } as unknown as PolicyTemplate;
    assert.deepEqual(JSON.parse(renderTemplate(t, { bucket: 'acme-data', 'optional-prefix': '', prefix: '' })).Statement[0].Resource, [
      'arn:aws:s3:::acme-data/*',
      'arn:aws:s3:::acme-data//*',
    ]);
  });

  it("gives every placeholder the template's own sample, else its kind's sample (sampleValues)", () => {
    const t = {
      placeholders: [
        { name: 'bucket', kind: 'bucket', sample: 'harbourline-exports' },
        { name: 'region', kind: 'region' },
        { name: 'empty', kind: 'text', sample: '' },
      ],
    } as unknown as PolicyTemplate;
    assert.deepEqual(
      sampleValues(t, (k) => `sample of ${k}`),
      { bucket: 'harbourline-exports', region: 'sample of region', empty: '' },
    );
  });
});
