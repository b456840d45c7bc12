// Tests of the gateway's frame timeline: times never go back; small disorder is held, a clock restart shifts and is reported once.
import { describe, expect, it } from 'vitest';
import type { CanFrame } from '../shared/can/frame';
import { createTimeline } from './timeline';

const frame = (t: number): CanFrame => ({ t, bus: 'can0', id: 1, extended: false, flags: 0, data: new Uint8Array() });

describe('timeline', () => {
  it('passes rising times through as the same objects', () => {
    const tl = createTimeline(() => {});
    const f = frame(5);
    expect(tl.place(f)).toBe(f);
    expect(tl.place(frame(5)).t).toBe(5);
    expect(tl.place(frame(6)).t).toBe(6);
    expect(tl.stats).toEqual({ clamped: 0, clockSteps: 0 });
  });

  it('holds a small step back at the last time, without changing the source frame', () => {
    const tl = createTimeline(() => {});
    tl.place(frame(10));
    const late = frame(9.5);
    expect(tl.place(late).t).toBe(10);
    expect(late.t).toBe(9.5);
    expect(tl.place(frame(10.2)).t).toBe(10.2);
    expect(tl.stats.clamped).toBe(1);
  });

  it('continues from the last time after a clock restart, and reports it once', () => {
    let steps = 0;
    const tl = createTimeline(() => steps++);
    tl.place(frame(100));
    expect(tl.place(frame(0)).t).toBe(100);
    expect(tl.place(frame(0.5)).t).toBe(100.5);
    expect(tl.place(frame(1)).t).toBe(101);
    expect(steps).toBe(1);
    expect(tl.stats.clockSteps).toBe(1);
  });

  it('an announced restart shifts time without a second report', () => {
    let steps = 0;
    const tl = createTimeline(() => steps++);
    tl.place(frame(3));
    tl.expectRestart();
    expect(tl.place(frame(2.9)).t).toBe(3);
    expect(tl.place(frame(3.4)).t).toBeCloseTo(3.5);
    expect(steps).toBe(0);
  });
});
