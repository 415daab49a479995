// Pure: names from the workspace (file names, rule ids from command arguments) as plain text inside a notification or
// status bar message. No vscode import.
//
// VS Code turns `[label](https://…|command:…|file:…)` in a notification message into a link (command: links run a
// command when clicked: vs/base/common/linkedText.ts), and `$(name)` in a status bar text into an icon. A file name
// cannot hold a `/`, but `[x](command:some.command?%5B…%5D).json` is a valid name. plainText breaks both patterns with
// a zero-width space, U+200B (`]` U+200B `(`, `$` U+200B `(`: the text looks the same, nothing is parsed) and shows control, line-separator
// and bidi characters as \uXXXX.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are shown as escapes
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

export function plainText(s: string): string {
  return s
    .replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\]\(/g, ']\u200b(')
    .replace(/\$\(/g, '$\u200b(');
}

/**
 * Text of our own Markdown-flavoured prose (rule titles and descriptions: `code` spans) for a notification, a modal
 * or a quick pick, which show Markdown as typed: the backticks are dropped, the code stays.
 */
export function withoutCodeSpans(s: string): string {
  return s.replace(/`([^`\n]*)`/g, '$1');
}

/** The Show Rule Documentation notification: "<id>: <title>. <description>", plain text. */
export function ruleDocsMessage(rule: { id: string; title: string; description: string }): string {
  return withoutCodeSpans(`${rule.id}: ${rule.title}. ${rule.description}`);
}
