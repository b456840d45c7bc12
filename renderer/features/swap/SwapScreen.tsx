// Battery swap: the stations that take this car's pack with the booking sheet or the live booking beside them, charge or swap compared, a charger reserved, and the receipts — one tab each, nothing scrolls.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { networksConnecting, selectSwap } from '../../../shared/state/swapSlice';
import { packStandardInfo } from '../../../shared/swap/packStandards';
import { Button } from '../../components/Button';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { useAppSelector } from '../../app/store';
import { BookingCard } from './BookingCard';
import { ChargeOrSwapCard } from './ChargeOrSwapCard';
import { HistoryList } from './HistoryList';
import { ReservePanel } from './ReservePanel';
import { selectSwapStation, useSelectedSwapStation } from './selection';
import { StationList } from './StationList';
import { StationSheet } from './StationSheet';
import { useSwapIntent } from './useSwapIntent';
import styles from './SwapScreen.module.css';
import { DataText } from '../../components/DataText';

export const SWAP_TABS = ['stations', 'compare', 'reserve', 'history'] as const;
export type SwapTab = (typeof SWAP_TABS)[number];

export function SwapScreen({ now, wall }: { now: number; wall: number }) {
  const { t } = useTranslation();
  const swap = useAppSelector(selectSwap);
  const connecting = useAppSelector(networksConnecting);
  const parties = useAppSelector((s) => s.reservations.parties);
  const reservable = (key: string) => parties.some((p) => key.startsWith(`${p}/`));
  const selected = useSelectedSwapStation();
  const [tab, setTab] = useState<SwapTab>('stations');
  const [charger, setCharger] = useState<string | null>(null);
  const { run, message } = useSwapIntent();

  // Opening the screen is the moment to start the networks (if they are not yet) and fetch stations now.
  useEffect(() => {
    void run('swap.connect', {});
  }, [run]);
  // A station chosen elsewhere (the low-battery assistant) opens on the stations tab.
  useEffect(() => {
    if (selected) setTab('stations');
  }, [selected]);

  const station = selected ? swap.stations.find((s) => s.networkId === selected.networkId && s.id === selected.stationId) : undefined;
  const active = swap.active;
  const standard = swap.car?.packStandard ? (packStandardInfo(swap.car.packStandard)?.label ?? swap.car.packStandard) : null;

  return (
    <section className={styles.screen} aria-label={t('swap.title')} data-testid="swap-screen">
      <VisuallyHidden as="h1">{t('swap.title')}</VisuallyHidden>
      <header className={styles.header}>
        <div className={styles.tabs} role="radiogroup" aria-label={t('swap.tabs.label')}>
          {SWAP_TABS.map((id) => (
            <Button key={id} role="radio" aria-checked={tab === id} variant={tab === id ? 'selected' : 'plain'} onClick={() => setTab(id)} data-testid={`swap-tab-${id}`}>
              {t(`swap.tabs.${id}`)}
            </Button>
          ))}
        </div>
        <p className={styles.networks} data-testid="swap-networks" aria-live="polite">
          {connecting
            ? t('swap.networks.connecting')
            : swap.networks.map((n) => (
                <span key={n.id} data-state={n.link.state}>
                  <span translate="no">{n.name}</span> {t(`swap.networks.${n.link.state}`)}
                </span>
              ))}
        </p>
      </header>
      {message && (
        <p className={styles.error} role="alert" data-testid="swap-error">
          {message}
        </p>
      )}
      {tab === 'stations' && (
        <div className={styles.body}>
          <div className={styles.listArea}>
            {swap.stations.length > 0 ? (
              <StationList stations={swap.stations} selected={selected} onOpen={(s) => selectSwapStation({ networkId: s.networkId, stationId: s.id })} />
            ) : (
              <p className={styles.muted}>{!swap.car?.packStandard ? t('swap.noSwapCar') : connecting ? t('swap.networks.connecting') : t('swap.list.none')}</p>
            )}
            {swap.incompatibleStations > 0 && standard && (
              <p className={styles.small} data-testid="swap-incompatible">
                <DataText i18nKey="swap.list.incompatible" values={{ count: swap.incompatibleStations }} data={{ standard }} />
              </p>
            )}
          </div>
          <div className={styles.sideColumn}>
            {active.status !== 'none' ? (
              <BookingCard active={active} now={now} wall={wall} />
            ) : station ? (
              <StationSheet station={station} now={now} onClose={() => selectSwapStation(null)} />
            ) : selected && active.status === 'none' ? (
              <p className={styles.muted}>{swap.networks.some((n) => n.link.state === 'unreachable') ? t('swap.sheet.unavailable') : t('swap.sheet.quoting')}</p>
            ) : (
              <p className={styles.muted}>{t('swap.sheet.choose')}</p>
            )}
          </div>
        </div>
      )}
      {tab === 'compare' && (
        <ChargeOrSwapCard
          comparison={swap.comparison}
          reservations={swap.comparison?.charge ? reservable(swap.comparison.charge.key) : false}
          onBookSwap={(key) => {
            const [networkId, stationId] = key.split('/');
            selectSwapStation({ networkId, stationId });
            setTab('stations');
          }}
          onReserveCharger={(key) => {
            setCharger(key);
            setTab('reserve');
          }}
        />
      )}
      {tab === 'reserve' && <ReservePanel wall={wall} chosen={charger} onChoose={setCharger} />}
      {tab === 'history' && <HistoryList receipts={swap.history} />}
    </section>
  );
}
