// Run by the can-parse bench in a fresh process: one parse + compile of a DBC file, timed, printed as JSON.
import { readFileSync } from 'node:fs';
import { compileDbc } from '../shared/can/dbcCompile';
import { parseDbc } from '../shared/can/dbcParser';
import { decodeDbcBytes } from '../shared/can/dbcText';

/** This thread's CPU time in ms (Linux schedstat), or NaN elsewhere: on a busy machine it says how much of the wall time was ours. */
function threadCpuMs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'latin1').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

const file = process.argv[2];
const bytes = readFileSync(file);
const c0 = threadCpuMs();
const t0 = performance.now();
const { db, errors } = parseDbc(decodeDbcBytes(bytes), file);
const t1 = performance.now();
const c1 = threadCpuMs();
const compiled = compileDbc(db);
const t2 = performance.now();
const c2 = threadCpuMs();
process.stdout.write(`${JSON.stringify({ parseMs: t1 - t0, compileMs: t2 - t1, totalMs: t2 - t0, cpuMs: c2 - c0, parseCpuMs: c1 - c0, messages: compiled.messages.length, errors: errors.length })}\n`);
