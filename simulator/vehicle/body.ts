// The driver's seat and both mirrors: slow motors that move toward the targets the write path sets.
import type { Result } from '../../shared/result';
import { Actuator, ActuatorGroup } from './actuator';

const SEAT = 'Vehicle.Cabin.Seat.Row1.DriverSide.';
const MIRRORS = 'Vehicle.Body.Mirrors.';

export function createBody(reject: (error: string) => Result): ActuatorGroup {
  return new ActuatorGroup(
    {
      [`${SEAT}Position`]: new Actuator(120, 15, 0, 260),
      [`${SEAT}Height`]: new Actuator(30, 8, 0, 70),
      [`${SEAT}Backrest.Recline`]: new Actuator(22, 3, 0, 40),
      // Mirror travel is ±100 % ≈ ±15°, so 25 %/s is about 4°/s.
      [`${MIRRORS}DriverSide.Tilt`]: new Actuator(0, 25, -100, 100),
      [`${MIRRORS}DriverSide.Pan`]: new Actuator(0, 25, -100, 100),
      [`${MIRRORS}PassengerSide.Tilt`]: new Actuator(0, 25, -100, 100),
      [`${MIRRORS}PassengerSide.Pan`]: new Actuator(0, 25, -100, 100),
    },
    reject,
  );
}
