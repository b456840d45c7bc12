import { describe, it, expect } from 'vitest';
import { encodeMessage } from '../can/dbcEncode';
import { FrameFlag, type CanFrame } from '../can/frame';
import { createFramePipeline, loadVehicle } from './framePipeline';
import type { VssUpdate } from './mappingRuntime';
import { TEST_DBC } from '../../test/fixtures/testDbc';

const MAPPING = `version: 1
signals:
  Vehicle.Speed:
    dbc2vss: { signal: Speed }
  Vehicle.Cabin.Seat.Row1.DriverSide.Position:
    dbc2vss: { signal: SEAT_STATUS.SeatPos }
`;

const frame = (id: number, data: Uint8Array, flags = 0, t = 1): CanFrame => ({ t, bus: 'can0', id, extended: false, flags, data });

describe('createFramePipeline', () => {
  const v = loadVehicle(TEST_DBC, 'test.dbc', MAPPING, 'm.yaml');

  it('loads DBC and mapping together', () => {
    expect(v.errors).toEqual([]);
    const bad = loadVehicle(TEST_DBC, 'test.dbc', MAPPING.replace('Speed }', 'Sped }'), 'm.yaml');
    expect(bad.errors.map((e) => `${e.file}:${e.line}`)).toEqual(['m.yaml:4']);
    expect(bad.mapping.dbc2vss).toHaveLength(1);
  });

  it('decodes and maps frames, counting what it cannot use, and never throws', () => {
    const p = createFramePipeline(v.db, v.mapping);
    expect(p.subscriptions).toEqual([
      { id: 256, extended: false },
      { id: 513, extended: false },
    ]);
    const status = v.db.messages.find((m) => m.id === 256)!;
    const seat = v.db.messages.find((m) => m.id === 513)!;
    const out: VssUpdate[] = [];
    p.onFrame(frame(256, encodeMessage(status, { Speed: 12.34 }), 0, 2.5), out);
    p.onFrame(frame(513, encodeMessage(seat, { SeatPos: 250 })), out);
    p.onFrame(frame(257, new Uint8Array(8)), out); // in the DBC, not mapped
    p.onFrame(frame(0x7ff, new Uint8Array(8)), out); // not in the DBC
    p.onFrame(frame(256, new Uint8Array(8), FrameFlag.ERROR), out);
    p.onFrame(frame(513, new Uint8Array(1)), out); // too short for SeatPos
    p.onFrame({ ...frame(256, new Uint8Array(0)) }, out);
    expect(out).toEqual([
      { path: 'Vehicle.Speed', value: 12.34, t: 2500, staleAfterMs: 500 },
      { path: 'Vehicle.Cabin.Seat.Row1.DriverSide.Position', value: 250, t: 1000, staleAfterMs: 1000 },
    ]);
    expect(p.counters).toEqual({ frames: 7, mapped: 4, unknownIds: 1, truncated: 2, muxErrors: 0, skipped: 1 });
    expect(p.signals.isStale('Vehicle.Speed', 2600)).toBe(false);
  });
});
