// candump `-L` log lines (can-utils lib.c format) to and from CanFrame: one fast, never-throwing parser for every reader.
import { FrameFlag, MAX_FD_PAYLOAD, type CanFrame } from './frame';

/** Error-frame bit of a printed 29-bit id (can-utils CAN_ERR_FLAG). */
export const CAN_ERR_FLAG = 0x20000000;
const EFF_MASK = 0x1fffffff;
const SFF_MASK = 0x7ff;

/** Flag nibble after `##` in CAN FD lines (can-utils CANFD_BRS / CANFD_ESI / CANFD_FDF). */
const FD_NIBBLE_BRS = 0x1;
const FD_NIBBLE_ESI = 0x2;

/** Direction suffix candump writes with `-x`: R = received, T = transmitted by this host. */
export type CandumpDirection = 'R' | 'T';

export type CandumpParseResult =
  | { ok: true; frame: CanFrame; direction?: CandumpDirection }
  | { ok: false; error: string };

const HEX = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) HEX[48 + c] = c;
for (let c = 0; c < 6; c++) {
  HEX[65 + c] = 10 + c;
  HEX[97 + c] = 10 + c;
}
const UPPER = '0123456789ABCDEF';
const BYTE_HEX: string[] = Array.from({ length: 256 }, (_, b) => UPPER[b >> 4] + UPPER[b & 15]);

const hexAt = (line: string, i: number): number => {
  const c = line.charCodeAt(i);
  return c < 128 ? HEX[c] : -1;
};

const fail = (column: number, what: string): CandumpParseResult => ({ ok: false, error: `column ${column}: ${what}` });

const show = (line: string, i: number): string => (i < line.length ? JSON.stringify(line[i]) : 'end of line');

// Bus names repeat on every line; reusing the last string keeps a 300k-line parse from allocating one per line.
let lastBus = 'can0';

/**
 * Parses one `candump -L` line, e.g. `(1718000000.002900) can0 220#FFE37F0000FF0F00`.
 * Returns null for blank and `#` comment lines, and never throws: a malformed line gets
 * `{ok:false, error:"column N: what is wrong"}` (1-based column, caller adds file:line).
 * An RTR frame's requested length (`123#R4`) is carried as that many zero bytes of data.
 */
