// Which characters a font has glyphs for, from its cmap table (formats 4 and 12, the ones Unicode fonts use).
import { FontFormatError } from './fontTables';

export type GlyphLookup = (codePoint: number) => boolean;

function format4(dv: DataView, at: number): GlyphLookup {
  const segCountX2 = dv.getUint16(at + 6);
  const ends = at + 14;
  const starts = ends + segCountX2 + 2;
  const deltas = starts + segCountX2;
  const rangeOffsets = deltas + segCountX2;
  const segments = segCountX2 / 2;
  return (cp) => {
    if (cp > 0xffff) return false;
    for (let i = 0; i < segments; i++) {
      if (dv.getUint16(ends + i * 2) < cp) continue;
      const start = dv.getUint16(starts + i * 2);
      if (start > cp) return false;
      const rangeOffset = dv.getUint16(rangeOffsets + i * 2);
      if (rangeOffset === 0) return ((cp + dv.getInt16(deltas + i * 2)) & 0xffff) !== 0;
      const glyphAt = rangeOffsets + i * 2 + rangeOffset + (cp - start) * 2;
      if (glyphAt + 2 > dv.byteLength) return false;
      const glyph = dv.getUint16(glyphAt);
      return glyph !== 0 && ((glyph + dv.getInt16(deltas + i * 2)) & 0xffff) !== 0;
    }
    return false;
  };
}

function format12(dv: DataView, at: number): GlyphLookup {
  const groups = dv.getUint32(at + 12);
  const first = at + 16;
  if (first + groups * 12 > dv.byteLength) throw new FontFormatError('truncated cmap (format 12 groups)');
  return (cp) => {
    // Groups are sorted by start code: binary search.
    let lo = 0;
    let hi = groups - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const g = first + mid * 12;
      const start = dv.getUint32(g);
      const end = dv.getUint32(g + 4);
      if (cp < start) hi = mid - 1;
      else if (cp > end) lo = mid + 1;
      else return dv.getUint32(g + 8) + (cp - start) !== 0;
    }
    return false;
  };
}

/** A lookup from the best Unicode subtable: full-repertoire (format 12) first, then BMP (format 4). */
export function glyphLookup(cmap: Uint8Array): GlyphLookup {
  const dv = new DataView(cmap.buffer, cmap.byteOffset, cmap.byteLength);
  if (cmap.length < 4) throw new FontFormatError('truncated cmap');
  const count = dv.getUint16(2);
  if (4 + count * 8 > cmap.length) throw new FontFormatError('truncated cmap');
  const candidates: { rank: number; at: number; format: number }[] = [];
  for (let i = 0; i < count; i++) {
    const platform = dv.getUint16(4 + i * 8);
    const encoding = dv.getUint16(6 + i * 8);
    const at = dv.getUint32(8 + i * 8);
    if (at + 4 > cmap.length) continue;
    const format = dv.getUint16(at);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || (format !== 4 && format !== 12)) continue;
    candidates.push({ rank: format === 12 ? 0 : 1, at, format });
  }
  const best = candidates.sort((a, b) => a.rank - b.rank)[0];
  if (!best) throw new FontFormatError('the font has no Unicode character map (cmap format 4 or 12)');
  return best.format === 12 ? format12(dv, best.at) : format4(dv, best.at);
}
