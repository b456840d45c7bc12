// The driving-restriction service: runs the engine on the vehicle's gear, speed and parking brake and publishes its answer to every screen.
import { restrictionsChanged } from '../../../shared/state/uxSlice';
import { signalFreshness, type SignalSample } from '../../../shared/state/vehicleSlice';
import { evaluateRestrictions, sameRestrictions, type UxInput } from '../../../shared/ux/restrictions';
import type { HostService, ServiceFactory } from '../../host/service';

export const UX_INPUTS = {
  speed: 'Vehicle.Speed',
  gear: 'Vehicle.Powertrain.Transmission.SelectedGear',
  parkingBrake: 'Vehicle.Chassis.ParkingBrake.IsEngaged',
} as const;

/** Inputs go stale without any action arriving, so the engine is also asked on a beat. */
export const UX_RECHECK_MS = 200;

export const uxService: ServiceFactory = (ctx): HostService => {
  const { store, clock } = ctx;
  const input = <T>(sample: SignalSample | undefined, now: number): UxInput<T> =>
    sample && { value: sample.value as T, fresh: signalFreshness(sample, now) === 'fresh' };

  let lastSignals: unknown = null;
  const evaluate = (force: boolean) => {
    const state = store.getState();
    const signals = state.vehicle.signals;
    if (!force && signals === lastSignals) return;
    lastSignals = signals;
    const now = clock();
    const next = evaluateRestrictions(
      {
        speed: input(signals[UX_INPUTS.speed], now),
        gear: input(signals[UX_INPUTS.gear], now),
        parkingBrake: input(signals[UX_INPUTS.parkingBrake], now),
      },
      // Read each time: the brand service replaces them when a developer switches brand live.
      ctx.uxThresholds,
    );
    if (!sameRestrictions(next, state.ux.restrictions)) store.dispatch(restrictionsChanged(next));
  };

  const unsubscribe = store.subscribe(() => evaluate(false));
  const beat = setInterval(() => evaluate(true), UX_RECHECK_MS);
  beat.unref();
  evaluate(true);

  return {
    name: 'ux',
    handlers: {},
    close() {
      clearInterval(beat);
      unsubscribe();
    },
  };
};
