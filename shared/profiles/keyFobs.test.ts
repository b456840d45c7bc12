import { describe, expect, it } from 'vitest';
import { initialFobWatch, observeFob, TWO_FOBS_WINDOW_MS, type FobEvent, type FobWatch } from './keyFobs';

function run(readings: Array<[fob: number, at: number]>): FobEvent[] {
  let watch: FobWatch = initialFobWatch;
  return readings.map(([fob, at]) => {
    const step = observeFob(watch, fob, at);
    watch = step.watch;
    return step.event;
  });
}

describe('following the key fob', () => {
  it('the first fob and a later different one are driver changes; the same id again is nothing', () => {
    expect(run([[1, 0], [1, 500], [2, 150_000]]).map((e) => e.kind)).toEqual(['changed', 'none', 'changed']);
  });

  it('the fob leaving is not a change of driver, and the same fob coming back is one', () => {
    expect(run([[1, 0], [0, 60_000], [1, 120_000]])).toEqual([{ kind: 'changed', fob: 1 }, { kind: 'gone' }, { kind: 'changed', fob: 1 }]);
  });

  it('two fobs answering in turn are reported as two fobs, not as drivers changing back and forth', () => {
    const events = run([[1, 0], [2, 60_000], [1, 61_000], [2, 62_000], [1, 63_000]]);
    expect(events[1]).toEqual({ kind: 'changed', fob: 2 });
    expect(events.slice(2)).toEqual([
      { kind: 'twoFobs', fobs: [1, 2] },
      { kind: 'twoFobs', fobs: [1, 2] },
      { kind: 'twoFobs', fobs: [1, 2] },
    ]);
  });

  it('once the flapping stops for the window, a change is a driver change again', () => {
    const events = run([[1, 0], [2, 1000], [1, 2000], [2, 2000 + TWO_FOBS_WINDOW_MS + 1], [3, 2000 + 3 * TWO_FOBS_WINDOW_MS]]);
    expect(events.map((e) => e.kind)).toEqual(['changed', 'changed', 'twoFobs', 'changed', 'changed']);
  });
});
