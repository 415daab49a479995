import { strict as assert } from 'node:assert';
import { evaluateConditionKey, normaliseContext, type ContextEntry } from '../../../src/evaluate';

/** A row: operator, policy value(s), request value(s) (undefined = key absent, 'unknown' = unknown), expected. */
export type Row = [
  operator: string,
  policy: unknown,
  /** A request value, undefined (absent) or 'UNKNOWN' (not modelled). */ request: string | string[] | undefined,
  expected: boolean | 'unknown',
];

export function runTable(title: string, key: string, rows: Row[]): void {
  describe(title, () => {
    for (const [op, pol, req, want] of rows) {
      it(`${op} ${JSON.stringify(pol)} vs ${JSON.stringify(req)} -> ${want}`, () => {
        const entry: ContextEntry =
          req === 'UNKNOWN' ? { state: 'unknown' } : req === undefined ? { state: 'absent' } : { state: 'present', values: Array.isArray(req) ? req : [req] };
        const ctx = normaliseContext({ action: 'x:y', resource: '*', context: { [key]: entry } });
        const got = evaluateConditionKey(op, key, pol, ctx);
        assert.equal(got.v, want);
      });
    }
  });
}
