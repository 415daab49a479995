// Writes snippets/cleanrooms-iam.json from the catalog (npm run snippets). `--check` exits 1 when the file is stale.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { snippetsFileText } from '../src/catalog/snippets';
import { TEMPLATES } from '../src/catalog/templates';

const out = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'snippets', 'cleanrooms-iam.json');
const text = snippetsFileText();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(out, 'utf8');
  } catch {
    /* missing file counts as stale */
  }
  if (current !== text) {
    console.error(`${out} is out of date: run npm run snippets`);
    process.exit(1);
  }
  console.log(`${out} is up to date (${TEMPLATES.length} snippets)`);
} else {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  console.log(`wrote ${out} (${TEMPLATES.length} snippets)`);
}
