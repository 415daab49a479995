// The role recogniser on policies no one here wrote: no AWS managed policy is taken for a Clean Rooms role, so the
// role-check code lens stays off every other policy. (In the corpus folder: it reads every managed policy, seconds.)
import { strict as assert } from 'node:assert';
import { recogniseRole } from '../../../src/evaluate/recognise';
import { managedPolicies } from './managed-policies';

describe('recognising a Clean Rooms role, on the AWS managed policies', () => {
  it('no AWS managed policy is taken for a Clean Rooms role (nothing is reported on other policies)', function () {
    this.timeout(60000);
    const hits = managedPolicies()
      .filter((p) => recogniseRole(JSON.parse(p.text)) !== undefined)
      .map((p) => p.name);
    assert.deepEqual(hits, []);
  });
});
