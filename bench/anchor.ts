// The anchor: what VS Code's own JSON support spends on the same document -- vscode-json-languageservice
// parsing it and validating it against our JSON Schema (schemas/policy.schema.json when present).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getLanguageService, type JSONDocument, type LanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';

export interface Anchor {
  /** Whether our schema was found (otherwise the anchor validates syntax only). */
  schema: string | undefined;
  /** Parse + validate one text; resolves to the number of diagnostics. */
  validate(text: string): Promise<number>;
}

const SCHEMA_URI = 'file:///bench/policy.schema.json';

export function makeAnchor(root: string): Anchor {
  const schemaPath = join(root, 'schemas', 'policy.schema.json');
  let schema: unknown;
  if (existsSync(schemaPath)) {
    try {
      schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    } catch {
      schema = undefined;
    }
  }
  const ls: LanguageService = getLanguageService({
    // Resolve only our own schema, from memory; no network.
    schemaRequestService: (uri) => (uri === SCHEMA_URI && schema ? Promise.resolve(JSON.stringify(schema)) : Promise.reject(new Error(`no schema ${uri}`))),
  });
  ls.configure({
    validate: true,
    allowComments: true,
    schemas: schema ? [{ uri: SCHEMA_URI, fileMatch: ['*.json'], schema }] : [],
  });
  let version = 0;
  return {
    schema: schema ? schemaPath : undefined,
    async validate(text: string): Promise<number> {
      // VS Code hands the server a document; creating it is not part of validation.
      const doc = TextDocument.create('file:///bench/policy.json', 'json', ++version, text);
      const jsonDoc: JSONDocument = ls.parseJSONDocument(doc);
      const diags = await ls.doValidation(doc, jsonDoc, { comments: 'ignore', trailingCommas: 'error' });
      return diags.length;
    },
  };
}
