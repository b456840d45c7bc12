// The car's swap booking at a glance: what it is doing now (on the way with the hold counting down and the ETA, checked in and queued, swapping with its progress, done with the pack and SoC the car reads and the receipt), with Cancel, Check in or Done.
import { Repeat } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ActiveSwap, SwapBookingView } from '../../../shared/state/swapSlice';
import { Button } from '../../components/Button';
import { useFormatters } from '../../app/useFormatters';
import { countdownText, moneyText, wholeMinutes } from './format';
import { hostText } from '../../app/useIntent';
import { useSwapIntent } from './useSwapIntent';
import styles from './BookingCard.module.css';
import { HostText } from '../../components/DataText';

interface Props {
  active: Exclude<ActiveSwap, { status: 'none' }>;
  /** Host clock (ages) and wall clock (times of day and countdowns). */
  now: number;
  wall: number;
  /** On Home: a button that opens the Swap screen. */
  onOpen?: () => void;
}

export function BookingCard({ active, now, wall, onOpen }: Props) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { run, message, busy } = useSwapIntent();
  const cancel = () => void run('swap.cancel', {});
  const dismiss = () => void run('swap.dismiss', {});

  if (active.status === 'refused') {
    return (
      <section className={styles.card} data-tone="danger" data-testid="swap-card" data-status="refused" aria-labelledby="swap-card-title">
        <header className={styles.header}>
          <Repeat className={styles.icon} aria-hidden="true" />
          <h2 id="swap-card-title" className={styles.title}>
            {t('swap.card.notBooked', { station: active.stationName })}
          </h2>
        </header>
        <p className={styles.problem} role="alert" data-testid="swap-problem">
          <HostText reason={active.problem} />
        </p>
        <div className={styles.actions}>
          <Button onClick={dismiss} data-testid="swap-dismiss">
            {t('swap.card.done')}
          </Button>
        </div>
      </section>
    );
  }

  if (active.status === 'requesting') {
    return (
      <section className={styles.card} data-testid="swap-card" data-status="requesting" aria-labelledby="swap-card-title" aria-busy="true">
        <header className={styles.header}>
          <Repeat className={styles.icon} aria-hidden="true" />
          <h2 id="swap-card-title" className={styles.title}>
            {t('swap.card.requesting', { station: active.stationName })}
          </h2>
        </header>
        <p className={styles.line}>{active.attempt > 1 ? t('swap.card.retrying', { attempt: active.attempt }) : t('swap.card.waitingForOperator', { network: active.networkName })}</p>
        <div className={styles.actions}>
          <Button onClick={cancel} disabled={busy !== null} data-testid="swap-cancel">
            {t('swap.card.cancel')}
          </Button>
        </div>
      </section>
    );
  }

  const b = active.booking;
  const finished = active.status === 'finished';
  const tone = finished ? (b.status === 'COMPLETED' ? 'success' : 'muted') : active.link.state === 'unreachable' ? 'warning' : 'accent';
  return (
    <section className={styles.card} data-tone={tone} data-testid="swap-card" data-status={b.status} aria-labelledby="swap-card-title">
      <header className={styles.header}>
        <Repeat className={styles.icon} aria-hidden="true" />
        <div className={styles.titles}>
          <h2 id="swap-card-title" className={styles.title}>
            <span translate="no">{b.stationName}</span>
          </h2>
          <p className={styles.status} data-testid="swap-status">
            {t(`swap.status.${b.status}`)}
          </p>
        </div>
        {onOpen && (
          <Button onClick={onOpen} data-testid="swap-open">
            {t('swap.card.open')}
          </Button>
        )}
      </header>
      {active.status === 'booked' && active.link.state === 'unreachable' && (
        <p className={styles.warning} role="status" data-testid="swap-link">
          {t('swap.card.unreachable', { network: b.networkName })}
        </p>
      )}
      {active.status === 'booked' ? <LiveFacts active={active} wall={wall} now={now} /> : <FinishedFacts active={active} />}
      {message && (
        <p className={styles.problem} role="alert">
          {message}
        </p>
      )}
      <div className={styles.actions}>
        {active.status === 'booked' && b.status === 'CONFIRMED' && (
          <Button onClick={() => void run('swap.checkIn', {})} disabled={busy !== null} data-testid="swap-check-in">
            {t('swap.card.checkIn')}
          </Button>
        )}
        {active.status === 'booked' && (b.status === 'CONFIRMED' || b.status === 'ARRIVED') && (
          <Button onClick={cancel} disabled={busy !== null} data-testid="swap-cancel">
            {wall > b.cancelUntil && b.terms.lateCancelFeeMinor > 0 ? t('swap.card.cancelFor', { fee: moneyText(f.locale, { amountMinor: b.terms.lateCancelFeeMinor, currency: b.terms.currency }) }) : t('swap.card.cancel')}
          </Button>
        )}
        {finished && (
          <Button variant="primary" onClick={dismiss} data-testid="swap-dismiss">
            {t('swap.card.done')}
          </Button>
        )}
      </div>
    </section>
  );
}

