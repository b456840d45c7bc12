// Climate control: cabin air warmed or cooled toward the set point against the leak to outside, the fans, and the power the HVAC draws.
import type { Result } from '../../shared/result';
import type { VehicleDefinition } from '../../shared/vehicle/vehicleDefinition';
import { Actuator, ActuatorGroup } from './actuator';
import type { EventLog } from './events';
import { clamp, DT, round } from './physics';
import type { Signals, VehicleModule, Writer } from './signalTable';

const HVAC = 'Vehicle.Cabin.HVAC.';
const DRIVER_SETPOINT = `${HVAC}Station.Row1.Driver.Temperature`;
const DRIVER_FAN = `${HVAC}Station.Row1.Driver.FanSpeed`;
const SETPOINT_RANGE_C = { min: 16, max: 30 };

export class Climate implements VehicleModule {
  cabinTempC: number;
  on: boolean;
  /** Electrical power the heat pump / A/C and the fan draw, kW. */
  hvacPowerKw = 0;
  readonly fans: ActuatorGroup;
  private readonly setpoints: Record<string, number>;
  readonly writers: Readonly<Record<string, Writer>>;

  constructor(
    private readonly def: VehicleDefinition,
    init: { cabinTempC: number; climateOn: boolean; climateSetpointC: number },
    log: EventLog,
  ) {
    this.cabinTempC = init.cabinTempC;
    this.on = init.climateOn;
    const reject = (error: string): Result => log.reject(error);
    this.fans = new ActuatorGroup(
      {
        [DRIVER_FAN]: new Actuator(30, 40, 0, 100),
        [`${HVAC}Station.Row1.Passenger.FanSpeed`]: new Actuator(30, 40, 0, 100),
      },
      reject,
    );
    this.setpoints = {
      [DRIVER_SETPOINT]: init.climateSetpointC,
      [`${HVAC}Station.Row1.Passenger.Temperature`]: init.climateSetpointC,
    };
    const writers: Record<string, Writer> = {
      ...this.fans.writers,
      [`${HVAC}IsAirConditioningActive`]: (target) => {
        this.on = target as boolean;
        return { ok: true };
      },
    };
    for (const path of Object.keys(this.setpoints)) {
      writers[path] = (target) => {
        const celsius = target as number;
        if (celsius < SETPOINT_RANGE_C.min || celsius > SETPOINT_RANGE_C.max) {
          return reject(`${target} °C is outside the ${SETPOINT_RANGE_C.min}..${SETPOINT_RANGE_C.max} °C set-point range`);
        }
        this.setpoints[path] = celsius;
        return { ok: true };
      };
    }
    this.writers = writers;
  }

  /** Cabin air follows the HVAC (heat pump / A/C) against the leak to outside air. */
  step(ambientC: number): void {
    const t = this.def.thermal;
    const leakKw = (t.cabinAmbientExchangeWPerK * (this.cabinTempC - ambientC)) / 1000;
    let heatKw = 0;
    this.hvacPowerKw = 0;
    if (this.on) {
      const setpoint = this.setpoints[DRIVER_SETPOINT];
      // Hold the set point and close the remaining gap over about two minutes.
      const wanted = leakKw + (t.cabinHeatCapacityKjPerK * (setpoint - this.cabinTempC)) / 120;
      heatKw = clamp(wanted, -t.hvacMaxThermalKw, t.hvacMaxThermalKw);
      const fan = this.fans.actuators[DRIVER_FAN].current;
      this.hvacPowerKw = Math.abs(heatKw) / (heatKw >= 0 ? t.heatPumpCop : t.coolingCop) + 0.002 * fan;
    }
    this.cabinTempC += ((heatKw - leakKw) * DT) / t.cabinHeatCapacityKjPerK;
  }

  /** The fans move toward their targets (after the physics of the step used their current speed). */
  stepActuators(dtS: number): void {
    this.fans.step(dtS);
  }

  signals(out: Signals): void {
    out[`${HVAC}IsAirConditioningActive`] = this.on;
    out[`${HVAC}AmbientAirTemperature`] = round(this.cabinTempC, 2);
    this.fans.signals(out);
    for (const key in this.setpoints) out[key] = this.setpoints[key];
  }

  targets(out: Record<string, number>): void {
    this.fans.targets(out);
    for (const key in this.setpoints) out[key] = this.setpoints[key];
  }
}
