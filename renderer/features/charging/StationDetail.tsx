// A station in detail: its EVSEs and connectors with power and status (with its age), tariff, opening hours, operator, where the data comes from, and the favourite toggle.
import { Star, X } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { StationDetail as Detail } from '../../../shared/ipc/stations';
import { selectEffectivePreferences } from '../../../shared/state/profilesSlice';
import { Button } from '../../components/Button';
import { Pager } from '../../components/Pager';
import { DataText } from '../../components/DataText';
import { useAppSelector } from '../../app/store';
import { useFormatters } from '../../app/useFormatters';
import { ageText, distanceText, standardName, statusWithAge } from './format';
import { useStationsIntent } from './useStationsIntent';
import styles from './StationDetail.module.css';

const EVSES_PER_PAGE = 4;
/** Statuses change: the sheet asks again this often while open. */
const REFRESH_MS = 15_000;

export function StationDetail({ stationKey, now, onClose }: { stationKey: string; now: number; onClose(): void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const unit = useAppSelector((s) => selectEffectivePreferences(s).distanceUnit);
  const sources = useAppSelector((s) => s.stations.sources);
  const { run, message } = useStationsIntent();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [page, setPage] = useState(0);

  const load = useCallback(async () => {
    const answer = await run('stations.detail', { key: stationKey });
    if (answer) setDetail(answer);
  }, [run, stationKey]);

  useEffect(() => {
    setDetail(null);
    setPage(0);
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, sources]);

  const toggleFavourite = async () => {
    if (!detail) return;
    const answer = await run('stations.favourite', { key: detail.key, favourite: !detail.favourite });
    if (answer) setDetail({ ...detail, favourite: answer.favourite });
  };

  if (!detail) {
    return (
      <section className={styles.sheet} aria-busy="true" data-testid="station-detail">
        <header className={styles.header}>
          <p className={styles.loading}>{message ?? t('charging.detail.loading')}</p>
          <Button aria-label={t('charging.detail.close')} onClick={onClose}>
            <X aria-hidden="true" />
          </Button>
        </header>
      </section>
    );
  }

  const pages = Math.max(1, Math.ceil(detail.evses.length / EVSES_PER_PAGE));
  const shown = detail.evses.slice(page * EVSES_PER_PAGE, (page + 1) * EVSES_PER_PAGE);
  return (
    <section className={styles.sheet} aria-labelledby="station-detail-name" data-testid="station-detail" data-key={detail.key}>
      <header className={styles.header}>
        <div className={styles.titles}>
          <h2 id="station-detail-name" className={styles.name} translate="no">
            {detail.name}
          </h2>
          <p className={styles.sub}>
            {detail.operator && (
              <span translate="no" data-testid="detail-operator">
                {detail.operator}
              </span>
            )}
            {detail.address && <span translate="no">{detail.address}</span>}
          </p>
        </div>
        <Button
          variant={detail.favourite ? 'selected' : 'plain'}
          aria-pressed={detail.favourite}
          aria-label={detail.favourite ? t('charging.favourite.remove') : t('charging.favourite.add')}
          onClick={() => void toggleFavourite()}
          data-testid="favourite-toggle"
        >
          <Star aria-hidden="true" />
        </Button>
        <Button aria-label={t('charging.detail.close')} onClick={onClose}>
          <X aria-hidden="true" />
        </Button>
      </header>
      {message && (
        <p className={styles.error} role="alert">
          {message}
        </p>
      )}
      <p className={styles.summary}>
        {detail.distance_m !== null && <span>{distanceText(t, f.number, detail.distance_m, unit)}</span>}
        {detail.arrival_soc !== undefined && (
          <span data-reachable={String(detail.reachable)} className={styles.arrival}>
            {detail.reachable ? t('charging.list.arrival', { soc: f.percent(detail.arrival_soc).text }) : t('charging.list.unreachable', { soc: f.percent(Math.max(0, detail.arrival_soc)).text })}
          </span>
        )}
        <span data-testid="detail-hours">{hoursText(t, detail)}</span>
      </p>
      <ul className={styles.evses} aria-label={t('charging.detail.evses')}>
        {shown.map((evse) => (
          <li key={evse.uid} className={styles.evse} data-status={evse.status}>
            <p className={styles.evseStatus} data-testid="evse-status">
              {statusWithAge(t, evse.status, evse.statusSeenAt, now)}
            </p>
            <ul className={styles.connectors}>
              {evse.connectors.map((c) => (
                <li key={c.id} className={styles.connector} data-compatible={String(c.compatible)}>
                  {t('charging.list.connector', { standard: standardName(t, c.standard), power: f.powerKw(c.max_electric_power / 1000).text })}
                  {!c.compatible && <span className={styles.incompatible}>{t('charging.detail.notForThisCar')}</span>}
                </li>
              ))}
            </ul>
            {evse.capabilities.includes('RESERVABLE') && <p className={styles.badge}>{t('charging.detail.reservable')}</p>}
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <Pager
          page={page}
          pages={pages}
          onPage={setPage}
          label={t('charging.detail.evsePage', { page: page + 1, pages })}
          previousLabel={t('charging.list.previous')}
          nextLabel={t('charging.list.next')}
        />
      )}
      <p className={styles.tariff} data-testid="detail-tariff">
        {tariffText(t, f.number, detail)}
      </p>
      <p className={styles.source} data-testid="detail-source" data-kind={detail.source.kind} data-error={detail.source.error ? 'true' : undefined}>
        <SourceText detail={detail} now={now} />
      </p>
    </section>
  );
}

type T = TFunction;

function hoursText(t: T, detail: Detail): string {
  if (!detail.hours) return t('charging.detail.hoursUnknown');
  if (detail.hours.twentyfourseven) return t('charging.detail.open247');
  const days = [...new Set(detail.hours.regular.map((h) => `${h.period_begin}–${h.period_end}`))];
  const open = detail.open_now === null ? '' : detail.open_now ? t('charging.detail.openNow') : t('charging.detail.closedNow');
  return [open, days.slice(0, 2).join(', ')].filter(Boolean).join(' · ');
}

function tariffText(t: T, number: (v: number, d?: number) => string, detail: Detail): string {
  if (detail.tariffs.length === 0) return detail.tariff_text ? t('charging.detail.tariffText', { text: detail.tariff_text }) : t('charging.detail.tariffUnknown');
  return detail.tariffs
    .map((tariff) => {
      const parts = [t('charging.price.perKwh', { amount: number(tariff.energy_per_kwh, 2), currency: tariff.currency })];
      if (tariff.time_per_hour > 0) parts.push(t('charging.price.perHour', { amount: number(tariff.time_per_hour, 2), currency: tariff.currency }));
      if (tariff.flat > 0) parts.push(t('charging.price.flat', { amount: number(tariff.flat, 2), currency: tariff.currency }));
      return parts.join(' + ');
    })
    .join(' · ');
}

function SourceText({ detail, now }: { detail: Detail; now: number }) {
  const { t } = useTranslation();
  const { kind, fetchedSeenAt, error, id } = detail.source;
  const age = fetchedSeenAt === null ? t('charging.age.never') : ageText(t, fetchedSeenAt, now);
  if (kind === 'live') return <DataText i18nKey={error ? 'charging.source.liveCached' : 'charging.source.live'} values={{ age }} data={{ source: id }} />;
  return <>{t(kind === 'imported' ? 'charging.source.imported' : 'charging.source.offline', { age })}</>;
}
