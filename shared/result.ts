// The one ok/error result type: for operations that fail in expected ways and say why in one line.

export type Result<T = void, E = string> = ([T] extends [void] ? { ok: true } : { ok: true; value: T }) | { ok: false; error: E };

export const ok = (): { ok: true } => ({ ok: true });
export const okWith = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <E = string>(error: E): { ok: false; error: E } => ({ ok: false, error });
