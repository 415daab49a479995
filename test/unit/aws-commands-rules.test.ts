// The role-naming rules and the command text of src/fill/aws-commands.ts, pinned case by case: which service makes which
// role kind, the name length and character limits, the suggested names, the file stems and sibling ranking, the byte
// escapes, and the exact comment header per role kind and style. aws-commands.test.ts covers quoting and bash itself.
import { strict as assert } from 'node:assert';
import {
  buildCliCommands,
  englishT,
  fileStem,
  policyNameFor,
  rankSiblings,
  roleRequirements,
  shellQuote,
  suggestRoleName,
  trustServices,
  validateRoleName,
  type RoleKind,
} from '../../src/fill/aws-commands';

const SERVICES: Record<RoleKind, string[]> = {
  cleanrooms: ['cleanrooms.amazonaws.com'],
  'cleanrooms-ml': ['cleanrooms-ml.amazonaws.com'],
  entityresolution: ['entityresolution.amazonaws.com'],
  other: ['glue.amazonaws.com'],
};
const req = (kind: RoleKind) => roleRequirements(SERVICES[kind]);

describe('aws-commands: rules, one case per boundary', () => {
  it('englishT fills {0}…{10} and leaves a placeholder without an argument as it is', () => {
    const args = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'];
    assert.equal(englishT('{10}|{1}|{0}', ...args), 'k|b|a');
    assert.equal(englishT('{0} and {3}', 'x'), 'x and {3}');
    assert.equal(englishT('{0}', 0), '0');
  });

  it('trustServices reads Principal.Service from JSON with comments and trailing commas, once each, strings only', () => {
    const cases: Array<[string, string[]]> = [
      ['{"Statement":[{"Principal":{"Service":"cleanrooms.amazonaws.com"}}]}', ['cleanrooms.amazonaws.com']],
      [
        '// a comment\n{"Statement":[{"Principal":{"Service":["a.amazonaws.com","b.amazonaws.com","a.amazonaws.com",7]},},],}',
        ['a.amazonaws.com', 'b.amazonaws.com'],
      ],
      ['{"Statement":{"Principal":{"Service":"one.amazonaws.com"}}}', ['one.amazonaws.com']],
      ['{"Statement":[{"Principal":{"AWS":"111122223333"}},{"Principal":{"Service":"x.amazonaws.com"}}]}', ['x.amazonaws.com']],
      ['{"Statement":[]}', []],
      ['{}', []],
      ['', []],
      ['not json', []],
    ];
    for (const [text, want] of cases) assert.deepEqual(trustServices(text), want, text);
  });

  it('roleRequirements: the service principal decides the kind, in the order cleanrooms, cleanrooms-ml, entityresolution', () => {
    const cases: Array<[string[], RoleKind, string]> = [
      [['cleanrooms.amazonaws.com'], 'cleanrooms', '/service-role/'],
      [['cleanrooms-ml.amazonaws.com'], 'cleanrooms-ml', '/'],
      [['entityresolution.amazonaws.com'], 'entityresolution', '/'],
      [['glue.amazonaws.com'], 'other', '/'],
      [[], 'other', '/'],
      [['cleanrooms-ml.amazonaws.com', 'cleanrooms.amazonaws.com'], 'cleanrooms', '/service-role/'],
      [['entityresolution.amazonaws.com', 'cleanrooms-ml.amazonaws.com'], 'cleanrooms-ml', '/'],
    ];
    for (const [services, kind, path] of cases) {
      const r = roleRequirements(services);
      assert.deepEqual([r.kind, r.path], [kind, path], services.join(','));
    }
  });

  it('validateRoleName: 1 to 64 characters of [\\w+=,.@-], and the name each managed policy can pass', () => {
    const cases: Array<[string, RoleKind, string | undefined]> = [
      ['a', 'other', undefined],
      ['', 'other', 'A role name has 1 to 64 characters (this one has 0).'],
      ['cleanrooms-' + 'a'.repeat(53), 'cleanrooms', undefined], // 64
      ['cleanrooms-' + 'a'.repeat(54), 'cleanrooms', 'A role name has 1 to 64 characters (this one has 65).'],
      ['a+b=c,d.e@f_g-h', 'other', undefined],
      ['a b', 'other', 'A role name may contain only letters, digits and + = , . @ _ - (no spaces or slashes).'],
      ['a/b', 'other', 'A role name may contain only letters, digits and + = , . @ _ - (no spaces or slashes).'],
      ['my-cleanrooms-role', 'cleanrooms', undefined],
      [
        'my-role',
        'cleanrooms',
        'Put "cleanrooms" in the name: AWSCleanRoomsFullAccess / AWSCleanRoomsFullAccessNoQuerying can pass only roles matching arn:aws:iam::*:role/service-role/*cleanrooms*.',
      ],
      ['cleanrooms-ml-x', 'cleanrooms-ml', undefined],
      [
        'x-cleanrooms-ml',
        'cleanrooms-ml',
        'Start the name with "cleanrooms-ml": AWSCleanRoomsMLFullAccess can pass only roles matching arn:aws:iam::*:role/cleanrooms-ml*.',
      ],
      ['x-entityresolution-y', 'entityresolution', undefined],
      ['x', 'entityresolution', 'Put "entityresolution" in the name: with AWSEntityResolutionConsoleFullAccess the role name must include it.'],
    ];
    for (const [name, kind, want] of cases) assert.equal(validateRoleName(name, req(kind)), want, `${kind}: ${name}`);
  });

  it('fileStem: the shared stem of a role file name, without the extension and the kind words', () => {
    const cases: Array<[string, string]> = [
      ['read-data-trust-policy.json', 'read-data'],
      ['Read_Data.Permissions.JSONC', 'read-data'],
      ['folder/sub\\read-data-perms.txt', 'read-data'],
      ['read.txt.data-trust.json', 'read-txt-data'], // only the last extension goes
      ['a--b  trust.json', 'a-b'],
      ['trust-policy.json', ''],
      ['ünïcode#name-iam.json', 'ncodename'],
    ];
    for (const [file, want] of cases) assert.equal(fileStem(file), want, file);
  });

  it('suggestRoleName: a name that passes validateRoleName, built from the stem', () => {
    const cases: Array<[RoleKind, string[], string]> = [
      ['cleanrooms', ['read-data-trust.json'], 'cleanrooms-read-data'],
      ['cleanrooms', ['my-cleanrooms-trust.json'], 'my-cleanrooms'],
      ['cleanrooms', ['trust.json'], 'cleanrooms-service-role'],
      ['cleanrooms', ['trust.json', 'second-permissions.json'], 'cleanrooms-second'],
      ['cleanrooms-ml', ['training-trust.json'], 'cleanrooms-ml-training'],
      ['cleanrooms-ml', ['cleanrooms-ml-training-trust.json'], 'cleanrooms-ml-training'],
      ['cleanrooms-ml', ['cleanrooms-training-trust.json'], 'cleanrooms-ml-training'],
      ['cleanrooms-ml', ['cleanroomsml-x-trust.json'], 'cleanrooms-ml-x'],
      ['cleanrooms-ml', ['mlx-trust.json'], 'cleanrooms-ml-x'],
      ['cleanrooms-ml', ['x-cleanrooms-ml-trust.json'], 'cleanrooms-ml-x-cleanrooms-ml'], // must start with it, not end
      ['cleanrooms', ['aa-#-#-trust.json'], 'cleanrooms-aa'], // every trailing separator goes
      ['cleanrooms-ml', ['ml-trust.json'], 'cleanrooms-ml-service-role'],
      ['cleanrooms-ml', ['trust.json'], 'cleanrooms-ml-service-role'],
      ['entityresolution', ['match-trust.json'], 'entityresolution-match'],
      ['entityresolution', ['my-entityresolution-trust.json'], 'my-entityresolution'],
      ['entityresolution', ['trust.json'], 'entityresolution-workflow-job-role'],
      ['other', ['glue-trust.json'], 'cleanrooms-glue'],
      ['other', ['trust.json'], 'cleanrooms-role'],
      ['other', ['cleanrooms-glue-trust.json'], 'cleanrooms-glue'],
    ];
    for (const [kind, files, want] of cases) {
      const name = suggestRoleName(req(kind), ...files);
      assert.equal(name, want, `${kind}: ${files.join(', ')}`);
      assert.equal(validateRoleName(name, req(kind)), undefined, name);
    }
  });

  it('suggestRoleName keeps 64 characters at most, without a trailing separator', () => {
    const long = `${'a'.repeat(52)}-bbbbbbbbbb-trust.json`; // cleanrooms- + 52 a = 63, then '-'
    const name = suggestRoleName(req('cleanrooms'), long);
    assert.equal(name, `cleanrooms-${'a'.repeat(52)}`);
    assert.equal(suggestRoleName(req('cleanrooms'), `${'c'.repeat(80)}-trust.json`), `cleanrooms-${'c'.repeat(53)}`);
  });

  it('policyNameFor: <role>-permissions, 128 characters at most', () => {
    assert.equal(policyNameFor('r'), 'r-permissions');
    assert.equal(policyNameFor('x'.repeat(120)), `${'x'.repeat(120)}-permiss`); // 128
  });

  it('rankSiblings: same stem first, then most shared words, then by name; only files of the other kind', () => {
    const current = { name: 'read-data-trust.json', kind: 'trust' as const };
    const files = [
      { name: 'other-permissions.json', kind: 'permissions' as const },
      { name: 'b-permissions.json', kind: 'permissions' as const },
      { name: 'read-permissions.json', kind: 'permissions' as const },
      { name: 'read-data-extra-permissions.json', kind: 'permissions' as const },
      { name: 'a-permissions.json', kind: 'permissions' as const },
      { name: 'read-data-permissions.json', kind: 'permissions' as const },
      { name: 'read-data-copy-trust.json', kind: 'trust' as const },
      current,
    ];
    assert.deepEqual(rankSiblings(current, files), {
      ranked: [
        'read-data-permissions.json',
        'read-data-extra-permissions.json',
        'read-permissions.json',
        'a-permissions.json',
        'b-permissions.json',
        'other-permissions.json',
      ],
      match: 'read-data-permissions.json',
    });
    // No clear choice: two candidates, neither with the same stem.
    assert.deepEqual(rankSiblings(current, files.slice(0, 2)), { ranked: ['b-permissions.json', 'other-permissions.json'] });
    // One candidate only: it is the match.
    assert.deepEqual(rankSiblings(current, files.slice(0, 1)), { ranked: ['other-permissions.json'], match: 'other-permissions.json' });
    // From a permissions file: the trust files are the candidates.
    assert.deepEqual(rankSiblings({ name: 'read-data-permissions.json', kind: 'permissions' }, files), {
      ranked: ['read-data-trust.json', 'read-data-copy-trust.json'],
      match: 'read-data-trust.json',
    });
    // Two with the same stem: no match.
    const twins = [
      { name: 'read-data-permissions.json', kind: 'permissions' as const },
      { name: 'read-data-perms.json', kind: 'permissions' as const },
    ];
    assert.deepEqual(rankSiblings(current, twins), { ranked: ['read-data-permissions.json', 'read-data-perms.json'] });
  });

  it('shellQuote: an empty value is two quotes; U+0080 and U+061C are two UTF-8 bytes, U+2028 three', () => {
    const cases: Array<[string, string]> = [
      ['', "''"],
      ['plain', 'plain'],
      ['a\u0080', "$'a\\xc2\\x80'"],
      ['\u007f', "$'\\x7f'"],
      ['\u061c', "$'\\xd8\\x9c'"],
      ['\u2028', "$'\\xe2\\x80\\xa8'"],
    ];
    for (const [s, want] of cases) assert.equal(shellQuote(s), want, JSON.stringify(s));
  });

  it('buildCliCommands: the exact text per role kind and style', () => {
    const base = { trustPath: 't.json', permissionsPath: 'p.json', relative: true };
    const cleanrooms = buildCliCommands({ ...base, roleName: 'cleanrooms-x', requirements: req('cleanrooms'), style: 'inline' });
    assert.equal(
      cleanrooms.text,
      [
        '# AWS Clean Rooms: create the IAM role cleanrooms-x with the AWS CLI.',
        '# AWSCleanRoomsFullAccess / AWSCleanRoomsFullAccessNoQuerying can pass only roles matching arn:aws:iam::*:role/service-role/*cleanrooms*',
        `# (path /service-role/ and a name containing "cleanrooms"): ${req('cleanrooms').docUrl}`,
        '# Run these commands in the folder that holds t.json and p.json.',
        '# The permissions policy becomes an inline policy named cleanrooms-x-permissions.',
        'aws iam create-role --role-name cleanrooms-x --path /service-role/ --assume-role-policy-document file://t.json',
        'aws iam put-role-policy --role-name cleanrooms-x --policy-name cleanrooms-x-permissions --policy-document file://p.json',
        '',
      ].join('\n'),
    );
    const ml = buildCliCommands({
      trustPath: '/a/t.json',
      permissionsPath: '/a/p.json',
      roleName: 'cleanrooms-ml-x',
      requirements: req('cleanrooms-ml'),
      style: 'managed',
      policyName: 'pol',
    });
    assert.equal(
      ml.text,
      [
        '# AWS Clean Rooms: create the IAM role cleanrooms-ml-x with the AWS CLI.',
        '# AWSCleanRoomsMLFullAccess can pass only roles matching arn:aws:iam::*:role/cleanrooms-ml*',
        `# (default path /, name starting with "cleanrooms-ml"): ${req('cleanrooms-ml').docUrl}`,
        '# The permissions policy becomes the customer managed policy pol, attached to the role.',
        'aws iam create-role --role-name cleanrooms-ml-x --assume-role-policy-document file:///a/t.json',
        'POLICY_ARN=$(aws iam create-policy --policy-name pol --policy-document file:///a/p.json --query Policy.Arn --output text)',
        'aws iam attach-role-policy --role-name cleanrooms-ml-x --policy-arn "$POLICY_ARN"',
        '',
      ].join('\n'),
    );
    assert.deepEqual(ml.commands, ml.text.trimEnd().split('\n').slice(4));
    const er = buildCliCommands({ ...base, relative: false, roleName: 'entityresolution-x', requirements: req('entityresolution'), style: 'inline' });
    assert.deepEqual(er.text.split('\n').slice(0, 3), [
      '# AWS Clean Rooms: create the IAM role entityresolution-x with the AWS CLI.',
      `# With AWSEntityResolutionConsoleFullAccess the role name must include "entityresolution": ${req('entityresolution').docUrl}`,
      '# The permissions policy becomes an inline policy named entityresolution-x-permissions.',
    ]);
    const other = buildCliCommands({ ...base, relative: false, roleName: 'r', requirements: req('other'), style: 'inline' });
    assert.deepEqual(other.text.split('\n').slice(0, 2), [
      '# AWS Clean Rooms: create the IAM role r with the AWS CLI.',
      '# The permissions policy becomes an inline policy named r-permissions.',
    ]);
  });

  it('names every managed policy of the requirement, joined by " / ", in the name messages and the header', () => {
    const two = (kind: RoleKind) => ({ ...req(kind), managedPolicies: ['PolicyOne', 'PolicyTwo'] });
    assert.equal(
      validateRoleName('x', two('cleanrooms-ml')),
      'Start the name with "cleanrooms-ml": PolicyOne / PolicyTwo can pass only roles matching arn:aws:iam::*:role/cleanrooms-ml*.',
    );
    assert.equal(
      validateRoleName('x', two('entityresolution')),
      'Put "entityresolution" in the name: with PolicyOne / PolicyTwo the role name must include it.',
    );
    const er = buildCliCommands({
      roleName: 'entityresolution-x',
      requirements: two('entityresolution'),
      trustPath: 't.json',
      permissionsPath: 'p.json',
      style: 'inline',
    });
    assert.equal(er.text.split('\n')[1], `# With PolicyOne / PolicyTwo the role name must include "entityresolution": ${req('entityresolution').docUrl}`);
  });

  it('trustServices: a text too deeply nested to parse gives no services (the parser throws, nothing escapes)', () => {
    assert.deepEqual(trustServices('['.repeat(200_000)), []);
    assert.deepEqual(trustServices(`{"Statement":{"Principal":{"Service":"cleanrooms.amazonaws.com"}},"x":${'['.repeat(200_000)}}`), []);
  });
});
