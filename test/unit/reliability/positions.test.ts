// Offsets from analyze() point at the right text with CRLF line endings, tabs and astral-plane characters
// (UTF-16 surrogate pairs: one character on screen, two code units in the offset arithmetic).
import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/analysis';
import { findPlaceholders } from '../../../src/fill';
import { findingSignature, iamIndex, resultViolations, toCrlf, toTabs } from './support';

const at = (text: string, f: { offset: number; length: number }) => text.substr(f.offset, f.length);

// A policy with several different problems, each on a recognisable piece of text.
const BASE = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadData",
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": [
                "arn:aws:s3:::<bucket>/*",
                "arn:aws:s3::acme-data/customers/*",
                "arn:aws:glue:aws-region:accountId:catalog"
            ],
            "Condition": {
                "StringEquals": {
                    "aws:PrincipalTag/team": "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 équipe",
                    "s3:ResourceAccount": "111122223333"
                }
            }
        }
    ]
}
`;

function variants(): Array<[string, string]> {
  return [
    ['LF', BASE],
    ['CRLF', toCrlf(BASE)],
    ['tabs', toTabs(BASE)],
    ['tabs + CRLF', toCrlf(toTabs(BASE))],
    // Astral characters before everything else shift every later offset by two code units per character.
    ['astral first', BASE.replace('"ReadData"', '"ReadData"').replace('"Version"', '"Id": "😀😀😀",\n    "Version"')],
  ];
}

describe('reliability: positions with CRLF, tabs and astral-plane characters', () => {
  for (const [name, text] of variants()) {
    it(`${name}: every placeholder finding covers exactly its placeholder`, () => {
      const r = analyze(text, { iam: iamIndex() });
      assert.deepEqual(resultViolations(text, r), []);
      const covered = r.findings.filter((f) => f.rule.startsWith('placeholder-')).map((f) => [f.rule, at(text, f)]);
      assert.deepEqual(covered, [
        ['placeholder-token', '<bucket>'],
        ['placeholder-bare-name', 'aws-region'],
        ['placeholder-bare-name', 'accountId'],
        ['placeholder-example-value', '111122223333'],
      ]);
      for (const o of findPlaceholders(text)) assert.equal(at(text, o), o.key);
    });
  }

  it('every variant gets the same findings on the same text as the LF original', () => {
    const base = findingSignature(BASE, analyze(BASE, { iam: iamIndex() }));
    assert.ok(base.length >= 4);
    for (const [name, text] of variants().slice(1, 4)) {
      assert.deepEqual(findingSignature(text, analyze(text, { iam: iamIndex() })), base, name);
    }
    // With an extra top-level Id the findings may differ in kind (an identity policy has no Id), never in place.
    const astral = variants()[4][1];
    const sig = findingSignature(astral, analyze(astral, { iam: iamIndex() }));
    for (const s of base) assert.ok(sig.includes(s), `astral variant lost ${s}`);
  });

  it('the two-colon S3 ARN and syntax errors are located exactly under CRLF + tabs + astral', () => {
    const text = toCrlf(toTabs(BASE.replace('"ReadData"', '"ReadData", "X": "😀😀",'))).replace('"Effect": "Allow",', '"Effect": "Allow",,');
    const r = analyze(text, { iam: iamIndex() });
    assert.deepEqual(resultViolations(text, r), []);
    const syntax = r.findings.filter((f) => f.rule === 'json-syntax');
    assert.ok(syntax.length >= 1);
    assert.equal(syntax[0].offset, text.indexOf(',,') + 1);
    assert.equal(at(text, syntax[0]), ',');
    const arn = text.indexOf('arn:aws:s3::acme-data');
    const onArn = r.findings.filter(
      (f) => f.rule.startsWith('arn-') && f.offset >= arn && f.offset + f.length <= arn + 'arn:aws:s3::acme-data/customers/*'.length,
    );
    assert.ok(onArn.length, `no arn-* finding inside the two-colon S3 ARN: ${JSON.stringify(r.findings.map((f) => [f.rule, at(text, f)]))}`);
    const two = r.findings.find((f) => f.rule === 'arn-s3-two-colons');
    if (two) assert.deepEqual([two.offset, at(text, two)], [arn + 'arn:aws:s3'.length, '::']);
  });

  it('a finding never starts or ends between the halves of a surrogate pair', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::😀<bucket>😀/*"}]}';
    const r = analyze(text);
    assert.deepEqual(resultViolations(text, r), []);
    assert.equal(
      at(
        text,
        r.findings.find((f) => f.rule === 'placeholder-token')!,
      ),
      '<bucket>',
    );
  });
});
