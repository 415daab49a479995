// Writes docs/templates.md (every catalog template), docs/rules.md (every rule, with its example and message),
// docs/role-check.md (the requests the role check asks of each role), the README's generated template and rule lists,
// and the rule ids of the cleanroomsIam.rules setting in package.json.
// Run: npm run docs   (or npx tsx scripts/generate-docs.ts [--check]: exit 1 when a checked-in file is stale)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { templatesMarkdown } from '../src/catalog/snippets';
import { rulesMarkdown } from '../src/analysis/docs';
import { roleCheckMarkdown } from '../src/evaluate/role-docs';
import { allRules } from '../src/analysis/rules';
import { withRulesSchema } from '../src/vscode/logic/rules-setting';
import { parseIamIndex } from '../src/iam-data';
import { buildIamData, DEFAULT_OUT } from './build-iam-data';
import { updateReadme } from './readme-sections';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'docs');

// The rules' examples are analysed with the IAM reference data, as in the editor once it has loaded (and as the unit
// test that checks docs/rules.md does): dist/iam-data.json, built first when missing.
if (!existsSync(DEFAULT_OUT)) buildIamData(DEFAULT_OUT);
const iam = parseIamIndex(readFileSync(DEFAULT_OUT, 'utf8'));

const outputs: Array<[string, string]> = [
  [resolve(docs, 'templates.md'), templatesMarkdown()],
  [resolve(docs, 'rules.md'), rulesMarkdown(iam)],
  [resolve(docs, 'role-check.md'), roleCheckMarkdown(iam)],
];
const readmePath = resolve(docs, '..', 'README.md');
outputs.push([readmePath, updateReadme(readFileSync(readmePath, 'utf8'), iam)]);
const packagePath = resolve(docs, '..', 'package.json');
outputs.push([packagePath, withRulesSchema(readFileSync(packagePath, 'utf8'), allRules())]);

if (process.argv.includes('--check')) {
  let stale = 0;
  for (const [out, text] of outputs) {
    let current = '';
    try {
      current = readFileSync(out, 'utf8');
    } catch {
      /* missing file counts as stale */
    }
    if (current !== text) {
      console.error(`${out} is out of date: run npm run docs`);
      stale++;
    } else {
      console.log(`${out} is up to date`);
    }
  }
  if (stale) process.exit(1);
} else {
  mkdirSync(docs, { recursive: true });
  for (const [out, text] of outputs) {
    writeFileSync(out, text);
    console.log(`wrote ${out}`);
  }
}
