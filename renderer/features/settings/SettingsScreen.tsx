// Settings: device language, units, clock and day/night, each change round-tripping through the host.
import { useTranslation } from 'react-i18next';
import {
  CLOCK_FORMATS,
  DISTANCE_UNITS,
  LANGUAGES,
  TEMPERATURE_UNITS,
  THEME_MODES,
} from '../../../shared/state/settingsSlice';
import { Button } from '../../components/Button';
import { SegmentedChoice } from '../../components/SegmentedChoice';
import { Stepper } from '../../components/Stepper';
import { selectEffectivePreferences } from '../../../shared/state/profilesSlice';
import { useAppSelector } from '../../app/store';
import { useFormatters } from '../../app/useFormatters';
import { useSettingsUpdate } from './useSettingsUpdate';
import styles from './SettingsScreen.module.css';

const BRIGHTNESS_STEP = 10;
const BRIGHTNESS_MIN = 10;
const BRIGHTNESS_MAX = 100;

export function SettingsScreen({ now, onOpenAbout }: { now: number; onOpenAbout: () => void }) {
  const { t } = useTranslation();
  // What is in force: while a profile is active, its preferences (a change here edits that profile).
  const settings = useAppSelector(selectEffectivePreferences);
  const format = useFormatters();
  const { update, error } = useSettingsUpdate();

  const brightness = (key: 'dayBrightness' | 'nightBrightness') => {
    const value = settings[key];
    const name = t(`settings.${key}`);
    return (
      <Stepper
        label={name}
        valueText={t('settings.brightnessValue', { value })}
        decreaseLabel={t('settings.decrease', { name })}
        increaseLabel={t('settings.increase', { name })}
        canDecrease={value > BRIGHTNESS_MIN}
        canIncrease={value < BRIGHTNESS_MAX}
        onDecrease={() => void update({ [key]: Math.max(BRIGHTNESS_MIN, value - BRIGHTNESS_STEP) })}
        onIncrease={() => void update({ [key]: Math.min(BRIGHTNESS_MAX, value + BRIGHTNESS_STEP) })}
      />
    );
  };

  return (
    <section className={styles.settings} aria-labelledby="settings-title">
      <h1 id="settings-title" className={styles.title}>
        {t('settings.title')}
      </h1>
      {/* Two columns, so every setting fits on one screen at 1920×720 and at 1280×800: no scrolling to find brightness. */}
      <div className={styles.columns}>
        <div className={styles.column}>
          <SegmentedChoice
            label={t('settings.language')}
            value={settings.language}
            options={LANGUAGES.map((value) => ({ value, label: t(`settings.languages.${value}`) }))}
            onChange={(language) => void update({ language })}
          />
          <SegmentedChoice
            label={t('settings.distanceUnit')}
            value={settings.distanceUnit}
            options={DISTANCE_UNITS.map((value) => ({ value, label: t(`settings.distanceUnits.${value}`) }))}
            onChange={(distanceUnit) => void update({ distanceUnit })}
          />
          <SegmentedChoice
            label={t('settings.temperatureUnit')}
            value={settings.temperatureUnit}
            options={TEMPERATURE_UNITS.map((value) => ({ value, label: t(`settings.temperatureUnits.${value}`) }))}
            onChange={(temperatureUnit) => void update({ temperatureUnit })}
          />
          <SegmentedChoice
            label={t('settings.clockFormat')}
            value={settings.clockFormat}
            options={CLOCK_FORMATS.map((value) => ({ value, label: t(`settings.clockFormats.${value}`) }))}
            onChange={(clockFormat) => void update({ clockFormat })}
          />
          <p className={styles.preview} data-testid="units-preview">
            {t('settings.preview', {
              distance: format.distanceKm(120).text,
              temperature: format.temperature(21).text,
              time: format.time(now),
            })}
          </p>
        </div>
        <div className={styles.column}>
          <SegmentedChoice
            label={t('settings.themeMode')}
            value={settings.themeMode}
            options={THEME_MODES.map((value) => ({ value, label: t(`settings.themeModes.${value}`) }))}
            onChange={(themeMode) => void update({ themeMode })}
          />
          {brightness('dayBrightness')}
          {brightness('nightBrightness')}
          {error && (
            <p className={styles.error} role="alert">
              {t('settings.saveFailed', { message: error })}
            </p>
          )}
          <div className={styles.footer}>
            <Button onClick={onOpenAbout}>{t('settings.about')}</Button>
          </div>
        </div>
      </div>
    </section>
  );
}
