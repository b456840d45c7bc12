// Shared shape and printer for benchmark rows: every figure sits beside a baseline measured in the same run.

export interface BenchRow {
  /** What was measured, e.g. "decode hyundai drive log". */
  name: string;
  /** The measured figure for Cabin's implementation. */
  value: number;
  unit: string;
  /** Same-run baseline (e.g. a straightforward decoder), if the row has one. */
  baseline?: number;
  baselineName?: string;
  /** The issue's target, in words, e.g. "≥ 5,000,000 frames/s and ≥ 3× baseline". */
  target?: string;
  /** Whether the target was met; undefined when the row has no target. */
  met?: boolean;
  note?: string;
}

export interface BenchSuite {
  name: string;
  run(): Promise<BenchRow[]>;
}

const fmt = (n: number): string =>
  Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3);

export function formatTable(rows: BenchRow[]): string {
  const header = ['benchmark', 'value', 'unit', 'baseline', 'ratio', 'target', 'met', 'note'];
  const body = rows.map((r) => [
    r.name,
    fmt(r.value),
    r.unit,
    r.baseline === undefined ? '' : `${fmt(r.baseline)}${r.baselineName ? ` (${r.baselineName})` : ''}`,
    r.baseline ? `${(r.value / r.baseline).toFixed(2)}×` : '',
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
    r.note ?? '',
  ]);
  const lines = [header, ...body];
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const row = (l: string[]) => `| ${l.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [row(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(row)].join('\n');
}

/** Percentile (0..100) of an unsorted sample, nearest-rank. */
export function percentile(sample: number[], p: number): number {
  if (sample.length === 0) return NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/**
 * Wall-clock time in ms with sub-millisecond resolution, comparable between processes (latency from a frame
 * leaving one process to its effect in another). `performance.timeOrigin` alone can be off by tens of ms in
 * a process started on a busy machine; this takes the offset at a millisecond edge of Date.now(), best of 5.
 */
export function calibratedWallClock(): () => number {
  let offset = -Infinity;
  for (let i = 0; i < 5; i++) {
    const before = Date.now();
    let edge = before;
    while (edge === before) edge = Date.now();
    // performance.now() read late only lowers this estimate, so the largest is the closest.
    offset = Math.max(offset, edge - performance.now());
  }
  return () => performance.now() + offset;
}
