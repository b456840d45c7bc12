// The vehicle definition (assets/vehicles/<id>/vehicle.json): battery, pack/swap standard, inlets, charging and consumption figures.
import { z } from 'zod';
import { INLET_TYPES, SWAP_STANDARDS } from './catalog';

const curvePoint = z.strictObject({
  soc: z.number().min(0).max(100),
  powerKw: z.number().min(0),
});

export const vehicleDefinitionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  name: z.string().min(1),
  battery: z.strictObject({
    usableKwh: z.number().positive(),
    nominalVoltage: z.number().positive(),
    /** Pack-level internal resistance; only heats the pack (its losses are inside the usable-energy figure). */
    internalResistanceOhm: z.number().min(0),
    /** Serial of the factory pack (uint32, as the CAN bus carries it). */
    packId: z.number().int().min(1).max(4_294_967_295),
    /** Swap standard the pack follows (catalog SWAP_STANDARDS), and the pack family within it. */
    swapStandard: z.enum(SWAP_STANDARDS),
    packFamily: z.string().min(1),
    stateOfHealth: z.number().min(0).max(100),
  }),
  charging: z.strictObject({
    acInlet: z.enum(INLET_TYPES),
    dcInlet: z.enum(INLET_TYPES),
    maxAcKw: z.number().positive(),
    maxDcKw: z.number().positive(),
    /** Battery-side DC power the pack accepts at each SoC; linear between points. */
    dcCurve: z
      .array(curvePoint)
      .min(2)
      .refine((points) => points.every((p, i) => i === 0 || p.soc > points[i - 1].soc), 'SoC must increase from point to point')
      .refine((points) => points[0].soc === 0 && points[points.length - 1].soc === 100, 'the curve must span SoC 0 to 100'),
  }),
  consumption: z.strictObject({
    /** Vehicle mass with driver, kg. */
    massKg: z.number().positive(),
    /** Drag coefficient × frontal area, m². */
    dragAreaM2: z.number().positive(),
    rollingResistance: z.number().positive(),
    /** Battery → wheel efficiency when driving. */
    drivetrainEfficiency: z.number().gt(0).max(1),
    /** Wheel → battery efficiency when recuperating. */
    regenEfficiency: z.number().min(0).max(1),
    maxRegenKw: z.number().min(0),
    maxMotorKw: z.number().positive(),
    /** 12 V systems, infotainment, pumps: kW drawn whenever the car is awake. */
    auxiliaryKw: z.number().min(0),
    /** Used for the range estimate until the car has driven a few km. */
    ratedWhPerKm: z.number().positive(),
  }),
  thermal: z.strictObject({
    /** Pack heat capacity, kJ/K. */
    batteryHeatCapacityKjPerK: z.number().positive(),
    /** Passive exchange with ambient air, W/K. */
    batteryAmbientExchangeWPerK: z.number().min(0),
    /** Active cooling starts above this pack temperature, °C. */
    coolingThresholdC: z.number(),
    maxCoolingKw: z.number().min(0),
    /** Cabin air + interior heat capacity, kJ/K. */
    cabinHeatCapacityKjPerK: z.number().positive(),
    /** Cabin ↔ outside heat exchange, W/K. */
    cabinAmbientExchangeWPerK: z.number().min(0),
    hvacMaxThermalKw: z.number().min(0),
    heatPumpCop: z.number().positive(),
    coolingCop: z.number().positive(),
  }),
});

export type VehicleDefinition = z.infer<typeof vehicleDefinitionSchema>;

export interface VehicleDefinitionIssue {
  /** JSON path, e.g. `charging.dcCurve[3].soc`. */
  path: string;
  message: string;
}

/** Validates a parsed vehicle.json; problems come back with their JSON paths instead of throwing. */
export function parseVehicleDefinition(
  value: unknown,
): { ok: true; definition: VehicleDefinition } | { ok: false; issues: VehicleDefinitionIssue[] } {
  const result = vehicleDefinitionSchema.safeParse(value);
  if (result.success) return { ok: true, definition: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ path: formatJsonPath(issue.path), message: issue.message })),
  };
}

function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** DC power (kW) the pack accepts at `soc` %, interpolated linearly on the curve. */
export function dcCurvePowerKw(curve: VehicleDefinition['charging']['dcCurve'], soc: number): number {
  if (soc <= curve[0].soc) return curve[0].powerKw;
  for (let i = 1; i < curve.length; i++) {
    const b = curve[i];
    if (soc <= b.soc) {
      const a = curve[i - 1];
      return a.powerKw + ((b.powerKw - a.powerKw) * (soc - a.soc)) / (b.soc - a.soc);
    }
  }
  return curve[curve.length - 1].powerKw;
}
