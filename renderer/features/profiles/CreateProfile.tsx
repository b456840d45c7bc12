// A new profile: its name and colour, parked only; everything else follows the device until edited.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROFILE_COLOURS, type ProfileColour } from '../../../shared/profiles/profileSchema';
import { Button } from '../../components/Button';
import { RestrictedNotice } from '../../components/RestrictedNotice';
import { useRestriction } from '../../app/useRestriction';
import { NameField } from './NameField';
import { PROFILE_SWATCHES } from './profileColours';
import { Swatches } from './Swatches';
import { useProfileIntent } from './useProfileIntent';
import styles from './ProfileEditor.module.css';

export function CreateProfile({ onDone }: { onDone: (id: string | null) => void }) {
  const { t } = useTranslation();
  const setup = useRestriction('noSetup');
  const { run, message } = useProfileIntent();
  const [colour, setColour] = useState<ProfileColour>('teal');
  return (
    <section className={styles.editor} aria-labelledby="create-title">
      <header className={styles.header}>
        <h1 id="create-title" className={styles.title}>
          {t('profiles.createTitle')}
        </h1>
      </header>
      {setup.restricted ? (
        <>
          <RestrictedNotice reason={setup.reason} testId="profiles-restricted" />
          <div>
            <Button onClick={() => onDone(null)}>{t('profiles.back')}</Button>
          </div>
        </>
      ) : (
        <div className={styles.page}>
          <Swatches
            label={t('profiles.colour')}
            value={colour}
            options={PROFILE_COLOURS.map((c) => ({ value: c, swatch: PROFILE_SWATCHES[c], label: t(`profiles.colours.${c}`) }))}
            onChange={(c) => c && setColour(c)}
          />
          <NameField
            initial=""
            actionLabel={t('profiles.create')}
            onSubmit={async (name) => {
              const created = await run('profiles.create', { name, colour });
              if (created) onDone(created.id);
            }}
          >
            <Button onClick={() => onDone(null)}>{t('profiles.cancel')}</Button>
          </NameField>
        </div>
      )}
      {message && (
        <p className={styles.error} role="alert">
          {message}
        </p>
      )}
    </section>
  );
}
