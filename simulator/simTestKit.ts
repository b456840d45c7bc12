// Test helpers for the sim source: a capturing sink and a decode of the latest frames through the host's frame pipeline.
import type { CanFrame } from '../shared/can/frame';
import type { FrameSink } from '../shared/gateway/source';
import type { VssValue } from '../shared/vehicle/catalog';
import { createFramePipeline } from '../shared/vehicle/framePipeline';
import type { VssUpdate } from '../shared/vehicle/mappingRuntime';
import type { SimSource } from './simSource';

/** A sink that keeps every frame delivered; `take()` returns and forgets them. */
export class FrameLog implements FrameSink {
  private readonly kept: CanFrame[] = [];
  readonly errors: string[] = [];

  frames(frames: readonly CanFrame[]): void {
    for (const f of frames) this.kept.push(f);
  }

  error(message: string): void {
    this.errors.push(message);
  }

  end(): void {}

  take(): CanFrame[] {
    return this.kept.splice(0);
  }
}

/**
 * VSS values as a host would decode them from the newest frame of each message (all pages sent at
 * that time). A fresh pipeline, so interval_ms throttling from earlier frames does not hide the newest value.
 */
export function decodeLatest(source: SimSource, frames: readonly CanFrame[]): Record<string, VssValue> {
  const newest = new Map<number, number>();
  for (const f of frames) newest.set(f.id, Math.max(newest.get(f.id) ?? -Infinity, f.t));
  const pipeline = createFramePipeline(source.db, source.mapping);
  const out: VssUpdate[] = [];
  for (const f of frames) if (f.t === newest.get(f.id)) pipeline.onFrame(f, out);
  const values: Record<string, VssValue> = {};
  for (const u of out) values[u.path] = u.value;
  return values;
}

/** Half a DBC step of each mapped path, in VSS units (through an affine transform where there is one). */
export function resolutionOf(source: SimSource): Map<string, number> {
  const out = new Map<string, number>();
  for (const rule of source.mapping.dbc2vss) {
    const step = rule.transform.kind === 'math' ? Math.abs(rule.transform.fn(rule.signal.scale) - rule.transform.fn(0)) : rule.signal.scale;
    out.set(rule.path, step / 2 + 1e-9);
  }
  return out;
}
