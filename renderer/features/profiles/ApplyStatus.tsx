// How applying the active profile went: one line per group of settings (set, on its way, failed and why, not on this car), and Retry.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RuleFiring, SettingApply } from '../../../shared/state/profilesSlice';
import type { VehicleSettingId } from '../../../shared/profiles/vehicleSettings';
import { Button } from '../../components/Button';
import { useFormatters } from '../../app/useFormatters';
import { groupApply } from './applyGroups';
import { hostText } from '../../app/useIntent';
import styles from './ApplyStatus.module.css';

interface Props {
  settings: Partial<Record<VehicleSettingId, SettingApply>>;
  fired: RuleFiring[];
  onRetry: () => void;
}

export function ApplyStatus({ settings, fired, onRetry }: Props) {
  const { t } = useTranslation();
  const format = useFormatters();
  const groups = groupApply(settings);
  if (groups.length === 0) return <p className={styles.none}>{t('profiles.apply.nothing')}</p>;
  return (
    <div className={styles.status}>
      <ul className={styles.groups} aria-label={t('profiles.apply.title')}>
        {groups.map((g) => (
          <li key={g.group} className={styles.group} data-testid={`apply-${g.group}`} data-state={g.state}>
            <span className={styles.name}>{t(`profiles.groups.${g.group}`)}</span>
            <span className={styles.state}>
              {g.state === 'failed'
                ? t('profiles.apply.failedSettings', { settings: g.failed.map((id) => t(`profiles.settings.${id}`)).join(t('profiles.apply.listSeparator')), reason: hostText(t, g.reason.key, g.reason.params) })
                : t(`profiles.apply.${g.state}`)}
            </span>
          </li>
        ))}
      </ul>
      {fired.map((f) => (
        <p key={f.ruleId} className={styles.fired} data-testid="rule-fired">
          {t('profiles.rules.fired', {
            setting: t(`profiles.learnable.${f.setting}`),
            value: f.setting === 'climate.temperature' ? format.temperature(f.value, 1).text : format.number(f.value),
            condition: conditionText(t, format, f.condition),
            outside: f.outsideC === null ? '—' : format.temperature(f.outsideC).text,
          })}
        </p>
      ))}
      {groups.some((g) => g.state === 'failed') && (
        <Button onClick={onRetry} data-testid="apply-retry">
          {t('profiles.apply.retry')}
        </Button>
      )}
    </div>
  );
}

type Condition = RuleFiring['condition'];

/** "below 5 °C outside", "on Fridays": in the driver's language and units. */
export function conditionText(t: TFunction, format: ReturnType<typeof useFormatters>, condition: Condition): string {
  switch (condition.kind) {
    case 'outsideBelow':
      return t('profiles.conditions.outsideBelow', { temperature: format.temperature(condition.celsius).text });
    case 'outsideAbove':
      return t('profiles.conditions.outsideAbove', { temperature: format.temperature(condition.celsius).text });
    case 'weekday':
      return t('profiles.conditions.weekday', { day: t(`profiles.weekdays.${condition.day}` as 'profiles.weekdays.0') });
  }
}
