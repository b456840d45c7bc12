// The key fob in the car and the driver it identifies: what profiles will follow when the driver changes.
import type { Result } from '../../shared/result';
import { CABIN_EXTENSION_PREFIX as X } from '../../shared/vehicle/catalog';
import type { EventLog } from './events';
import type { Signals, VehicleModule } from './signalTable';

export class KeyFob implements VehicleModule {
  constructor(
    /** Driver identifier (VSS Driver.Identifier.Subject); "guest" when nobody is known. */
    public driver: string,
    /** The fob's id (uint32); 0 = no fob. */
    public id: number,
    private readonly log: EventLog,
  ) {}

  /** A driver gets in with their fob; an unchanged pair is no event. */
  present(driver: string, id: number): Result {
    if (driver.length === 0) return this.log.reject('driver id must not be empty');
    if (!Number.isInteger(id) || id < 0 || id > 4_294_967_295) return this.log.reject(`key fob ${id} is not a uint32`);
    if (driver === this.driver && id === this.id) return { ok: true };
    const previous = this.driver;
    this.driver = driver;
    this.id = id;
    this.log.emit('driver-changed', `${previous} → ${driver} (key fob ${id})`);
    return { ok: true };
  }

  signals(out: Signals): void {
    out['Vehicle.Driver.Identifier.Subject'] = this.driver;
    out[`${X}KeyFob.Id`] = this.id;
  }
}
