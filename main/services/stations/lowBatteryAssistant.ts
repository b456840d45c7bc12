// The low-battery assistant: warns when the SoC, or the SoC predicted on arrival at the best station, falls to the driver's threshold, and offers the best three reachable options once per crossing.
import { DEFAULT_BATTERY_THRESHOLDS } from '../../../shared/profiles/batteryWarnings';
import type { AssistantLevel, AssistantOption, AssistantState } from '../../../shared/state/stationsSlice';
import type { VehicleContext } from '../../../shared/stations/search';

/** Amber and red thresholds, % SoC (at or below). */
export interface AssistantThresholds {
  lowPercent: number;
  criticalPercent: number;
}

export const DEFAULT_ASSISTANT_THRESHOLDS: AssistantThresholds = { lowPercent: DEFAULT_BATTERY_THRESHOLDS.lowPercent, criticalPercent: DEFAULT_BATTERY_THRESHOLDS.criticalPercent };

/** Points above the threshold the SoC must climb back before a new crossing can happen (no flicker at 20.0/19.9). */
export const HYSTERESIS_PERCENT = 2;
export const OPTIONS_OFFERED = 3;

/** What a provider is asked: where the car is and what it has left. */
export interface OptionRequest {
  position: { lat: number; lon: number };
  context: VehicleContext;
  limit: number;
}

/**
 * A source of low-battery options: charging stations here; swap stations join with their own provider
 * (ports.stations.addOptionProvider). Each answers reachable options only, best first.
 */
export interface OptionProvider {
  id: string;
  options(request: OptionRequest): Promise<AssistantOption[]> | AssistantOption[];
}

export interface Observation {
  soc: number | null;
  /** Highest arrival SoC among the options (the best the car can do), or null without options. */
  bestArrival: number | null;
  thresholds: AssistantThresholds;
}

type Warning = Extract<AssistantState, { status: 'warning' }>;

const levelOf = (value: number | null, t: AssistantThresholds): AssistantLevel | null =>
  value === null ? null : value <= t.criticalPercent ? 'critical' : value <= t.lowPercent ? 'low' : null;
const rank = (level: AssistantLevel | null) => (level === 'critical' ? 2 : level === 'low' ? 1 : 0);

/**
 * The next assistant state from the previous one and what is observed now (pure). A crossing starts when the
 * level rises (quiet → amber, quiet or amber → red) and takes the number after `crossingsSoFar`; the driver's
 * dismissal lasts until the next crossing. The warning ends only once both the SoC and the predicted arrival SoC
 * are back above the amber threshold plus hysteresis.
 */
export function nextAssistantState(previous: AssistantState, seen: Observation, options: AssistantOption[], crossingsSoFar: number): AssistantState {
  const t = seen.thresholds;
  const bySoc = levelOf(seen.soc, t);
  const byArrival = levelOf(seen.bestArrival, t);
  const level = rank(bySoc) >= rank(byArrival) ? bySoc : byArrival;
  const quiet: AssistantState = { status: 'quiet', lowPercent: t.lowPercent, criticalPercent: t.criticalPercent };
  if (previous.status === 'warning' && (level === null || seen.soc === null)) {
    const clear = (v: number | null) => v === null || v > t.lowPercent + HYSTERESIS_PERCENT;
    if (seen.soc !== null && clear(seen.soc) && clear(seen.bestArrival)) return quiet;
    // Inside the hysteresis band (or the SoC unknown for a moment): the warning holds.
    return { ...previous, socPercent: seen.soc ?? previous.socPercent, arrivalSoc: seen.bestArrival, lowPercent: t.lowPercent, criticalPercent: t.criticalPercent, options };
  }
  if (level === null || seen.soc === null) return quiet;
  const rising = previous.status === 'quiet' || rank(level) > rank(previous.level);
  return {
    status: 'warning',
    level,
    cause: rank(bySoc) >= rank(byArrival) ? 'soc' : 'arrival',
    socPercent: seen.soc,
    arrivalSoc: seen.bestArrival,
    lowPercent: t.lowPercent,
    criticalPercent: t.criticalPercent,
    crossing: rising ? crossingsSoFar + 1 : (previous as Warning).crossing,
    dismissed: rising ? false : (previous as Warning).dismissed,
    options,
  };
}

export interface LowBatteryAssistant {
  addProvider(provider: OptionProvider): () => void;
  /** Asks the providers and decides the state; concurrent calls are folded into one. */
  update(input: { position: { lat: number; lon: number } | null; context: VehicleContext | undefined; thresholds: AssistantThresholds }): Promise<AssistantState>;
  dismiss(): boolean;
  state(): AssistantState;
}

export function createLowBatteryAssistant(options: { onChange(state: AssistantState): void; report(line: string): void }): LowBatteryAssistant {
  const providers: OptionProvider[] = [];
  let state: AssistantState = { status: 'quiet', ...DEFAULT_ASSISTANT_THRESHOLDS };
  let crossings = 0;
  const set = (next: AssistantState) => {
    if (next.status === 'warning') crossings = Math.max(crossings, next.crossing);
    if (JSON.stringify(next) === JSON.stringify(state)) return;
    state = next;
    options.onChange(next);
  };

  async function gather(request: OptionRequest): Promise<AssistantOption[]> {
    const all: AssistantOption[] = [];
    for (const provider of providers) {
      try {
        all.push(...(await provider.options(request)));
      } catch (error) {
        // One provider failing (a swap operator down) leaves the others' options.
        options.report(`stations: low-battery options from ${provider.id} failed: ${(error as Error).message}`);
      }
    }
    // Best first across providers: the surer to be free, then the sooner on the way again, then the more charge left.
    const score = (o: AssistantOption) => (o.drive_minutes ?? 0) + (o.stop_minutes ?? 0);
    return all.sort((a, b) => a.tier - b.tier || score(a) - score(b) || b.arrival_soc - a.arrival_soc).slice(0, request.limit);
  }

  return {
    addProvider(provider) {
      providers.push(provider);
      return () => {
        const at = providers.indexOf(provider);
        if (at >= 0) providers.splice(at, 1);
      };
    },
    async update({ position, context, thresholds }) {
      const found = position && context ? await gather({ position, context, limit: OPTIONS_OFFERED }) : [];
      const bestArrival = found.length ? Math.max(...found.map((o) => o.arrival_soc)) : null;
      set(nextAssistantState(state, { soc: context?.socPercent ?? null, bestArrival, thresholds }, found, crossings));
      return state;
    },
    dismiss() {
      if (state.status !== 'warning' || state.dismissed) return false;
      set({ ...state, dismissed: true });
      return true;
    },
    state: () => state,
  };
}
