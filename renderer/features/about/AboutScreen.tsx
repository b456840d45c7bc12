// About: version, run mode, third-party data attributions and the generated licence list of shipped packages, paged to fit the screen.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntentResponse } from '../../../shared/ipc/intents';
import { selectApp } from '../../../shared/state/uiSlice';
import { Button } from '../../components/Button';
import { Pager } from '../../components/Pager';
import { useBridge } from '../../app/bridgeContext';
import { useAppSelector } from '../../app/store';
import { useRestriction } from '../../app/useRestriction';
import { RestrictedNotice } from '../../components/RestrictedNotice';
import { usePageSize } from './usePageSize';
import styles from './AboutScreen.module.css';

type Licenses = IntentResponse<'about.licenses'>;

export function AboutScreen({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const app = useAppSelector(selectApp);
  const [licenses, setLicenses] = useState<Licenses | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const perPage = usePageSize(listRef, `.${styles.item}`);
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

  const packages = licenses?.packages ?? [];
  const pages = Math.max(1, Math.ceil(packages.length / perPage));
  const shown = Math.min(page, pages - 1);
  const openPackage = packages.find((pkg) => `${pkg.name}@${pkg.version}` === open);

  return (
    <section className={styles.about} aria-labelledby="about-title">
      <div className={styles.facts}>
        <Button className={styles.back} onClick={onBack}>{t('about.back')}</Button>
        <h1 id="about-title" className={styles.title}>
          {t('about.title')}
        </h1>
        <p className={styles.meta} data-testid="about-version">
          {t('about.version', { version: app.version })}
        </p>
        <p className={styles.meta}>{t(`about.mode.${app.mode}`)}</p>
        {!longText.restricted && licenses && <h2 className={styles.heading}>{t('about.dataSources')}</h2>}
        {!longText.restricted && licenses && (
          <ul className={styles.sources}>
            {licenses.dataSources.map((source) => (
              <li key={source.name} className={styles.source}>
                <strong>{source.name}</strong>
                <span className={styles.license}>{source.license}</span>
                <span className={styles.attribution}>{t(`about.attributions.${source.id}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className={styles.licences}>
        <h2 className={styles.heading}>{t('about.licenses')}</h2>
        {longText.restricted ? (
          <RestrictedNotice reason={longText.reason} testId="about-restricted" />
        ) : licenses === null ? (
          <p className={styles.meta}>{t('about.loading')}</p>
        ) : (
          <>
            <p className={styles.meta}>{t('about.licenseCount', { count: packages.length })}</p>
            <div className={styles.list} ref={listRef} data-testid="license-list">
              {openPackage ? (
                // One text at a time, in the space the list had: a reading pane, not a page that grows.
                <div className={styles.reader}>
                  <div className={styles.item}>
                    <strong className={styles.name}>{open}</strong>
                    <span className={styles.license}>{openPackage.license}</span>
                    <Button onClick={() => setOpen(null)} aria-expanded={true}>
                      {t('about.hideText')}
                    </Button>
                  </div>
                  <pre className={styles.text} tabIndex={0} aria-label={t('about.licenseText', { name: open })}>
                    {openPackage.text || t('about.noText')}
                  </pre>
                </div>
              ) : (
                <ul className={styles.rows}>
                  {packages.slice(shown * perPage, (shown + 1) * perPage).map((pkg) => {
                    const id = `${pkg.name}@${pkg.version}`;
                    return (
                      <li key={id} className={styles.item}>
                        <strong className={styles.name}>{id}</strong>
                        <span className={styles.license}>{pkg.license}</span>
                        <Button onClick={() => setOpen(id)} aria-expanded={false}>
                          {t('about.showText')}
                        </Button>
                      </li>
                    );
                  })}
                </ul>
              )}
            </div>
            {!openPackage && (
              <Pager
                page={shown}
                pages={pages}
                onPage={setPage}
                label={t('pager.position', { page: shown + 1, pages })}
                previousLabel={t('pager.previous')}
                nextLabel={t('pager.next')}
              />
            )}
          </>
        )}
      </div>
    </section>
  );
}
