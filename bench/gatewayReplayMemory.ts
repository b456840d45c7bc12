// Bench: peak memory of `cabin gateway --source replay` on a 200 MB candump log (made at bench time from the corpus drive log), beside the same log read whole.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as ioClient } from 'socket.io-client';
import { GATEWAY_PROTOCOL } from '../shared/gateway/protocol';
import { corpusPath, projectRoot } from '../test/fixtures/corpus';
import type { BenchRow, BenchSuite } from './harness';

const MB = 1024 * 1024;
const TARGET_MB = 200;
const TOKEN = 'bench-replay-memory-token';

/** Writes copies of the log, each shifted to follow the previous one, until the file holds `bytes`; returns the frame count. */
function makeLog(source: string, file: string, bytes: number): number {
  const lines = readFileSync(source, 'utf8').split('\n').filter((l) => l.startsWith('('));
  const parsed = lines.map((l) => {
    const close = l.indexOf(')');
    return { t: Number(l.slice(1, close)), rest: l.slice(close) };
  });
  const first = parsed[0].t;
  const span = parsed[parsed.length - 1].t - first;
  const pass = span + span / (parsed.length - 1);
  const fd = openSync(file, 'w');
  let written = 0;
  let frames = 0;
  try {
    for (let copy = 0; written < bytes; copy++) {
      const shift = copy * pass;
      let text = '';
      for (const p of parsed) text += `(${(p.t + shift).toFixed(6)}${p.rest}\n`;
      written += writeSync(fd, text);
      frames += parsed.length;
    }
  } finally {
    closeSync(fd);
  }
  return frames;
}

/** Peak resident memory (VmHWM) of a live process, in MB. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmHWM for process ${pid}`);
  return Number(m[1]) / 1024;
}

/** Runs the real gateway process over `log` at full speed with one client; its peak RSS once the log has been served. */
async function replayPeak(log: string, tokenFile: string, frames: number): Promise<{ peakMb: number; seconds: number; received: number }> {
  const child = spawn(
    process.execPath,
    [join(projectRoot, 'bin', 'cabin.mjs'), 'gateway', '--source', 'replay', log, '--speed', 'max', '--token-file', tokenFile, '--wait-for-client'],
    { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr!.on('data', (s: string) => {
        stderr += s;
        const m = /listening on (ws:\/\/\S+)/.exec(stderr);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`cabin gateway exited with ${code}: ${stderr}`)));
    });
    const started = performance.now();
    const socket = ioClient(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: TOKEN, protocol: GATEWAY_PROTOCOL } });
    let received = 0;
    // Only the batch header's count: the client's own decoding is not what is measured.
    socket.on('frames', (bytes: Uint8Array) => (received += new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true)));
    await new Promise<void>((resolve) => socket.once('source-end', () => resolve()));
    const seconds = (performance.now() - started) / 1000;
    const peakMb = peakRssMb(child.pid!);
    socket.close();
    // The event can overtake the gateway's own stderr line saying how many frames it replayed.
    const line = `source ended after ${frames} frames`;
    for (let waited = 0; !stderr.includes(line); waited += 20) {
      if (waited > 5000) throw new Error(`the gateway did not replay all ${frames} frames: ${stderr.slice(-300)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return { peakMb, seconds, received };
  } finally {
    child.kill('SIGINT');
  }
}

/** The straightforward way: the whole log parsed into memory at once (what the replay did before it streamed). */
function readWholePeak(log: string): number {
  const script = `import { loadCandumpLog } from './gateway/sources/replay.ts';
const log = await loadCandumpLog(${JSON.stringify(log)});
const hwm = /VmHWM:\\s+(\\d+) kB/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'))[1];
console.log(JSON.stringify({ frames: log.frames.length, hwmKb: Number(hwm) }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: projectRoot, encoding: 'utf8', maxBuffer: MB });
  if (r.status !== 0) throw new Error(`read-whole baseline failed: ${r.stderr.slice(-500)}`);
  return (JSON.parse(r.stdout.trim()) as { hwmKb: number }).hwmKb / 1024;
}

export const replayMemorySuite: BenchSuite = {
  name: 'replay-memory',
  async run(): Promise<BenchRow[]> {
    const source = corpusPath('can', 'candump', 'hyundai_2015_ccan_drive.log');
    if (!source) {
      process.stderr.write('bench: replay-memory skipped: the corpus (../shared) is not here\n');
      return [];
    }
    const dir = mkdtempSync(join(tmpdir(), 'cabin-replay-memory-'));
    try {
      const tokenFile = join(dir, 'token');
      writeFileSync(tokenFile, TOKEN, { mode: 0o600 });
      const big = join(dir, 'drive-200mb.log');
      const small = join(dir, 'drive-20mb.log');
      const bigFrames = makeLog(source, big, 200 * MB);
      const smallFrames = makeLog(source, small, 20 * MB);
      const streamedBig = await replayPeak(big, tokenFile, bigFrames);
      const streamedSmall = await replayPeak(small, tokenFile, smallFrames);
      const whole = readWholePeak(big);
      const sizeMb = (f: string) => Math.round(statSync(f).size / MB);
      return [
        {
          name: `gateway --source replay ${sizeMb(big)} MB log (${bigFrames.toLocaleString('en-US')} frames, --speed max, 1 client): peak RSS`,
          value: streamedBig.peakMb,
          unit: 'MB',
          baseline: whole,
          baselineName: 'same log read whole',
          target: `< ${TARGET_MB} MB`,
          met: streamedBig.peakMb < TARGET_MB,
          note: `1 cold process per row; ${Math.round(bigFrames / streamedBig.seconds).toLocaleString('en-US')} frames/s, ${streamedBig.received.toLocaleString('en-US')} delivered`,
        },
        {
          name: `gateway --source replay ${sizeMb(small)} MB log (${smallFrames.toLocaleString('en-US')} frames): peak RSS`,
          value: streamedSmall.peakMb,
          unit: 'MB',
          baseline: streamedBig.peakMb,
          baselineName: `the ${sizeMb(big)} MB log`,
          note: 'flat memory: 10× the log, about the same peak',
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
