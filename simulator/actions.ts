// Applies one scenario action (a timeline step or a control-panel override) to the simulated vehicle.
import type { ScenarioAction } from './scenario';
import { DRIVE_PROFILES, type CommandResult, type DriveProfile, type SimVehicle } from './vehicle';

/** Actions that are not the vehicle's business (faults) come back as `{ ok: true }` and are handled by the runner. */
export function applyAction(vehicle: SimVehicle, action: ScenarioAction): CommandResult {
  const profile: DriveProfile | undefined =
    action.profile === undefined ? undefined : typeof action.profile === 'string' ? DRIVE_PROFILES[action.profile] : action.profile;
  if (action.speed !== undefined) return vehicle.setTargetSpeed(action.speed, profile);
  if (action.stop) return vehicle.setTargetSpeed(0, profile);
  if (action.gear !== undefined) return vehicle.setGear(action.gear);
  if (action.charge) return vehicle.startCharging({ kind: action.charge.kind, powerKw: action.charge.powerKw, limitPercent: action.charge.limit });
  if (action.unplug) return vehicle.stopCharging();
  if (action.swap) {
    return vehicle.startSwap({
      packId: action.swap.packId,
      socPercent: action.swap.soc,
      durationS: action.swap.duration,
      batteryTempC: action.swap.batteryTemperature,
      stateOfHealth: action.swap.stateOfHealth,
    });
  }
  if (action.driver) return vehicle.setDriver(action.driver.id, action.driver.keyFob);
  if (action.timeOfDay !== undefined) return vehicle.setTimeOfDay(action.timeOfDay);
  if (action.lights !== undefined) return vehicle.setLightsMode(action.lights === 'auto' ? 'AUTO' : action.lights === 'on' ? 'ON' : 'OFF');
  if (action.ambient !== undefined) return vehicle.setAmbientTemperature(action.ambient);
  if (action.tunnel !== undefined) return vehicle.setTunnel(action.tunnel);
  if (action.command) return vehicle.command(action.command);
  if (action.soc !== undefined) return vehicle.setSoc(action.soc);
  if (action.driveMode !== undefined) return vehicle.setPerformanceMode(action.driveMode);
  if (action.regen !== undefined) return vehicle.setRegenLevel(action.regen);
  if (action.climate) {
    if (action.climate.setpoint !== undefined) {
      for (const seat of ['Driver', 'Passenger']) {
        const result = vehicle.command({ path: `Vehicle.Cabin.HVAC.Station.Row1.${seat}.Temperature`, target: Math.round(action.climate.setpoint) });
        if (!result.ok) return result;
      }
    }
    if (action.climate.on !== undefined) return vehicle.command({ path: 'Vehicle.Cabin.HVAC.IsAirConditioningActive', target: action.climate.on });
    return { ok: true };
  }
  if (action.location) return vehicle.setLocation(action.location.lat, action.location.lon, action.location.heading);
  return { ok: true };
}
