// The car's charger reservation: waiting for the charge point's answer, reserved with its countdown and fee, ended, or refused with the operator's reason said plainly.
import { CalendarClock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ActiveReservation, ReservationFeeView } from '../../../shared/state/reservationsSlice';
import { Button } from '../../components/Button';
import { useFormatters } from '../../app/useFormatters';
import { countdownText, moneyText } from './format';
import { useSwapIntent } from './useSwapIntent';
import styles from './BookingCard.module.css';
import { HostText } from '../../components/DataText';

export function ReservationCard({ active, wall, onOpen }: { active: Exclude<ActiveReservation, { status: 'none' }>; wall: number; onOpen?: () => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { run, message, busy } = useSwapIntent();
  const refused = active.status === 'refused';
  const name = refused ? active.stationName : active.reservation.stationName;
  const tone = refused ? 'danger' : active.status === 'ended' ? 'muted' : active.status === 'reserved' ? 'success' : 'accent';
  return (
    <section className={styles.card} data-tone={tone} data-testid="reservation-card" data-status={active.status} aria-labelledby="reservation-title">
      <header className={styles.header}>
        <CalendarClock className={styles.icon} aria-hidden="true" />
        <div className={styles.titles}>
          <h2 id="reservation-title" className={styles.title}>
            <span translate="no">{name}</span>
          </h2>
          <p className={styles.status} data-testid="reservation-status">
            {refused ? t('reservations.card.refused') : t(`reservations.card.${active.status}`)}
          </p>
        </div>
        {onOpen && (
          <Button onClick={onOpen} data-testid="reservation-open">
            {t('swap.card.open')}
          </Button>
        )}
      </header>
      {refused ? (
        <p className={styles.problem} role="alert" data-testid="reservation-outcome" data-outcome={active.outcome}>
          <HostText reason={active.problem} />
        </p>
      ) : (
        <dl className={styles.facts}>
          <div>
            <dt>{t('reservations.card.charger')}</dt>
            <dd translate="no">{active.reservation.evseId ?? active.reservation.evseUid}</dd>
          </div>
          {(active.status === 'reserved' || active.status === 'waiting') && (
            <div>
              <dt>{t('reservations.card.heldFor')}</dt>
              <dd className={styles.countdown} data-testid="reservation-countdown">
                {countdownText(active.reservation.expiresAt - wall)}
              </dd>
            </div>
          )}
          <div>
            <dt>{t('reservations.card.until')}</dt>
            <dd>{f.time(active.reservation.expiresAt)}</dd>
          </div>
          <div className={styles.wide}>
            <dt>{t('reservations.card.fee')}</dt>
            <dd>{active.status === 'ended' ? (active.charge && active.charge.amountMinor > 0 ? moneyText(f.locale, active.charge) : t('swap.card.nothingCharged')) : feeText(t as unknown as Translate, f.locale, active.reservation.fee)}</dd>
          </div>
        </dl>
      )}
      {message && (
        <p className={styles.problem} role="alert">
          {message}
        </p>
      )}
      <div className={styles.actions}>
        {(active.status === 'reserved' || active.status === 'waiting') && (
          <Button onClick={() => void run('reservations.cancel', {})} disabled={busy !== null} data-testid="reservation-cancel">
            {t('reservations.card.cancel')}
          </Button>
        )}
        {(active.status === 'ended' || refused) && (
          <Button variant="primary" onClick={() => void run('reservations.dismiss', {})} data-testid="reservation-dismiss">
            {t('swap.card.done')}
          </Button>
        )}
      </div>
    </section>
  );
}

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** "¥5.00 to reserve, ¥12.00 an hour (5-min steps): at most ¥11.00; ¥10.00 if unused". */
export function feeText(t: Translate, locale: string, fee: ReservationFeeView | null): string {
  if (!fee) return t('reservations.fee.none');
  const m = (amountMinor: number) => moneyText(locale, { amountMinor, currency: fee.currency });
  return t('reservations.fee.text', { flat: m(fee.flatMinor), perHour: m(fee.perHourMinor), step: fee.stepMinutes, used: m(fee.ifUsedMinor), expired: m(fee.ifExpiredMinor) });
}
