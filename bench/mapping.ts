// Bench: Hyundai drive log decoded and mapped to VSS (dbc2vss with throttling/on_change) beside decode alone, plus mapping load time.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileDbc } from '../shared/can/dbcCompile';
import { parseCandumpLine } from '../shared/can/candump';
import { messageKey } from '../shared/can/dbcModel';
import type { CanFrame } from '../shared/can/frame';
import { loadMapping } from '../shared/vehicle/mapping';
import { createDbcToVss, type VssUpdate } from '../shared/vehicle/mappingRuntime';
import { corpusPath, projectRoot } from '../test/fixtures/corpus';
import { loadCorpusDbc } from './canCorpus';
import type { BenchRow, BenchSuite } from './harness';

const REPEAT = 100;

export const mappingSuite: BenchSuite = {
  name: 'mapping',
  async run(): Promise<BenchRow[]> {
    const log = corpusPath('can', 'candump', 'hyundai_2015_ccan_drive.log');
    if (!log) return [];
    const { db } = loadCorpusDbc('hyundai_2015_ccan.dbc');
    const yaml = readFileSync(resolve(projectRoot, 'assets/vehicles/hyundai-2015/mapping.yaml'), 'utf8');
    const frames: CanFrame[] = [];
    for (const line of readFileSync(log, 'utf8').split('\n')) {
      const r = parseCandumpLine(line);
      if (r?.ok) frames.push(r.frame);
    }
    const compiled = compileDbc(db);
    const out = compiled.createOutput();
    const keys = frames.map((f) => messageKey(f.id, f.extended));
    const decoders = frames.map((f) => compiled.lookup(f.id, f.extended));

    const loadStart = performance.now();
    const loads = 50;
    let mapping = loadMapping(yaml, 'mapping.yaml', db).mapping;
    for (let i = 1; i < loads; i++) mapping = loadMapping(yaml, 'mapping.yaml', db).mapping;
    const loadMs = (performance.now() - loadStart) / loads;

    const run = (map: boolean): number => {
      const rt = createDbcToVss(mapping);
      const updates: VssUpdate[] = [];
      const t0 = performance.now();
      for (let r = 0; r < REPEAT; r++) {
        const base = r * 60_000;
        for (let i = 0; i < frames.length; i++) {
          const d = decoders[i];
          if (!d) continue;
          d.decode(frames[i].data, out);
          if (map) rt.onDecoded(keys[i], out, base + frames[i].t * 1000, updates);
        }
        updates.length = 0;
      }
      return (frames.length * REPEAT) / ((performance.now() - t0) / 1000);
    };
    run(false);
    run(true); // warm-up
    const decodeOnly = run(false);
    const decodeAndMap = run(true);
    return [
      {
        name: 'hyundai log: decode + dbc2vss mapping',
        value: decodeAndMap,
        unit: 'frames/s',
        baseline: decodeOnly,
        baselineName: 'decode only',
        note: `${frames.length} frames × ${REPEAT}`,
      },
      { name: 'hyundai mapping.yaml load + validate', value: loadMs, unit: 'ms' },
    ];
  },
};
