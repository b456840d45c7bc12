// Learning on the car: records the active driver's own adjustments (with consent), offers the habits found, and fires accepted rules.
import { findHabits, firingRules, roundToStep } from '../../../shared/profiles/learner';
import { LEARNABLE, LEARNABLE_SETTINGS, MAX_HISTORY, type Adjustment, type LearnableSetting, type LearnedRule } from '../../../shared/profiles/learningModel';
import type { Profile } from '../../../shared/profiles/profileSchema';
import { readBackReached, settingPath, targetFor, type VehicleSettingId } from '../../../shared/profiles/vehicleSettings';
import { ruleFired, suggestionsFound } from '../../../shared/state/profilesSlice';
import { signalFreshness } from '../../../shared/state/vehicleSlice';
import type { MonotonicClock } from '../../host/clock';
import type { HostStore } from '../../host/hostStore';
import type { ApplyTarget, SettingsApplier } from './settingsApplier';

const OUTSIDE = 'Vehicle.Exterior.AirTemperature';
/** A value held this long is what the driver settled on; the steps on the way there are not habits. */
export const DEFAULT_SETTLE_MS = 20_000;

export interface Habits {
  /** The active profile changed (or was edited): baselines start again, suggestions are recomputed. */
  activeChanged(profile: Profile | null): void;
  /** The targets of the accepted rules that hold now, to apply in place of the profile's values. */
  ruleTargets(profile: Profile): ApplyTarget[];
  /** Recomputes what to offer the active profile (after an accept, a refusal, consent given). */
  refresh(): void;
  /** Fires the accepted rules that hold now and have not fired this drive (a rule was just accepted). */
  fireNow(): void;
  close(): void;
}

export interface HabitsOptions {
  store: HostStore;
  clock: MonotonicClock;
  wallClock: () => number;
  applier: SettingsApplier;
  /** The active profile as stored now. */
  active(): Profile | null;
  save(profile: Profile): void;
  settleMs?: number;
  report: (line: string) => void;
}

/** Days since 1970-01-01 in the car's time zone, so "a day" is the driver's day. */
export function localDay(epochMs: number): number {
  return Math.floor((epochMs - new Date(epochMs).getTimezoneOffset() * 60_000) / 86_400_000);
}

/** Seat heating is kept as a level and read back in %; everything else is the same number. */
function toProfileTerms(setting: LearnableSetting, value: number): number {
  const raw = setting === 'climate.seatHeating' ? (value * LEARNABLE[setting].max) / 100 : value;
  return roundToStep(setting, raw);
}

export function createHabits(options: HabitsOptions): Habits {
  const { store, clock, wallClock, applier, active, save, settleMs = DEFAULT_SETTLE_MS, report } = options;
  /** Per setting: the last value seen, and a change waiting to settle. */
  const seen = new Map<LearnableSetting, number>();
  const settling = new Map<LearnableSetting, { value: number; timer: NodeJS.Timeout }>();
  /** Rules fired since the profile became active: each fires once per drive. */
  const firedThisDrive = new Set<string>();
  let lastSignals: unknown;

  const outsideNow = (): number | null => {
    const sample = store.getState().vehicle.signals[OUTSIDE];
    return sample && typeof sample.value === 'number' && signalFreshness(sample, clock()) === 'fresh' ? sample.value : null;
  };
  const context = () => ({ outsideC: outsideNow(), day: localDay(wallClock()) });

  const refresh = () => {
    const profile = active();
    const offered = profile?.learning.enabled ? findHabits(profile.learning.history, profile.learning) : [];
    const current = store.getState().profiles.suggestions;
    if (JSON.stringify(current) !== JSON.stringify(offered)) store.dispatch(suggestionsFound(offered));
  };

  const record = (setting: LearnableSetting, value: number) => {
    const profile = active();
    if (!profile?.learning.enabled) return;
    const at = wallClock();
    const entry: Adjustment = { at, day: localDay(at), setting, value, outsideC: outsideNow() };
    const history = [...profile.learning.history, entry].slice(-MAX_HISTORY);
    save({ ...profile, learning: { ...profile.learning, history } });
    report(`profiles: learnt from ${profile.id}: ${setting} ${value}${entry.outsideC === null ? '' : ` at ${entry.outsideC} °C outside`}`);
    refresh();
  };

  const resetBaselines = () => {
    for (const { timer } of settling.values()) clearTimeout(timer);
    settling.clear();
    seen.clear();
  };

  /** A change the car reports that Cabin did not ask for is the driver's own. */
  const observe = () => {
    const signals = store.getState().vehicle.signals;
    const now = clock();
    for (const setting of LEARNABLE_SETTINGS) {
      const sample = signals[settingPath(setting)];
      if (!sample || typeof sample.value !== 'number' || signalFreshness(sample, now) !== 'fresh') continue;
      const value = toProfileTerms(setting, sample.value);
      const before = seen.get(setting);
      seen.set(setting, value);
      if (before === undefined || before === value) continue;
      const asked = applier.currentTarget(setting as VehicleSettingId);
      if (asked !== undefined && readBackReached(setting as VehicleSettingId, sample.value, asked)) continue;
      const waiting = settling.get(setting);
      if (waiting) clearTimeout(waiting.timer);
      const timer = setTimeout(() => {
        settling.delete(setting);
        if (seen.get(setting) === value) record(setting, value);
      }, settleMs);
      timer.unref();
      settling.set(setting, { value, timer });
    }
  };

  /** Rules whose condition became true during the drive (it got cold) fire then, once. */
  const fireNew = () => {
    const profile = active();
    if (!profile || profile.learning.rules.length === 0) return;
    const fresh = firingRules(profile.learning.rules, context()).filter((r) => !firedThisDrive.has(r.id));
    if (fresh.length) applier.applyMore(fresh.map((rule) => fire(rule)));
  };

  const fire = (rule: LearnedRule): ApplyTarget => {
    firedThisDrive.add(rule.id);
    const { outsideC } = context();
    store.dispatch(ruleFired({ ruleId: rule.id, setting: rule.setting, value: rule.value, condition: rule.condition, outsideC, at: wallClock() }));
    return { ...targetFor(rule.setting as VehicleSettingId, rule.value), rule: rule.id };
  };

  let lastOutside: number | null = null;
  const unsubscribe = store.subscribe(() => {
    const signals = store.getState().vehicle.signals;
    if (signals === lastSignals) return;
    lastSignals = signals;
    observe();
    const outside = outsideNow();
    if (outside !== lastOutside) {
      lastOutside = outside;
      fireNew();
    }
  });

  return {
    activeChanged() {
      firedThisDrive.clear();
      resetBaselines();
      refresh();
    },
    ruleTargets(profile) {
      return firingRules(profile.learning.rules, context()).map((rule) => fire(rule));
    },
    refresh,
    fireNow: fireNew,
    close() {
      resetBaselines();
      unsubscribe();
    },
  };
}
