// `cabin can decode` end to end on long logs (built at bench time by repeating the Hyundai drive log) beside a straightforward script, with peak memory.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusPath, projectRoot } from '../test/fixtures/corpus';
import type { BenchRow, BenchSuite } from './harness';

/** Loaded into each timed process: prints its own peak RSS (getrusage) as the last line of stderr. */
const MAX_RSS_HOOK = 'data:text/javascript,process.on("exit",()=>process.stderr.write(`\\ncabin-bench-maxrss-kb ${process.resourceUsage().maxRSS}\\n`))';
const SAMPLES = 3;

/** `repeats` copies of the log, each 60 s after the last (timestamps keep rising, as in a longer drive). */
function buildLog(source: string[], repeats: number, file: string): number {
  const fd = openSync(file, 'w');
  try {
    for (let k = 0; k < repeats; k++) {
      const shifted = source.map((line) => {
        const m = /^\((\d+)(\.\d+)\)(.*)$/.exec(line)!;
        return `(${Number(m[1]) + 60 * k}${m[2]})${m[3]}`;
      });
      writeSync(fd, `${shifted.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
  return source.length * repeats;
}

interface Timed {
  ms: number;
  maxRssMb: number;
}

/** Wall time of a child process, start-up included; its stdout goes to /dev/null, as with a redirect. */
function timed(args: string[]): Timed {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', MAX_RSS_HOOK, ...args], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  const rss = /cabin-bench-maxrss-kb (\d+)\s*$/.exec(r.stderr.toString('latin1'));
  if (r.status !== 0 || !rss) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString('latin1').slice(-500)}`);
  return { ms, maxRssMb: Number(rss[1]) / 1024 };
}

/** Lines a command writes to stdout (an untimed check that both sides decode every frame). */
function countLines(args: string[]): Promise<number> {
  return new Promise((resolveCount, reject) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'ignore'] });
    let lines = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolveCount(lines) : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export const canCliSuite: BenchSuite = {
  name: 'can-cli',
  async run() {
    const log = corpusPath('can', 'candump', 'hyundai_2015_ccan_drive.log');
    const dbc = corpusPath('dbc', 'hyundai_2015_ccan.dbc');
    if (!log || !dbc) return [];
    const source = readFileSync(log, 'latin1').split('\n').filter((l) => l.trim() !== '');
    const dir = mkdtempSync(join(tmpdir(), 'cabin-bench-can-'));
    const rows: BenchRow[] = [];
    try {
      for (const repeats of [50, 500]) {
        const file = join(dir, `drive-x${repeats}.log`);
        const lines = buildLog(source, repeats, file);
        const ours = ['bin/cabin.mjs', 'can', 'decode', '--dbc', dbc, file];
        const straightforward = ['bin/run-ts.mjs', 'bench/canBaselineCli.ts', dbc, file];
        if (repeats === 50) {
          const [a, b] = [await countLines(ours), await countLines(straightforward)];
          if (a !== lines || b !== lines) throw new Error(`decoded ${a} and ${b} frames of ${lines}`);
        }
        const oursRuns: Timed[] = [];
        const baseRuns: Timed[] = [];
        for (let s = 0; s < SAMPLES; s++) {
          oursRuns.push(timed(ours));
          baseRuns.push(timed(straightforward));
        }
        const oursMs = median(oursRuns.map((r) => r.ms));
        const baseMs = median(baseRuns.map((r) => r.ms));
        const oursRss = Math.max(...oursRuns.map((r) => r.maxRssMb));
        const baseRss = Math.max(...baseRuns.map((r) => r.maxRssMb));
        const big = repeats === 500;
        const rate = (lines * 1000) / oursMs;
        const baseRate = (lines * 1000) / baseMs;
        rows.push(
          {
            name: `cabin can decode, ${lines.toLocaleString('en-US')}-line Hyundai log, end to end`,
            value: rate,
            unit: 'lines/s',
            baseline: baseRate,
            baselineName: 'straightforward script',
            target: big ? '≥ 3× baseline' : undefined,
            met: big ? rate >= 3 * baseRate : undefined,
            note: `median wall time of ${SAMPLES} runs each, start-up and DBC included, stdout to /dev/null: ${(oursMs / 1000).toFixed(2)} s vs ${(baseMs / 1000).toFixed(2)} s; the script reads the whole file, splits lines, regex-parses them, decodes byte-wise and JSON.stringifies`,
          },
          {
            name: `cabin can decode, ${lines.toLocaleString('en-US')}-line Hyundai log, peak RSS`,
            value: oursRss,
            unit: 'MB',
            baseline: baseRss,
            baselineName: 'straightforward script',
            target: '< 150 MB',
            met: oursRss < 150,
            note: `largest of ${SAMPLES} runs (getrusage max RSS); the CLI's floor (cabin --help) is about 120 MB, most of it tsx and every command's modules`,
          },
        );
        rmSync(file, { force: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
