// The profile's language, units, clock and day/night: each one the profile's own, or "as the device" (the Settings value).
import { useTranslation } from 'react-i18next';
import { CLOCK_FORMATS, DISTANCE_UNITS, LANGUAGES, TEMPERATURE_UNITS, THEME_MODES } from '../../../shared/state/settingsSlice';
import type { ProfilePreferenceKey } from '../../../shared/profiles/preferences';
import { SegmentedChoice } from '../../components/SegmentedChoice';
import type { TabProps } from './tabProps';
import styles from './ProfileEditor.module.css';

const DEVICE = 'device';

export function UnitsTab({ profile, update, disabled }: TabProps) {
  const { t } = useTranslation();
  const choice = <K extends ProfilePreferenceKey>(key: K, values: readonly string[], label: (value: string) => string) => (
    <SegmentedChoice
      label={t(`settings.${key}`)}
      value={profile.preferences[key] ?? DEVICE}
      disabled={disabled}
      options={[{ value: DEVICE, label: t('profiles.asDevice') }, ...values.map((value) => ({ value, label: label(value) }))]}
      onChange={(value) => {
        const { [key]: _dropped, ...rest } = profile.preferences;
        update({ preferences: value === DEVICE ? rest : { ...rest, [key]: value } });
      }}
    />
  );
  return (
    <>
      <div className={styles.columns}>
        <div className={styles.column}>
          {choice('language', LANGUAGES, (v) => t(`settings.languages.${v as (typeof LANGUAGES)[number]}`))}
          {choice('distanceUnit', DISTANCE_UNITS, (v) => t(`settings.distanceUnits.${v as (typeof DISTANCE_UNITS)[number]}`))}
          {choice('temperatureUnit', TEMPERATURE_UNITS, (v) => t(`settings.temperatureUnits.${v as (typeof TEMPERATURE_UNITS)[number]}`))}
        </div>
        <div className={styles.column}>
          {choice('clockFormat', CLOCK_FORMATS, (v) => t(`settings.clockFormats.${v as (typeof CLOCK_FORMATS)[number]}`))}
          {choice('themeMode', THEME_MODES, (v) => t(`settings.themeModes.${v as (typeof THEME_MODES)[number]}`))}
        </div>
      </div>
      <p className={styles.note}>{t('profiles.unitsNote')}</p>
    </>
  );
}
