// Charging: the stations that fit this car around it — a paged list with arrival SoC beside the map, a station's detail or the filters in the map's place, name search when parked.
import { RefreshCw, SlidersHorizontal } from 'lucide-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATION_SCOPES, type StationFiltersPatch, type StationScope } from '../../../shared/ipc/stations';
import { RANKINGS, type Ranking } from '../../../shared/stations/search';
import { selectStations, type LimitingFilter } from '../../../shared/state/stationsSlice';
import { Button } from '../../components/Button';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { useAppSelector } from '../../app/store';
import { ConsentPrompt } from './ConsentPrompt';
import { FiltersPanel } from './FiltersPanel';
import { NameSearch } from './NameSearch';
import { selectStation, useSelectedStation } from './selection';
import { SourcesLine } from './SourcesLine';
import { StationDetail } from './StationDetail';
import { StationList } from './StationList';
import { StationMap } from './StationMap';
import { useStationsIntent } from './useStationsIntent';
import styles from './ChargingScreen.module.css';

export function ChargingScreen({ now }: { now: number }) {
  const { t } = useTranslation();
  const stations = useAppSelector(selectStations);
  const selected = useSelectedStation();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const { run, message } = useStationsIntent();
  const { filters, scope } = stations.query;
  const active = activeFilterCount(stations.query.filters);
  const problem = stations.search.status === 'failed' ? stations.search.problem : null;
  const translate = t as unknown as (key: string, params?: Record<string, string | number>) => string;

  const search = (patch: { filters?: StationFiltersPatch; scope?: StationScope; reset?: true }) => run('stations.search', patch);
  const loosen = (filter: LimitingFilter, patch: StationFiltersPatch | null) => {
    if (filter === 'name') void run('stations.findByName', { text: '' });
    else if (filter === 'favourites') void search({ scope: 'nearby' });
    else if (patch) void search({ filters: patch });
  };
  const open = useCallback((key: string) => {
    setFiltersOpen(false);
    selectStation(key);
  }, []);

  return (
    <section className={styles.screen} aria-labelledby="charging-title" data-testid="charging-screen">
      <VisuallyHidden as="h1">
        <span id="charging-title">{t('charging.title')}</span>
      </VisuallyHidden>
      <header className={styles.header}>
        <div className={styles.choice} role="radiogroup" aria-label={t('charging.scope.label')}>
          {STATION_SCOPES.map((s) => (
            <Button key={s} role="radio" aria-checked={scope === s} variant={scope === s ? 'selected' : 'plain'} onClick={() => scope !== s && void search({ scope: s })} data-testid={`scope-${s}`}>
              {t(`charging.scope.${s}`)}
            </Button>
          ))}
        </div>
        <div className={styles.choice} role="radiogroup" aria-label={t('charging.rank.label')}>
          {RANKINGS.map((r: Ranking) => (
            <Button key={r} role="radio" aria-checked={filters.rankBy === r} variant={filters.rankBy === r ? 'selected' : 'plain'} onClick={() => filters.rankBy !== r && void search({ filters: { rankBy: r } })} data-testid={`rank-${r}`}>
              {t(`charging.rank.${r}`)}
            </Button>
          ))}
        </div>
        <Button variant={filtersOpen ? 'selected' : 'plain'} aria-pressed={filtersOpen} onClick={() => setFiltersOpen((o) => !o)} data-testid="filters-button">
          <SlidersHorizontal aria-hidden="true" />
          {active > 0 ? t('charging.filters.buttonActive', { count: active }) : t('charging.filters.button')}
        </Button>
        <Button aria-label={t('charging.refresh')} onClick={() => void run('stations.refresh', {})} data-testid="stations-refresh">
          <RefreshCw aria-hidden="true" />
        </Button>
      </header>
      <ConsentPrompt />
      {(message || problem) && (
        <p className={styles.error} role="alert" data-testid="stations-error">
          {message ?? translate(problem!.key, problem!.params)}
        </p>
      )}
      <div className={styles.body}>
        <div className={styles.listColumn}>
          <NameSearch />
          <StationList now={now} selectedKey={selected} onOpen={open} onLoosen={loosen} />
          <SourcesLine now={now} />
        </div>
        <div className={styles.side}>
          {filtersOpen ? (
            <FiltersPanel onChange={(patch) => search({ filters: patch })} onReset={() => void search({ reset: true })} onClose={() => setFiltersOpen(false)} />
          ) : selected ? (
            <StationDetail stationKey={selected} now={now} onClose={() => selectStation(null)} />
          ) : (
            <StationMap onSelectStation={open} />
          )}
        </div>
      </div>
    </section>
  );
}

function activeFilterCount(f: ReturnType<typeof selectStations>['query']['filters']): number {
  return [f.standards !== null, f.minPowerKw > 0, f.availableOnly, f.reservableOnly, f.maxPricePerKwh !== null, f.preferOperators.length > 0 || f.excludeOperators.length > 0].filter(Boolean).length;
}
