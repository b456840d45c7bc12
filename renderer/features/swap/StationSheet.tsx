// One swap station before booking: availability with its age, then the terms the operator quotes (price, free cancellation until, hold and no-show fee) and the Book button — the confirmation is this tap.
import { X } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SwapStationView } from '../../../shared/state/swapSlice';
import { selectSwap } from '../../../shared/state/swapSlice';
import { packStandardInfo } from '../../../shared/swap/packStandards';
import { Button } from '../../components/Button';
import { useAppSelector } from '../../app/store';
import { useFormatters } from '../../app/useFormatters';
import { moneyText } from './format';
import { useSwapIntent } from './useSwapIntent';
import styles from './SwapScreen.module.css';
import { DataText, HostText } from '../../components/DataText';

export function StationSheet({ station, now, onClose }: { station: SwapStationView; now: number; onClose(): void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const swap = useAppSelector(selectSwap);
  const { run, message, busy } = useSwapIntent();
  const { networkId, id: stationId } = station;

  useEffect(() => {
    void run('swap.quote', { networkId, stationId });
  }, [run, networkId, stationId]);

  const quote = swap.quote.status === 'ready' && swap.quote.quote.networkId === networkId && swap.quote.quote.stationId === stationId ? swap.quote.quote : null;
  const failed = swap.quote.status === 'failed' && swap.quote.stationId === stationId ? swap.quote.problem : null;
  const requesting = swap.active.status === 'requesting' || busy === 'swap.book';
  const money = (amountMinor: number) => moneyText(f.locale, { amountMinor, currency: quote?.terms.currency ?? station.priceEstimate.currency });
  const ageS = Math.max(0, Math.round((now - station.updatedSeenAt) / 1000));

  return (
    <section className={styles.sheet} aria-labelledby="swap-sheet-title" data-testid="swap-sheet" data-id={stationId}>
      <header className={styles.sheetHeader}>
        <div className={styles.sheetTitles}>
          <h2 id="swap-sheet-title" className={styles.sheetTitle} translate="no">
            {station.name}
          </h2>
          <p className={styles.muted}>
            <span translate="no">{station.networkName}</span> · <DataText i18nKey="swap.sheet.packs" values={{ count: station.readyPacks }} data={{ standard: packStandardInfo(station.packStandard)?.label ?? station.packStandard }} /> · {t('swap.sheet.counted', { seconds: ageS })}
          </p>
        </div>
        <Button aria-label={t('swap.sheet.close')} onClick={onClose}>
          <X aria-hidden="true" />
        </Button>
      </header>
      {quote ? (
        <dl className={styles.terms} data-testid="swap-terms">
          <div>
            <dt>{t('swap.sheet.price')}</dt>
            <dd>{t('swap.card.about', { price: money(quote.priceEstimate.amountMinor) })}</dd>
            <dd className={styles.small}>{t('swap.sheet.priceMade', { fee: money(quote.terms.swapFeeMinor), energy: money(quote.terms.energyPriceMinorPerKwh) })}</dd>
          </div>
          <div>
            <dt>{t('swap.sheet.arrival')}</dt>
            <dd>{t('swap.sheet.arrivalValue', { time: f.time(quote.arrivalAt), minutes: quote.etaMinutes })}</dd>
            <dd className={styles.small}>{quote.waitMinutes > 0 ? t('swap.list.wait', { minutes: quote.waitMinutes }) : t('swap.list.noWait')}</dd>
          </div>
          <div>
            <dt>{t('swap.sheet.freeCancel')}</dt>
            <dd data-testid="swap-cancel-until">{t('swap.sheet.until', { time: f.time(quote.cancelUntil) })}</dd>
            <dd className={styles.small}>{t('swap.sheet.lateFee', { fee: money(quote.lateCancelFee.amountMinor) })}</dd>
          </div>
          <div>
            <dt>{t('swap.sheet.hold')}</dt>
            <dd>{t('swap.sheet.until', { time: f.time(quote.expiresAt) })}</dd>
            <dd className={styles.small} data-testid="swap-noshow">
              {t('swap.sheet.noShow', { fee: money(quote.noShowFee.amountMinor) })}
            </dd>
          </div>
        </dl>
      ) : (
        <p className={failed ? styles.error : styles.muted} role={failed ? 'alert' : undefined}>
          {failed ? <HostText reason={failed} /> : t('swap.sheet.quoting')}
        </p>
      )}
      {message && (
        <p className={styles.error} role="alert" data-testid="swap-sheet-error">
          {message}
        </p>
      )}
      <div className={styles.sheetActions}>
        <Button
          variant="primary"
          className={styles.book}
          disabled={!quote || !quote.available || requesting}
          onClick={() => void run('swap.book', { networkId, stationId })}
          data-testid="swap-book"
        >
          {requesting ? t('swap.sheet.booking') : quote && !quote.available ? t('swap.sheet.noPack') : t('swap.sheet.book')}
        </Button>
      </div>
    </section>
  );
}
