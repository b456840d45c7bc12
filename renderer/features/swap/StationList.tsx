// The swap stations that take this car's pack, soonest on the way again first: paged to fit, and limited while driving.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SwapStationView } from '../../../shared/state/swapSlice';
import { Button } from '../../components/Button';
import { Pager } from '../../components/Pager';
import { useListLimit } from '../../app/useRestriction';
import { useFormatters } from '../../app/useFormatters';
import { moneyText } from './format';
import type { SwapStationRef } from './selection';
import styles from './SwapScreen.module.css';

const PER_PAGE = 4;

export function StationList({ stations, selected, onOpen }: { stations: SwapStationView[]; selected: SwapStationRef | null; onOpen(s: SwapStationView): void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const limit = useListLimit();
  const shown = stations.slice(0, Number.isFinite(limit) ? limit : stations.length);
  const pages = Math.max(1, Math.ceil(shown.length / PER_PAGE));
  const [page, setPage] = useState(0);
  const at = Math.min(page, pages - 1);
  return (
    <div className={styles.listArea}>
      <ul className={styles.list} aria-label={t('swap.list.label')}>
        {shown.slice(at * PER_PAGE, at * PER_PAGE + PER_PAGE).map((s) => {
          const isSelected = selected?.networkId === s.networkId && selected.stationId === s.id;
          return (
            <li key={`${s.networkId}/${s.id}`}>
              <Button className={styles.row} aria-pressed={isSelected} onClick={() => onOpen(s)} data-testid="swap-station" data-id={s.id}>
                <span className={styles.rowTop}>
                  <span className={styles.rowName} translate="no">
                    {s.name}
                  </span>
                  <span className={styles.rowMetric}>{s.etaMinutes === null ? '' : t('swap.list.eta', { minutes: s.etaMinutes })}</span>
                </span>
                <span className={styles.rowBottom}>
                  <span className={styles.rowNetwork} translate="no">
                    {s.networkName}
                  </span>
                  <span className={styles.rowPacks} data-ready={s.readyPacks > 0}>
                    {t('swap.list.ready', { count: s.readyPacks })}
                  </span>
                  <span>{s.waitMinutes > 0 ? t('swap.list.wait', { minutes: s.waitMinutes }) : t('swap.list.noWait')}</span>
                  <span>{moneyText(f.locale, s.priceEstimate)}</span>
                </span>
              </Button>
            </li>
          );
        })}
      </ul>
      {pages > 1 && (
        <Pager page={at} pages={pages} onPage={setPage} label={t('swap.list.page', { page: at + 1, pages })} previousLabel={t('swap.list.previous')} nextLabel={t('swap.list.next')} />
      )}
    </div>
  );
}
