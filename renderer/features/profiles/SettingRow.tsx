// One car setting in the editor: a stepper, or "not available on this car" when the car's mapping cannot write it.
import { useTranslation } from 'react-i18next';
import type { VehicleSettingId } from '../../../shared/profiles/vehicleSettings';
import { OptionalStepper } from './OptionalStepper';
import styles from './ProfileEditor.module.css';

interface Props {
  id: VehicleSettingId;
  writable: VehicleSettingId[] | null;
  label: string;
  value: number | null;
  format: (value: number) => string;
  min: number;
  max: number;
  step: number;
  start?: number;
  disabled: boolean;
  onChange: (value: number) => void;
}

export function SettingRow({ id, writable, label, start, ...rest }: Props) {
  const { t } = useTranslation();
  if (writable !== null && !writable.includes(id)) {
    return (
      <div className={styles.unavailable} data-testid={`setting-${id}`} data-available="false">
        <span className={styles.unavailableLabel}>{label}</span>
        <span>{t('profiles.notOnThisCar')}</span>
      </div>
    );
  }
  return (
    <div data-testid={`setting-${id}`} data-available="true">
      <OptionalStepper
        label={label}
        notSetText={t('profiles.notSet')}
        decreaseLabel={t('settings.decrease', { name: label })}
        increaseLabel={t('settings.increase', { name: label })}
        start={start ?? (rest.min + rest.max) / 2}
        {...rest}
      />
    </div>
  );
}
