// Offset -> 1-based line/column, the way VS Code counts them: columns are UTF-16 code units, and \r\n, \r and \n
// each end a line (a CRLF is one line break). The text must already be free of its BOM (readTextFile strips it),
// exactly as VS Code's document text is. Pure: no Node APIs.

export interface LineColumn {
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 code units. */
  column: number;
}

export interface LineRange {
  line: number;
  column: number;
  endLine: number;
  /** Exclusive: the column just after the last character (ESLint / SARIF convention). */
  endColumn: number;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[] = [0];
  /** Offset just past the last character of each line, before its line break. */
  private readonly ends: number[] = [];

  constructor(private readonly text: string) {
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0d /* \r */) {
        this.ends.push(i);
        if (i + 1 < n && text.charCodeAt(i + 1) === 0x0a) i++;
        this.starts.push(i + 1);
      } else if (c === 0x0a /* \n */) {
        this.ends.push(i);
        this.starts.push(i + 1);
      }
    }
    this.ends.push(n);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Position of an offset; offsets outside the text are clamped, and an offset inside a CRLF maps to the line's end. */
  position(offset: number): LineColumn {
    const o = Math.max(0, Math.min(Math.floor(offset), this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    const column = Math.min(o, this.ends[lo]) - this.starts[lo] + 1;
    return { line: lo + 1, column };
  }

  range(offset: number, length: number): LineRange {
    const s = this.position(offset);
    const e = this.position(offset + Math.max(0, length));
    return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  }
}
