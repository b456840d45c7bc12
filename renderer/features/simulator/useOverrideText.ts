// Says an override in force in the driver's language ("State of charge 20 %", "Gear D"), from its structured form.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { SimOverride } from '../../../shared/simulation/overrides';
import { formatNumber } from '../../../shared/vehicle/units';

export function useOverrideText(): (override: SimOverride) => string {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useCallback(
    (override: SimOverride) => {
      const number = (value: number, digits: number) => formatNumber(value, locale, digits);
      if ('speed' in override) return t('simulator.overrides.describe.speed', { value: number(override.speed, 1) });
      if ('soc' in override) return t('simulator.overrides.describe.soc', { value: number(override.soc, 1) });
      if ('gear' in override) return t('simulator.overrides.describe.gear', { value: t(`home.gears.${override.gear}`) });
      if ('lights' in override) return t('simulator.overrides.describe.lights', { value: t(`simulator.overrides.headlightModes.${override.lights}`) });
      if ('location' in override) {
        return t('simulator.overrides.describe.location', { lat: number(override.location.lat, 6), lon: number(override.location.lon, 6) });
      }
      return t('simulator.overrides.describe.driver', { value: override.driver.id });
    },
    [t, locale],
  );
}
