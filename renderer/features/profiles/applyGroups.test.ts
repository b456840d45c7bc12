import { describe, expect, it } from 'vitest';
import { groupApply } from './applyGroups';

describe('applying a profile, by group', () => {
  it('a failure wins over pending and confirmed, pending over confirmed; untouched groups are left out', () => {
    const parked = { key: 'ux.refused.parkedOnly' };
    expect(
      groupApply({
        'seat.position': { state: 'confirmed', target: 200 },
        'seat.height': { state: 'failed', target: 40, reason: parked, detail: 'refused while moving' },
        'seat.recline': { state: 'failed', target: 22, reason: parked, detail: 'x' },
        'mirrors.driver.tilt': { state: 'pending', target: -20 },
        'mirrors.driver.pan': { state: 'confirmed', target: 5 },
        'climate.temperature': { state: 'confirmed', target: 22 },
        'climate.seatHeating': { state: 'unavailable' },
        'steering.tilt': { state: 'unavailable' },
      }),
    ).toEqual([
      { group: 'seat', state: 'failed', reason: parked, detail: 'refused while moving', failed: ['seat.height', 'seat.recline'] },
      { group: 'mirrors', state: 'pending' },
      { group: 'steering', state: 'unavailable' },
      { group: 'climate', state: 'confirmed' },
    ]);
  });
});
