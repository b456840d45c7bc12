// What a vehicle definition (vehicle.json) says the car is: a traction battery or not, whether it can charge and swap — what decides which screens it is offered.
import { parseVehicleDefinition } from './vehicleDefinition';

export interface VehicleCapabilities {
  /** An electric car's high-voltage battery (state of charge, range). */
  tractionBattery: boolean;
  /** It has a charging inlet. */
  charging: boolean;
  /** Its pack follows a battery-swap standard. */
  swap: boolean;
}

const NONE: VehicleCapabilities = { tractionBattery: false, charging: false, swap: false };

/**
 * Reads what vehicle.json says. A full EV definition (the schema of vehicleDefinition.ts) can charge, and swap
 * unless its standard is NONE; a reference definition without a traction battery (a combustion car such
 * as hyundai-2015, `"tractionBattery": false`) can do neither. Anything else is treated as the latter.
 */
export function vehicleCapabilities(json: unknown): VehicleCapabilities {
  const parsed = parseVehicleDefinition(json);
  if (parsed.ok) return { tractionBattery: true, charging: true, swap: parsed.definition.battery.swapStandard !== 'NONE' };
  const declared = typeof json === 'object' && json !== null ? (json as { tractionBattery?: unknown }).tractionBattery : undefined;
  return declared === true ? { tractionBattery: true, charging: true, swap: false } : NONE;
}
