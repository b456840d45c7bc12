// Status values the physics does not model but the DBC carries, filled in so the bus never shows a raw 0 for them.
import type { VssValue } from '../../shared/vehicle/vssValue';
import type { VehicleDefinition } from '../../shared/vehicle/vehicleDefinition';

const BATTERY = 'Vehicle.Powertrain.TractionBattery.';

/**
 * Adds (in place) a ±1.5 °C cell spread around the pack average (a raw 0 would read −40 °C), DC
 * charge voltage/current while DC charging, and the time to the charge limit at the present power.
 */
export function withDerived(signals: Record<string, VssValue>, def: VehicleDefinition): Record<string, VssValue> {
  const avg = signals[`${BATTERY}Temperature.Average`];
  if (typeof avg === 'number') {
    signals[`${BATTERY}Temperature.Min`] ??= Math.round((avg - 1.5) * 10) / 10;
    signals[`${BATTERY}Temperature.Max`] ??= Math.round((avg + 1.5) * 10) / 10;
  }
  const charging = signals[`${BATTERY}Charging.IsCharging`] === true;
  const dc = charging && signals['Vehicle.Private.CabinIVI.Charging.ActiveInletType'] === def.charging.dcInlet;
  signals[`${BATTERY}Charging.ChargeVoltage.DC`] ??= dc ? (signals[`${BATTERY}CurrentVoltage`] as number) : 0;
  signals[`${BATTERY}Charging.ChargeCurrent.DC`] ??= dc ? Math.max(0, signals[`${BATTERY}CurrentCurrent`] as number) : 0;
  const powerKw = signals['Vehicle.Private.CabinIVI.Charging.Power'];
  const soc = signals[`${BATTERY}StateOfCharge.Current`];
  const limit = signals[`${BATTERY}Charging.ChargeLimit`];
  let seconds = 0;
  if (charging && typeof powerKw === 'number' && powerKw > 0 && typeof soc === 'number' && typeof limit === 'number') {
    seconds = Math.round((Math.max(0, limit - soc) / 100) * def.battery.usableKwh / powerKw * 3600);
  }
  signals[`${BATTERY}Charging.TimeToComplete`] ??= seconds;
  return signals;
}
