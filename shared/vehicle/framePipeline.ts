// CAN frames in, VSS updates out: the compiled decoder and a vehicle's dbc2vss mapping joined into one pass for the host.
import { compileDbc, type CompiledDbc } from '../can/dbcCompile';
import { messageKey, type DbcDatabase, type DbcDiagnostic } from '../can/dbcModel';
import { parseDbc } from '../can/dbcParser';
import { FrameFlag, type CanFrame } from '../can/frame';
import { loadMapping, type VehicleMapping } from './mapping';
import { createDbcToVss, type DbcToVss, type VssUpdate } from './mappingRuntime';

export interface FramePipelineCounters {
  /** Frames offered to the pipeline. */
  frames: number;
  /** Frames of a message the mapping reads (decoded and mapped). */
  mapped: number;
  /** Frames whose id is not in the DBC at all. */
  unknownIds: number;
  /** Mapped frames shorter than their message (only whole signals were used). */
  truncated: number;
  /** Mapped frames with a multiplexer value the DBC does not define. */
  muxErrors: number;
  /** Error and remote frames, which carry no signal data. */
  skipped: number;
}

export interface FramePipeline {
  /** The (id, extended) pairs the mapping reads: what to `subscribe` to on the gateway. */
  readonly subscriptions: readonly { id: number; extended: boolean }[];
  /**
   * Decodes and maps one frame; pushes VSS updates to `out` and returns how many. Never throws.
   * `receivedAtMs` is the clock throttling and staleness are judged by: the receiver's monotonic time
   * (a gateway's or a log's timestamps restart from zero after a restart or a loop). Defaults to the frame's own time.
   */
  onFrame(frame: CanFrame, out: VssUpdate[], receivedAtMs?: number): number;
  /** The source started again: every signal's next value goes out at once (see DbcToVss.reset). */
  reset(): void;
  /** The mapping runtime, for staleness (`takeNewlyStale`, `isStale`), sources and value counters. */
  readonly signals: DbcToVss;
  readonly counters: FramePipelineCounters;
}

export function createFramePipeline(db: DbcDatabase, mapping: VehicleMapping, compiled: CompiledDbc = compileDbc(db)): FramePipeline {
  const signals = createDbcToVss(mapping);
  const wanted = new Set(signals.messageKeys);
  const decoded = compiled.createOutput();
  const counters: FramePipelineCounters = { frames: 0, mapped: 0, unknownIds: 0, truncated: 0, muxErrors: 0, skipped: 0 };
  const subscriptions = mapping.dbc2vss
    .map((r) => ({ id: r.message.id, extended: r.message.extended }))
    .filter((s, i, all) => all.findIndex((o) => o.id === s.id && o.extended === s.extended) === i);

  return {
    subscriptions,
    signals,
    counters,
    reset: () => signals.reset(),
    onFrame(frame, out, receivedAtMs = frame.t * 1000) {
      counters.frames++;
      if (frame.flags & (FrameFlag.ERROR | FrameFlag.RTR)) {
        counters.skipped++;
        return 0;
      }
      const compiledMessage = compiled.lookup(frame.id, frame.extended);
      if (compiledMessage === undefined) {
        counters.unknownIds++;
        return 0;
      }
      const key = messageKey(frame.id, frame.extended);
      if (!wanted.has(key)) return 0;
      counters.mapped++;
      compiledMessage.decode(frame.data, decoded);
      if (decoded.truncated) counters.truncated++;
      if (decoded.error !== null) counters.muxErrors++;
      return signals.onDecoded(key, decoded, receivedAtMs, out);
    },
  };
}

export interface LoadedVehicle {
  db: DbcDatabase;
  mapping: VehicleMapping;
  errors: DbcDiagnostic[];
  warnings: DbcDiagnostic[];
}

/**
 * Parses a DBC and validates a mapping against it in one call (start-up, `cabin can check`).
 * Errors from both files come back located; the caller decides whether to run with what is valid.
 */
export function loadVehicle(dbcText: string, dbcFile: string, mappingText: string, mappingFile: string): LoadedVehicle {
  const parsed = parseDbc(dbcText, dbcFile);
  const loaded = loadMapping(mappingText, mappingFile, parsed.db);
  return {
    db: parsed.db,
    mapping: loaded.mapping,
    errors: [...parsed.errors, ...loaded.errors],
    warnings: [...parsed.warnings, ...loaded.warnings],
  };
}
