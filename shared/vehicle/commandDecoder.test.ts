import { describe, it, expect } from 'vitest';
import { compileDbc } from '../can/dbcCompile';
import { encodeMessage } from '../can/dbcEncode';
import { messageKey } from '../can/dbcModel';
import { createCommandDecoder } from './commandDecoder';
import { loadMapping } from './mapping';
import { createVssToDbc } from './mappingRuntime';
import { testDb } from '../../test/fixtures/testDbc';

const MAPPING = `version: 1
writable: [SEAT_CMD]
signals:
  Vehicle.Cabin.Seat.Row1.DriverSide.Position:
    vss2dbc: { signal: SeatPosReq }
  Vehicle.Cabin.Seat.Row1.DriverSide.Height:
    vss2dbc: { signal: SeatHeightReq, transform: { math: "x / 10" } }
  Vehicle.Powertrain.Transmission.PerformanceMode:
    vss2dbc: { signal: ModeReq }
`;

describe('createCommandDecoder', () => {
  const db = testDb();
  const { mapping, errors } = loadMapping(MAPPING, 'm.yaml', db);
  const compiled = compileDbc(db);
  const out = compiled.createOutput();
  const seatCmd = db.messages.find((m) => m.name === 'SEAT_CMD')!;
  const decode = (signals: Record<string, number | string>) => {
    compiled.lookup(seatCmd.id, false)!.decode(encodeMessage(seatCmd, signals), out);
    return createCommandDecoder(mapping).onDecoded(messageKey(seatCmd.id, false), out);
  };

  it('turns a command frame into targets, skipping fields left at their no-request value', () => {
    expect(errors).toEqual([]);
    const w = createVssToDbc(mapping).encode('Vehicle.Cabin.Seat.Row1.DriverSide.Height', 420);
    expect(w.ok).toBe(true);
    if (!w.ok) return;
    expect(decode(w.value.signals)).toEqual({
      targets: [{ path: 'Vehicle.Cabin.Seat.Row1.DriverSide.Height', target: 420 }],
      rejected: [],
    });
  });

  it('reports codes with no VSS value instead of throwing', () => {
    const r = decode({ SeatPosReq: 1023, SeatHeightReq: 0, ModeReq: 5 });
    expect(r.targets).toEqual([]);
    expect(r.rejected).toEqual(['SEAT_CMD.ModeReq=5 has no Vehicle.Powertrain.Transmission.PerformanceMode value']);
    expect(createCommandDecoder(mapping).onDecoded(messageKey(999, false), out)).toEqual({ targets: [], rejected: [] });
  });
});
