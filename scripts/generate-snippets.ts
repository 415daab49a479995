// Writes the snippet files from the catalog (npm run snippets): snippets/cleanrooms-iam.json (JSON policies),
// snippets/cleanrooms-iam-cloudformation.json (YAML) and snippets/cleanrooms-iam-terraform.json (Terraform).
// `--check` exits 1 when a file is stale.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { infraSnippetsFileText, snippetsFileText } from '../src/catalog/snippets';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'snippets');
const files: Array<[string, string]> = [
  ['cleanrooms-iam.json', snippetsFileText()],
  ['cleanrooms-iam-cloudformation.json', infraSnippetsFileText('cloudformation')],
  ['cleanrooms-iam-terraform.json', infraSnippetsFileText('terraform')],
];
let stale = false;
for (const [name, text] of files) {
  const out = resolve(dir, name);
  const count = Object.keys(JSON.parse(text) as object).length;
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(out, 'utf8');
    } catch {
      /* missing file counts as stale */
    }
    if (current !== text) {
      console.error(`${out} is out of date: run npm run snippets`);
      stale = true;
    } else console.log(`${out} is up to date (${count} snippets)`);
  } else {
    mkdirSync(dir, { recursive: true });
    writeFileSync(out, text);
    console.log(`wrote ${out} (${count} snippets)`);
  }
}
if (stale) process.exit(1);
