// What a sim source reports about itself: playback, buses, the faults and overrides in force, and its frame counters.
import type { ActiveFault } from '../../shared/simulation/faults';
import type { AppliedOverride } from '../../shared/simulation/overrides';

export interface SimSourceStatus {
  vehicle: string;
  /** Scenario name; null when parked. */
  scenario: string | null;
  playing: boolean;
  /** The scenario reached its end (the car stays where it is; seek or pick another). */
  ended: boolean;
  /** Scenario (simulated) time since its start, s. */
  simTimeS: number;
  /** null for the parked car, which has no end. */
  durationS: number | null;
  acceleration: number;
  bus: string;
  /** The frame clock (frame timestamps), s since start(). */
  busTimeS: number;
  faults: ActiveFault[];
  /** Control-panel overrides since the scenario (re)started, oldest first. */
  overrides: AppliedOverride[];
  counters: SimCounters;
}

export interface SimCounters {
  /** Status frames encoded (before faults). */
  frames: number;
  lost: number;
  busOff: number;
  garbage: number;
  /** Command frames accepted / refused on the write path. */
  commands: number;
  commandsRefused: number;
  /** Status values outside their signal's range (sent saturated) or not encodable. */
  saturated: number;
  unencodable: number;
}
