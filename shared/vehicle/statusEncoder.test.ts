import { describe, it, expect } from 'vitest';
import { loadMapping } from './mapping';
import { createVssToStatus } from './statusEncoder';
import { testDb } from '../../test/fixtures/testDbc';

const MAPPING = `version: 1
signals:
  Vehicle.Speed:
    dbc2vss: { signal: Speed, transform: { math: "x * 3.6 + 1" } }
  Vehicle.Exterior.AirTemperature:
    dbc2vss: { signal: Temp, transform: { math: "floor(x)" } }
  Vehicle.Powertrain.Transmission.SelectedGear:
    dbc2vss:
      signal: Gear
      transform: { mapping: [{ from: P, to: 126 }, { from: R, to: -1 }, { from: N, to: 0 }, { from: D, to: 127 }, { from: SNA, to: null }] }
  Vehicle.Powertrain.Transmission.CurrentGear:
    dbc2vss:
      signal: Gear
      transform: { mapping: [{ from: P, to: 0 }, { from: R, to: -1 }, { from: N, to: 0 }, { from: D, to: 1 }, { from: SNA, to: null }] }
  Vehicle.Body.Lights.Beam.Low.IsOn:
    dbc2vss: { signal: Flag }
  Vehicle.Cabin.Seat.Row1.DriverSide.Position:
    dbc2vss: { signal: SEAT_STATUS.SeatPos }
`;

describe('createVssToStatus', () => {
  const r = loadMapping(MAPPING, 'm.yaml', testDb());
  const status = createVssToStatus(r.mapping);

  it('inverts identity, value tables and affine math; lists non-invertible paths', () => {
    expect(r.errors).toEqual([]);
    expect(status.unsupported).toEqual(['Vehicle.Exterior.AirTemperature']);
    expect(status.messages.map((m) => m.name)).toEqual(['VCU_Status', 'SEAT_STATUS']);
    const values: Record<string, unknown> = {
      'Vehicle.Speed': 37,
      'Vehicle.Powertrain.Transmission.SelectedGear': 127,
      'Vehicle.Body.Lights.Beam.Low.IsOn': true,
    };
    const [frame] = status.framesFor(status.messages[0], (p) => values[p] as never);
    expect(frame.signals).toEqual({ Speed: expect.closeTo(10, 9), Gear: 3, Flag: 1 });
  });

  it('sends the SNA code for unknown values and clamps to the DBC range', () => {
    const values: Record<string, unknown> = { 'Vehicle.Speed': 5000, 'Vehicle.Powertrain.Transmission.SelectedGear': 55 };
    const [frame] = status.framesFor(status.messages[0], (p) => values[p] as never);
    expect(frame.signals).toEqual({ Speed: 300, Gear: 7 });
    const [seat] = status.framesFor(status.messages[1], () => 2000);
    expect(seat.signals).toEqual({ SeatPos: 1000 });
  });
});
