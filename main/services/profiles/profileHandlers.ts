// The `profiles.*` intent handlers: each checks what the schema cannot (names taken, fobs paired elsewhere) and refuses with a reason.
import { randomBytes } from 'node:crypto';
import { roundToStep } from '../../../shared/profiles/learner';
import { LEARNABLE, MAX_REFUSED, MAX_RULES, type LearnedRule } from '../../../shared/profiles/learningModel';
import { MAX_PROFILES, newProfile, PROFILE_LIMITS, profileSchema, type Profile, type ProfilePatch } from '../../../shared/profiles/profileSchema';
import { describeIssues } from '../../../shared/ipc/contract';
import { capturePositions } from '../../../shared/profiles/vehicleSettings';
import { pickerChanged, profilesNoticeDismissed } from '../../../shared/state/profilesSlice';
import { signalFreshness } from '../../../shared/state/vehicleSlice';
import { IntentRefused, type IntentHandlers } from '../../host/intentRouter';
import type { ServiceContext } from '../../host/service';
import type { createFobFollower } from './fobFollower';
import type { createHabits } from './habits';
import type { createSettingsApplier } from './settingsApplier';

/** What the handlers need from the running service. */
export interface ProfilesRuntime {
  context: ServiceContext;
  get(id: string): Profile;
  all(): Profile[];
  active(): Profile | null;
  /** Keeps and writes the profile; throws "not saved: …" when it could not be written (it is kept and retried). */
  persist(profile: Profile): Promise<void>;
  activate(id: string | null): void;
  /** The profile changed while active: what it sets in the car now is applied. */
  reapply(before: Profile, after: Profile): void;
  remove(id: string): Promise<void>;
  fobs: ReturnType<typeof createFobFollower>;
  habits: ReturnType<typeof createHabits>;
  applier: ReturnType<typeof createSettingsApplier>;
}

export const newProfileId = () => `p${randomBytes(5).toString('hex')}`;

/** A profile with `patch` applied, checked as a whole (a patch can break a rule across fields); throws the JSON paths. */
export function patched(profile: Profile, patch: ProfilePatch, now: number): Profile {
  const { learning, ...rest } = patch;
  const next = { ...profile, ...rest, updatedAt: now };
  if (learning) {
    // Withdrawing consent erases what was recorded under it; accepted rules stay until deleted.
    next.learning = learning.enabled ? { ...profile.learning, enabled: true } : { ...profile.learning, enabled: false, history: [] };
  }
  const checked = profileSchema.safeParse(next);
  if (!checked.success) throw new IntentRefused(`invalid profile: ${describeIssues(checked.error)}`, { key: 'profiles.errors.invalid' });
  return checked.data;
}

type ProfileIntent = Extract<keyof IntentHandlers, `profiles.${string}`>;

