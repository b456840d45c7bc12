// Which driver the key fob signal names: a change to another fob is a driver change; two fobs answering in turn is bad input.
//
// The keyless ECU reports one fob id at a time. With two fobs in the car it reports whichever answered last, so
// the id goes back and forth. A change A → B is a driver change; B → A (or to a third fob) soon after is not a
// second one: it is two fobs at once, and the driver is asked instead of the seat being moved back and forth.

/** Changes between fobs closer together than this are two fobs in the car, not two driver changes. */
export const TWO_FOBS_WINDOW_MS = 10_000;

export interface FobWatch {
  /** The last fob id seen (0 = none present); undefined before the first reading. */
  last: number | undefined;
  /** When the id last switched from one present fob to another (host monotonic ms). */
  lastSwitchAt: number;
  /** Until when any switch counts as two fobs (a window after the last conflicting switch). */
  conflictUntil: number;
}

export type FobEvent =
  | { kind: 'none' }
  /** A fob is present that was not there before: the driver it is paired with (or nobody) is driving. */
  | { kind: 'changed'; fob: number }
  /** The fob went away (0): whoever drives next will present theirs. */
  | { kind: 'gone' }
  /** Two (or more) fobs are answering in turn: ask who drives. */
  | { kind: 'twoFobs'; fobs: number[] };

export const initialFobWatch: FobWatch = { last: undefined, lastSwitchAt: -Infinity, conflictUntil: -Infinity };

/** Feeds one reading (fresh values only; a stale signal is no reading). Pure: returns the next state and what happened. */
export function observeFob(watch: FobWatch, fob: number, at: number): { watch: FobWatch; event: FobEvent } {
  if (fob === watch.last) return { watch, event: { kind: 'none' } };
  if (fob === 0) return { watch: { ...watch, last: 0 }, event: { kind: 'gone' } };
  const previous = watch.last;
  // From no fob to a fob: someone got in. From one fob to another: a driver change, unless it is the second
  // such switch within the window (or a conflict is still fresh), when it is two fobs answering in turn.
  if (previous === undefined || previous === 0) return { watch: { ...watch, last: fob }, event: { kind: 'changed', fob } };
  const conflict = at - watch.lastSwitchAt <= TWO_FOBS_WINDOW_MS || at < watch.conflictUntil;
  const next: FobWatch = { last: fob, lastSwitchAt: at, conflictUntil: conflict ? at + TWO_FOBS_WINDOW_MS : watch.conflictUntil };
  if (conflict) return { watch: next, event: { kind: 'twoFobs', fobs: [previous, fob].sort((a, b) => a - b) } };
  return { watch: next, event: { kind: 'changed', fob } };
}