export function parseCandumpLine(line: string): CandumpParseResult | null {
  let end = line.length;
  while (end > 0 && isSpace(line.charCodeAt(end - 1))) end--;
  let i = 0;
  while (i < end && isSpace(line.charCodeAt(i))) i++;
  if (i === end || line.charCodeAt(i) === 35 /* # */) return null;

  // (seconds.fraction)
  if (line.charCodeAt(i) !== 40 /* ( */) return fail(i + 1, `expected "(" opening the timestamp, found ${show(line, i)}`);
  const tStart = ++i;
  let sawDigit = false;
  let sawDot = false;
  for (; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) sawDigit = true;
    else if (c === 46 && !sawDot) sawDot = true;
    else break;
  }
  if (!sawDigit) return fail(tStart + 1, `expected a timestamp in seconds, found ${show(line, tStart)}`);
  if (line.charCodeAt(i) !== 41 /* ) */) return fail(i + 1, `expected ")" closing the timestamp, found ${show(line, i)}`);
  const t = Number(line.slice(tStart, i));
  i++;
  if (line.charCodeAt(i) !== 32) return fail(i + 1, `expected a space after the timestamp, found ${show(line, i)}`);
  while (line.charCodeAt(i) === 32) i++;

  // interface
  const busStart = i;
  while (i < end && !isSpace(line.charCodeAt(i))) i++;
  if (i === busStart) return fail(busStart + 1, 'missing interface name');
  let bus = lastBus;
  if (i - busStart !== lastBus.length || !line.startsWith(lastBus, busStart)) {
    bus = lastBus = line.slice(busStart, i);
  }
  if (i === end) return fail(i + 1, 'missing frame after the interface name');
  while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;

  // id#
  const idStart = i;
  let raw = 0;
  while (i < end) {
    const h = hexAt(line, i);
    if (h < 0) break;
    raw = raw * 16 + h;
    i++;
  }
  const idDigits = i - idStart;
  if (line.charCodeAt(i) !== 35 /* # */) {
    if (idDigits === 0) return fail(i + 1, `expected a hex CAN id, found ${show(line, i)}`);
    return fail(i + 1, `expected "#" after the CAN id, found ${show(line, i)}`);
  }
  let id: number;
  let extended = false;
  let flags = 0;
  if (idDigits === 3) {
    if (raw > SFF_MASK) return fail(idStart + 1, `11-bit id 0x${hex(raw, 3)} is above 0x7FF`);
    id = raw;
  } else if (idDigits === 8) {
    if (raw >= 0x40000000) {
      return fail(idStart + 1, `29-bit id 0x${hex(raw, 8)} has bits above 0x3FFFFFFF set (candump prints at most the error flag 0x20000000)`);
    }
    if (raw & CAN_ERR_FLAG) {
      flags |= FrameFlag.ERROR;
      id = raw & EFF_MASK;
    } else {
      id = raw;
      extended = true;
    }
  } else {
    return fail(idStart + 1, `CAN id must be 3 hex digits (11-bit) or 8 (29-bit), found ${idDigits}`);
  }
  i++;

  // ## FD flag nibble, or R for remote frames
  if (line.charCodeAt(i) === 35) {
    i++;
    const nib = hexAt(line, i);
    if (nib < 0) return fail(i + 1, `expected the CAN FD flags hex digit after "##", found ${show(line, i)}`);
    flags |= FrameFlag.FD;
    if (nib & FD_NIBBLE_BRS) flags |= FrameFlag.BRS;
    if (nib & FD_NIBBLE_ESI) flags |= FrameFlag.ESI;
    i++;
  } else if (line.charCodeAt(i) === 82 /* R */ || line.charCodeAt(i) === 114) {
    i++;
    flags |= FrameFlag.RTR;
    let len = 0;
    if (i < end && line.charCodeAt(i) !== 32) {
      len = hexAt(line, i);
      if (len < 0 || len > 8) return fail(i + 1, `expected an RTR length digit 0..8, found ${show(line, i)}`);
      i++;
    }
    return finish(line, i, end, { t, bus, id, extended, flags, data: new Uint8Array(len) });
  }

  // payload: hex byte pairs, optionally separated by "." (accepted by can-utils' parser)
  const dataStart = i;
  let count = 0;
  for (let j = i; j < end; j++) {
    const c = line.charCodeAt(j);
    if (c === 32 || c === 95 /* _ len8_dlc */) break;
    if (c !== 46) count++;
  }
  if (count & 1) {
    return fail(dataStart + 1, `payload has an odd number of hex digits (${count})`);
  }
  if (count / 2 > MAX_FD_PAYLOAD) {
    return fail(dataStart + 1, `payload is ${count / 2} bytes, more than ${MAX_FD_PAYLOAD}`);
  }
  const data = new Uint8Array(count / 2);
  for (let k = 0; k < data.length; k++) {
    if (line.charCodeAt(i) === 46) i++;
    const hi = hexAt(line, i);
    if (hi < 0) return fail(i + 1, `invalid hex digit ${show(line, i)} in payload`);
    const lo = hexAt(line, i + 1);
    if (lo < 0) return fail(i + 2, `invalid hex digit ${show(line, i + 1)} in payload`);
    data[k] = (hi << 4) | lo;
    i += 2;
  }
  if (line.charCodeAt(i) === 46) i++;
  // classic CAN len8_dlc (DLC 9..15 on an 8-byte frame), written as `_X`; the frame shape has no DLC, so it is dropped
  if (line.charCodeAt(i) === 95) {
    const d = hexAt(line, i + 1);
    if (d < 9) return fail(i + 2, `expected a len8_dlc hex digit 9..F after "_", found ${show(line, i + 1)}`);
    i += 2;
  }
  return finish(line, i, end, { t, bus, id, extended, flags, data });
}

function finish(line: string, i: number, end: number, frame: CanFrame): CandumpParseResult {
  if (i === end) return { ok: true, frame };
  if (line.charCodeAt(i) !== 32) return fail(i + 1, `unexpected ${show(line, i)} after the frame`);
  while (line.charCodeAt(i) === 32) i++;
  const d = line.charCodeAt(i);
  if (i + 1 === end && (d === 82 || d === 84)) return { ok: true, frame, direction: d === 82 ? 'R' : 'T' };
  return fail(i + 1, `unexpected text ${JSON.stringify(line.slice(i, end))} after the frame (only a direction R or T may follow)`);
}

/** Formats a frame as one `candump -L` line (no newline); `direction` appends ` R`/` T` as candump -x does. */
export function formatCandumpLine(frame: CanFrame, direction?: CandumpDirection): string {
  let s = `(${frame.t.toFixed(6)}) ${frame.bus} `;
  if (frame.flags & FrameFlag.ERROR) s += hex((frame.id & EFF_MASK) | CAN_ERR_FLAG, 8);
  else if (frame.extended) s += hex(frame.id & EFF_MASK, 8);
  else s += hex(frame.id & SFF_MASK, 3);
  const data = frame.data;
  if (frame.flags & FrameFlag.RTR) {
    s += '#R';
    if (data.length > 0 && data.length <= 8) s += UPPER[data.length];
  } else {
    if (frame.flags & FrameFlag.FD) {
      const nib = (frame.flags & FrameFlag.BRS ? FD_NIBBLE_BRS : 0) | (frame.flags & FrameFlag.ESI ? FD_NIBBLE_ESI : 0);
      s += `##${UPPER[nib]}`;
    } else s += '#';
    for (let k = 0; k < data.length; k++) s += BYTE_HEX[data[k]];
  }
  return direction ? `${s} ${direction}` : s;
}

function hex(n: number, digits: number): string {
  return n.toString(16).toUpperCase().padStart(digits, '0');
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}