export function createProfileHandlers(runtime: ProfilesRuntime): Pick<IntentHandlers, ProfileIntent> {
  const { store, wallClock, clock } = runtime.context;

  const nameTaken = (name: string, except?: string) => {
    const other = runtime.all().find((p) => p.id !== except && p.name.toLocaleLowerCase() === name.toLocaleLowerCase());
    if (other) throw new IntentRefused(`a profile named "${other.name}" already exists`, { key: 'profiles.errors.nameTaken', params: { name: other.name } });
  };

  const changeActive = async (change: (profile: Profile) => Profile) => {
    const profile = runtime.active();
    if (!profile) throw new IntentRefused('no profile is active (the guest drives)', { key: 'profiles.errors.noActive' });
    await runtime.persist(change(profile));
    runtime.habits.refresh();
  };

  return {
    async 'profiles.create'({ name, colour }) {
      if (runtime.all().length >= MAX_PROFILES) {
        throw new IntentRefused(`this car already holds ${MAX_PROFILES} profiles`, { key: 'profiles.errors.tooMany', params: { max: MAX_PROFILES } });
      }
      nameTaken(name);
      const profile = newProfile(newProfileId(), name, colour, wallClock());
      await runtime.persist(profile);
      return { id: profile.id };
    },

    async 'profiles.update'({ id, patch }) {
      const before = runtime.get(id);
      if (patch.name !== undefined) nameTaken(patch.name, id);
      const after = patched(before, patch, wallClock());
      try {
        await runtime.persist(after);
      } finally {
        runtime.reapply(before, after);
        if (store.getState().profiles.activeId === id) runtime.habits.refresh();
      }
      return { id };
    },

    async 'profiles.delete'({ id }) {
      await runtime.remove(id);
      return { deleted: true as const };
    },

    'profiles.activate'({ id }) {
      if (id !== null) runtime.get(id);
      runtime.fobs.cancel();
      runtime.activate(id);
      return { activeId: id };
    },

    'profiles.retry'() {
      return { retried: runtime.applier.retry() };
    },

    async 'profiles.capturePositions'({ id }) {
      const profile = runtime.get(id);
      const now = clock();
      const { positions, captured } = capturePositions(profile, store.getState().vehicle.signals, (s) => signalFreshness(s, now) === 'fresh');
      if (captured.length === 0) {
        throw new IntentRefused('the car reports no seat, mirror or steering position now', { key: 'profiles.errors.noPositions' });
      }
      await runtime.persist({ ...profile, ...positions, updatedAt: wallClock() });
      return { captured };
    },

    async 'profiles.pairFob'({ id }) {
      const profile = runtime.get(id);
      const fob = runtime.fobs.presentFob();
      if (fob === null) throw new IntentRefused('no key fob is present in the car', { key: 'profiles.errors.noFob' });
      if (profile.keyFobs.includes(fob)) return { fob };
      const other = runtime.all().find((p) => p.keyFobs.includes(fob));
      if (other) {
        throw new IntentRefused(`key fob ${fob} is already paired with "${other.name}"`, { key: 'profiles.errors.fobTaken', params: { name: other.name, fob } });
      }
      if (profile.keyFobs.length >= PROFILE_LIMITS.keyFobs) {
        throw new IntentRefused(`a profile pairs at most ${PROFILE_LIMITS.keyFobs} key fobs`, { key: 'profiles.errors.tooManyFobs', params: { max: PROFILE_LIMITS.keyFobs } });
      }
      await runtime.persist({ ...profile, keyFobs: [...profile.keyFobs, fob], updatedAt: wallClock() });
      return { fob };
    },

    async 'profiles.unpairFob'({ id, fob }) {
      const profile = runtime.get(id);
      if (!profile.keyFobs.includes(fob)) return { removed: false };
      await runtime.persist({ ...profile, keyFobs: profile.keyFobs.filter((f) => f !== fob), updatedAt: wallClock() });
      return { removed: true };
    },

    'profiles.cancelSwitch'() {
      return { cancelled: runtime.fobs.cancel() };
    },

    'profiles.picker'({ open }) {
      store.dispatch(pickerChanged(open ? { open: true, cause: 'manual' } : { open: false }));
      return { open };
    },

    async 'profiles.suggestion'({ key, decision, value }) {
      const suggestion = store.getState().profiles.suggestions.find((s) => s.key === key);
      if (!suggestion) throw new IntentRefused(`no suggestion ${key} is offered now`, { key: 'profiles.errors.suggestionGone' });
      if (decision === 'refuse') {
        await changeActive((p) => ({ ...p, learning: { ...p.learning, refused: [...p.learning.refused, key].slice(-MAX_REFUSED) } }));
        return { ruleId: null };
      }
      const chosen = value ?? suggestion.value;
      const { min, max } = LEARNABLE[suggestion.setting];
      if (chosen < min || chosen > max) {
        throw new IntentRefused(`${suggestion.setting} ${chosen} is outside ${min}..${max}`, { key: 'profiles.errors.outOfRange', params: { min, max } });
      }
      const rule: LearnedRule = {
        id: `r${randomBytes(4).toString('hex')}`,
        setting: suggestion.setting,
        value: roundToStep(suggestion.setting, chosen),
        condition: suggestion.condition,
        acceptedAt: wallClock(),
        evidence: suggestion.evidence,
      };
      await changeActive((p) => {
        if (p.learning.rules.length >= MAX_RULES) {
          throw new IntentRefused(`a profile keeps at most ${MAX_RULES} rules`, { key: 'profiles.errors.tooManyRules', params: { max: MAX_RULES } });
        }
        // Accepting is also an answer: the suggestion is not offered again, whatever the rule becomes.
        return { ...p, learning: { ...p.learning, rules: [...p.learning.rules, rule], refused: [...p.learning.refused, key].slice(-MAX_REFUSED) } };
      });
      runtime.habits.fireNow();
      return { ruleId: rule.id };
    },

    async 'profiles.deleteRule'({ id, ruleId }) {
      const profile = runtime.get(id);
      if (!profile.learning.rules.some((r) => r.id === ruleId)) return { removed: false };
      await runtime.persist({ ...profile, learning: { ...profile.learning, rules: profile.learning.rules.filter((r) => r.id !== ruleId) }, updatedAt: wallClock() });
      return { removed: true };
    },

    'profiles.dismissNotice'({ id }) {
      const had = store.getState().profiles.notices.some((n) => n.id === id);
      if (had) store.dispatch(profilesNoticeDismissed({ id }));
      return { dismissed: had };
    },
  };
}
