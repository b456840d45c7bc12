// Charging: a plugged-in AC or DC session, the power the car accepts (DC curve, thermal derating), the charge limit and the session's end.
import type { Result } from '../../shared/result';
import { CABIN_EXTENSION_PREFIX as X } from '../../shared/vehicle/catalog';
import { dcCurvePowerKw, type VehicleDefinition } from '../../shared/vehicle/vehicleDefinition';
import type { EventLog } from './events';
import { clamp, round } from './physics';
import type { Signals, VehicleModule, Writer } from './signalTable';

const BATTERY = 'Vehicle.Powertrain.TractionBattery.';

export interface ChargeRequest {
  kind: 'AC' | 'DC';
  /** What the charger can deliver, kW. */
  powerKw: number;
  /** Stop at this SoC %; defaults to the car's charge limit. */
  limitPercent?: number;
}

type ChargeSession = { kind: 'AC' | 'DC'; chargerKw: number; limit: number; state: 'CHARGING' | 'COMPLETE' | 'CONNECTED' };

export class Charging implements VehicleModule {
  private session: ChargeSession | null = null;
  /** The car's own charge limit, %; a session may have its own. */
  private chargeLimit = 100;
  /** What the charger delivers this step, kW. */
  powerKw = 0;
  readonly writers: Readonly<Record<string, Writer>>;

  constructor(
    private readonly def: VehicleDefinition,
    private readonly log: EventLog,
  ) {
    this.writers = {
      [`${BATTERY}Charging.ChargeLimit`]: (target) => {
        if ((target as number) < 50) return this.log.reject(`charge limit ${target} % is below 50 %`);
        this.chargeLimit = target as number;
        if (this.session) this.session.limit = target as number;
        return { ok: true };
      },
    };
  }

  /** A cable is connected (charging, complete or stopped). */
  get connected(): boolean {
    return this.session !== null;
  }

  get isCharging(): boolean {
    return this.session?.state === 'CHARGING';
  }

  /** The session is complete: the charger feeds the car's own loads, so the pack stays at its limit. */
  get gridFed(): boolean {
    return this.session?.state === 'COMPLETE';
  }

  /** Plugs in and starts; the caller has checked that the car is parked and nothing else holds it. */
  start(request: ChargeRequest, socPercent: number): Result {
    if (!(request.powerKw > 0)) return this.log.reject(`charger power ${request.powerKw} kW must be positive`);
    const limit = request.limitPercent ?? this.chargeLimit;
    this.session = { kind: request.kind, chargerKw: request.powerKw, limit, state: 'CHARGING' };
    this.log.emit('charge-started', `${request.kind} ${request.powerKw} kW to ${limit} %`);
    if (socPercent >= limit) this.end('charge-completed', `already at ${socPercent.toFixed(1)} %`);
    return { ok: true };
  }

  /** Stops a session and unplugs. */
  stop(socPercent: number): Result {
    if (!this.session) return this.log.reject('no charging session to stop');
    if (this.session.state === 'CHARGING') this.end('charge-stopped', `stopped at ${socPercent.toFixed(1)} %`);
    this.session = null;
    this.log.emit('unplugged', '');
    return { ok: true };
  }

  /** The simulated driver unplugs before driving off; a real car refuses to move while plugged in. */
  unplugToDrive(): void {
    if (!this.session) return;
    this.end('unplugged', 'cable removed before leaving P');
    this.session = null;
  }

  /** The power the pack takes this step: the DC curve or the AC limit, capped by the charger, derated outside 10..50 °C. */
  stepPower(socPercent: number, batteryTempC: number): void {
    this.powerKw = 0;
    if (this.session?.state !== 'CHARGING') return;
    const ch = this.def.charging;
    const accepted = this.session.kind === 'DC' ? Math.min(dcCurvePowerKw(ch.dcCurve, socPercent), ch.maxDcKw) : ch.maxAcKw;
    // A cold pack takes less, a hot one is protected.
    const thermal = clamp((batteryTempC + 10) / 20, 0.2, 1) * clamp((60 - batteryTempC) / 10, 0, 1);
    this.powerKw = Math.min(accepted, this.session.chargerKw) * thermal;
  }

  /** Ends the session once the pack reached its limit. */
  checkComplete(socPercent: number, chargedKwh: number): void {
    if (this.session?.state === 'CHARGING' && socPercent >= this.session.limit - 1e-9) {
      this.end('charge-completed', `${socPercent.toFixed(1)} %, ${chargedKwh.toFixed(2)} kWh delivered in total`);
    }
  }

  private end(kind: 'charge-completed' | 'charge-stopped' | 'unplugged', detail: string): void {
    if (this.session) this.session.state = kind === 'charge-completed' ? 'COMPLETE' : 'CONNECTED';
    this.powerKw = 0;
    this.log.emit(kind, detail);
  }

  signals(out: Signals): void {
    const session = this.session;
    out[`${BATTERY}Charging.IsCharging`] = session?.state === 'CHARGING';
    out[`${BATTERY}Charging.ChargingPort.AnyPosition.IsChargingCableConnected`] = session !== null;
    out[`${BATTERY}Charging.ChargingPort.AnyPosition.IsFlapOpen`] = session !== null;
    out[`${BATTERY}Charging.ChargeLimit`] = session ? session.limit : this.chargeLimit;
    out[`${X}Charging.State`] = session ? session.state : 'DISCONNECTED';
    out[`${X}Charging.Power`] = round(this.powerKw, 2);
    out[`${X}Charging.ActiveInletType`] = session ? (session.kind === 'DC' ? this.def.charging.dcInlet : this.def.charging.acInlet) : 'OTHER';
  }
}
