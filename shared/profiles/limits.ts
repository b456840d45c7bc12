// The ranges a profile's values may take: one table for the schema, the learner and the screens' steppers.
export const PROFILE_LIMITS = {
  /** Characters (code points) of a name after trimming. */
  nameLength: 40,
  seatPositionMm: { min: 0, max: 500 },
  seatHeightMm: { min: 0, max: 150 },
  reclineDeg: { min: 0, max: 60 },
  lumbarPercent: { min: 0, max: 100 },
  mirrorPercent: { min: -100, max: 100 },
  steeringPercent: { min: 0, max: 100 },
  /** The range every HVAC head offers; a profile outside it is a typo, not a preference. */
  temperatureC: { min: 16, max: 32 },
  fanPercent: { min: 0, max: 100 },
  seatHeatingLevel: { min: 0, max: 3 },
  regenLevel: { min: 0, max: 3 },
  targetSocPercent: { min: 50, max: 100 },
  /** Low-battery warnings: amber at or below `low`, red at or below `critical` (the assistant's thresholds). */
  lowBatteryPercent: { min: 10, max: 50 },
  criticalBatteryPercent: { min: 5, max: 30 },
  minPowerKw: { min: 0, max: 500 },
  keyFob: { min: 1, max: 4_294_967_295 },
  keyFobs: 4,
  favouriteStations: 20,
  operators: 20,
  swapNetworks: 10,
  idLength: 64,
  placeLabel: 80,
} as const;
