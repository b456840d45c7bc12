// candump `-L` log lines (can-utils lib.c format) to and from CanFrame: one fast, never-throwing parser for every reader.
import { FrameFlag, MAX_CLASSIC_PAYLOAD, MAX_FD_PAYLOAD, type CanFrame } from './frame';

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

/** Records what is wrong at text[i] (columns count from the line's start) and says MALFORMED. */
function malformed(r: CandumpRecord, start: number, i: number, what: string): number {
  r.error = `column ${i - start + 1}: ${what}`;
  return CandumpLine.MALFORMED;
}

const show = (text: string, i: number, end: number): string => (i < end ? JSON.stringify(text[i]) : 'end of line');

/**
 * One line as read in place by `readCandumpLine`: reusable, so a reader of millions of lines allocates
 * nothing per frame. `data` always has room for 64 bytes; the frame's payload is its first `length`.
 */
export interface CandumpRecord {
  /** The timestamp's text is text[timeStart, timeEnd) (seconds, without the parentheses). */
  timeStart: number;
  timeEnd: number;
  bus: string;
  id: number;
  extended: boolean;
  flags: number;
  length: number;
  data: Uint8Array;
  /** 0 without a direction suffix. */
  direction: 0 | CandumpDirection;
  /** Set when the line is malformed: "column N: what is wrong" (1-based, from the start of the line). */
  error: string;
}

export function createCandumpRecord(): CandumpRecord {
  return { timeStart: 0, timeEnd: 0, bus: '', id: 0, extended: false, flags: 0, length: 0, data: new Uint8Array(MAX_FD_PAYLOAD), direction: 0, error: '' };
}

/** What `readCandumpLine` found. */
export const CandumpLine = { FRAME: 1, BLANK: 0, MALFORMED: -1 } as const;

// Bus names repeat on every line; reusing the last string keeps a 300k-line parse from allocating one per line.
let lastBus = 'can0';

/**
 * Reads the `candump -L` line text[start, end) (no newline inside) into `r`, e.g.
 * `(1718000000.002900) can0 220#FFE37F0000FF0F00`. BLANK for blank and `#` comment lines; MALFORMED with
 * `r.error` set, never a throw. An RTR frame's requested length (`123#R4`) is carried as that many zero
 * bytes of data. Classic frames (`#`) carry at most 8 bytes, CAN FD frames (`##`) at most 64.
 */
