// The editor's first page: name, colour, the ambient light colour, and the key fobs that select this profile.
import { KeyRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { PROFILE_COLOURS, PROFILE_LIMITS } from '../../../shared/profiles/profileSchema';
import { Button } from '../../components/Button';
import { NameField } from './NameField';
import { AMBIENT_SWATCHES, PROFILE_SWATCHES } from './profileColours';
import { Swatches } from './Swatches';
import type { TabProps } from './tabProps';
import styles from './ProfileEditor.module.css';

export function IdentityTab({ profile, update, run, writable, disabled }: TabProps) {
  const { t } = useTranslation();
  const ambientOnCar = writable === null || writable.includes('ambient.colour');
  return (
    <>
      <NameField key={profile.name} initial={profile.name} actionLabel={t('profiles.rename')} onSubmit={(name) => name !== profile.name && update({ name })} />
      <Swatches
        label={t('profiles.colour')}
        value={profile.colour}
        disabled={disabled}
        options={PROFILE_COLOURS.map((c) => ({ value: c, swatch: PROFILE_SWATCHES[c], label: t(`profiles.colours.${c}`) }))}
        onChange={(colour) => colour && update({ colour })}
      />
      {ambientOnCar ? (
        <Swatches
          label={t('profiles.ambient')}
          value={AMBIENT_SWATCHES.find((s) => s.value === profile.ambientColour)?.value ?? null}
          noneLabel={t('profiles.notSet')}
          disabled={disabled}
          options={AMBIENT_SWATCHES.map((s) => ({ value: s.value, swatch: s.value, label: t(`profiles.ambientColours.${s.name}`) }))}
          onChange={(ambientColour) => update({ ambientColour })}
        />
      ) : (
        <div className={styles.unavailable} data-testid="setting-ambient.colour" data-available="false">
          <span className={styles.unavailableLabel}>{t('profiles.ambient')}</span>
          <span>{t('profiles.notOnThisCar')}</span>
        </div>
      )}
      <div className={styles.unavailable}>
        <span className={styles.unavailableLabel}>{t('profiles.fobs.title')}</span>
        <div className={styles.chips}>
          {profile.keyFobs.map((fob) => (
            <Button key={fob} disabled={disabled} aria-label={t('profiles.fobs.unpair', { fob })} onClick={() => void run('profiles.unpairFob', { id: profile.id, fob })}>
              <KeyRound aria-hidden="true" /> {t('profiles.fobs.fob', { fob })}
            </Button>
          ))}
          <Button
            variant="primary"
            disabled={disabled || profile.keyFobs.length >= PROFILE_LIMITS.keyFobs}
            data-testid="pair-fob"
            onClick={() => void run('profiles.pairFob', { id: profile.id })}
          >
            {t('profiles.fobs.pair')}
          </Button>
        </div>
      </div>
      <p className={styles.note}>{t('profiles.fobs.note')}</p>
    </>
  );
}
