// The driving-restriction engine (after Android Automotive's CarUxRestrictions): gear, speed and parking brake → what the driver may do.
import { z } from 'zod';

export type DrivingState = 'parked' | 'idling' | 'moving';

/** What a screen must not offer while the restriction is active. */
export const RESTRICTIONS = ['noKeyboard', 'limitedLists', 'limitedStrings', 'noSetup', 'noLongText', 'noVideo'] as const;
export type Restriction = (typeof RESTRICTIONS)[number];

/**
 * Why the engine decided as it did. `unknownInputs` and `staleInputs` mean it could not tell, and so
 * treats the car as moving: it fails closed.
 */
export type DrivingCause = 'gearPark' | 'parkingBrake' | 'stationary' | 'speed' | 'unknownInputs' | 'staleInputs';

export interface UxRestrictions {
  drivingState: DrivingState;
  cause: DrivingCause;
  /** Active restrictions, in the order of RESTRICTIONS. */
  active: Restriction[];
  /** Items a list may show while `limitedLists` is active. */
  maxListItems: number;
  /** Characters a string may show while `limitedStrings` is active. */
  maxStringChars: number;
}

export const uxThresholdsSchema = z
  .object({
    /** Above this speed (km/h) the car is moving; at or below it, stationary. Sensor noise sits below 1 km/h. */
    movingAboveKmh: z.number().min(0).max(10),
    maxListItems: z.number().int().min(1).max(50),
    maxStringChars: z.number().int().min(10).max(500),
    /** What each driving state restricts. Parked restricts nothing by default. */
    restrictedWhile: z
      .object({
        parked: z.array(z.enum(RESTRICTIONS)),
        idling: z.array(z.enum(RESTRICTIONS)),
        moving: z.array(z.enum(RESTRICTIONS)),
      })
      .strict(),
  })
  .strict();
export type UxThresholds = z.infer<typeof uxThresholdsSchema>;

export const DEFAULT_UX_THRESHOLDS: UxThresholds = {
  movingAboveKmh: 1,
  // AAOS's defaults for limited content: a short list, one line of text.
  maxListItems: 6,
  maxStringChars: 120,
  restrictedWhile: {
    parked: [],
    // Stopped in D at a light: the car may leave any second, so no video and no setup flows.
    idling: ['noVideo', 'noSetup'],
    moving: [...RESTRICTIONS],
  },
};

/** One input as the engine sees it: its value and whether it is fresh (the caller judges freshness by its own clock). */
export type UxInput<T> = { value: T; fresh: boolean } | undefined;

export interface UxInputs {
  /** VSS SelectedGear: 126 = Park, 127 = Drive, 0 = Neutral, negative = Reverse, positive = a forward gear. */
  gear: UxInput<number>;
  /** km/h. */
  speed: UxInput<number>;
  /** Only for cars whose mapping has it. */
  parkingBrake?: UxInput<boolean>;
}

const GEAR_PARK = 126;

export function evaluateRestrictions(inputs: UxInputs, thresholds: UxThresholds = DEFAULT_UX_THRESHOLDS): UxRestrictions {
  const { state, cause } = drivingState(inputs, thresholds);
  const wanted = new Set(thresholds.restrictedWhile[state]);
  return {
    drivingState: state,
    cause,
    active: RESTRICTIONS.filter((r) => wanted.has(r)),
    maxListItems: thresholds.maxListItems,
    maxStringChars: thresholds.maxStringChars,
  };
}

function drivingState({ gear, speed, parkingBrake }: UxInputs, t: UxThresholds): { state: DrivingState; cause: DrivingCause } {
  const known = <T>(input: UxInput<T>): input is { value: T; fresh: boolean } => input !== undefined && validValue(input.value);
  // Speed decides movement: a car rolling in P (towed, a broken pawl) is still moving.
  if (!known(speed)) return { state: 'moving', cause: 'unknownInputs' };
  if (!speed.fresh) return { state: 'moving', cause: 'staleInputs' };
  if (Math.abs(speed.value) > t.movingAboveKmh) return { state: 'moving', cause: 'speed' };
  if (known(gear) && gear.fresh && gear.value === GEAR_PARK) return { state: 'parked', cause: 'gearPark' };
  if (parkingBrake && known(parkingBrake) && parkingBrake.fresh && parkingBrake.value === true) {
    return { state: 'parked', cause: 'parkingBrake' };
  }
  if (!known(gear)) return { state: 'moving', cause: 'unknownInputs' };
  if (!gear.fresh) return { state: 'moving', cause: 'staleInputs' };
  return { state: 'idling', cause: 'stationary' };
}

function validValue(value: unknown): boolean {
  return typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** The state before any vehicle data arrived: moving, everything restricted (fail closed). */
export const UNKNOWN_RESTRICTIONS: UxRestrictions = evaluateRestrictions({ gear: undefined, speed: undefined });

export function isRestricted(ux: UxRestrictions, restriction: Restriction): boolean {
  return ux.active.includes(restriction);
}

export function sameRestrictions(a: UxRestrictions, b: UxRestrictions): boolean {
  return (
    a.drivingState === b.drivingState &&
    a.cause === b.cause &&
    a.maxListItems === b.maxListItems &&
    a.maxStringChars === b.maxStringChars &&
    a.active.length === b.active.length &&
    a.active.every((r, i) => b.active[i] === r)
  );
}