export function readCandumpLine(text: string, start: number, end: number, r: CandumpRecord): number {
  const lineEnd = end;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  let i = start;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  if (i === end || text.charCodeAt(i) === 35 /* # */) return CandumpLine.BLANK;

  // (seconds.fraction)
  if (text.charCodeAt(i) !== 40 /* ( */) return malformed(r, start, i, `expected "(" opening the timestamp, found ${show(text, i, lineEnd)}`);
  const tStart = ++i;
  let sawDigit = false;
  let sawDot = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) sawDigit = true;
    else if (c === 46 && !sawDot) sawDot = true;
    else break;
  }
  if (!sawDigit) return malformed(r, start, tStart, `expected a timestamp in seconds, found ${show(text, tStart, lineEnd)}`);
  if (text.charCodeAt(i) !== 41 /* ) */) return malformed(r, start, i, `expected ")" closing the timestamp, found ${show(text, i, lineEnd)}`);
  r.timeStart = tStart;
  r.timeEnd = i;
  i++;
  if (text.charCodeAt(i) !== 32) return malformed(r, start, i, `expected a space after the timestamp, found ${show(text, i, lineEnd)}`);
  while (text.charCodeAt(i) === 32) i++;

  // interface
  const busStart = i;
  while (i < end && !isSpace(text.charCodeAt(i))) i++;
  if (i === busStart) return malformed(r, start, busStart, 'missing interface name');
  if (i - busStart !== lastBus.length || !text.startsWith(lastBus, busStart)) lastBus = text.slice(busStart, i);
  r.bus = lastBus;
  if (i === end) return malformed(r, start, i, 'missing frame after the interface name');
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;

  // id#
  const idStart = i;
  let raw = 0;
  while (i < end) {
    const h = hexAt(text, i);
    if (h < 0) break;
    raw = raw * 16 + h;
    i++;
  }
  const idDigits = i - idStart;
  if (text.charCodeAt(i) !== 35 /* # */) {
    if (idDigits === 0) return malformed(r, start, i, `expected a hex CAN id, found ${show(text, i, lineEnd)}`);
    return malformed(r, start, i, `expected "#" after the CAN id, found ${show(text, i, lineEnd)}`);
  }
  let flags = 0;
  r.extended = false;
  if (idDigits === 3) {
    if (raw > SFF_MASK) return malformed(r, start, idStart, `11-bit id 0x${hex(raw, 3)} is above 0x7FF`);
    r.id = raw;
  } else if (idDigits === 8) {
    if (raw >= 0x40000000) {
      return malformed(r, start, idStart, `29-bit id 0x${hex(raw, 8)} has bits above 0x3FFFFFFF set (candump prints at most the error flag 0x20000000)`);
    }
    if (raw & CAN_ERR_FLAG) {
      flags |= FrameFlag.ERROR;
      r.id = raw & EFF_MASK;
    } else {
      r.id = raw;
      r.extended = true;
    }
  } else {
    return malformed(r, start, idStart, `CAN id must be 3 hex digits (11-bit) or 8 (29-bit), found ${idDigits}`);
  }
  i++;

  // ## FD flag nibble, or R for remote frames
  const data = r.data;
  if (text.charCodeAt(i) === 35) {
    i++;
    const nib = hexAt(text, i);
    if (nib < 0) return malformed(r, start, i, `expected the CAN FD flags hex digit after "##", found ${show(text, i, lineEnd)}`);
    flags |= FrameFlag.FD;
    if (nib & FD_NIBBLE_BRS) flags |= FrameFlag.BRS;
    if (nib & FD_NIBBLE_ESI) flags |= FrameFlag.ESI;
    i++;
  } else if (text.charCodeAt(i) === 82 /* R */ || text.charCodeAt(i) === 114) {
    i++;
    flags |= FrameFlag.RTR;
    let len = 0;
    if (i < end && text.charCodeAt(i) !== 32) {
      len = hexAt(text, i);
      if (len < 0 || len > 8) return malformed(r, start, i, `expected an RTR length digit 0..8, found ${show(text, i, lineEnd)}`);
      i++;
    }
    data.fill(0, 0, len);
    r.flags = flags;
    r.length = len;
    return finish(text, start, i, end, lineEnd, r);
  }

  // payload: hex byte pairs, optionally separated by "." (accepted by can-utils' parser)
  const dataStart = i;
  let count = 0;
  for (let j = i; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === 32 || c === 95 /* _ len8_dlc */) break;
    if (c !== 46) count++;
  }
  if (count & 1) {
    return malformed(r, start, dataStart, `payload has an odd number of hex digits (${count})`);
  }
  const length = count / 2;
  if (length > MAX_FD_PAYLOAD) {
    return malformed(r, start, dataStart, `payload is ${length} bytes, more than ${MAX_FD_PAYLOAD}`);
  }
  if (length > MAX_CLASSIC_PAYLOAD && !(flags & FrameFlag.FD)) {
    return malformed(r, start, dataStart, `classic CAN payload is ${length} bytes, more than ${MAX_CLASSIC_PAYLOAD} (CAN FD frames are written with "##")`);
  }
  for (let k = 0; k < length; k++) {
    if (text.charCodeAt(i) === 46) i++;
    const hi = hexAt(text, i);
    if (hi < 0) return malformed(r, start, i, `invalid hex digit ${show(text, i, lineEnd)} in payload`);
    const lo = hexAt(text, i + 1);
    if (lo < 0) return malformed(r, start, i + 1, `invalid hex digit ${show(text, i + 1, lineEnd)} in payload`);
    data[k] = (hi << 4) | lo;
    i += 2;
  }
  if (text.charCodeAt(i) === 46) i++;
  // classic CAN len8_dlc (DLC 9..15 on an 8-byte frame), written as `_X`; the frame shape has no DLC, so it is dropped
  if (text.charCodeAt(i) === 95) {
    const d = hexAt(text, i + 1);
    if (d < 9) return malformed(r, start, i + 1, `expected a len8_dlc hex digit 9..F after "_", found ${show(text, i + 1, lineEnd)}`);
    i += 2;
  }
  r.flags = flags;
  r.length = length;
  return finish(text, start, i, end, lineEnd, r);
}

function finish(text: string, start: number, i: number, end: number, lineEnd: number, r: CandumpRecord): number {
  r.direction = 0;
  if (i === end) return CandumpLine.FRAME;
  if (text.charCodeAt(i) !== 32) return malformed(r, start, i, `unexpected ${show(text, i, lineEnd)} after the frame`);
  while (text.charCodeAt(i) === 32) i++;
  const d = text.charCodeAt(i);
  if (i + 1 === end && (d === 82 || d === 84)) {
    r.direction = d === 82 ? 'R' : 'T';
    return CandumpLine.FRAME;
  }
  return malformed(r, start, i, `unexpected text ${JSON.stringify(text.slice(i, end))} after the frame (only a direction R or T may follow)`);
}

const scratch = createCandumpRecord();

/**
 * Parses one `candump -L` line into a fresh CanFrame (see `readCandumpLine`). Returns null for blank and
 * `#` comment lines, and never throws: a malformed line gets `{ok:false, error:"column N: what is wrong"}`
 * (1-based column, caller adds file:line).
 */
export function parseCandumpLine(line: string): CandumpParseResult | null {
  const status = readCandumpLine(line, 0, line.length, scratch);
  if (status === CandumpLine.BLANK) return null;
  if (status === CandumpLine.MALFORMED) return { ok: false, error: scratch.error };
  const frame: CanFrame = {
    t: Number(line.slice(scratch.timeStart, scratch.timeEnd)),
    bus: scratch.bus,
    id: scratch.id,
    extended: scratch.extended,
    flags: scratch.flags,
    data: scratch.data.slice(0, scratch.length),
  };
  return scratch.direction === 0 ? { ok: true, frame } : { ok: true, frame, direction: scratch.direction };
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
