// New Policy's output formats (src/vscode/logic/output-format.ts): what the wizard asks about and what opens.
import { strict as assert } from 'node:assert';
import { TEMPLATES } from '../../src/catalog/templates';
import { stackPlaceholders } from '../../src/catalog/role-stacks';
import { CHANGE_FORMAT, formatLanguage, isOutputFormat, OUTPUT_FORMATS, wizardTemplate } from '../../src/vscode/logic/output-format';

describe('New Policy output formats', () => {
  it('JSON first (the default), then CloudFormation and Terraform, each opening in its language', () => {
    assert.deepEqual(OUTPUT_FORMATS, ['json', 'cloudformation', 'terraform']);
    assert.deepEqual(OUTPUT_FORMATS.map(formatLanguage), [
      { language: 'json', extension: 'json' },
      { language: 'yaml', extension: 'yaml' },
      { language: 'terraform', extension: 'tf' },
    ]);
    assert.ok(isOutputFormat('terraform') && !isOutputFormat('yaml') && !isOutputFormat(undefined) && !isOutputFormat(1));
    assert.ok(!TEMPLATES.some((t) => t.id === CHANGE_FORMAT));
  });

  it('JSON asks about the picked template; CloudFormation and Terraform about every placeholder of its role', () => {
    const t = TEMPLATES.find((x) => x.id === 'read-data-s3-permissions')!;
    assert.equal(wizardTemplate(t, 'json').template, t);
    assert.equal(wizardTemplate(t, 'json').stack, undefined);
    for (const f of ['cloudformation', 'terraform'] as const) {
      const w = wizardTemplate(t, f);
      assert.equal(w.template.id, t.id);
      assert.deepEqual(w.template.placeholders, stackPlaceholders(w.stack!));
      // The trust policy's membership placeholders come first, then the permissions policy's own.
      const names = w.template.placeholders.map((p) => p.name);
      assert.ok(names.includes('membership-id') && names.includes('database'), names.join(' '));
      assert.ok(names.length > t.placeholders.length);
      assert.equal(new Set(names).size, names.length);
      assert.match(w.template.title, f === 'cloudformation' ? /\(CloudFormation\)$/ : /\(Terraform\)$/);
    }
  });
});
