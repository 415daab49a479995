// How messages quote what the user wrote. Every rule puts document values (keys, ARNs, actions, operators) into its
// messages through these helpers, so a 1 MB value gives a message of a few hundred characters, not of 2 MB.
// makeFinding (rule.ts) applies a last-resort cap on top of that.

/** Values longer than this are shown with their middle elided. */
export const MAX_QUOTED_LENGTH = 80;
/** Last-resort cap for a finding's message (makeFinding). */
export const MAX_MESSAGE_LENGTH = 1000;
/** Last-resort cap for a fix title or a related-location message. */
export const MAX_TITLE_LENGTH = 200;

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * `value` unchanged when it has at most `max` characters; otherwise at most `max` characters: its beginning and end
 * around an ellipsis and the number of characters left out: `arn:aws:s3:::bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb…(1,048,520 more characters)…bbbbbbbbbbbbbbbbbbbbbbb/*`.
 * Never cuts a surrogate pair in half.
 */
export function elide(value: string, max = MAX_QUOTED_LENGTH): string {
  if (value.length <= max) return value;
  // The result, marker included, stays within `max` (the marker is at most this long for any string length).
  const marker = `…(${String(value.length).replace(/\B(?=(\d{3})+$)/g, ',')} more characters)…`.length;
  const keep = Math.max(2, max - marker);
  let head = Math.ceil(keep * 0.6);
  let tail = keep - head;
  if (isHigh(value.charCodeAt(head - 1)) && isLow(value.charCodeAt(head))) head--;
  let tailStart = value.length - tail;
  if (isLow(value.charCodeAt(tailStart)) && isHigh(value.charCodeAt(tailStart - 1))) tailStart++;
  tail = value.length - tailStart;
  const omitted = value.length - head - tail;
  return `${value.slice(0, head)}…(${String(omitted).replace(/\B(?=(\d{3})+$)/g, ',')} more characters)…${value.slice(tailStart)}`;
}

/** A document value in double quotes, elided when long: the one way rules quote values in messages. */
export function quote(value: string, max = MAX_QUOTED_LENGTH): string {
  return `"${elide(value, max)}"`;
}

/**
 * Replace control characters (C0, DEL, C1, including ESC), line/paragraph separators and bidi controls (embeddings,
 * overrides, isolates, marks) so document, path or argument content can never drive the terminal or reorder a line.
 */
// eslint-disable-next-line no-control-regex -- control characters are what is escaped here
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

export function sanitize(s: string): string {
  return s.replace(/\r\n|[\r\n\t]/g, ' ').replace(TERMINAL_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** sanitize() for each line of a multi-line human message (usage, errors): keeps the line breaks, nothing else. */
export function sanitizeLines(s: string): string {
  return s.split('\n').map(sanitize).join('\n');
}
