// Writes docs/templates.md (the table of every catalog template). Run: npx tsx scripts/generate-docs.ts [--check]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { templatesMarkdown } from '../src/catalog/snippets';

const out = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'templates.md');
const text = templatesMarkdown();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(out, 'utf8');
  } catch {
    /* missing file counts as stale */
  }
  if (current !== text) {
    console.error(`${out} is out of date: run npx tsx scripts/generate-docs.ts`);
    process.exit(1);
  }
  console.log(`${out} is up to date`);
} else {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
}
