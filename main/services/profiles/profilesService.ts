// The profiles service module: loads the profiles, owns the `profiles.*` intents, follows the key fob and applies who drives.
import type { Profile } from '../../../shared/profiles/profileSchema';
import { profileTargets } from '../../../shared/profiles/vehicleSettings';
import {
  activeProfileChanged,
  pickerChanged,
  profileDeleted,
  profileSaved,
  profilesLoaded,
  profilesNoticeDismissed,
  profilesNoticeRaised,
  toProfileView,
  type ProfilesNoticeCode,
} from '../../../shared/state/profilesSlice';
import { IntentRefused } from '../../host/intentRouter';
import type { HostService, ServiceFactory } from '../../host/service';
import { createFobFollower } from './fobFollower';
import { createHabits } from './habits';
import { createProfileDocuments } from './profileDocuments';
import { createProfileHandlers, type ProfilesRuntime } from './profileHandlers';
import { createSettingsApplier, type ApplyTarget, type ConfirmTimeouts } from './settingsApplier';

export interface ProfilesServiceOptions {
  /** The cancellable notice before a key fob's profile takes over. */
  switchDelayMs?: number;
  /** How long a read-back may take to reach its target. */
  confirmTimeouts?: ConfirmTimeouts;
  /** How long an adjustment must hold before it is learnt. */
  settleMs?: number;
}

export function createProfilesService(options: ProfilesServiceOptions = {}): ServiceFactory {
  return async (context): Promise<HostService> => {
    const { store, storage, clock, wallClock, report, ports } = context;
    const documents = createProfileDocuments(storage, report);
    const notice = (code: ProfilesNoticeCode, detail: string, profileName?: string, id = `profiles-${code}-${wallClock()}`) =>
      store.dispatch(profilesNoticeRaised({ id, code, detail, ...(profileName && { profileName }) }));

    const loaded = await documents.loadAll();
    store.dispatch(profilesLoaded(loaded.profiles.map(toProfileView)));
    for (const n of loaded.notices) notice(n.code, n.detail, n.profileName, `profiles-${n.code}-${n.profileId}`);
    documents.onStatus((id, status) => {
      if (status.state === 'saved' && store.getState().profiles.notices.some((n) => n.id === `profiles-notSaved-${id}`)) {
        store.dispatch(profilesNoticeDismissed({ id: `profiles-notSaved-${id}` }));
        report(`profiles: ${id} saved after a retry`);
      }
    });

    const applier = createSettingsApplier({ store, commands: () => ports.vehicleCommands, clock, timeouts: options.confirmTimeouts, report });
    const active = () => {
      const id = store.getState().profiles.activeId;
      return id === null ? null : (documents.get(id) ?? null);
    };
    const persist = async (profile: Profile) => {
      const saved = await documents.save(profile);
      store.dispatch(profileSaved(toProfileView(profile)));
      if (saved.ok) return;
      const { error } = saved;
      if (error.kind === 'readOnly') throw new Error(`not saved: ${error.message}; the change applies until restart`);
      report(`profiles: could not save ${profile.id}: ${error.message}`);
      if (saved.pending) notice('notSaved', error.message, profile.name, `profiles-notSaved-${profile.id}`);
      throw new Error(`not saved: ${error.message}${saved.pending ? '; the change applies and saving is retried' : ''}`);
    };
    const habits = createHabits({
      store,
      clock,
      wallClock,
      applier,
      active,
      save: (profile) => void persist(profile).catch((error: unknown) => report(`profiles: ${(error as Error).message}`)),
      settleMs: options.settleMs,
      report,
    });

    /** Profile values, with the accepted rules that hold now in place of theirs. */
    const targetsOf = (profile: Profile): ApplyTarget[] => {
      const byRule = new Map(habits.ruleTargets(profile).map((t) => [t.id, t]));
      return [...profileTargets(profile).filter((t) => !byRule.has(t.id)), ...byRule.values()];
    };
    const activate = (id: string | null) => {
      const profile = id === null ? null : (documents.get(id) ?? null);
      store.dispatch(activeProfileChanged({ id: profile?.id ?? null }));
      report(`profiles: ${profile ? `${profile.id} drives` : 'the guest drives (device defaults)'}`);
      habits.activeChanged(profile);
      applier.apply(profile?.id ?? null, profile ? targetsOf(profile) : []);
    };

    // At start-up the driver is asked who drives, unless their key fob answers first.
    if (loaded.profiles.length > 0) store.dispatch(pickerChanged({ open: true, cause: 'startup' }));
    const fobs = createFobFollower({ store, clock, delayMs: options.switchDelayMs, activate, report });

    const runtime: ProfilesRuntime = {
      context,
      get(id) {
        const profile = documents.get(id);
        if (!profile) throw new IntentRefused(`no profile ${id}`, { key: 'profiles.errors.notFound' });
        return profile;
      },
      all: () => documents.all(),
      active,
      persist,
      activate,
      reapply(before, after) {
        if (store.getState().profiles.activeId !== after.id) return;
        const old = new Map(profileTargets(before).map((t) => [t.id, t.value]));
        const fired = new Set(store.getState().profiles.fired.map((f) => f.setting as string));
        applier.applyMore(profileTargets(after).filter((t) => old.get(t.id) !== t.value && !fired.has(t.id)));
      },
      async remove(id) {
        const profile = runtime.get(id);
        if (store.getState().profiles.pendingSwitch?.profileId === id) fobs.cancel();
        const removed = await documents.remove(id);
        if (!removed.ok) throw new Error(`not deleted: ${removed.error.message}`);
        const wasActive = store.getState().profiles.activeId === id;
        store.dispatch(profileDeleted({ id }));
        for (const n of store.getState().profiles.notices.filter((n) => n.id.endsWith(`-${id}`))) store.dispatch(profilesNoticeDismissed({ id: n.id }));
        report(`profiles: ${profile.id} deleted with its history and rules`);
        if (wasActive) {
          habits.activeChanged(null);
          applier.apply(null, []);
        }
      },
      fobs,
      habits,
      applier,
    };

    ports.profilePreferences = {
      activeProfileId: () => store.getState().profiles.activeId,
      async update(patch) {
        const profile = active();
        if (!profile) throw new Error('no profile is active; the device defaults are edited instead');
        await persist({ ...profile, preferences: { ...profile.preferences, ...patch }, updatedAt: wallClock() });
      },
      async updateCharging(patch) {
        const profile = active();
        if (!profile) throw new Error('no profile is active; the guest keeps favourites and filters for this session only');
        await persist({ ...profile, ...patch, updatedAt: wallClock() });
      },
    };

    return {
      name: 'profiles',
      handlers: createProfileHandlers(runtime),
      close() {
        fobs.close();
        habits.close();
        applier.close();
      },
    };
  };
}

export const profilesService: ServiceFactory = createProfilesService();