function LiveFacts({ active, wall }: { active: Extract<ActiveSwap, { status: 'booked' }>; wall: number; now: number }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const b = active.booking;
  const money = (amountMinor: number) => moneyText(f.locale, { amountMinor, currency: b.terms.currency });
  if (b.status === 'CONFIRMED') {
    return (
      <dl className={styles.facts}>
        <div>
          <dt>{t('swap.card.eta')}</dt>
          <dd data-testid="swap-eta">{active.route ? t('swap.card.etaValue', { minutes: active.route.etaMinutes, distance: f.distanceKm(active.route.distanceM / 1000).text }) : t('swap.card.etaUnknown')}</dd>
        </div>
        <div>
          <dt>{t('swap.card.arriveBy')}</dt>
          <dd>{f.time(b.arrivalAt)}</dd>
        </div>
        <div>
          <dt>{t('swap.card.holdEnds')}</dt>
          <dd className={styles.countdown} data-testid="swap-countdown">
            {countdownText(b.expiresAt - wall)}
          </dd>
        </div>
        <div>
          <dt>{t('swap.card.price')}</dt>
          <dd>{t('swap.card.about', { price: money(b.priceEstimate.amountMinor) })}</dd>
        </div>
        <div className={styles.wide}>
          <dt>{t('swap.card.cancelling')}</dt>
          <dd>{wall <= b.cancelUntil ? t('swap.card.freeUntil', { time: f.time(b.cancelUntil) }) : t('swap.card.lateFee', { fee: money(b.terms.lateCancelFeeMinor) })}</dd>
        </div>
        {active.checkIn.state === 'failed' && (
          <div className={styles.wide}>
            <dt>{t('swap.card.checkIn')}</dt>
            <dd className={styles.problemText}>
              <HostText reason={active.checkIn.problem} />
            </dd>
          </div>
        )}
      </dl>
    );
  }
  if (b.status === 'ARRIVED') {
    return <p className={styles.line}>{b.queuePosition ? t('swap.card.queue', { position: b.queuePosition }) : t('swap.card.waitingForBay')}</p>;
  }
  // Swapping: the bay, the pack going in, and how far along.
  const start = b.swapStartedAt ?? wall;
  const end = b.swapExpectedEndAt ?? start;
  const progress = end > start ? Math.min(1, Math.max(0, (wall - start) / (end - start))) : 0;
  return (
    <div className={styles.swapping}>
      <p className={styles.line}>{t('swap.card.swapping', { bay: b.bay ?? '–', pack: b.newPackId ?? '–' })}</p>
      <div className={styles.progress} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)} aria-label={t('swap.card.progress')}>
        <div className={styles.progressFill} style={{ inlineSize: `${Math.round(progress * 100)}%` }} />
      </div>
    </div>
  );
}

function FinishedFacts({ active }: { active: Extract<ActiveSwap, { status: 'finished' }> }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const b: SwapBookingView = active.booking;
  const c = active.confirmation;
  return (
    <dl className={styles.facts}>
      {b.status === 'COMPLETED' && (
        <div className={styles.wide}>
          <dt>{t('swap.card.carReads')}</dt>
          <dd data-testid="swap-confirmation" data-state={c?.state ?? 'waiting'}>
            {c?.state === 'confirmed'
              ? t('swap.confirmation.confirmed', { pack: c.packId, soc: f.percent(c.socPercent).text })
              : c?.state === 'mismatch'
                ? t('swap.confirmation.mismatch', { pack: c.packId ?? '–', expected: c.expectedPackId ?? '–' })
                : t('swap.confirmation.waiting')}
          </dd>
        </div>
      )}
      {b.status !== 'COMPLETED' && b.statusReason && (
        <div className={styles.wide}>
          <dt>{t('swap.card.why')}</dt>
          <dd>{hostText(t, `swap.reasons.${b.statusReason}`, { reason: b.statusReason })}</dd>
        </div>
      )}
      <div>
        <dt>{t('swap.card.charged')}</dt>
        <dd data-testid="swap-charge">{b.charge.amountMinor > 0 ? moneyText(f.locale, b.charge) : t('swap.card.nothingCharged')}</dd>
      </div>
      {b.completedAt !== null && (
        <div>
          <dt>{t('swap.card.completedAt')}</dt>
          <dd>{f.time(b.completedAt)}</dd>
        </div>
      )}
      <div className={styles.wide}>
        <dt>{t('swap.card.booking')}</dt>
        <dd className={styles.reference} translate="no">
          {b.id}
        </dd>
      </div>
    </dl>
  );
}

/** Minutes, for callers that show a plain duration next to the card. */
export const minutesText = wholeMinutes;
