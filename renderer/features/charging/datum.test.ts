import { describe, expect, it } from 'vitest';
import { fromDisplay, toDisplay } from './datum';

describe('map datums', () => {
  it('leaves WGS-84 as it is', () => {
    expect(toDisplay('WGS84', 31.2304, 121.4737)).toEqual([31.2304, 121.4737]);
  });

  it('moves a Shanghai position by the GCJ-02 offset (some hundreds of metres), and back', () => {
    const [lat, lon] = toDisplay('GCJ02', 31.2304, 121.4737);
    // The People's Square offset is about −0.002° in latitude and +0.0045° in longitude.
    expect(lat - 31.2304).toBeCloseTo(-0.0019, 3);
    expect(lon - 121.4737).toBeCloseTo(0.0045, 3);
    const [backLat, backLon] = fromDisplay('GCJ02', lat, lon);
    expect(backLat).toBeCloseTo(31.2304, 5);
    expect(backLon).toBeCloseTo(121.4737, 5);
  });

  it('leaves Oslo alone even on a GCJ-02 map (the offset applies inside China only)', () => {
    expect(toDisplay('GCJ02', 59.9139, 10.7522)).toEqual([59.9139, 10.7522]);
  });
});
