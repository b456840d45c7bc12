// Follows the key fob signal: a paired fob switches to its profile after a short notice the driver can cancel; others open the picker.
import { initialFobWatch, observeFob, type FobWatch } from '../../../shared/profiles/keyFobs';
import { pickerChanged, switchCancelled, switchScheduled } from '../../../shared/state/profilesSlice';
import { signalFreshness } from '../../../shared/state/vehicleSlice';
import type { MonotonicClock } from '../../host/clock';
import type { HostStore } from '../../host/hostStore';

export const KEY_FOB_PATH = 'Vehicle.Private.CabinIVI.KeyFob.Id';
/** Long enough to read "Switching to Wang" and press Cancel; short enough that the seat is ready before the belt is. */
export const DEFAULT_SWITCH_DELAY_MS = 5000;

export interface FobFollower {
  /** The fob in the car now (fresh reading, not 0), or null. */
  presentFob(): number | null;
  /** Drops a scheduled switch; answers whether there was one. */
  cancel(): boolean;
  close(): void;
}

export interface FobFollowerOptions {
  store: HostStore;
  clock: MonotonicClock;
  delayMs?: number;
  /** Switches to a profile (the fob's), as the driver choosing it would. */
  activate(profileId: string): void;
  report: (line: string) => void;
}

export function createFobFollower({ store, clock, delayMs = DEFAULT_SWITCH_DELAY_MS, activate, report }: FobFollowerOptions): FobFollower {
  let watch: FobWatch = initialFobWatch;
  let timer: NodeJS.Timeout | null = null;
  let lastSample: unknown;

  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  const cancel = () => {
    const had = store.getState().profiles.pendingSwitch !== null;
    clearTimer();
    if (had) store.dispatch(switchCancelled());
    return had;
  };

  const paired = (fob: number) => store.getState().profiles.profiles.find((p) => p.keyFobs.includes(fob)) ?? null;

  const onChanged = (fob: number) => {
    const state = store.getState().profiles;
    const profile = paired(fob);
    if (!profile) {
      cancel();
      report(`profiles: key fob ${fob} is not paired with a profile`);
      // Nobody to offer when there are no profiles: the device defaults simply stay.
      if (state.profiles.length > 0) store.dispatch(pickerChanged({ open: true, cause: 'unknownFob', fob }));
      return;
    }
    if (state.picker.open) store.dispatch(pickerChanged({ open: false }));
    if (state.activeId === profile.id) {
      cancel();
      return;
    }
    clearTimer();
    store.dispatch(switchScheduled({ profileId: profile.id, fob, dueAt: clock() + delayMs }));
    report(`profiles: key fob ${fob} is ${profile.id}'s; switching in ${delayMs} ms unless cancelled`);
    timer = setTimeout(() => {
      timer = null;
      const due = store.getState().profiles.pendingSwitch;
      if (due?.profileId === profile.id) activate(profile.id);
    }, delayMs);
    timer.unref();
  };

  const unsubscribe = store.subscribe(() => {
    const sample = store.getState().vehicle.signals[KEY_FOB_PATH];
    if (sample === lastSample) return;
    lastSample = sample;
    if (!sample || typeof sample.value !== 'number' || signalFreshness(sample, clock()) !== 'fresh') return;
    const { watch: next, event } = observeFob(watch, sample.value, clock());
    watch = next;
    switch (event.kind) {
      case 'changed':
        onChanged(event.fob);
        break;
      case 'twoFobs':
        cancel();
        report(`profiles: key fobs ${event.fobs.join(' and ')} answer in turn (two fobs in the car); asking who drives`);
        store.dispatch(pickerChanged({ open: true, cause: 'twoFobs', fobs: event.fobs }));
        break;
      default:
        break;
    }
  });

  return {
    presentFob() {
      const sample = store.getState().vehicle.signals[KEY_FOB_PATH];
      if (!sample || typeof sample.value !== 'number' || sample.value === 0 || signalFreshness(sample, clock()) !== 'fresh') return null;
      return sample.value;
    },
    cancel,
    close() {
      clearTimer();
      unsubscribe();
    },
  };
}
