// Switches the brand live (simulation only): every shipped brand pack, chosen with one tap; the whole app restyles without a restart.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectAvailableBrands, selectBrand } from '../../../shared/state/brandSlice';
import { useBridge } from '../../app/bridgeContext';
import { useAppSelector } from '../../app/store';
import { ChoiceRow } from './ChoiceRow';
import styles from './SimulatorScreen.module.css';

export function BrandPanel() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const brands = useAppSelector(selectAvailableBrands);
  const current = useAppSelector(selectBrand).id;
  const [problem, setProblem] = useState<string | null>(null);
  const name = (brand: (typeof brands)[number]) => (i18n.language === 'zh-CN' ? brand.name['zh-CN'] : brand.name.en);

  const choose = async (id: string) => {
    const result = await bridge.invoke('brand.select', { id });
    setProblem(result.ok ? null : result.error.reason ? t(result.error.reason.key as never) : t('brand.switcher.failed', { message: result.error.message }));
  };

  return (
    <section className={styles.panel} aria-labelledby="sim-brand-title" data-testid="brand-switcher">
      <h2 id="sim-brand-title" className={styles.panelTitle}>
        {t('brand.switcher.title')}
      </h2>
      <ChoiceRow label={t('brand.switcher.label')} options={brands.map((b) => ({ value: b.id, label: name(b) }))} current={current} onChoose={(id) => void choose(id)} />
      {problem && (
        <p className={styles.error} role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
