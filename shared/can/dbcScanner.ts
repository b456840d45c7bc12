// The DBC tokenizer: names, numbers, quoted strings and punctuation read straight off the character codes, every problem located as line:column.
import type { SourceLocation } from './dbcModel';

/** A located problem in one statement; the statement loop records it and resumes at the next line. */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

export const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHexDigit = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
/** Blanks that never end a line: space, tab, CR, vertical tab, form feed. */
const isLineSpace = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 11 || c === 12;

const NEWLINE = 10;
const SLASH = 47;
const QUOTE = 34;
const BACKSLASH = 92;
/** Digits that always fit a double exactly, so they can be summed instead of handed to Number(). */
const EXACT_DIGITS = 15;

/**
 * A cursor over the text. Each token reader skips blanks, newlines and `//` comments first and reads
 * the longest token at the cursor; nothing here backtracks, so any line fails in linear time.
 */
export class Scanner {
  pos = 0;
  private readonly lineStarts: number[] = [0];
  private lastLine = 0;
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  get eof(): boolean {
    return this.pos >= this.text.length;
  }
  /** 1-based line and column of `pos`. */
  locate(pos: number): SourceLocation {
    const starts = this.lineStarts;
    // The parser asks in file order (every signal keeps its location): walk on from the last answer.
    let line = this.lastLine;
    if (starts[line] <= pos && (line + 1 === starts.length || pos < starts[line + 1] || pos < starts[line + 8])) {
      while (line + 1 < starts.length && starts[line + 1] <= pos) line++;
      this.lastLine = line;
      return { line: line + 1, column: pos - starts[line] + 1 };
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return { line: lo + 1, column: pos - starts[lo] + 1 };
  }
  here(): SourceLocation {
    return this.locate(this.pos);
  }
  /** The character code at the cursor, -1 at the end. */
  peek(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }
  fail(message: string, at: SourceLocation = this.here()): never {
    throw new ParseError(message, at.line, at.column);
  }
  /** Skips blanks, newlines and `//` comments. */
  skipSpace(): void {
    const t = this.text;
    const n = t.length;
    let p = this.pos;
    while (p < n) {
      const c = t.charCodeAt(p);
      if (c === 32 || c === NEWLINE || isLineSpace(c)) p++;
      else if (c === SLASH && t.charCodeAt(p + 1) === SLASH) {
        const nl = t.indexOf('\n', p);
        p = nl === -1 ? n : nl;
      } else break;
    }
    this.pos = p;
  }
  /** Skips blanks on the current line only; true when more tokens follow on this line. */
  skipLineSpace(): boolean {
    const t = this.text;
    let p = this.pos;
    while (p < t.length && isLineSpace(t.charCodeAt(p))) p++;
    this.pos = p;
    return p < t.length && t.charCodeAt(p) !== NEWLINE;
  }
  /** True when the cursor is at the very start of a line. */
  atLineStart(): boolean {
    return this.pos === 0 || this.text.charCodeAt(this.pos - 1) === NEWLINE;
  }
  skipLine(): void {
    const nl = this.text.indexOf('\n', this.pos);
    this.pos = nl === -1 ? this.text.length : nl;
  }
  /** Skips to just past the next `;` outside strings. */
  skipStatement(): void {
    const t = this.text;
    for (let p = this.pos; p < t.length; p++) {
      const c = t.charCodeAt(p);
      if (c === 59) {
        this.pos = p + 1;
        return;
      }
      if (c === QUOTE) {
        this.pos = p;
        this.string();
        p = this.pos - 1;
      }
    }
    this.pos = t.length;
  }
  describeNext(): string {
    if (this.eof) return 'end of file';
    const c = this.text[this.pos];
    if (c === '\n' || c === '\r') return 'end of line';
    const word = /^[A-Za-z0-9_.+-]+/.exec(this.text.slice(this.pos, this.pos + 40));
    return `"${word ? word[0] : c}"`;
  }
  ident(what = 'a name'): string {
    this.skipSpace();
    const t = this.text;
    const start = this.pos;
    if (!isIdentStart(t.charCodeAt(start))) this.fail(`expected ${what}, found ${this.describeNext()}`);
    let p = start + 1;
    while (p < t.length && isIdentPart(t.charCodeAt(p))) p++;
    this.pos = p;
    return t.slice(start, p);
  }
  tryChar(ch: string): boolean {
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === ch.charCodeAt(0)) {
      this.pos++;
      return true;
    }
    return false;
  }
  expect(ch: string): void {
    if (!this.tryChar(ch)) this.fail(`expected "${ch}", found ${this.describeNext()}`);
  }
  /** A decimal or floating-point number with optional sign and exponent (also `0x` hex integers). */
  number(what = 'a number'): number {
    this.skipSpace();
    const t = this.text;
    const start = this.pos;
    let p = start;
    let c = t.charCodeAt(p);
    const negative = c === 45;
    if (negative || c === 43) c = t.charCodeAt(++p);
    const body = p;
    if (c === 48 && (t.charCodeAt(p + 1) | 32) === 120 && isHexDigit(t.charCodeAt(p + 2))) {
      p += 3;
      while (isHexDigit(t.charCodeAt(p))) p++;
      this.pos = p;
      return this.finite((negative ? -1 : 1) * parseInt(t.slice(body + 2, p), 16), what, start);
    }
    let integer = true;
    if (isDigit(c)) {
      while (isDigit(t.charCodeAt(++p)));
      if (t.charCodeAt(p) === 46) {
        integer = false;
        while (isDigit(t.charCodeAt(++p)));
      }
    } else if (c === 46 && isDigit(t.charCodeAt(p + 1))) {
      integer = false;
      p++;
      while (isDigit(t.charCodeAt(++p)));
    } else {
      this.fail(`expected ${what}, found ${this.describeNext()}`);
    }
    if ((t.charCodeAt(p) | 32) === 101) {
      let q = p + 1;
      const sign = t.charCodeAt(q);
      if (sign === 43 || sign === 45) q++;
      if (isDigit(t.charCodeAt(q))) {
        integer = false;
        while (isDigit(t.charCodeAt(++q)));
        p = q;
      }
    }
    this.pos = p;
    if (integer && p - body <= EXACT_DIGITS) {
      const v = digitsValue(t, body, p);
      return negative ? -v : v;
    }
    return this.finite(Number(t.slice(start, p)), what, start);
  }
  private finite(v: number, what: string, start: number): number {
    if (!Number.isFinite(v)) this.fail(`${what} is out of range`, this.locate(start));
    return v;
  }
  /** An unsigned decimal integer without sign (bit positions, lengths, mux ranges). */
  uint(what: string): number {
    this.skipSpace();
    const t = this.text;
    const start = this.pos;
    let p = start;
    while (isDigit(t.charCodeAt(p))) p++;
    if (p === start) this.fail(`expected ${what}, found ${this.describeNext()}`);
    this.pos = p;
    return p - start <= EXACT_DIGITS ? digitsValue(t, start, p) : Number(t.slice(start, p));
  }
  /** A quoted string; `\"` and `\\` are escapes; may span lines. */
  string(what = 'a quoted string'): string {
    this.skipSpace();
    const t = this.text;
    const start = this.pos;
    if (t.charCodeAt(start) !== QUOTE) this.fail(`expected ${what}, found ${this.describeNext()}`);
    let out = '';
    let chunkStart = start + 1;
    for (let p = chunkStart; p < t.length; p++) {
      const c = t.charCodeAt(p);
      if (c === QUOTE) {
        this.pos = p + 1;
        return chunkStart === start + 1 ? t.slice(chunkStart, p) : out + t.slice(chunkStart, p);
      }
      if (c === BACKSLASH) {
        const next = t.charCodeAt(p + 1);
        if (next === QUOTE || next === BACKSLASH) {
          out += t.slice(chunkStart, p);
          chunkStart = p + 1;
          p++;
        }
      }
    }
    this.pos = t.length;
    this.fail('unterminated string', this.locate(start));
  }
  atString(): boolean {
    this.skipSpace();
    return this.peek() === QUOTE;
  }
  atNumber(): boolean {
    this.skipSpace();
    const c = this.peek();
    return isDigit(c) || c === 45 || c === 43 || c === 46;
  }
}

/** The value of the decimal digits t[from..to), at most EXACT_DIGITS of them (exact in a double). */
function digitsValue(t: string, from: number, to: number): number {
  let v = 0;
  for (let p = from; p < to; p++) v = v * 10 + (t.charCodeAt(p) - 48);
  return v;
}
