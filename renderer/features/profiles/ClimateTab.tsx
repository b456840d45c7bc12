// Climate set-point, fan and seat heating; drive mode and regeneration: what the car takes while moving too.
import { useTranslation } from 'react-i18next';
import { DRIVE_MODES, PROFILE_LIMITS as L } from '../../../shared/profiles/profileSchema';
import { SegmentedChoice } from '../../components/SegmentedChoice';
import { useFormatters } from '../../app/useFormatters';
import { SettingRow } from './SettingRow';
import type { TabProps } from './tabProps';
import styles from './ProfileEditor.module.css';

const NOT_SET = 'none';

export function ClimateTab({ profile, update, writable, disabled }: TabProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { climate, drive } = profile;
  const modeOnCar = writable === null || writable.includes('drive.mode');
  return (
    <div className={styles.columns}>
      <div className={styles.column}>
        <SettingRow
          id="climate.temperature"
          writable={writable}
          label={t('profiles.settings.climate.temperature')}
          value={climate.temperature}
          format={(v) => format.temperature(v, 1).text}
          min={L.temperatureC.min}
          max={L.temperatureC.max}
          step={0.5}
          start={21}
          disabled={disabled}
          onChange={(temperature) => update({ climate: { ...climate, temperature } })}
        />
        <SettingRow
          id="climate.fan"
          writable={writable}
          label={t('profiles.settings.climate.fan')}
          value={climate.fan}
          format={(v) => t('profiles.units.percent', { value: format.number(v) })}
          min={L.fanPercent.min}
          max={L.fanPercent.max}
          step={10}
          start={40}
          disabled={disabled}
          onChange={(fan) => update({ climate: { ...climate, fan } })}
        />
      </div>
      <div className={styles.column}>
        <SettingRow
          id="climate.seatHeating"
          writable={writable}
          label={t('profiles.settings.climate.seatHeating')}
          value={climate.seatHeating}
          format={(v) => t('profiles.units.level', { value: format.number(v) })}
          min={L.seatHeatingLevel.min}
          max={L.seatHeatingLevel.max}
          step={1}
          start={0}
          disabled={disabled}
          onChange={(seatHeating) => update({ climate: { ...climate, seatHeating } })}
        />
        <SettingRow
          id="drive.regen"
          writable={writable}
          label={t('profiles.settings.drive.regen')}
          value={drive.regen}
          format={(v) => t('profiles.units.level', { value: format.number(v) })}
          min={L.regenLevel.min}
          max={L.regenLevel.max}
          step={1}
          start={1}
          disabled={disabled}
          onChange={(regen) => update({ drive: { ...drive, regen } })}
        />
      </div>
      <div className={styles.wide}>
        {modeOnCar ? (
          <SegmentedChoice
            label={t('profiles.settings.drive.mode')}
            value={drive.mode ?? NOT_SET}
            disabled={disabled}
            options={[{ value: NOT_SET, label: t('profiles.notSet') }, ...DRIVE_MODES.map((m) => ({ value: m, label: t(`profiles.driveModes.${m}`) }))]}
            onChange={(mode) => update({ drive: { ...drive, mode: mode === NOT_SET ? null : (mode as (typeof DRIVE_MODES)[number]) } })}
          />
        ) : (
          <div className={styles.unavailable} data-testid="setting-drive.mode" data-available="false">
            <span className={styles.unavailableLabel}>{t('profiles.settings.drive.mode')}</span>
            <span>{t('profiles.notOnThisCar')}</span>
          </div>
        )}
      </div>
    </div>
  );
}
