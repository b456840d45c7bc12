// Replays a candump -L log through the gateway, faithful to the log's timing (scaled by --speed), or as fast as possible.
import { readFile } from 'node:fs/promises';
import { parseCandumpLine } from '../../shared/can/candump';
import type { CanFrame } from '../../shared/can/frame';
import type { FrameSink, FrameSource } from '../source';

export interface ReplayOptions {
  file: string;
  /** Time scale: 2 plays twice as fast. Infinity plays as fast as the gateway can take it (tests, benches). */
  speed?: number;
  /** Start over at the end; timestamps keep rising (each pass is shifted by the log's length plus one mean gap). */
  loop?: boolean;
  /** Frames per turn of the event loop when speed is Infinity. */
  chunk?: number;
}

export interface ReplayLog {
  frames: CanFrame[];
  /** Malformed lines as "file:line:col: reason". */
  errors: string[];
  buses: string[];
}

/** Reads and parses a whole log; malformed lines are collected with their location, the rest kept. */
export async function loadCandumpLog(file: string): Promise<ReplayLog> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot read candump log ${file}: ${code === 'ENOENT' ? 'no such file' : code ?? String(error)}`);
  }
  const frames: CanFrame[] = [];
  const errors: string[] = [];
  const buses: string[] = [];
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const r = parseCandumpLine(text.slice(start, end));
    start = end + 1;
    if (r === null) continue;
    if (!r.ok) {
      const [, col, reason] = /^column (\d+): (.*)$/s.exec(r.error) ?? [null, '1', r.error];
      errors.push(`${file}:${line}:${col}: ${reason}`);
      continue;
    }
    if (!buses.includes(r.frame.bus)) buses.push(r.frame.bus);
    frames.push(r.frame);
  }
  return { frames, errors, buses };
}

/** A replay source over a log file; throws (one line) when the file cannot be read or holds no frame. */
export async function createReplaySource(options: ReplayOptions): Promise<FrameSource & { log: ReplayLog }> {
  const log = await loadCandumpLog(options.file);
  if (log.frames.length === 0) {
    throw new Error(`candump log ${options.file} holds no valid frame${log.errors.length ? ` (${log.errors[0]})` : ''}`);
  }
  return replayFrames(log, options);
}

/** Replays already-parsed frames (also used by tests and by `cabin start --replay`). */
export function replayFrames(log: ReplayLog, options: Omit<ReplayOptions, 'file'> = {}): FrameSource & { log: ReplayLog } {
  const speed = options.speed ?? 1;
  if (!(speed > 0)) throw new Error(`replay speed must be a positive number, got ${speed}`);
  const chunk = options.chunk ?? 1000;
  const frames = log.frames;
  const first = frames[0]?.t ?? 0;
  const last = frames[frames.length - 1]?.t ?? 0;
  const meanGap = frames.length > 1 ? (last - first) / (frames.length - 1) : 0.001;
  const passLength = last - first + meanGap;

  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  let running = false;

  return {
    kind: 'replay',
    log,
    buses: () => [...log.buses],
    async start(sink: FrameSink) {
      if (running) return;
      running = true;
      for (const e of log.errors) sink.error(e);
      let idx = 0;
      let pass = 0;
      const wallStart = performance.now();
      const out: CanFrame[] = [];
      const at = (i: number): CanFrame => (pass === 0 ? frames[i] : { ...frames[i], t: frames[i].t + pass * passLength });
      const dueT = (i: number) => frames[i].t + pass * passLength;

      // Returns false when the log is over.
      const advance = (): boolean => {
        if (idx < frames.length) return true;
        if (!options.loop) return false;
        pass++;
        idx = 0;
        return true;
      };

      const tickFast = () => {
        immediate = undefined;
        if (!running) return;
        out.length = 0;
        while (out.length < chunk && advance()) out.push(at(idx++));
        if (out.length) sink.frames(out);
        if (!advance()) return finish();
        immediate = setImmediate(tickFast);
      };

      const tickTimed = () => {
        timer = undefined;
        if (!running) return;
        const logNow = first + ((performance.now() - wallStart) / 1000) * speed;
        out.length = 0;
        while (advance() && dueT(idx) <= logNow) out.push(at(idx++));
        if (out.length) sink.frames(out);
        if (!advance()) return finish();
        const waitMs = ((dueT(idx) - logNow) / speed) * 1000;
        timer = setTimeout(tickTimed, Math.min(1000, Math.max(0, waitMs)));
      };

      const finish = () => {
        running = false;
        sink.end();
      };

      if (speed === Infinity) immediate = setImmediate(tickFast);
      else tickTimed();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
      timer = immediate = undefined;
    },
    // A replayed bus has nobody listening: a sent frame is accepted (and recorded by the gateway) and goes nowhere.
    async send() {},
  };
}
