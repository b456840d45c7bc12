// Charging preferences: the charge target (the car's charge limit), charge or swap, connectors and minimum power; lists kept by the charging screens.
import { useTranslation } from 'react-i18next';
import { CHARGE_OR_SWAP, PROFILE_LIMITS as L } from '../../../shared/profiles/profileSchema';
import type { ConnectorStandard } from '../../../shared/stations/model';
import { DEFAULT_BATTERY_THRESHOLDS } from '../../../shared/profiles/batteryWarnings';
import { Button } from '../../components/Button';
import { SegmentedChoice } from '../../components/SegmentedChoice';
import { useFormatters } from '../../app/useFormatters';
import { OptionalStepper } from './OptionalStepper';
import { SettingRow } from './SettingRow';
import type { TabProps } from './tabProps';
import styles from './ProfileEditor.module.css';

/** The connectors drivers here meet; the full OCPI list stays available to import and the charging screens. */
const CONNECTORS: readonly ConnectorStandard[] = ['GBT_DC', 'GBT_AC', 'IEC_62196_T2_COMBO', 'IEC_62196_T2', 'CHADEMO', 'SAE_J3400'];

export function ChargingTab({ profile, update, writable, disabled }: TabProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { charging, batteryWarnings: warnings } = profile;
  const toggle = (c: ConnectorStandard) =>
    update({ charging: { ...charging, connectors: charging.connectors.includes(c) ? charging.connectors.filter((x) => x !== c) : [...charging.connectors, c] } });
  return (
    <>
      <div className={styles.columns}>
        <div className={styles.column}>
          <SettingRow
            id="charging.targetSoc"
            writable={writable}
            label={t('profiles.settings.charging.targetSoc')}
            value={charging.targetSoc}
            format={(v) => t('profiles.units.percent', { value: format.number(v) })}
            min={L.targetSocPercent.min}
            max={L.targetSocPercent.max}
            step={5}
            start={80}
            disabled={disabled}
            onChange={(targetSoc) => update({ charging: { ...charging, targetSoc } })}
          />
          <OptionalStepper
            label={t('profiles.minPower')}
            value={charging.minPowerKw}
            format={(v) => format.powerKw(v).text}
            notSetText={t('profiles.notSet')}
            min={L.minPowerKw.min}
            max={L.minPowerKw.max}
            step={10}
            start={50}
            decreaseLabel={t('settings.decrease', { name: t('profiles.minPower') })}
            increaseLabel={t('settings.increase', { name: t('profiles.minPower') })}
            disabled={disabled}
            onChange={(minPowerKw) => update({ charging: { ...charging, minPowerKw } })}
          />
          <OptionalStepper
            label={t('profiles.lowBatteryWarning')}
            value={warnings.lowPercent}
            format={(v) => t('profiles.units.percent', { value: format.number(v) })}
            notSetText={t('profiles.defaultPercent', { value: format.number(DEFAULT_BATTERY_THRESHOLDS.lowPercent) })}
            min={L.lowBatteryPercent.min}
            max={L.lowBatteryPercent.max}
            step={5}
            start={DEFAULT_BATTERY_THRESHOLDS.lowPercent}
            decreaseLabel={t('settings.decrease', { name: t('profiles.lowBatteryWarning') })}
            increaseLabel={t('settings.increase', { name: t('profiles.lowBatteryWarning') })}
            disabled={disabled}
            onChange={(lowPercent) => update({ batteryWarnings: { ...warnings, lowPercent } })}
          />
          <OptionalStepper
            label={t('profiles.criticalBatteryWarning')}
            value={warnings.criticalPercent}
            format={(v) => t('profiles.units.percent', { value: format.number(v) })}
            notSetText={t('profiles.defaultPercent', { value: format.number(DEFAULT_BATTERY_THRESHOLDS.criticalPercent) })}
            min={L.criticalBatteryPercent.min}
            max={Math.min(L.criticalBatteryPercent.max, warnings.lowPercent ?? L.criticalBatteryPercent.max)}
            step={5}
            start={DEFAULT_BATTERY_THRESHOLDS.criticalPercent}
            decreaseLabel={t('settings.decrease', { name: t('profiles.criticalBatteryWarning') })}
            increaseLabel={t('settings.increase', { name: t('profiles.criticalBatteryWarning') })}
            disabled={disabled}
            onChange={(criticalPercent) => update({ batteryWarnings: { ...warnings, criticalPercent } })}
          />
        </div>
        <div className={styles.column}>
          <SegmentedChoice
            label={t('profiles.chargeOrSwap')}
            value={charging.chargeOrSwap}
            disabled={disabled}
            options={CHARGE_OR_SWAP.map((value) => ({ value, label: t(`profiles.chargeOrSwapChoices.${value}`) }))}
            onChange={(chargeOrSwap) => update({ charging: { ...charging, chargeOrSwap } })}
          />
        </div>
        <div className={styles.wide}>
          <div className={styles.unavailable} role="group" aria-label={t('profiles.connectors')}>
            <span className={styles.unavailableLabel}>{t('profiles.connectors')}</span>
            <div className={styles.chips}>
              {CONNECTORS.map((c) => (
                <Button key={c} role="checkbox" aria-checked={charging.connectors.includes(c)} variant={charging.connectors.includes(c) ? 'selected' : 'plain'} disabled={disabled} onClick={() => toggle(c)}>
                  {t(`profiles.connectorNames.${c}` as 'profiles.connectorNames.GBT_DC')}
                </Button>
              ))}
            </div>
          </div>
        </div>
      </div>
      <p className={styles.note}>
        {t('profiles.chargingLists', {
          favourites: profile.favouriteStations.length,
          preferred: charging.preferredOperators.length,
          excluded: charging.excludedOperators.length,
          networks: charging.swapNetworks.length,
        })}
      </p>
    </>
  );
}
