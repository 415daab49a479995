import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { analyze } from '../../src/analysis';
import type { AnalyzeOptions, Finding } from '../../src/analysis/types';
import { ROLES, TEMPLATES } from '../../src/catalog/templates';
import { PLACEHOLDER_KINDS, placeholderKind, kindForName } from '../../src/catalog/placeholder-kinds';
import { isCleanRoomsRegion, REGIONS } from '../../src/catalog/regions';
import type { PolicyTemplate } from '../../src/catalog/types';
import { renderTemplate, sampleValues, templateText } from '../../src/fill/apply';
import { loadIamIndex } from '../../src/cli/iam';

const TOKEN_RE = /<([a-z0-9][a-z0-9-]*)>/g;
const DOC_EXAMPLE_VALUES = ['111122223333', '444455556666', '555555555555', '123456789012', 'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa', 'amzn-s3-demo-bucket'];

const kindSample = (k: string) => placeholderKind(k).sample;
const samplesOf = (t: PolicyTemplate) => sampleValues(t, kindSample);
const validate = (kind: string, v: string) => PLACEHOLDER_KINDS.get(kind)!.validate(v);

/** A statement template is analysed inside a minimal permissions policy. */
function asPolicyText(t: PolicyTemplate, text: string): { text: string; shift: number } {
  if (t.policyType !== 'statement') return { text, shift: 0 };
  const head = '{\n    "Version": "2012-10-17",\n    "Statement": [\n';
  return { text: head + text + '\n    ]\n}', shift: head.length };
}

// The IAM reference index, when the build has produced it: the iam-data rules then run too.
const iamLoad = loadIamIndex(path.resolve(__dirname, '..', '..', 'dist'));
const OPTIONS: AnalyzeOptions = 'index' in iamLoad && iamLoad.index ? { iam: iamLoad.index } : {};

function tokenOccurrences(text: string): Array<{ name: string; offset: number; length: number }> {
  return [...text.matchAll(TOKEN_RE)].map((m) => ({ name: m[1], offset: m.index, length: m[0].length }));
}

