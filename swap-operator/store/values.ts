// Conversions between database values (timestamptz, bigint as text or number) and the protocol's ISO times and epoch ms.

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A timestamptz as epoch ms; both drivers return Date, but a string is accepted too. */
export function ms(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  return Date.parse(String(value));
}

export function msOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : ms(value);
}

export function isoOrNull(value: unknown): string | null {
  const t = msOrNull(value);
  return t === null ? null : iso(t);
}

/** bigint columns arrive as strings (pg) or numbers/bigints (PGlite); ids travel as decimal strings. */
export function idText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
