// Pure: which findings the editor publishes as diagnostics. No vscode import.
// VS Code's own JSON support already reports every JSON syntax error in `json` and `jsonc` documents, so the kit's
// json-syntax findings there would list each error twice (and at some positions the two parsers word it differently:
// "Colon expected" vs "comma expected"). The editor leaves pure syntax errors to VS Code, with one exception: a trailing
// comma in a `jsonc` document, which VS Code only warns about there (JSONC allows it) but IAM rejects. Documents
// checked through cleanroomsIam.validate.extraGlobs in other languages have no JSON support: they keep every finding.
// The CLI keeps every finding too. The findings themselves are unchanged (Fix All still removes trailing commas).
import type { Finding } from '../../analysis/types';

const JSON_LANGUAGES = new Set(['json', 'jsonc']);

export function isTrailingComma(f: Finding): boolean {
  return f.rule === 'json-syntax' && /trailing comma/.test(f.message);
}

/** Whether VS Code's JSON support reports this finding itself in a document of this language. */
export function leftToVsCode(f: Finding, languageId: string): boolean {
  if (f.rule !== 'json-syntax' || !JSON_LANGUAGES.has(languageId)) return false;
  return !(languageId === 'jsonc' && isTrailingComma(f));
}

export function editorFindings(findings: readonly Finding[], languageId: string): Finding[] {
  return findings.filter((f) => !leftToVsCode(f, languageId));
}

/** Findings left to VS Code that carry a fix (a trailing comma in `json`) and touch [from, to]: the lightbulb still offers the fix. */
export function hiddenFixable(findings: readonly Finding[], languageId: string, from: number, to: number): Finding[] {
  return findings.filter((f) => f.fixes?.length && leftToVsCode(f, languageId) && f.offset <= to && f.offset + f.length >= from);
}
