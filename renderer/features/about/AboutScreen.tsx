// About: version, run mode, the generated licence list of shipped packages and third-party data attributions.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntentResponse } from '../../../shared/ipc/intents';
import { selectApp } from '../../../shared/state/uiSlice';
import { Button } from '../../components/Button';
import { useBridge } from '../../app/bridgeContext';
import { useAppSelector } from '../../app/store';
import { useRestriction } from '../../app/useRestriction';
import { RestrictedNotice } from '../../components/RestrictedNotice';
import styles from './AboutScreen.module.css';

type Licenses = IntentResponse<'about.licenses'>;

export function AboutScreen({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const app = useAppSelector(selectApp);
  const [licenses, setLicenses] = useState<Licenses | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  // Licence texts are long reading: not while driving (the host refuses them too).
  const longText = useRestriction('noLongText');

  useEffect(() => {
    if (longText.restricted || licenses) return;
    let alive = true;
    void bridge.invoke('about.licenses', {}).then((result) => {
      if (alive && result.ok) setLicenses(result.value);
    });
    return () => {
      alive = false;
    };
  }, [bridge, longText.restricted, licenses]);

  return (
    <section className={styles.about} aria-labelledby="about-title">
      <Button onClick={onBack}>{t('about.back')}</Button>
      <h1 id="about-title" className={styles.title}>
        {t('about.title')}
      </h1>
      <p className={styles.meta} data-testid="about-version">
        {t('about.version', { version: app.version })}
      </p>
      <p className={styles.meta}>{t(`about.mode.${app.mode}`)}</p>
      <h2 className={styles.heading}>{t('about.dataSources')}</h2>
      {longText.restricted ? (
        <RestrictedNotice reason={longText.reason} testId="about-restricted" />
      ) : licenses === null ? (
        <p className={styles.meta}>{t('about.loading')}</p>
      ) : (
        <>
          <ul className={styles.list}>
            {licenses.dataSources.map((source) => (
              <li key={source.name} className={styles.item}>
                <strong>{source.name}</strong>
                <span className={styles.license}>{source.license}</span>
                <span className={styles.attribution}>{t(`about.attributions.${source.id}`)}</span>
              </li>
            ))}
          </ul>
          <h2 className={styles.heading}>{t('about.licenses')}</h2>
          <p className={styles.meta}>{t('about.licenseCount', { count: licenses.packages.length })}</p>
          <ul className={styles.list} data-testid="license-list">
            {licenses.packages.map((pkg) => {
              const id = `${pkg.name}@${pkg.version}`;
              return (
                <li key={id} className={styles.item}>
                  <strong>{id}</strong>
                  <span className={styles.license}>{pkg.license}</span>
                  <Button onClick={() => setOpen(open === id ? null : id)} aria-expanded={open === id}>
                    {t(open === id ? 'about.hideText' : 'about.showText')}
                  </Button>
                  {open === id && <pre className={styles.text}>{pkg.text || t('about.noText')}</pre>}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
