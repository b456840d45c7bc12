// What station search needs of a vehicle definition: its inlets as connector standards, battery, charging limits and curve, rated consumption.
import type { VehicleDefinition } from '../vehicle/vehicleDefinition';
import type { ChargingVehicle } from './chargeTime';
import { standardsForInlets } from './standards';

export function chargingVehicle(definition: VehicleDefinition): ChargingVehicle {
  const { charging, battery, consumption } = definition;
  return {
    usableKwh: battery.usableKwh,
    dcCurve: charging.dcCurve.map((p) => ({ soc: p.soc, powerKw: p.powerKw })),
    maxAcKw: charging.maxAcKw,
    maxDcKw: charging.maxDcKw,
    standards: standardsForInlets([charging.acInlet, charging.dcInlet]),
    ratedWhPerKm: consumption.ratedWhPerKm,
  };
}
