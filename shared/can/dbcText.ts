// Turns DBC file bytes into text: UTF-8 when the bytes are valid UTF-8, else Latin-1 (older Vector tools write that).

export interface StrictDecoder {
  decode(bytes: Uint8Array): string;
}

/** The platform's TextDecoder where there is one (Node, browsers): native and fast; shared/ cannot assume its types. */
const nativeUtf8: StrictDecoder | null = (() => {
  const Ctor = (globalThis as { TextDecoder?: new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => StrictDecoder }).TextDecoder;
  return Ctor ? new Ctor('utf-8', { fatal: true, ignoreBOM: false }) : null;
})();

/**
 * Decodes bytes as strict UTF-8, falling back to Latin-1 for the whole file when any sequence is invalid.
 * `decoder` is the platform's TextDecoder; null selects the portable implementation.
 */
export function decodeDbcBytes(bytes: Uint8Array, decoder: StrictDecoder | null = nativeUtf8): string {
  if (decoder) {
    try {
      return decoder.decode(bytes);
    } catch {
      return decodeLatin1(bytes);
    }
  }
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const utf8 = decodeUtf8Strict(bytes, start);
  if (utf8 !== null) return utf8;
  return decodeLatin1(bytes);
}

const CHUNK = 8192;

function decodeLatin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + CHUNK)));
  }
  return out;
}

/** Strict UTF-8 (no overlongs, no surrogates, max U+10FFFF) where there is no TextDecoder; null on the first invalid sequence. */
function decodeUtf8Strict(bytes: Uint8Array, start: number): string | null {
  const parts: string[] = [];
  let units: number[] = [];
  const n = bytes.length;
  let i = start;
  while (i < n) {
    const b0 = bytes[i];
    let cp: number;
    if (b0 < 0x80) {
      cp = b0;
      i += 1;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      if (i + 1 >= n || (bytes[i + 1] & 0xc0) !== 0x80) return null;
      cp = ((b0 & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
      i += 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      if (i + 2 >= n || (bytes[i + 1] & 0xc0) !== 0x80 || (bytes[i + 2] & 0xc0) !== 0x80) return null;
      cp = ((b0 & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return null;
      i += 3;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      if (
        i + 3 >= n ||
        (bytes[i + 1] & 0xc0) !== 0x80 ||
        (bytes[i + 2] & 0xc0) !== 0x80 ||
        (bytes[i + 3] & 0xc0) !== 0x80
      ) {
        return null;
      }
      cp = ((b0 & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f);
      if (cp < 0x10000 || cp > 0x10ffff) return null;
      i += 4;
    } else {
      return null;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else {
      units.push(cp);
    }
    if (units.length >= CHUNK) {
      parts.push(String.fromCharCode.apply(null, units));
      units = [];
    }
  }
  parts.push(String.fromCharCode.apply(null, units));
  return parts.join('');
}
