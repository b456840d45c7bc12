// Editing one profile, parked only, a page per subject (name, units, position, climate and drive, charging, learning); each change round-trips through the host.
import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectProfilesState } from '../../../shared/state/profilesSlice';
import { Button } from '../../components/Button';
import { RestrictedNotice } from '../../components/RestrictedNotice';
import { useAppSelector } from '../../app/store';
import { useRestriction } from '../../app/useRestriction';
import { ChargingTab } from './ChargingTab';
import { ClimateTab } from './ClimateTab';
import { IdentityTab } from './IdentityTab';
import { LearningTab } from './LearningTab';
import { PositionTab } from './PositionTab';
import { ProfileBadge } from './ProfileBadge';
import { UnitsTab } from './UnitsTab';
import type { ProfilePatchRequest, TabProps } from './tabProps';
import { useProfileIntent } from './useProfileIntent';
import styles from './ProfileEditor.module.css';

export const EDITOR_TABS = ['identity', 'units', 'position', 'climate', 'charging', 'learning'] as const;
export type EditorTab = (typeof EDITOR_TABS)[number];

export function ProfileEditor({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const { profiles, writable, suggestions, activeId } = useAppSelector(selectProfilesState);
  const setup = useRestriction('noSetup');
  const { run, message } = useProfileIntent();
  const [tab, setTab] = useState<EditorTab>('identity');
  const profile = profiles.find((p) => p.id === id)!;
  const update = (patch: ProfilePatchRequest) => void run('profiles.update', { id, patch });
  const tabProps: TabProps = { profile, update, run, writable, disabled: setup.restricted };

  return (
    <section className={styles.editor} aria-labelledby="editor-title" data-testid="profile-editor">
      <header className={styles.header}>
        <Button aria-label={t('profiles.back')} onClick={onBack}>
          <ArrowLeft aria-hidden="true" />
        </Button>
        <ProfileBadge name={profile.name} colour={profile.colour} />
        <h1 id="editor-title" className={styles.title} translate="no">
          {profile.name}
        </h1>
      </header>
      <div className={styles.tabs} role="tablist" aria-label={t('profiles.editorTabs')}>
        {EDITOR_TABS.map((key) => (
          <Button key={key} role="tab" aria-selected={tab === key} variant={tab === key ? 'selected' : 'plain'} onClick={() => setTab(key)}>
            {t(`profiles.tabs.${key}`)}
            {key === 'learning' && activeId === id && suggestions.length > 0 ? ` (${suggestions.length})` : ''}
          </Button>
        ))}
      </div>
      {setup.restricted ? (
        <RestrictedNotice reason={setup.reason} testId="profiles-restricted" />
      ) : (
        <div className={styles.page} role="tabpanel" aria-label={t(`profiles.tabs.${tab}`)}>
          {tab === 'identity' && <IdentityTab {...tabProps} />}
          {tab === 'units' && <UnitsTab {...tabProps} />}
          {tab === 'position' && <PositionTab {...tabProps} />}
          {tab === 'climate' && <ClimateTab {...tabProps} />}
          {tab === 'charging' && <ChargingTab {...tabProps} />}
          {tab === 'learning' && <LearningTab {...tabProps} />}
        </div>
      )}
      {message && (
        <p className={styles.error} role="alert" data-testid="profile-editor-error">
          {message}
        </p>
      )}
    </section>
  );
}
