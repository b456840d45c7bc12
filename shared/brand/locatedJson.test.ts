import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatJsonPath, parseLocatedJson } from './locatedJson';

function error(text: string) {
  const r = parseLocatedJson(text);
  if (r.ok) throw new Error('expected a syntax error');
  return r.error;
}

describe('parseLocatedJson', () => {
  it('parses what JSON.parse parses, to the same value', () => {
    const text = '{\n  "a": [1, -2.5e3, true, null, "x\\u00e9\\n"],\n  "b": { "c": {} }, "d": []\n}';
    const r = parseLocatedJson(text);
    expect(r.ok && r.value).toEqual(JSON.parse(text));
  });

  it('locates members by their key and array elements by their first character', () => {
    const r = parseLocatedJson('{\n  "tokens": {\n    "color": { "day": { "text": "#fff" } }\n  },\n  "list": [\n    1,\n    {"x": 2}\n  ]\n}');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.locate(['tokens'])).toEqual({ line: 2, col: 3 });
    expect(r.locate(['tokens', 'color', 'day', 'text'])).toEqual({ line: 3, col: 25 });
    expect(r.locate(['list', 1])).toEqual({ line: 7, col: 5 });
    expect(r.locate(['list', 1, 'x'])).toEqual({ line: 7, col: 6 });
    // A member that does not exist points at its nearest parent.
    expect(r.locate(['tokens', 'color', 'night', 'text'])).toEqual({ line: 3, col: 5 });
    expect(r.locate([])).toEqual({ line: 1, col: 1 });
  });

  it('reports syntax errors with line and column', () => {
    expect(error('{\n  "a": 1,\n  "b": 2\n  "c": 3\n}')).toEqual({ line: 4, col: 3, message: 'expected "," or "}" after the value of "b", found """' });
    expect(error('{\n  "a": 1,\n}')).toMatchObject({ line: 3, col: 1, message: 'a trailing comma is not allowed in JSON' });
    expect(error('{"a": [1, 2,]}')).toMatchObject({ line: 1, col: 13, message: 'a trailing comma is not allowed in JSON' });
    expect(error('{"a": 1} x')).toMatchObject({ line: 1, col: 10 });
    expect(error('{"a": \'x\'}')).toMatchObject({ col: 7, message: 'strings must use double quotes' });
    expect(error('{\n // note\n "a": 1}')).toMatchObject({ line: 2, col: 2, message: 'comments are not allowed in JSON' });
    expect(error('{"a": "line\nbreak"}').message).toMatch(/raw control character/);
    expect(error('{"a": "\\x"}').message).toBe('invalid escape "\\x"');
    expect(error('{"a": 1, "a": 2}')).toMatchObject({ col: 10, message: 'duplicate key "a"' });
    expect(error('{"a": ')).toMatchObject({ message: 'expected a value, found the end of the file' });
    expect(error('{"a": "x')).toMatchObject({ col: 7, message: 'unterminated string' });
    expect(error('   ')).toMatchObject({ message: 'the file is empty; expected a JSON object' });
    expect(error('{"a": 01}')).toMatchObject({ col: 8 });
    expect(error(`${'['.repeat(70)}1${']'.repeat(70)}`).message).toMatch(/nesting deeper than 64/);
  });

  it('ignores a byte-order mark and keeps __proto__ an ordinary key', () => {
    const r = parseLocatedJson('\ufeff{"__proto__": {"x": 1}}');
    if (!r.ok) throw new Error(r.error.message);
    expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
    expect(Object.keys(r.value as object)).toEqual(['__proto__']);
    expect(r.locate(['__proto__'])).toEqual({ line: 1, col: 2 });
  });

  it('agrees with JSON.parse on any JSON text, and never throws on any text', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const r = parseLocatedJson(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value).toEqual(JSON.parse(text));
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const r = parseLocatedJson(text);
        let native = true;
        try {
          JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
        } catch {
          native = false;
        }
        // Duplicate keys are the one thing JSON.parse accepts and we refuse.
        if (!/"[^"]*"\s*:[\s\S]*"[^"]*"\s*:/.test(text)) expect(r.ok).toBe(native);
      }),
    );
  });
});

describe('formatJsonPath', () => {
  it('writes paths the way the rest of Cabin does', () => {
    expect(formatJsonPath(['tokens', 'space', '2xs'])).toBe('tokens.space.2xs');
    expect(formatJsonPath(['logos', 'mark'])).toBe('logos.mark');
    expect(formatJsonPath(['fonts', 'text', 'files', 0, 'path'])).toBe('fonts.text.files[0].path');
    expect(formatJsonPath(['name', 'zh-CN'])).toBe('name.zh-CN');
    expect(formatJsonPath(['a b'])).toBe('["a b"]');
    expect(formatJsonPath([])).toBe('(root)');
  });
});
