// Bench: candump -L line parsing (replay, `cabin can decode`) and batch encode+decode, each beside a straightforward same-run baseline.
import { readFileSync } from 'node:fs';
import { corpusPath } from '../test/fixtures/corpus';
import { formatCandumpLine, parseCandumpLine } from '../shared/can/candump';
import type { CanFrame } from '../shared/can/frame';
import { decodeBatch, encodeBatch } from '../shared/gateway/batch';
import type { BenchRow, BenchSuite } from './harness';

const LINES = 300_000;

/** What one would write first: a regex and parseInt per byte. */
function regexParse(line: string): CanFrame | null {
  const m = /^\((\d+\.\d+)\)\s+(\S+)\s+([0-9A-Fa-f]{3}|[0-9A-Fa-f]{8})#([0-9A-Fa-f]*)(?:\s+[RT])?\s*$/.exec(line);
  if (!m) return null;
  const data = new Uint8Array(m[4].length / 2);
  for (let i = 0; i < data.length; i++) data[i] = parseInt(m[4].substr(i * 2, 2), 16);
  return { t: Number(m[1]), bus: m[2], id: parseInt(m[3], 16), extended: m[3].length === 8, flags: 0, data };
}

function rate(fn: () => number, reps = 3): number {
  let best = 0;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const n = fn();
    best = Math.max(best, n / ((performance.now() - t0) / 1000));
  }
  return best;
}

export const candumpSuite: BenchSuite = {
  name: 'candump',
  async run(): Promise<BenchRow[]> {
    const path = corpusPath('can', 'candump', 'hyundai_2015_ccan_drive.log');
    const source = path
      ? readFileSync(path, 'utf8').split('\n').filter((l) => l.trim())
      : Array.from({ length: 1000 }, (_, i) =>
          formatCandumpLine({ t: 1718000000 + i / 1000, bus: 'can0', id: i & 0x7ff, extended: false, flags: 0, data: new Uint8Array(8).fill(i) }),
        );
    const lines: string[] = [];
    while (lines.length < LINES) lines.push(...source);
    lines.length = LINES;

    const ours = rate(() => {
      let n = 0;
      for (const l of lines) if (parseCandumpLine(l)?.ok) n++;
      return n;
    });
    const naive = rate(() => {
      let n = 0;
      for (const l of lines) if (regexParse(l)) n++;
      return n;
    });

    const frames = lines.slice(0, 1000).map((l) => (parseCandumpLine(l) as { frame: CanFrame }).frame);
    const buses = ['can0'];
    const codec = rate(() => {
      let n = 0;
      for (let r = 0; r < 200; r++) {
        const d = decodeBatch(encodeBatch(frames, () => 0, r), buses);
        if (d.ok) n += d.frames.length;
      }
      return n;
    });
    const json = rate(() => {
      let n = 0;
      for (let r = 0; r < 200; r++) {
        const text = JSON.stringify(frames.map((f) => ({ ...f, data: Array.from(f.data) })));
        const back = JSON.parse(text) as { data: number[] }[];
        for (const f of back) Uint8Array.from(f.data);
        n += back.length;
      }
      return n;
    });

    return [
      {
        name: `candump -L parse (${path ? 'hyundai drive log' : 'synthetic lines'}, 300k lines)`,
        value: ours,
        unit: 'lines/s',
        baseline: naive,
        baselineName: 'regex + parseInt',
      },
      {
        name: 'gateway batch encode+decode (1000-frame batches)',
        value: codec,
        unit: 'frames/s',
        baseline: json,
        baselineName: 'JSON array',
      },
    ];
  },
};
