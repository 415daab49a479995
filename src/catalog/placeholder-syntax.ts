// Placeholder syntax, the one convention everywhere (DESIGN.md "Placeholders"): the `<kebab-name>` tokens the
// templates write, and the looser forms people paste from the AWS docs (`<Any Name>`, `{{name}}`), which detection
// finds. Pure; the lowest layer that needs it (catalog's templates, snippets and role requests; analysis; fill;
// evaluate). Global RegExps here are only used with matchAll/replace (which do not keep state between calls).

/** A template's placeholder token, `<kebab-name>`; group 1 is the name. */
export const TOKEN_RE = /<([a-z0-9][a-z0-9-]*)>/g;

/** A template token and the "/" right before it, if any (group 1 the slash, group 2 the name). */
const SLASH_TOKEN_RE = /(\/?)<([a-z0-9][a-z0-9-]*)>/g;

/** The text holds a template token. */
export function hasToken(s: string): boolean {
  return /<[a-z0-9][a-z0-9-]*>/.test(s);
}

/** Template token names in a string, in order (repeats included). */
export function tokensIn(s: string): string[] {
  return [...s.matchAll(TOKEN_RE)].map((m) => m[1]);
}

/** Every name counts as optional (an empty value takes the "/" before it along). */
const ALL: { has(name: string): boolean } = { has: () => true };

/**
 * Replace the `<name>` tokens of a text that have a value, each value through `escape` (the host language's string
 * escaping; the identity for a string value that a serializer writes). Tokens without a value stay. An optional
 * folder left empty takes its "/" with it: bucket/<optional-prefix>/* -> bucket/*.
 */
export function fillTokens(
  text: string,
  values: Readonly<Record<string, string>>,
  optional: { has(name: string): boolean } = ALL,
  escape: (v: string) => string = (v) => v,
): string {
  return text.replace(SLASH_TOKEN_RE, (tok, slash: string, name: string) => {
    const v = values[name];
    if (v === undefined) return tok;
    if (v === '' && slash && optional.has(name)) return '';
    return slash + escape(v);
  });
}

/** A pasted `<token>`, looser than a template's (any case, spaces, dots, underscores); group 1 is the name. */
export const PASTED_TOKEN_RE = /<([A-Za-z0-9][A-Za-z0-9_ .-]*)>/g;

/** A `{{token}}`; group 1 is the name. */
export const BRACES_RE = /\{\{([^{}]+)\}\}/g;

/** Text looks like an unfilled placeholder (`<name>` / `{{name}}`): the rules leave it alone. */
export function hasPlaceholderSyntax(s: string): boolean {
  return /<[A-Za-z0-9][A-Za-z0-9_ .-]*>|\{\{[^{}]+\}\}/.test(s);
}
