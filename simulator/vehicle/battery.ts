// The traction battery: stored energy and SoC, pack voltage and current, heat and cooling, the energy bookkeeping and the range estimate.
import type { Result } from '../../shared/result';
import { CABIN_EXTENSION_PREFIX as X } from '../../shared/vehicle/catalog';
import type { VehicleDefinition } from '../../shared/vehicle/vehicleDefinition';
import type { EventLog } from './events';
import { clamp, DT, round } from './physics';
import type { Signals, VehicleModule } from './signalTable';

const BATTERY = 'Vehicle.Powertrain.TractionBattery.';

/** What flows into and out of the pack this step, from the modules around it. */
export interface BatteryFlows {
  /** Battery-side traction power, W (negative while recuperating). */
  tractionW: number;
  /** What the charger delivers, kW. */
  chargePowerKw: number;
  /** A completed charge session keeps feeding the car's own loads, so they do not drain the pack. */
  gridFed: boolean;
  /** Electrical power the climate control draws, kW. */
  hvacPowerKw: number;
  /** Speed after this step's motion, m/s (for the consumption average). */
  speedMs: number;
  ambientC: number;
}

/** A freshly installed pack (battery swap). */
export interface InstalledPack {
  packId: number;
  socPercent: number;
  batteryTempC?: number;
  stateOfHealth?: number;
}

export class Battery implements VehicleModule {
  energyKwh: number;
  packId: number;
  stateOfHealth: number;
  batteryTempC: number;
  /** Net energy that went into the pack since the start (negative when driving), kWh; the energy-balance witness. */
  batteryEnergyInKwh = 0;
  /** Energy delivered by chargers since the start, kWh. */
  chargedKwh = 0;
  /** Energy recovered by regenerative braking since the start, kWh. */
  regenKwh = 0;
  consumptionWhPerKm: number;
  coolingPowerKw = 0;
  private powerInW = 0;
  private currentA = 0;
  private voltage: number;
  private emptyReported = false;

  constructor(
    private readonly def: VehicleDefinition,
    init: { socPercent: number; batteryTempC: number },
    private readonly log: EventLog,
  ) {
    this.energyKwh = (def.battery.usableKwh * clamp(init.socPercent, 0, 100)) / 100;
    this.packId = def.battery.packId;
    this.stateOfHealth = def.battery.stateOfHealth;
    this.batteryTempC = init.batteryTempC;
    this.voltage = this.openCircuitVoltage();
    this.consumptionWhPerKm = def.consumption.ratedWhPerKm;
  }

  get socPercent(): number {
    return (this.energyKwh / this.def.battery.usableKwh) * 100;
  }

  /** Overrides the state of charge (control panel); the energy bookkeeping restarts from here. */
  setSoc(percent: number): Result {
    if (!Number.isFinite(percent) || percent < 0 || percent > 100) return this.log.reject(`SoC ${percent} % is outside 0..100`);
    this.energyKwh = (this.def.battery.usableKwh * percent) / 100;
    this.emptyReported = percent <= 0;
    return { ok: true };
  }

  install(pack: InstalledPack): void {
    this.packId = pack.packId;
    this.energyKwh = (this.def.battery.usableKwh * pack.socPercent) / 100;
    this.batteryTempC = pack.batteryTempC ?? 25;
    this.stateOfHealth = pack.stateOfHealth ?? 98;
    this.emptyReported = false;
  }

  step(flows: BatteryFlows): void {
    const b = this.def.battery;
    const t = this.def.thermal;
    const capacity = b.usableKwh;
    const { tractionW, chargePowerKw } = flows;

    const hot = this.batteryTempC - t.coolingThresholdC;
    const coolingThermalKw = hot > 0 ? Math.min(t.maxCoolingKw, hot * 1.5) : 0;
    this.coolingPowerKw = coolingThermalKw / t.coolingCop;
    const loadW = flows.gridFed ? 0 : (this.def.consumption.auxiliaryKw + flows.hvacPowerKw + this.coolingPowerKw) * 1000;

    let inW = chargePowerKw * 1000 - tractionW - loadW;
    const before = this.energyKwh;
    let after = before + (inW * DT) / 3_600_000;
    if (after > capacity) {
      // A full pack takes nothing more: regen and charging are cut, never SoC above 100 %.
      after = capacity;
      inW = ((capacity - before) * 3_600_000) / DT;
    } else if (after < 0) {
      after = 0;
      inW = (-before * 3_600_000) / DT;
      if (!this.emptyReported) {
        this.emptyReported = true;
        this.log.emit('battery-empty', 'traction power cut');
      }
    }
    this.energyKwh = after;
    this.batteryEnergyInKwh += after - before;
    if (tractionW < 0) this.regenKwh += (-tractionW * DT) / 3_600_000;
    this.chargedKwh += (chargePowerKw * DT) / 3600;
    this.powerInW = inW;

    const ocv = this.openCircuitVoltage();
    this.currentA = inW / ocv;
    this.voltage = ocv + this.currentA * b.internalResistanceOhm;
    const jouleW = this.currentA * this.currentA * b.internalResistanceOhm;
    const exchangeW = t.batteryAmbientExchangeWPerK * (this.batteryTempC - flows.ambientC);
    this.batteryTempC += ((jouleW - exchangeW - coolingThermalKw * 1000) * DT) / (t.batteryHeatCapacityKjPerK * 1000);

    // Range follows recent driving: an average over roughly the last 5 km.
    const ds = flows.speedMs * DT;
    if (ds > 0.01 && tractionW !== 0) {
      const whPerKm = ((tractionW + loadW) * DT) / 3600 / (ds / 1000);
      const weight = Math.min(1, ds / 5000);
      this.consumptionWhPerKm = clamp(this.consumptionWhPerKm + (whPerKm - this.consumptionWhPerKm) * weight, 80, 400);
    }
  }

  private openCircuitVoltage(): number {
    return this.def.battery.nominalVoltage * (0.87 + 0.2 * (this.energyKwh / this.def.battery.usableKwh));
  }

  signals(out: Signals): void {
    const soc = this.socPercent;
    out[`${BATTERY}StateOfCharge.Current`] = round(soc, 3);
    out[`${BATTERY}StateOfCharge.Displayed`] = Math.round(soc);
    out['Vehicle.Powertrain.Range'] = Math.max(0, Math.round((this.energyKwh * 1000 * 1000) / this.consumptionWhPerKm));
    out[`${BATTERY}CurrentVoltage`] = round(this.voltage, 2);
    out[`${BATTERY}CurrentCurrent`] = round(this.currentA, 2);
    out[`${BATTERY}CurrentPower`] = Math.round(this.powerInW);
    out[`${BATTERY}Temperature.Average`] = round(this.batteryTempC, 2);
    out[`${BATTERY}StateOfHealth`] = this.stateOfHealth;
    out[`${X}Battery.InstalledPackId`] = this.packId;
    out[`${X}Battery.SwapStandard`] = this.def.battery.swapStandard;
    // The 12 V system is not modelled: steady values a healthy car shows.
    out['Vehicle.LowVoltageBattery.CurrentVoltage'] = 14.1;
    out['Vehicle.LowVoltageBattery.CurrentCurrent'] = 1.5;
    out[`${X}LowVoltageBattery.StateOfCharge`] = 92;
  }
}
