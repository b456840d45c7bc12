// The gateway's send allowlist: which CAN ids a token may put on a bus, from a vehicle mapping or an `--allow-ids` list.
import type { VehicleMapping } from '../vehicle/mapping';

export interface SendAllowEntry {
  /** 11- or 29-bit arbitration id. */
  id: number;
  extended: boolean;
}

/** One number per (id, extended) pair, for set lookups (bit 31 marks extended, as in DBC files). */
export function allowKey(id: number, extended: boolean): number {
  return extended ? id + 0x80000000 : id;
}

/** `0x3A0` for a standard id, `0x18DAF110 (29-bit)` style for extended: how refusals name an id. */
export function formatCanId(id: number, extended: boolean): string {
  const hex = id.toString(16).toUpperCase();
  return extended ? `0x${hex.padStart(8, '0')} (29-bit)` : `0x${hex.padStart(3, '0')}`;
}

/**
 * The messages a vehicle's mapping writes: every vss2dbc rule whose message is on the mapping's
 * `writable` list (the same rule the host's write path applies), deduplicated, in id order.
 */
export function sendAllowlistFromMapping(mapping: Pick<VehicleMapping, 'vss2dbc' | 'writable'>): SendAllowEntry[] {
  const byKey = new Map<number, SendAllowEntry>();
  for (const rule of mapping.vss2dbc.values()) {
    if (!mapping.writable.has(rule.message.name)) continue;
    const { id, extended } = rule.message;
    byKey.set(allowKey(id, extended), { id, extended });
  }
  return [...byKey.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e);
}

/**
 * Parses `--allow-ids 0x3A0,0x3A1,0x18DAF110`: hex with `0x` or plain decimal. An id over 0x7FF, or
 * written with 8 hex digits (`0x00000123`, candump's way), is a 29-bit id. Throws one line naming the bad item.
 */
export function parseAllowIds(text: string): SendAllowEntry[] {
  const out: SendAllowEntry[] = [];
  const items = text.split(',').map((s) => s.trim());
  items.forEach((item, i) => {
    const where = `--allow-ids item ${i + 1}`;
    if (item === '') throw new Error(`${where} is empty; give ids like 0x3A0,0x3A1`);
    const hex = /^0x([0-9a-f]{1,8})$/i.exec(item);
    const dec = /^[0-9]{1,10}$/.test(item);
    if (!hex && !dec) throw new Error(`${where}: "${item}" is not a CAN id (hex like 0x3A0, or 8 hex digits for a 29-bit id)`);
    const id = hex ? parseInt(hex[1], 16) : Number(item);
    if (id > 0x1fffffff) throw new Error(`${where}: ${item} is over 0x1FFFFFFF, the largest 29-bit id`);
    const extended = id > 0x7ff || (hex !== null && hex[1].length === 8);
    if (!out.some((e) => e.id === id && e.extended === extended)) out.push({ id, extended });
  });
  return out;
}
