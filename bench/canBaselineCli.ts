// The end-to-end yardstick for `cabin can decode`: a straightforward script doing the same work (DBC, regex lines, byte-wise decode, JSON).
import { readFileSync } from 'node:fs';
import { parseDbc } from '../shared/can/dbcParser';
import { decodeDbcBytes } from '../shared/can/dbcText';
import { outputToRecord } from '../shared/can/decodeOutput';
import { createBaselineDecoder } from './canBaseline';

const [dbcFile, logFile] = process.argv.slice(2);
const { db } = parseDbc(decodeDbcBytes(readFileSync(dbcFile)), dbcFile);
const decoder = createBaselineDecoder(db);
const out = decoder.createOutput();
const LINE = /^\s*\((\d+\.\d+)\)\s+(\S+)\s+([0-9A-Fa-f]{3}|[0-9A-Fa-f]{8})#(#[0-9A-Fa-f])?([0-9A-Fa-f]*)(?:\s+[RT])?\s*$/;
const jsonValue = (_key: string, v: unknown) =>
  typeof v === 'bigint' ? v.toString() : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;

let batch: string[] = [];
let malformed = 0;
const lines = readFileSync(logFile, 'latin1').split('\n');
lines.forEach((line, index) => {
  if (line.trim() === '') return;
  const m = LINE.exec(line);
  if (!m) {
    malformed++;
    process.stderr.write(`${logFile}:${index + 1}: malformed\n`);
    return;
  }
  const extended = m[3].length === 8;
  const id = parseInt(m[3], 16);
  const message = decoder.lookup(id, extended);
  if (!message) return;
  message.decode(Uint8Array.from(Buffer.from(m[5], 'hex')), out);
  const record: Record<string, unknown> = { t: Number(m[1]), bus: m[2], id, extended, name: message.message.name, signals: outputToRecord(message.message, out) };
  if (out.truncated) record.truncated = true;
  if (out.error !== null) record.error = out.error;
  batch.push(JSON.stringify(record, jsonValue));
  if (batch.length >= 1000) {
    process.stdout.write(`${batch.join('\n')}\n`);
    batch = [];
  }
});
if (batch.length) process.stdout.write(`${batch.join('\n')}\n`);
process.exitCode = malformed === 0 ? 0 : 1;
