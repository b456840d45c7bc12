// Applies one scenario action (a timeline step or a control-panel override) to the simulated vehicle.
import type { Result } from '../shared/result';
import type { ScenarioAction } from './scenario';
import type { LightsMode } from './vehicle/lights';
import { DRIVE_PROFILES, type DriveProfile } from './vehicle/motion';
import type { SimVehicle } from './vehicle/simVehicle';

/** A scenario's light switch (`on`, `off`, `auto`) as the vehicle's lights mode. */
export function lightsModeOf(lights: 'auto' | 'on' | 'off'): LightsMode {
  return lights === 'auto' ? 'AUTO' : lights === 'on' ? 'ON' : 'OFF';
}

/** Actions that are not the vehicle's business (faults) come back as `{ ok: true }` and are handled by the runner. */
export function applyAction(vehicle: SimVehicle, action: ScenarioAction): Result {
  const profile: DriveProfile | undefined =
    action.profile === undefined ? undefined : typeof action.profile === 'string' ? DRIVE_PROFILES[action.profile] : action.profile;
  if (action.speed !== undefined) return vehicle.motion.setTargetSpeed(action.speed, profile);
  if (action.stop) return vehicle.motion.setTargetSpeed(0, profile);
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
  if (action.driver) return vehicle.keyFob.present(action.driver.id, action.driver.keyFob);
  if (action.timeOfDay !== undefined) return vehicle.setTimeOfDay(action.timeOfDay);
  if (action.lights !== undefined) return vehicle.lights.setMode(lightsModeOf(action.lights));
  if (action.ambient !== undefined) return vehicle.environment.setAmbientTemperature(action.ambient);
  if (action.tunnel !== undefined) return vehicle.lights.setTunnel(action.tunnel);
  if (action.command) return vehicle.command(action.command);
  if (action.soc !== undefined) return vehicle.battery.setSoc(action.soc);
  if (action.driveMode !== undefined) return vehicle.motion.setPerformanceMode(action.driveMode);
  if (action.regen !== undefined) return vehicle.motion.setRegenLevel(action.regen);
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
  if (action.location) return vehicle.motion.setLocation(action.location.lat, action.location.lon, action.location.heading);
  return { ok: true };
}
