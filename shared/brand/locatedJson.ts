// A strict JSON parser that remembers where every member is, so errors can say file:line:col and not just a JSON path.

export type JsonPath = readonly PropertyKey[];

export interface JsonLocation {
  line: number;
  col: number;
}

export interface JsonSyntaxError extends JsonLocation {
  message: string;
}

export type LocatedJson =
  | { ok: true; value: unknown; locate: (path: JsonPath) => JsonLocation | undefined }
  | { ok: false; error: JsonSyntaxError };

class SyntaxFailure extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Key of a path in the position table; NUL cannot appear unescaped in a key we would look up. */
const pathKey = (path: JsonPath) => path.map(String).join('\u0000');

/**
 * Parses `text` as JSON (RFC 8259: no comments, no trailing commas, no duplicate keys). A member's
 * location is its key's (or an array element's own) first character, 1-based.
 */
export function parseLocatedJson(text: string, { maxDepth = 64 }: { maxDepth?: number } = {}): LocatedJson {
  // A BOM is not a column anyone can see: drop it so columns on line 1 match the editor's.
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const positions = new Map<string, number>();
  let i = 0;

  const fail = (message: string, at = i): never => {
    throw new SyntaxFailure(message, at);
  };
  const describe = (at: number) => (at >= src.length ? 'the end of the file' : `"${src[at]}"`);
  const skipSpace = () => {
    for (;;) {
      const c = src[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '/' && (src[i + 1] === '/' || src[i + 1] === '*')) fail('comments are not allowed in JSON');
      else return;
    }
  };

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    for (;;) {
      if (i >= src.length) fail('unterminated string', start);
      const code = src.charCodeAt(i);
      if (code === 0x22) break;
      if (code < 0x20) fail('a raw control character (e.g. a line break) inside a string; write it as an escape such as \\n');
      if (code === 0x5c) {
        const next = src[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) fail('\\u must be followed by four hex digits');
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) fail(`invalid escape "\\${next ?? ''}"`);
        i += 2;
        continue;
      }
      i++;
    }
    i++; // closing quote
    return JSON.parse(src.slice(start, i)) as string;
  };

  const parseValue = (path: PropertyKey[], depth: number): unknown => {
    skipSpace();
    if (depth > maxDepth) fail(`nesting deeper than ${maxDepth} levels`);
    const c = src[i];
    if (c === '{') return parseObject(path, depth);
    if (c === '[') return parseArray(path, depth);
    if (c === '"') return parseString();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (src.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(src);
    if (m && m[0] !== '-') {
      i += m[0].length;
      return Number(m[0]);
    }
    if (c === "'") fail('strings must use double quotes');
    return fail(`expected a value, found ${describe(i)}`);
  };

  const parseObject = (path: PropertyKey[], depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    i++;
    skipSpace();
    if (src[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      skipSpace();
      if (src[i] !== '"') {
        fail(src[i] === '}' ? 'a trailing comma is not allowed in JSON' : `expected a property name in double quotes, found ${describe(i)}`);
      }
      const keyAt = i;
      const key = parseString();
      if (Object.hasOwn(out, key)) fail(`duplicate key "${key}"`, keyAt);
      const memberPath = [...path, key];
      positions.set(pathKey(memberPath), keyAt);
      skipSpace();
      if (src[i] !== ':') fail(`expected ":" after "${key}", found ${describe(i)}`);
      i++;
      // defineProperty: a "__proto__" key stays an ordinary member instead of changing the prototype.
      Object.defineProperty(out, key, { value: parseValue(memberPath, depth + 1), enumerable: true, writable: true, configurable: true });
      skipSpace();
      if (src[i] === ',') {
        i++;
        continue;
      }
      if (src[i] === '}') {
        i++;
        return out;
      }
      fail(`expected "," or "}" after the value of "${key}", found ${describe(i)}`);
    }
  };

  const parseArray = (path: PropertyKey[], depth: number): unknown[] => {
    const out: unknown[] = [];
    i++;
    skipSpace();
    if (src[i] === ']') {
      i++;
      return out;
    }
    for (;;) {
      skipSpace();
      if (src[i] === ']') fail('a trailing comma is not allowed in JSON');
      const elementPath = [...path, out.length];
      positions.set(pathKey(elementPath), i);
      out.push(parseValue(elementPath, depth + 1));
      skipSpace();
      if (src[i] === ',') {
        i++;
        continue;
      }
      if (src[i] === ']') {
        i++;
        return out;
      }
      fail(`expected "," or "]" after an array element, found ${describe(i)}`);
    }
  };

  const lineStarts = [0];
  for (let k = 0; k < src.length; k++) if (src.charCodeAt(k) === 10) lineStarts.push(k + 1);
  const toLocation = (index: number): JsonLocation => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: index - lineStarts[lo] + 1 };
  };

  try {
    skipSpace();
    if (i >= src.length) fail('the file is empty; expected a JSON object');
    positions.set(pathKey([]), i);
    const value = parseValue([], 0);
    skipSpace();
    if (i < src.length) fail(`unexpected ${describe(i)} after the end of the JSON value`);
    return {
      ok: true,
      value,
      locate: (path) => {
        // The nearest located ancestor: a path into a missing member points at its parent.
        for (let n = path.length; n >= 0; n--) {
          const at = positions.get(pathKey(path.slice(0, n)));
          if (at !== undefined) return toLocation(at);
        }
        return undefined;
      },
    };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ok: false, error: { ...toLocation(error.index), message: error.message } };
    throw error;
  }
}

/** `a.b[2].c`: the JSON path people read, as the rest of Cabin writes it. */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[\w$-]+$/.test(String(key))) out += out ? `.${String(key)}` : String(key);
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(root)';
}
