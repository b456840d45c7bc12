// Exterior lights: daylight from the time of day, darkness in tunnels, and the low beam (automatic with hysteresis, or switched) and high beam.
import type { Result } from '../../shared/result';
import type { EventLog } from './events';
import { clamp, round } from './physics';
import type { Signals, VehicleModule, Writer } from './signalTable';

export type LightsMode = 'AUTO' | 'ON' | 'OFF';

/** What the lights read at each update: the time of day, and whether the car's place on its route is in a tunnel. */
export interface DaylightSources {
  clock: { readonly hourOfDay: number };
  position: { readonly inTunnel: boolean };
}

export class Lights implements VehicleModule {
  mode: LightsMode;
  lowBeam = false;
  highBeam = false;
  lightIntensity = 100;
  inTunnel = false;
  /** A tunnel the scenario declares, wherever the car is. */
  private forcedTunnel = false;
  readonly writers: Readonly<Record<string, Writer>>;

  constructor(
    mode: LightsMode,
    private readonly world: DaylightSources,
    private readonly log: EventLog,
  ) {
    this.mode = mode;
    this.writers = {
      'Vehicle.Body.Lights.Beam.Low.IsOn': (target) => this.setMode(target ? 'ON' : 'OFF'),
      'Vehicle.Body.Lights.Beam.High.IsOn': (target) => {
        if (target && !this.lowBeam) return this.log.reject('high beam needs the low beam on');
        this.highBeam = target as boolean;
        return { ok: true };
      },
    };
  }

  setMode(mode: LightsMode): Result {
    this.mode = mode;
    this.update(false);
    return { ok: true };
  }

  setTunnel(inTunnel: boolean): Result {
    this.forcedTunnel = inTunnel;
    this.update(false);
    return { ok: true };
  }

  /** Daylight, tunnel state and the automatic low beam; `initial` sets them without events. */
  update(initial: boolean): void {
    const hour = this.world.clock.hourOfDay;
    const daylight = clamp(hour - 6, 0, 1) * clamp(19 - hour, 0, 1);
    const tunnel = this.world.position.inTunnel || this.forcedTunnel;
    this.lightIntensity = tunnel ? 4 : 2 + 98 * daylight;
    if (tunnel !== this.inTunnel) {
      this.inTunnel = tunnel;
      if (!initial) this.log.emit(tunnel ? 'tunnel-entered' : 'tunnel-left', '');
    }
    let on = this.lowBeam;
    if (this.mode === 'ON') on = true;
    else if (this.mode === 'OFF') on = false;
    else if (this.lightIntensity < 25) on = true;
    else if (this.lightIntensity > 35) on = false;
    if (on !== this.lowBeam) {
      this.lowBeam = on;
      if (!on) this.highBeam = false;
      if (!initial) this.log.emit(on ? 'lights-on' : 'lights-off', this.mode);
    }
  }

  signals(out: Signals): void {
    out['Vehicle.Exterior.LightIntensity'] = round(this.lightIntensity, 1);
    out['Vehicle.Body.Lights.Beam.Low.IsOn'] = this.lowBeam;
    out['Vehicle.Body.Lights.Beam.High.IsOn'] = this.highBeam;
  }
}
