// The one placeholder syntax (src/catalog/placeholder-syntax.ts): template tokens, pasted tokens, filling.
import { strict as assert } from 'node:assert';
import { fillTokens, hasPlaceholderSyntax, hasToken, tokensIn } from '../../src/catalog/placeholder-syntax';

describe('placeholder syntax: one convention', () => {
  it('template tokens are <kebab-name>; tokensIn lists them in order, repeats included', () => {
    assert.deepEqual(tokensIn('arn:aws:s3:::<bucket>/<prefix>/<bucket>'), ['bucket', 'prefix', 'bucket']);
    assert.deepEqual(tokensIn('<Bucket> <bucket name> <-x>'), []);
    assert.ok(hasToken('a<region>b'));
    assert.ok(!hasToken('a<Region>b'));
  });

  it('fillTokens: a value replaces its token, a token without a value stays, escape applies to values only', () => {
    assert.equal(
      fillTokens('<a>:<b>', { a: 'x"y' }, undefined, (v) => v.replace(/"/g, '\\"')),
      'x\\"y:<b>',
    );
  });

  it('fillTokens: an empty optional folder takes its "/" along; a non-optional one keeps it', () => {
    const text = 'arn:aws:s3:::b/<optional-prefix>/*';
    assert.equal(fillTokens(text, { 'optional-prefix': '' }), 'arn:aws:s3:::b/*');
    assert.equal(fillTokens(text, { 'optional-prefix': '' }, new Set(['optional-prefix'])), 'arn:aws:s3:::b/*');
    assert.equal(fillTokens(text, { 'optional-prefix': '' }, new Set()), 'arn:aws:s3:::b//*');
    assert.equal(fillTokens(text, { 'optional-prefix': 'p' }, new Set()), 'arn:aws:s3:::b/p/*');
  });

  it('pasted placeholders: <Any Name> and {{name}}, not ${aws:variables} or a lone angle bracket', () => {
    for (const s of ['<Bucket Name>', 'x/<my_prefix.v2>/*', '{{accountId}}']) assert.ok(hasPlaceholderSyntax(s), s);
    for (const s of ['${aws:username}', 'a < b', '<>', '< x>', '{{}}']) assert.ok(!hasPlaceholderSyntax(s), s);
  });
});
