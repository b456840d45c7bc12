// Reserve a charger: the reservable stations nearby, a station's reservable chargers with their status and the fee shown before confirming, and the car's reservation once made.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectReservations } from '../../../shared/state/reservationsSlice';
import { Button } from '../../components/Button';
import { Pager } from '../../components/Pager';
import { useAppSelector } from '../../app/store';
import { useListLimit } from '../../app/useRestriction';
import { useFormatters } from '../../app/useFormatters';
import { feeText, ReservationCard } from './ReservationCard';
import { hostText } from '../../app/useIntent';
import { HostText } from '../../components/DataText';
import { useSwapIntent } from './useSwapIntent';
import styles from './SwapScreen.module.css';

const PER_PAGE = 4;

export function ReservePanel({ wall, chosen, onChoose }: { wall: number; chosen: string | null; onChoose(key: string): void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const reservations = useAppSelector(selectReservations);
  const results = useAppSelector((s) => s.stations.results);
  const { run, message, busy } = useSwapIntent();
  const limit = useListLimit();
  const [page, setPage] = useState(0);
  // A charger chosen here or from the comparison: its reservable EVSEs and fee, fresh from the operator.
  useEffect(() => {
    if (chosen) void run('reservations.offer', { stationKey: chosen });
  }, [run, chosen]);
  if (!reservations.available) return <p className={styles.muted}>{t('reservations.unavailable')}</p>;
  // Only what the connected operator can reserve (other operators' stations are reservable elsewhere, not from here).
  const reservable = results.filter((r) => r.reservable && reservations.parties.some((p) => r.key.startsWith(`${p}/`))).slice(0, Number.isFinite(limit) ? limit : undefined);
  const pages = Math.max(1, Math.ceil(reservable.length / PER_PAGE));
  const at = Math.min(page, pages - 1);
  const choose = (key: string) => (key === chosen ? void run('reservations.offer', { stationKey: key }) : onChoose(key));
  const active = reservations.active;
  const offer = reservations.offer;
  const t2 = t as unknown as (key: string, params?: Record<string, string | number>) => string;

  return (
    <div className={styles.body}>
      <div className={styles.listArea}>
        {reservable.length === 0 ? (
          <p className={styles.muted}>{t('reservations.none')}</p>
        ) : (
          <ul className={styles.list} aria-label={t('reservations.label')}>
            {reservable.slice(at * PER_PAGE, at * PER_PAGE + PER_PAGE).map((r) => (
              <li key={r.key}>
                <Button className={styles.row} aria-pressed={chosen === r.key} onClick={() => choose(r.key)} data-testid="reservable-station" data-key={r.key}>
                  <span className={styles.rowTop}>
                    <span className={styles.rowName} translate="no">
                      {r.name}
                    </span>
                    <span className={styles.rowMetric}>{f.distanceKm(r.distance_m / 1000).text}</span>
                  </span>
                  <span className={styles.rowBottom}>
                    <span translate="no">{r.operator ?? ''}</span>
                    <span>{t('reservations.free', { available: r.available, evses: r.evses })}</span>
                  </span>
                </Button>
              </li>
            ))}
          </ul>
        )}
        {pages > 1 && <Pager page={at} pages={pages} onPage={setPage} label={t('swap.list.page', { page: at + 1, pages })} previousLabel={t('swap.list.previous')} nextLabel={t('swap.list.next')} />}
      </div>
      <div className={styles.sideColumn}>
        {active.status !== 'none' ? (
          <ReservationCard active={active} wall={wall} />
        ) : offer.status === 'ready' ? (
          <section className={styles.sheet} aria-labelledby="offer-title" data-testid="reservation-offer">
            <h2 id="offer-title" className={styles.sheetTitle} translate="no">
              {offer.offer.stationName}
            </h2>
            <p className={styles.fee} data-testid="reservation-fee">
              {feeText(t2, f.locale, offer.offer.fee)}
            </p>
            <p className={styles.muted}>{t('reservations.heldUntil', { time: f.time(offer.offer.expiresAt), minutes: offer.offer.minutes })}</p>
            <ul className={styles.evses}>
              {offer.offer.evses.map((e) => (
                <li key={e.uid}>
                  <Button className={styles.row} disabled={busy !== null} onClick={() => void run('reservations.reserve', { stationKey: offer.offer.stationKey, evseUid: e.uid })} data-testid="reserve-evse" data-status={e.status} data-uid={e.uid}>
                    <span className={styles.rowTop}>
                      <span className={styles.rowName}>{t('reservations.reserve', { charger: e.evseId ?? e.uid })}</span>
                      <span className={styles.rowMetric}>{e.powerKw === null ? '' : f.powerKw(e.powerKw).text}</span>
                    </span>
                    <span className={styles.rowBottom}>
                      <span data-status={e.status}>{hostText(t, `charging.status.${e.status}`)}</span>
                    </span>
                  </Button>
                </li>
              ))}
            </ul>
          </section>
        ) : offer.status === 'failed' ? (
          <p className={styles.error} role="alert">
            <HostText reason={offer.problem} />
          </p>
        ) : (
          <p className={styles.muted}>{offer.status === 'loading' ? t('reservations.loading') : t('reservations.choose')}</p>
        )}
        {message && (
          <p className={styles.error} role="alert" data-testid="reservation-error">
            {message}
          </p>
        )}
      </div>
    </div>
  );
}
