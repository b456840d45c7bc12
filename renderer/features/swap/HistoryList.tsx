// Receipts of the car's finished swap bookings: where, when, what it cost and what the car read after the swap.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SwapReceipt } from '../../../shared/state/swapSlice';
import { Pager } from '../../components/Pager';
import { useListLimit } from '../../app/useRestriction';
import { useFormatters } from '../../app/useFormatters';
import { moneyText } from './format';
import styles from './SwapScreen.module.css';

const PER_PAGE = 4;

export function HistoryList({ receipts }: { receipts: SwapReceipt[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const limit = useListLimit();
  const shown = receipts.slice(0, Number.isFinite(limit) ? limit : receipts.length);
  const pages = Math.max(1, Math.ceil(shown.length / PER_PAGE));
  const [page, setPage] = useState(0);
  const at = Math.min(page, pages - 1);
  if (shown.length === 0) return <p className={styles.muted}>{t('swap.history.none')}</p>;
  return (
    <div className={styles.listArea}>
      <ul className={styles.receipts} aria-label={t('swap.history.label')}>
        {shown.slice(at * PER_PAGE, at * PER_PAGE + PER_PAGE).map((r) => (
          <li key={r.bookingId} className={styles.receipt} data-testid="swap-receipt" data-status={r.status}>
            <span className={styles.rowTop}>
              <span className={styles.rowName} translate="no">
                {r.stationName}
              </span>
              <span className={styles.rowMetric}>{r.charge.amountMinor > 0 ? moneyText(f.locale, r.charge) : t('swap.card.nothingCharged')}</span>
            </span>
            <span className={styles.rowBottom}>
              <span>{t(`swap.status.${r.status}`)}</span>
              <span>{new Intl.DateTimeFormat(f.locale, { dateStyle: 'medium' }).format(r.finishedAt)} {f.time(r.finishedAt)}</span>
              {r.newPackId && <span>{t('swap.history.pack', { pack: r.newPackId, soc: r.newPackSocPercent === null ? '–' : f.percent(r.newPackSocPercent).text })}</span>}
              {r.confirmation && <span>{t(`swap.history.confirmation.${r.confirmation}`)}</span>}
            </span>
          </li>
        ))}
      </ul>
      {pages > 1 && <Pager page={at} pages={pages} onPage={setPage} label={t('swap.list.page', { page: at + 1, pages })} previousLabel={t('swap.list.previous')} nextLabel={t('swap.list.next')} />}
    </div>
  );
}
