// The world around the car: the time of day (which drives daylight) and the outside air temperature.
import type { Result } from '../../shared/result';
import { DAY_MS, round } from './physics';
import type { Signals, VehicleModule } from './signalTable';

export class Environment implements VehicleModule {
  ambientC: number;
  private timeOfDayMs: number;

  constructor(
    init: { timeOfDayMin: number; ambientC: number },
    private readonly reject: (error: string) => Result,
  ) {
    this.timeOfDayMs = (((init.timeOfDayMin * 60_000) % DAY_MS) + DAY_MS) % DAY_MS;
    this.ambientC = init.ambientC;
  }

  /** Hours since local midnight, fractional. */
  get hourOfDay(): number {
    return this.timeOfDayMs / 3_600_000;
  }

  get timeOfDayMin(): number {
    return this.timeOfDayMs / 60_000;
  }

  /** HH:MM. */
  get timeOfDay(): string {
    return formatTimeOfDay(this.timeOfDayMs);
  }

  advance(ms: number): void {
    this.timeOfDayMs = (this.timeOfDayMs + ms) % DAY_MS;
  }

  setTimeOfDay(minutes: number): Result {
    if (!Number.isFinite(minutes) || minutes < 0 || minutes >= 1440) return this.reject(`time of day ${minutes} min is outside 00:00..23:59`);
    this.timeOfDayMs = minutes * 60_000;
    return { ok: true };
  }

  setAmbientTemperature(celsius: number): Result {
    if (!Number.isFinite(celsius) || celsius < -40 || celsius > 60) return this.reject(`ambient ${celsius} °C is outside -40..60`);
    this.ambientC = celsius;
    return { ok: true };
  }

  signals(out: Signals): void {
    out['Vehicle.Exterior.AirTemperature'] = round(this.ambientC, 1);
  }
}

export function formatTimeOfDay(ms: number): string {
  const minutes = Math.floor(ms / 60_000) % 1440;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
