// DBC parse + compile benchmark: the first parse in a fresh process (what start-up pays) as the headline, a warm process as the second figure.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { compileDbc } from '../shared/can/dbcCompile';
import { parseDbc } from '../shared/can/dbcParser';
import { decodeDbcBytes } from '../shared/can/dbcText';
import { corpusPath, projectRoot } from '../test/fixtures/corpus';
import type { BenchRow, BenchSuite } from './harness';

interface ChildTiming {
  parseMs: number;
  compileMs: number;
  totalMs: number;
  cpuMs: number;
  messages: number;
  errors: number;
}

const COLD_SAMPLES = 9;
const WARM_SAMPLES = 15;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (x: number): string => `${x.toFixed(1)} ms`;

/** One fresh process (module loading is not timed; the first parse and compile are). */
function coldSample(file: string): ChildTiming {
  const r = spawnSync(process.execPath, ['bin/run-ts.mjs', 'bench/canParseChild.ts', file], { cwd: projectRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`canParseChild exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildTiming;
}

export const canParseSuite: BenchSuite = {
  name: 'can-parse',
  async run() {
    const file = corpusPath('dbc', 'ford_lincoln_base_pt.dbc');
    if (!file) return [];
    const cold = Array.from({ length: COLD_SAMPLES }, () => coldSample(file));
    const bytes = readFileSync(file);
    const warm: number[] = [];
    for (let k = 0; k < 5 + WARM_SAMPLES; k++) {
      const t0 = performance.now();
      compileDbc(parseDbc(decodeDbcBytes(bytes), file).db);
      if (k >= 5) warm.push(performance.now() - t0);
    }
    const total = median(cold.map((c) => c.totalMs));
    const sorted = [...cold].sort((a, b) => a.totalMs - b.totalMs);
    const cpu = median(cold.map((c) => c.cpuMs));
    const rows: BenchRow[] = [
      {
        name: 'parse + compile ford_lincoln_base_pt.dbc (788 KiB), cold: first in a fresh process',
        value: total,
        unit: 'ms',
        target: '< 100 ms',
        met: total < 100 && cold.every((c) => c.errors === 0 && c.messages === 331),
        note:
          `median of ${COLD_SAMPLES} fresh processes (fastest ${ms(sorted[0].totalMs)}, slowest ${ms(sorted[sorted.length - 1].totalMs)}); ` +
          `parse ${ms(median(cold.map((c) => c.parseMs)))} + compile ${ms(median(cold.map((c) => c.compileMs)))}; ` +
          `main-thread CPU ${ms(cpu)} of it (the rest is waiting for a core); cantools 320–415 ms (TOOLCHAIN.md)`,
      },
      {
        name: 'parse + compile ford_lincoln_base_pt.dbc, warm: same process, after 5 runs',
        value: median(warm),
        unit: 'ms',
        note: `median of ${WARM_SAMPLES}; fastest ${ms(Math.min(...warm))}`,
      },
    ];
    return rows;
  },
};
