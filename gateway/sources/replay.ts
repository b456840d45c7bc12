// Replays a candump -L log through the gateway, faithful to the log's timing (scaled by --speed) or as fast as possible; a file is streamed a block at a time, so memory stays flat whatever its size.
import type { CanFrame } from '../../shared/can/frame';
import type { FrameSink, FrameSource } from '../source';
import { openCandumpReader } from './candumpReader';

export interface ReplayOptions {
  file: string;
  /** Time scale: 2 plays twice as fast. Infinity plays as fast as the gateway can take it (tests, benches). */
  speed?: number;
  /**
   * Start over at the end; timestamps keep rising (each pass is shifted by the log's length plus one
   * mean gap) and the sink hears `restarted("loop")` before each new pass.
   */
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

/** Frames read before a replay starts, for its bus list. */
const HEAD_FRAMES = 1000;

/** Malformed lines reported one by one per replay; the rest are counted in one line at the end of the first pass. */
export const MAX_REPORTED_LINE_ERRORS = 100;

/** Reads and parses a whole log into memory (tests, small logs); a replay of a file streams it instead. */
export async function loadCandumpLog(file: string): Promise<ReplayLog> {
  const errors: string[] = [];
  const reader = await openCandumpReader(file, { onError: (e) => errors.push(e) });
  const frames: CanFrame[] = [];
  const buses: string[] = [];
  try {
    for (let block = await reader.next(); block !== null; block = await reader.next()) {
      for (const f of block) {
        if (!buses.includes(f.bus)) buses.push(f.bus);
        frames.push(f);
      }
    }
  } finally {
    await reader.close();
  }
  return { frames, errors, buses };
}

/** Where a replay's frames come from, one block at a time; null ends a pass. */
interface ReplayFeed {
  next(): Promise<readonly CanFrame[] | null>;
  rewind(): void;
  /** True when the frames are fresh objects the replay may change (read from a file), false when they belong to the caller. */
  owned: boolean;
  close(): Promise<void>;
}

/** What a replay does around its frames: announce buses, report errors before the first frame, note the end of a pass. */
interface ReplayHooks {
  buses(): string[];
  started(sink: FrameSink): void;
  passEnded(sink: FrameSink, pass: number): void;
}

/**
 * A replay source streaming a log file; throws (one line) when the file cannot be read or holds no
 * valid frame. It reads up to the first valid frame at once, so a bad file is refused at start-up.
 */
export async function createReplaySource(options: ReplayOptions): Promise<FrameSource> {
  const pending: string[] = [];
  let suppressed = 0;
  let report: (message: string) => void = (message) => {
    if (pending.length < MAX_REPORTED_LINE_ERRORS) pending.push(message);
    else suppressed++;
  };
  const reader = await openCandumpReader(options.file, { onError: (message) => report(message) });
  // The first frames (a few hundred, or the whole of a small log) name the buses the hello announces;
  // buses that appear later are announced by the gateway when their first frame comes.
  const head: CanFrame[][] = [];
  let headFrames = 0;
  for (let block = await reader.next(); block !== null; block = await reader.next()) {
    if (block.length === 0) continue;
    head.push(block);
    headFrames += block.length;
    if (headFrames >= HEAD_FRAMES) break;
  }
  if (head.length === 0) {
    await reader.close();
    throw new Error(`candump log ${options.file} holds no valid frame${pending.length ? ` (${pending[0]})` : ''}`);
  }
  const buses = [...new Set(head.flat().map((f) => f.bus))];
  let reported = pending.length;
  const feed: ReplayFeed = {
    owned: true,
    next: async () => head.shift() ?? (await reader.next()),
    rewind() {
      head.length = 0;
      reader.rewind();
    },
    close: () => reader.close(),
  };
  return playFeed(feed, options, {
    buses: () => [...buses],
    started(sink) {
      for (const message of pending.splice(0)) sink.error(message);
      report = (message) => {
        if (reported < MAX_REPORTED_LINE_ERRORS) {
          reported++;
          sink.error(message);
        } else suppressed++;
      };
    },
    passEnded(sink, pass) {
      if (pass !== 0) return;
      if (suppressed > 0) sink.error(`${options.file}: ${suppressed} more malformed line${suppressed === 1 ? '' : 's'} not shown`);
      // Later passes read the same lines: their errors were reported once already.
      report = () => {};
    },
  });
}

/** Replays already-parsed frames (tests, benches); the caller's frames are never changed. */
export function replayFrames(log: ReplayLog, options: Omit<ReplayOptions, 'file'> = {}): FrameSource & { log: ReplayLog } {
  const blockFrames = 4096;
  let index = 0;
  const feed: ReplayFeed = {
    owned: false,
    async next() {
      if (index >= log.frames.length) return null;
      return log.frames.slice(index, (index += blockFrames));
    },
    rewind() {
      index = 0;
    },
    async close() {},
  };
  const source = playFeed(feed, options, {
    buses: () => [...log.buses],
    started(sink) {
      for (const e of log.errors) sink.error(e);
    },
    passEnded() {},
  });
  return Object.assign(source, { log });
}

/** The pacing loop both replays share: log time against the monotonic clock, looping with rising timestamps. */
function playFeed(feed: ReplayFeed, options: Omit<ReplayOptions, 'file'>, hooks: ReplayHooks): FrameSource {
  const speed = options.speed ?? 1;
  if (!(speed > 0)) throw new Error(`replay speed must be a positive number, got ${speed}`);
  const chunk = options.chunk ?? 1000;
  const loop = options.loop === true;
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let immediate: ReturnType<typeof setImmediate> | undefined;
  let wake: (() => void) | undefined;
  let done: Promise<void> | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      if (ms <= 0) immediate = setImmediate(resolve);
      else timer = setTimeout(resolve, ms);
    });

  const run = async (sink: FrameSink) => {
    const wallStart = performance.now();
    let origin = NaN;
    let pass = 0;
    let offset = 0;
    let first = NaN;
    let last = NaN;
    let count = 0;
    let passLength = 0;
    const out: CanFrame[] = [];
    const place = (f: CanFrame): CanFrame => {
      if (pass === 0) {
        if (count === 0) first = f.t;
        last = f.t;
        count++;
        return f;
      }
      if (!feed.owned) return { ...f, t: f.t + offset };
      f.t += offset;
      return f;
    };
    for (;;) {
      const block = await feed.next();
      if (!running) return;
      if (block === null) {
        hooks.passEnded(sink, pass);
        if (!loop || count === 0) {
          running = false;
          await feed.close();
          sink.end();
          return;
        }
        // Each pass is shifted by the first pass's length plus one mean frame gap, so time keeps rising.
        if (pass === 0) passLength = last - first + (count > 1 ? (last - first) / (count - 1) : 0.001);
        offset += passLength;
        pass++;
        feed.rewind();
        sink.restarted?.('loop');
        continue;
      }
      if (Number.isNaN(origin) && block.length > 0) origin = block[0].t;
      let i = 0;
      while (i < block.length) {
        out.length = 0;
        if (speed === Infinity) {
          const end = Math.min(block.length, i + chunk);
          while (i < end) out.push(place(block[i++]));
          sink.frames(out);
          await sleep(0);
        } else {
          const logNow = origin + ((performance.now() - wallStart) / 1000) * speed;
          while (i < block.length && block[i].t + offset <= logNow) out.push(place(block[i++]));
          if (out.length) sink.frames(out);
          if (i < block.length) await sleep(Math.min(1000, ((block[i].t + offset - logNow) / speed) * 1000));
        }
        if (!running) return;
      }
    }
  };

  return {
    kind: 'replay',
    buses: hooks.buses,
    async start(sink: FrameSink) {
      if (running || done) return;
      running = true;
      hooks.started(sink);
      done = run(sink).catch((error: unknown) => {
        running = false;
        sink.error(`replay stopped: ${error instanceof Error ? error.message : String(error)}`);
        sink.end();
      });
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
      timer = immediate = undefined;
      wake?.();
      await done;
      await feed.close();
    },
    // A replayed bus has nobody listening: a sent frame is accepted (and recorded by the gateway) and goes nowhere.
    async send() {},
  };
}
