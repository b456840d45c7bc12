// Keeps the frame times a gateway sends from ever going backwards, across replay loops, source restarts and clock steps.
import type { CanFrame } from '../shared/can/frame';

/** A step back larger than this (seconds) is a restart of the source's clock, not jitter between buses. */
export const CLOCK_STEP_S = 1;

export interface Timeline {
  /**
   * The frame as clients should see it: its time shifted by the running offset and never below the last
   * time sent. Returns the same object when nothing changes (the common case), a copy otherwise,
   * because sources may hold on to their frames (a replay's log).
   */
  place(frame: CanFrame): CanFrame;
  /** The source announced a restart: a step back in the frames that follow is expected, not reported again. */
  expectRestart(): void;
  readonly stats: { clamped: number; clockSteps: number };
}

/**
 * `onClockStep` is called when a frame's time fell back by more than CLOCK_STEP_S without an announced
 * restart (a source whose clock started again): from then on times continue from the last one sent.
 */
export function createTimeline(onClockStep: () => void): Timeline {
  let offset = 0;
  let last = -Infinity;
  let restartExpected = false;
  const stats = { clamped: 0, clockSteps: 0 };
  return {
    stats,
    expectRestart() {
      restartExpected = true;
    },
    place(frame) {
      let t = frame.t + offset;
      if (t < last) {
        if (last - t > CLOCK_STEP_S || restartExpected) {
          // A new run of the source: continue its clock from where the old one stopped.
          offset += last - t;
          if (!restartExpected) {
            stats.clockSteps++;
            onClockStep();
          }
        } else {
          // Small disorder between buses or timestamps: hold time still rather than let it go back.
          stats.clamped++;
        }
        t = last;
      }
      restartExpected = false;
      last = t;
      return t === frame.t ? frame : { ...frame, t };
    },
  };
}
