// The one interface every frame source of the gateway implements (replay, SocketCAN, the simulator); in shared so the simulator can implement it without importing gateway/.
import type { CanFrame } from '../can/frame';

/** Where a source delivers; the gateway implements it. */
export interface FrameSink {
  /** Frames in time order. The sink does not keep the array (sources may reuse it), only the frames. */
  frames(frames: readonly CanFrame[]): void;
  /** A located, non-fatal problem (malformed log line, candump died); counted and forwarded to clients. */
  error(message: string): void;
  /** No more frames will come (a replay without --loop reached its end). */
  end(): void;
  /**
   * The source starts over (a replay looping its log, a simulation restarting its scenario): call it
   * before the first frame of the new run. The gateway tells clients (`source-restarted`) so they reset
   * per-signal change detection. Optional so that simple sinks (tests) need not implement it.
   */
  restarted?(reason: string): void;
}

export interface FrameSource {
  /** "replay", "socketcan", "sim", … shown in the hello. */
  readonly kind: string;
  /** Buses known up front, in the order their indexes are announced; frames on other buses are added on the fly. */
  buses(): string[];
  start(sink: FrameSink): Promise<void>;
  /** Stops emitting and releases what it holds (timers, child processes); idempotent. */
  stop(): Promise<void>;
  /** Puts one frame on a bus; rejects with a one-line reason. Absent when the source is receive-only. */
  send?(frame: CanFrame): Promise<void>;
}
