// CAN decode benchmark: the compiled decoder against a straightforward byte-wise one (and the bit loop), with the message lookup and every value read.
import { readFileSync } from 'node:fs';
import { parseCandumpLine } from '../shared/can/candump';
import { compileDbc } from '../shared/can/dbcCompile';
import type { DbcDatabase } from '../shared/can/dbcModel';
import type { DecodeOutput } from '../shared/can/decodeOutput';
import { corpusPath } from '../test/fixtures/corpus';
import { createBaselineDecoder } from './canBaseline';
import { createBitLoopDecoder } from './canBitLoop';
import { dbcDir, loadCorpusDbc } from './canCorpus';
import type { BenchRow, BenchSuite } from './harness';

interface Decoder {
  lookup(id: number, extended: boolean): { decode(data: Uint8Array, out: DecodeOutput): void } | undefined;
  createOutput(): DecodeOutput;
}

interface Frame {
  id: number;
  extended: boolean;
  data: Uint8Array;
}

function logFrames(file: string): Frame[] {
  const frames: Frame[] = [];
  for (const line of readFileSync(file, 'latin1').split('\n')) {
    const r = parseCandumpLine(line);
    if (r?.ok) frames.push({ id: r.frame.id, extended: r.frame.extended, data: r.frame.data });
  }
  return frames;
}

/** Seeded random frames over every message of a DBC (full-length payloads of random bytes). */
function randomFrames(db: DbcDatabase, count: number, seed = 42): Frame[] {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
  const frames: Frame[] = [];
  for (let k = 0; k < count; k++) {
    const m = db.messages[next() % db.messages.length];
    const data = new Uint8Array(m.length);
    for (let i = 0; i < data.length; i++) data[i] = next() >>> 24;
    frames.push({ id: m.id, extended: m.extended, data });
  }
  return frames;
}

/** One timed loop over the frames: look each message up, decode it, read every value it produced. */
interface Pass {
  run(): void;
  /** Signals decoded in one run. */
  signals: number;
  /** Digest of every value one run reads (per-signal sums, so decode order does not matter), to compare decoders. */
  checksum(): string;
}

function pass(decoder: Decoder, frames: Frame[]): Pass {
  const out = decoder.createOutput();
  const sums = new Float64Array(out.values.length);
  let nonFinite = 0;
  let signals = 0;
  const run = (): void => {
    let n = 0;
    for (let f = 0; f < frames.length; f++) {
      const frame = frames[f];
      const message = decoder.lookup(frame.id, frame.extended);
      if (message === undefined) continue;
      message.decode(frame.data, out);
      const { active, values } = out;
      for (let k = 0; k < out.count; k++) {
        const i = active[k];
        const v = values[i];
        // Each signal index sees its values in frame order in every decoder, so the sums agree to the bit.
        if (v - v === 0) sums[i] += v;
        else nonFinite++;
      }
      n += out.count;
    }
    signals = n;
  };
  run();
  return {
    run,
    get signals() {
      return signals;
    },
    checksum: () => {
      sums.fill(0);
      nonFinite = 0;
      run();
      return `${sums.reduce((acc, s, i) => acc + s * (i + 1), 0).toPrecision(15)}/${nonFinite}`;
    },
  };
}

/** Runs of at least `minMs`, decoders interleaved so a busy machine slows them alike; median runs per second each. */
function measure(passes: Pass[], samples = 9, minMs = 150): { perSecond: number[]; samples: number } {
  const rates: number[][] = passes.map(() => []);
  for (let w = 0; w < 10; w++) for (const p of passes) p.run();
  for (let s = 0; s < samples; s++) {
    passes.forEach((p, k) => {
      let runs = 0;
      const t0 = performance.now();
      let t1 = t0;
      while (t1 - t0 < minMs) {
        p.run();
        runs++;
        t1 = performance.now();
      }
      rates[k].push((runs * 1000) / (t1 - t0));
    });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  return { perSecond: rates.map(median), samples };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function decodeRows(label: string, db: DbcDatabase, frames: Frame[], target: boolean): BenchRow[] {
  const compiled = pass(compileDbc(db), frames);
  const closures = pass(compileDbc(db, { mode: 'closures' }), frames);
  const byteWise = pass(createBaselineDecoder(db), frames);
  const bitLoop = pass(createBitLoopDecoder(db), frames);
  const { perSecond, samples } = measure([compiled, closures, byteWise, bitLoop]);
  const [ours, oursClosures, baseByte, baseBit] = perSecond.map((runs) => runs * compiled.signals);
  const perFrame = compiled.signals / frames.length;
  const sums = [compiled, closures, byteWise, bitLoop].map((p) => p.checksum());
  const agree = sums.every((s) => s === sums[0]) && [closures, byteWise, bitLoop].every((p) => p.signals === compiled.signals);
  const checked = agree ? `checksum ${sums[0]} equal in all four` : `CHECKSUM MISMATCH compiled ${sums[0]} closures ${sums[1]} byte-wise ${sums[2]} bit loop ${sums[3]}`;
  const common = `${frames.length} frames × ${perFrame.toFixed(1)} signals, lookup + decode + every value read; median of ${samples} interleaved samples ≥ 150 ms`;
  return [
    {
      name: `decode ${label} (${perFrame.toFixed(1)} signals/frame)`,
      value: ours,
      unit: 'signals/s',
      baseline: baseByte,
      baselineName: 'byte-wise decoder',
      target: target ? '≥ 3× baseline' : undefined,
      met: target ? agree && ours >= 3 * baseByte : agree ? undefined : false,
      note: `= ${fmt(ours / perFrame)} frames/s (baseline ${fmt(baseByte / perFrame)}); closures mode ${fmt(oursClosures)} signals/s; ${common}; ${checked}`,
    },
    {
      name: `decode ${label}, against the bit loop (second yardstick)`,
      value: ours,
      unit: 'signals/s',
      baseline: baseBit,
      baselineName: 'bit-by-bit decoder',
      met: agree ? undefined : false,
      note: `the bit loop reads each signal one bit at a time; ${checked}`,
    },
  ];
}

export const canDecodeSuite: BenchSuite = {
  name: 'can-decode',
  async run() {
    const hyundaiLog = corpusPath('can', 'candump', 'hyundai_2015_ccan_drive.log');
    const gmLog = corpusPath('can', 'candump', 'gm_hv_bms_discharge.log');
    if (!dbcDir || !hyundaiLog || !gmLog) return [];
    const hyundai = loadCorpusDbc('hyundai_2015_ccan.dbc').db;
    const gm = loadCorpusDbc('gm_global_a_high_voltage_management.dbc').db;
    const tesla = loadCorpusDbc('tesla_can.dbc').db;
    return [
      ...decodeRows('hyundai drive log', hyundai, logFrames(hyundaiLog), true),
      ...decodeRows('GM HV BMS log', gm, logFrames(gmLog), false),
      ...decodeRows('tesla_can random mix', tesla, randomFrames(tesla, 10_000), false),
    ];
  },
};
