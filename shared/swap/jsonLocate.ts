// Finds where a JSON path sits in JSON text (line and column), so a problem found after parsing can still be located.

export interface TextLocation {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

export function lineColumn(text: string, offset: number): TextLocation {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

/**
 * Where the value at `path` starts (for an object member: where its key starts). Returns the
 * deepest location that exists when the path runs past the text, so a missing field points at its
 * object. `text` must be valid JSON (call after JSON.parse succeeded).
 */
export function locateJsonPath(text: string, path: readonly PropertyKey[]): TextLocation {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t' || text[i] === '\uFEFF')) i++;
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const skipValue = () => {
    ws();
    if (text[i] === '"') return skipString();
    if (text[i] === '{' || text[i] === '[') {
      let depth = 0;
      do {
        if (text[i] === '"') {
          skipString();
          continue;
        }
        if (text[i] === '{' || text[i] === '[') depth++;
        else if (text[i] === '}' || text[i] === ']') depth--;
        i++;
      } while (depth > 0 && i < text.length);
      return;
    }
    while (i < text.length && !',]}'.includes(text[i])) i++;
  };
  const afterComma = () => {
    ws();
    if (text[i] === ',') i++;
    ws();
  };

  ws();
  let at = i;
  for (const key of path) {
    ws();
    if (text[i] === '[' && typeof key === 'number') {
      i++;
      ws();
      for (let n = 0; n < key; n++) {
        if (text[i] === ']') return lineColumn(text, at);
        skipValue();
        afterComma();
      }
      if (text[i] === ']') return lineColumn(text, at);
      at = i;
    } else if (text[i] === '{') {
      i++;
      let found = false;
      for (ws(); text[i] === '"'; afterComma()) {
        const keyAt = i;
        skipString();
        const name = JSON.parse(text.slice(keyAt, i)) as string;
        ws();
        i++; // the colon
        ws();
        if (name === String(key)) {
          at = keyAt;
          found = true;
          break;
        }
        skipValue();
      }
      if (!found) return lineColumn(text, at);
    } else {
      return lineColumn(text, at);
    }
  }
  return lineColumn(text, at);
}

/** Line and column of a JSON.parse error, from the offset V8 puts in its message. */
export function locateJsonSyntaxError(text: string, error: unknown): TextLocation {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  return lineColumn(text, position ? Number(position[1]) : text.length);
}
