// The results as a paged list (head units page, never scroll): limited while driving, with what to loosen when nothing matches.
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationFiltersPatch } from '../../../shared/ipc/stations';
import { selectStations, type LimitingFilter } from '../../../shared/state/stationsSlice';
import { Button } from '../../components/Button';
import { Pager } from '../../components/Pager';
import { RestrictedNotice } from '../../components/RestrictedNotice';
import { useAppSelector } from '../../app/store';
import { useListLimit, useRestriction } from '../../app/useRestriction';
import { StationRow } from './StationRow';
import styles from './ChargingScreen.module.css';

/** Rows per page until the list has been measured. */
const FIRST_GUESS_ROWS = 4;

/** As many rows as fit the list's height (notices above it take some): a page never scrolls or cuts a row. */
function useRowsThatFit(list: RefObject<HTMLUListElement | null>, hasRows: boolean): number {
  const [rows, setRows] = useState(FIRST_GUESS_ROWS);
  useLayoutEffect(() => {
    const el = list.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const first = el.firstElementChild;
      const rowHeight = first ? first.getBoundingClientRect().height : 0;
      if (rowHeight <= 0) return;
      const gap = Number.parseFloat(getComputedStyle(el).rowGap) || 0;
      setRows(Math.max(1, Math.floor((el.clientHeight + gap) / (rowHeight + gap))));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [list, hasRows]);
  return rows;
}

/** How each filter that emptied the list is loosened with one tap. */
const LOOSEN: Record<Exclude<LimitingFilter, 'name' | 'favourites'>, StationFiltersPatch> = {
  availableOnly: { availableOnly: false },
  reservableOnly: { reservableOnly: false },
  minPowerKw: { minPowerKw: 0 },
  maxPricePerKwh: { maxPricePerKwh: null },
  excludeOperators: { excludeOperators: [] },
  standards: { standards: null },
};

interface Props {
  now: number;
  selectedKey: string | null;
  onOpen(key: string): void;
  onLoosen(filter: LimitingFilter, patch: StationFiltersPatch | null): void;
}

export function StationList({ now, selectedKey, onOpen, onLoosen }: Props) {
  const { t } = useTranslation();
  const stations = useAppSelector(selectStations);
  const limit = useListLimit();
  const lists = useRestriction('limitedLists');
  const [page, setPage] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const perPage = useRowsThatFit(listRef, stations.results.length > 0);
  const shown = stations.results.slice(0, limit);
  const pages = Math.max(1, Math.ceil(shown.length / perPage));
  const first = stations.results[0]?.key;
  // A new search starts at the first page.
  useEffect(() => setPage(0), [first, stations.query]);
  const current = Math.min(page, pages - 1);

  if (stations.search.status === 'idle') {
    return (
      <p className={styles.message} role="status" data-testid="stations-waiting">
        {t(`charging.waiting.${stations.search.waitingFor}`)}
      </p>
    );
  }
  if (stations.results.length === 0 && stations.search.status === 'ready') {
    const because = stations.emptyBecause ?? [];
    return (
      <div className={styles.empty} role="status" data-testid="stations-empty">
        <p className={styles.message}>{because.length ? t('charging.noResults.because') : t('charging.noResults.nothing')}</p>
        <div className={styles.loosen}>
          {because.map((filter) => (
            <Button key={filter} onClick={() => onLoosen(filter, filter === 'name' || filter === 'favourites' ? null : LOOSEN[filter])} data-testid={`loosen-${filter}`}>
              {t(`charging.noResults.loosen.${filter}`)}
            </Button>
          ))}
        </div>
      </div>
    );
  }
  return (
    <div className={styles.listArea}>
      {lists.restricted && stations.results.length > limit && <RestrictedNotice compact reason={lists.reason} testId="list-limited" />}
      <ul ref={listRef} className={styles.list} aria-label={t('charging.list.label')} data-testid="station-list" data-count={shown.length}>
        {shown.slice(current * perPage, (current + 1) * perPage).map((item) => (
          <li key={item.key}>
            <StationRow item={item} rankBy={stations.query.filters.rankBy} now={now} selected={item.key === selectedKey} onOpen={() => onOpen(item.key)} />
          </li>
        ))}
      </ul>
      {shown.length > 0 && (
        <Pager
          page={current}
          pages={pages}
          onPage={setPage}
          label={t('charging.list.page', { page: current + 1, pages })}
          previousLabel={t('charging.list.previous')}
          nextLabel={t('charging.list.next')}
        />
      )}
    </div>
  );
}
