// When a screen is offered: the vehicle must be able to use it (vehicle.json) and the brand must ship the feature.
import type { Feature } from '../../shared/brand/brandSchema';
import type { RootState } from '../../shared/state/rootReducer';
import type { ScreenDefinition } from './screen';

/** The brand on screen ships this feature (a brand without swap hides the swap screen). */
export const brandOffers = (feature: Feature) => (state: RootState) => state.brand.active.features[feature];

/** The car can charge; until a vehicle is known nothing is hidden for it. */
export const vehicleCanCharge = (state: RootState) => state.vehicle.capabilities?.charging ?? true;

/** The car's pack follows a swap standard (a petrol car's does not). */
export const vehicleCanSwap = (state: RootState) => state.vehicle.capabilities?.swap ?? true;

export const all =
  (...conditions: Array<(state: RootState) => boolean>) =>
  (state: RootState) =>
    conditions.every((condition) => condition(state));

/** The same screen, offered only when `when` holds as well as its own `shown`. */
export function offeredWhen(screen: ScreenDefinition, when: (state: RootState) => boolean): ScreenDefinition {
  return { ...screen, shown: (state) => when(state) && (screen.shown?.(state) ?? true) };
}