describe('catalog: templates', () => {
  it('has every documented policy the brief asks for', () => {
    const ids = new Set(TEMPLATES.map((t) => t.id));
    for (const id of [
      'member-trust',
      'read-data-s3-trust',
      'read-data-s3-trust-scoped',
      'read-data-s3-permissions',
      'read-data-s3-kms-statement',
      'receive-results-trust',
      'receive-results-permissions',
      'read-data-athena-permissions',
      'read-data-snowflake-trust',
      'read-data-snowflake-permissions',
      'read-data-snowflake-permissions-kms',
      'pyspark-analysis-template-trust',
      'pyspark-analysis-template-permissions',
      'pyspark-job-results-trust',
      'pyspark-job-results-permissions',
      'ml-training-data-trust',
      'ml-training-data-permissions',
      'ml-write-segment-trust',
      'ml-write-segment-permissions',
      'ml-read-seed-trust',
      'ml-read-seed-permissions-s3',
      'ml-read-seed-permissions-sql',
      'ml-configuration-trust',
      'ml-configuration-permissions',
      'ml-model-provider-trust',
      'ml-model-provider-permissions',
      'ml-input-channel-trust',
      'ml-input-channel-permissions',
      'ml-table-association-trust',
      'ml-table-association-permissions',
      'entity-resolution-id-mapping-trust',
      'entity-resolution-id-mapping-permissions',
    ]) {
      assert.ok(ids.has(id), `missing template ${id}`);
    }
  });

  it('ids, titles and snippet prefixes are unique; prefixes are cleanrooms-<role>-<type>', () => {
    const unique = (xs: string[]) => assert.equal(new Set(xs).size, xs.length, `duplicates in ${xs.join(', ')}`);
    unique(TEMPLATES.map((t) => t.id));
    unique(TEMPLATES.map((t) => t.title));
    unique(TEMPLATES.map((t) => t.snippetPrefix));
    unique(ROLES.map((r) => r.id));
    for (const t of TEMPLATES) {
      assert.equal(t.snippetPrefix, `cleanrooms-${t.id}`);
      assert.ok(t.id.startsWith(t.role + '-'), `${t.id} does not start with its role ${t.role}`);
      assert.match(t.snippetPrefix, /-(trust|permissions|statement)(-[a-z0-9]+)*$|-trust-scoped$|-permissions-(s3|sql|kms)$/);
    }
  });

  it('every template names a known role, every role has a trust policy and a permissions policy or managed policies', () => {
    const roleIds = new Set(ROLES.map((r) => r.id));
    for (const t of TEMPLATES) assert.ok(roleIds.has(t.role), `${t.id}: unknown role ${t.role}`);
    for (const r of ROLES) {
      const ts = TEMPLATES.filter((t) => t.role === r.id);
      assert.ok(
        ts.some((t) => t.policyType === 'trust'),
        `${r.id} has no trust policy`,
      );
      assert.ok(ts.some((t) => t.policyType === 'permissions') || ts.some((t) => t.managedPolicies?.length), `${r.id} has no permissions`);
    }
  });

  it('every template and role links an AWS documentation page', () => {
    for (const x of [...TEMPLATES, ...ROLES]) assert.match(x.docUrl, /^https:\/\/docs\.aws\.amazon\.com\/[a-z-]+\/latest\/[\w/-]+\.html(#[\w-]+)?$/, x.id);
    for (const t of TEMPLATES.filter((t) => t.docUrl.includes('setting-up-roles') || t.docUrl.includes('ml-roles'))) {
      assert.match(t.docUrl, /#[\w-]+$/, `${t.id}: link the section anchor`);
    }
  });

  it('every <token> in a body is declared once, and every declared placeholder is used', () => {
    for (const t of TEMPLATES) {
      const declared = t.placeholders.map((p) => p.name);
      assert.equal(new Set(declared).size, declared.length, `${t.id}: a placeholder is declared twice`);
      const used = [...new Set(tokenOccurrences(templateText(t)).map((o) => o.name))];
      assert.deepEqual([...used].sort(), [...declared].sort(), `${t.id}: declared vs used`);
      // declared in order of first appearance, so wizards and snippets ask in reading order
      assert.deepEqual(declared, used, `${t.id}: placeholder order`);
      for (const p of t.placeholders) assert.match(p.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${t.id}: ${p.name} is not kebab-case`);
    }
  });

  it('bodies carry no {{…}} tokens, no AWS doc example values and no two-colon S3 ARNs', () => {
    for (const t of TEMPLATES) {
      const text = templateText(t);
      assert.ok(!text.includes('{{'), `${t.id} has a {{…}} token`);
      for (const v of DOC_EXAMPLE_VALUES) assert.ok(!text.includes(v), `${t.id} contains ${v}`);
      assert.ok(!/arn:aws:s3::(?!:)/.test(text), `${t.id} has an S3 ARN without three colons`);
      for (const m of text.matchAll(/"arn:aws:s3:([^"]*)"/g)) assert.ok(m[1].startsWith('::'), `${t.id}: ${m[0]}`);
    }
  });

  it('uses the corrected forms: StringLike for sts:ExternalId and kms:EncryptionContext, no ForAnyValue on aws:SourceArn', () => {
    for (const t of TEMPLATES) {
      const text = JSON.stringify(t.body);
      assert.ok(!/"ArnLike":\{"sts:ExternalId"/.test(text), `${t.id}: ArnLike on sts:ExternalId`);
      assert.ok(!/"ArnLike(IfExists)?":\{"kms:EncryptionContext/.test(text), `${t.id}: ArnLike on kms:EncryptionContext`);
      assert.ok(!/ForAnyValue:Arn\w+":\{"aws:SourceArn"/.test(text), `${t.id}: ForAnyValue on single-valued aws:SourceArn`);
    }
    const perms = TEMPLATES.find((t) => t.id === 'read-data-s3-permissions')!;
    assert.ok(templateText(perms).includes('"arn:aws:s3:::<bucket>/<prefix>/*"'));
    assert.ok(templateText(perms).includes('"arn:aws:glue:<region>:<glue-account-id>:table/<database>/<table>"'));
    const scoped = TEMPLATES.find((t) => t.id === 'read-data-s3-trust-scoped')!;
    assert.ok(templateText(scoped).includes('"sts:ExternalId": "arn:aws:*:<region>:*:dbuser:*/<query-runner-membership-id>*"'));
    assert.ok(templateText(scoped).includes('"StringLike"'));
  });

  it("membership ARNs take a Clean Rooms <region> and the membership's account and id", () => {
    for (const t of TEMPLATES) {
      const kinds = new Map(t.placeholders.map((p) => [p.name, p.kind]));
      for (const m of templateText(t).matchAll(/arn:aws:cleanrooms:<([a-z0-9-]+)>:<([a-z0-9-]+)>:membership\/<([a-z0-9-]+)>/g)) {
        assert.equal(kinds.get(m[1]), 'region', `${t.id}: ${m[1]} must be a Clean Rooms region`);
        assert.equal(kinds.get(m[2]), 'account-id', `${t.id}: ${m[2]}`);
        assert.equal(kinds.get(m[3]), 'membership-id', `${t.id}: ${m[3]}`);
      }
      assert.ok(!/arn:aws:cleanrooms:[^<"]/.test(templateText(t)), `${t.id}: a cleanrooms ARN with a literal region`);
    }
  });

  it('the member role lists the three managed policies, per the seed table', () => {
    const member = TEMPLATES.find((t) => t.id === 'member-trust')!;
    assert.deepEqual(JSON.parse(renderTemplate(member, samplesOf(member))).Statement[0].Principal, { AWS: 'arn:aws:iam::210987654321:root' });
    assert.deepEqual(
      member.managedPolicies!.map((m) => [m.name, m.arn]),
      [
        ['AWSCleanRoomsReadOnlyAccess', 'arn:aws:iam::aws:policy/AWSCleanRoomsReadOnlyAccess'],
        ['AWSCleanRoomsFullAccess', 'arn:aws:iam::aws:policy/AWSCleanRoomsFullAccess'],
        ['AWSCleanRoomsFullAccessNoQuerying', 'arn:aws:iam::aws:policy/AWSCleanRoomsFullAccessNoQuerying'],
      ],
    );
    for (const m of member.managedPolicies!) assert.ok(m.when.length > 10);
  });

  it('statement templates are one statement object; policies have Version 2012-10-17', () => {
    for (const t of TEMPLATES) {
      const body = t.body as Record<string, unknown>;
      if (t.policyType === 'statement') {
        assert.equal(body.Effect, 'Allow', t.id);
        assert.ok(!('Statement' in body) && !('Version' in body), t.id);
      } else {
        assert.equal(body.Version, '2012-10-17', t.id);
        assert.ok(Array.isArray(body.Statement) && (body.Statement as unknown[]).length > 0, t.id);
      }
    }
  });

  it('placeholders of the same kind in one template get distinct samples where they would collide in one list', () => {
    for (const t of TEMPLATES) {
      const ids = t.placeholders.filter((p) => p.kind === 'membership-id').map((p) => p.sample ?? kindSample(p.kind));
      assert.equal(new Set(ids).size, ids.length, `${t.id}: two membership placeholders share a sample`);
    }
  });
});

describe('catalog: templates rendered', () => {
  for (const t of TEMPLATES) {
    it(`${t.id}: rendered with samples is a valid policy with no error or warning`, () => {
      const rendered = renderTemplate(t, samplesOf(t));
      assert.ok(!TOKEN_RE.test(rendered), 'a token is left');
      const { text } = asPolicyText(t, rendered);
      JSON.parse(text); // strict JSON, not JSONC
      const result = analyze(text, OPTIONS);
      const bad = result.findings.filter((f: Finding) => f.severity === 'error' || f.severity === 'warning');
      assert.deepEqual(
        bad.map((f) => `${f.rule}: ${f.message} [${text.substr(f.offset, f.length)}]`),
        [],
      );
      assert.equal(result.kind, t.policyType === 'trust' ? 'trust' : 'permissions');
    });

    it(`${t.id}: raw, every <token> occurrence is a placeholder-token finding`, () => {
      const raw = templateText(t);
      const { text, shift } = asPolicyText(t, raw);
      const expected = tokenOccurrences(raw).map((o) => `${o.offset + shift}:${o.length}`);
      const got = analyze(text, OPTIONS)
        .findings.filter((f) => f.rule === 'placeholder-token')
        .map((f) => `${f.offset}:${f.length}`);
      assert.deepEqual(got.sort(), expected.sort());
      if (t.placeholders.length === 0) assert.equal(expected.length, 0);
    });
  }
});

describe('catalog: placeholder kinds', () => {
  it('every template placeholder has a known kind, and none falls back to plain text', () => {
    for (const t of TEMPLATES) {
      for (const p of t.placeholders) {
        assert.ok(PLACEHOLDER_KINDS.has(p.kind), `${t.id}: unknown kind ${p.kind}`);
        assert.notEqual(p.kind, 'text', `${t.id}: ${p.name} uses the text kind`);
      }
    }
  });

  it('every kind has a label, a help line, a doc link and a sample that passes its validator', () => {
    for (const k of PLACEHOLDER_KINDS.values()) {
      assert.ok(k.label && k.help.length > 15, k.id);
      assert.match(k.docUrl, /^https:\/\/docs\.aws\.amazon\.com\//, k.id);
      assert.equal(k.validate(k.sample), undefined, `${k.id}: sample ${k.sample}`);
    }
  });

  it("every template-specific sample passes its kind's validator and is not an AWS doc example", () => {
    for (const t of TEMPLATES) {
      for (const [name, v] of Object.entries(samplesOf(t))) {
        const p = t.placeholders.find((x) => x.name === name)!;
        assert.equal(validate(p.kind, v), undefined, `${t.id}: ${name}=${v}`);
        for (const ex of DOC_EXAMPLE_VALUES) assert.ok(!v.includes(ex), `${t.id}: ${name}=${v} is an AWS doc example`);
        assert.notEqual(v, 'us-east-1', `${t.id}: ${name} sample is the AWS doc example Region`);
      }
    }
  });

  it('AWS doc example values fail the matching validator', () => {
    for (const v of ['111122223333', '444455556666', '555555555555', '123456789012']) assert.match(validate('account-id', v)!, /example account ID/);
    assert.match(validate('membership-id', 'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa')!, /example membership ID/);
    assert.match(validate('membership-id', 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111')!, /example membership ID/);
    assert.match(validate('bucket', 'amzn-s3-demo-bucket')!, /reserved for AWS doc examples/);
    assert.ok(validate('s3-path', 'amzn-s3-demo-bucket/code/job.py'));
    assert.ok(validate('membership-arn', 'arn:aws:cleanrooms:us-east-1:555555555555:membership/a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa'));
  });

  it('account IDs: exactly 12 digits', () => {
    assert.equal(validate('account-id', '210987654321'), undefined);
    for (const bad of ['21098765432', '2109876543210', '2109-8765-4321', 'accountId', '']) assert.ok(validate('account-id', bad), bad);
  });

  it('membership IDs: lower-case UUIDs only', () => {
    assert.equal(validate('membership-id', '3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17'), undefined);
    assert.match(validate('membership-id', '3F2A9C1E-7B4D-4E8A-9C51-0D6B2E8F4A17')!, /lower case/);
    for (const bad of ['3f2a9c1e7b4d4e8a9c510d6b2e8f4a17', '3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a1', 'g f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17', 'membershipId']) {
      assert.ok(validate('membership-id', bad), bad);
    }
  });

  it('regions: Clean Rooms Regions for region, any commercial Region for any-region; AZs and other partitions rejected', () => {
    assert.equal(validate('region', 'eu-west-2'), undefined);
    assert.equal(validate('region', 'us-east-1'), undefined);
    assert.match(validate('region', 'eu-west-3')!, /not available in eu-west-3/);
    assert.equal(validate('any-region', 'eu-west-3'), undefined);
    assert.match(validate('region', 'us-east-1a')!, /Availability Zone.*us-east-1/);
    assert.match(validate('any-region', 'eu-central-1b')!, /Availability Zone/);
    assert.match(validate('any-region', 'cn-north-1')!, /aws-cn/);
    assert.ok(validate('region', 'aws-region'));
    assert.ok(validate('region', 'EU-WEST-2'));
    assert.equal(REGIONS.filter((r) => isCleanRoomsRegion(r.code)).length, 11);
    const suggestions = PLACEHOLDER_KINDS.get('region')!.suggestions!().map((s) => s.value);
    assert.equal(suggestions.length, 11);
    assert.ok(suggestions.every(isCleanRoomsRegion));
  });

  it('bucket names: the S3 general purpose naming rules', () => {
    for (const good of ['acme-cleanrooms-data', 'a.b-c', 'abc', 'x'.repeat(63)]) assert.equal(validate('bucket', good), undefined, good);
    const bad: Array<[string, RegExp]> = [
      ['ab', /3 to 63/],
      ['x'.repeat(64), /3 to 63/],
      ['Acme-Data', /lower-case/],
      ['acme_data', /lower-case/],
      ['-acme', /begin and end/],
      ['acme.', /begin and end/],
      ['acme..data', /adjacent periods/],
      ['192.168.5.4', /IP address/],
      ['xn--acme', /xn--/],
      ['sthree-acme', /sthree-/],
      ['acme-s3alias', /-s3alias/],
      ['acme--ol-s3', /--ol-s3/],
      ['acme--x-s3', /--x-s3/],
      ['arn:aws:s3:::acme', /not its ARN/],
    ];
    for (const [v, re] of bad) assert.match(validate('bucket', v) ?? '', re, v);
  });

  it('S3 prefixes and paths', () => {
    assert.equal(validate('s3-prefix', 'customers/2026'), undefined);
    for (const bad of ['', '/customers', 'customers/', 'customers/*', '<prefix>']) assert.ok(validate('s3-prefix', bad), bad);
    assert.equal(validate('s3-path', 'acme-code/jobs/main.py'), undefined);
    assert.match(validate('s3-path', 's3://acme-code/jobs/main.py')!, /s3:\/\//);
    assert.match(validate('s3-path', 'acme-code')!, /object key/);
    assert.match(validate('s3-path', 'acme-code/')!, /object key/);
  });

  it('Glue names: the Clean Rooms GlueTableReference patterns, in lower case', () => {
    for (const good of ['marketing_db', 'db-2026', '_staging', 'a']) assert.equal(validate('glue-database', good), undefined, good);
    for (const bad of ['Marketing_DB', '-db', 'db-', 'db--x', 'db.x', 'my db', '', 'x'.repeat(129)]) assert.ok(validate('glue-database', bad), bad);
    for (const good of ['customer_events', 'customer events', 'events-2026']) assert.equal(validate('glue-table', good), undefined, good);
    for (const bad of ['CustomerEvents', 'events-', 'events/2026', '<table>']) assert.ok(validate('glue-table', bad), bad);
    assert.equal(validate('glue-catalog', 'sales_catalog'), undefined);
    assert.ok(validate('glue-catalog', 'sales catalog'));
    assert.ok(validate('glue-catalog', 'x'.repeat(128)));
  });

  it('KMS key IDs: a lower-case UUID or an mrk- multi-Region key id, not an alias or ARN', () => {
    assert.equal(validate('kms-key-id', '0c8f5a2e-41b7-4d39-8e6a-7f1b2c3d4e5f'), undefined);
    assert.equal(validate('kms-key-id', 'mrk-1234abcd12ab34cd56ef1234567890ab'), undefined);
    assert.match(validate('kms-key-id', 'alias/cleanrooms')!, /alias/);
    assert.match(validate('kms-key-id', 'arn:aws:kms:eu-west-2:210987654321:key/0c8f5a2e-41b7-4d39-8e6a-7f1b2c3d4e5f')!, /only the key ID/);
    assert.match(validate('kms-key-id', '0C8F5A2E-41B7-4D39-8E6A-7F1B2C3D4E5F')!, /lower case/);
    for (const bad of ['mrk-123', 'keyId', '0c8f5a2e41b74d398e6a7f1b2c3d4e5f']) assert.ok(validate('kms-key-id', bad), bad);
  });

  it('other kinds reject obvious mistakes', () => {
    assert.ok(validate('athena-workgroup', 'my workgroup'));
    assert.ok(validate('ecr-repository', 'Acme/Model'));
    assert.ok(validate('secret-id', 'my secret'));
    // Wildcards: the secret ARN is repeated in a StringEquals kms:EncryptionContext:SecretARN condition (issue 14 item 11).
    assert.equal(validate('secret-id', 'cleanrooms/snowflake-creds-Ab12Cd'), undefined);
    for (const wild of ['cleanrooms/snowflake-creds-??????', 'cleanrooms/snowflake-creds-*', '*'])
      assert.match(validate('secret-id', wild) ?? '', /without \* or \?: .*StringEquals kms:EncryptionContext:SecretARN.*wildcard matches no secret/, wild);
    assert.match(validate('secret-id', 'creds<x>') ?? '', /placeholder characters/);
    assert.ok(validate('data-set-id', 'datasetId'));
    assert.equal(validate('data-set-id', '7ae12b6b9d4c4f0e8a31c25d9e0f6a84'), undefined);
    assert.ok(validate('data-exchange-id', 'rev-001'));
  });

  it("kindForName maps the catalog's placeholder names to their declared kinds", () => {
    // Tokens pasted without the catalog (e.g. from a template file) are still recognised with the right kind.
    const mismatches: string[] = [];
    for (const t of TEMPLATES) {
      for (const p of t.placeholders) {
        const guessed = kindForName(p.name);
        const ok = guessed === p.kind || (p.kind === 'any-region' && guessed === 'region');
        if (!ok) mismatches.push(`${t.id}: <${p.name}> declared ${p.kind}, guessed ${guessed}`);
      }
    }
    assert.deepEqual(mismatches, []);
  });
});
