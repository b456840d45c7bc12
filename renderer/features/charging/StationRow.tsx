// One station in the list: name, distance, the connector the ranking chose with the SoC on arrival, its status and age, free EVSEs — and "out of reach" marked, never hidden.
import { Star } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Ranking } from '../../../shared/stations/search';
import type { StationListItem } from '../../../shared/state/stationsSlice';
import { Button } from '../../components/Button';
import { useFormatters } from '../../app/useFormatters';
import { distanceText, minutes, standardName, statusWithAge } from './format';
import { useAppSelector } from '../../app/store';
import { selectEffectivePreferences } from '../../../shared/state/profilesSlice';
import styles from './ChargingScreen.module.css';

interface Props {
  item: StationListItem;
  rankBy: Ranking;
  now: number;
  selected: boolean;
  onOpen(): void;
}

export function StationRow({ item, rankBy, now, selected, onOpen }: Props) {
  const { t } = useTranslation();
  const f = useFormatters();
  const unit = useAppSelector((s) => selectEffectivePreferences(s).distanceUnit);
  const unreachable = item.reachable === false;
  const price = item.price ? t('charging.price.perKwh', { amount: f.number(item.price.per_kwh, 2), currency: item.price.currency }) : null;
  const metric =
    rankBy === 'time' && item.drive_minutes !== undefined && item.charge_minutes !== undefined
      ? t('charging.list.onTheWay', { minutes: minutes(item.drive_minutes + item.charge_minutes) })
      : rankBy === 'price' && price
        ? price
        : distanceText(t, f.number, item.distance_m, unit);
  return (
    <Button
      className={styles.row}
      variant={selected ? 'selected' : 'plain'}
      aria-pressed={selected}
      onClick={onOpen}
      data-testid="station-row"
      data-key={item.key}
      data-reachable={item.reachable === undefined ? undefined : String(item.reachable)}
    >
      <span className={styles.rowTop}>
        {item.favourite && <Star className={styles.favouriteMark} aria-label={t('charging.favourite.marked')} />}
        <span className={styles.rowName} translate="no">
          {item.name}
        </span>
        <span className={styles.rowMetric}>{metric}</span>
      </span>
      {/* Three lines of the same height on every row (the list pages by measured row height): what plugs in
          and what is left on arrival, then whether it works now and how many are free. */}
      <span className={styles.rowDetail}>
        <span className={styles.rowConnector}>
          {t('charging.list.connector', { standard: standardName(t, item.best.standard), power: f.powerKw(item.best.max_electric_power / 1000).text })}
        </span>
        {item.arrival_soc !== undefined && (
          <span className={styles.rowArrival} data-reachable={String(!unreachable)} data-testid="arrival-soc">
            {unreachable ? t('charging.list.unreachable', { soc: f.percent(Math.max(0, item.arrival_soc)).text }) : t('charging.list.arrival', { soc: f.percent(item.arrival_soc).text })}
          </span>
        )}
      </span>
      <span className={styles.rowDetail}>
        <span className={styles.rowStatus} data-status={item.best.status} data-testid="station-status">
          {statusWithAge(t, item.best.status, item.best.statusSeenAt, now)}
        </span>
        <span className={styles.rowFree}>{t('charging.list.free', { free: item.available, total: item.evses })}</span>
      </span>
    </Button>
  );
}
