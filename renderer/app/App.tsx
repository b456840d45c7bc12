// The head-unit frame: status bar, the current screen from the registry, the dock, the brand's theme around them, and in the browser simulation the layer that stands in for the backlight.
import { LucideProvider } from 'lucide-react';
import { Fragment, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dimmingOpacity, NO_LIGHT } from '../../shared/display/brightness';
import { selectBrand } from '../../shared/state/brandSlice';
import { useBrandTheme } from '../theme/useBrandTheme';
import { BrandNotice } from './BrandNotice';
import { StatusBar } from './StatusBar';
import { Dock } from './Dock';
import { NoticeBanner } from './NoticeBanner';
import { useAppSelector } from './store';
import { useNow, useWallClock } from './useNow';
import { useTheme } from './useTheme';
import { useBridge } from './bridgeContext';
import { HOME_SCREEN_ID, SCREENS } from './screenRegistry';
import { useReloadForNewTileOrigins } from './useReloadForNewTileOrigins';
import styles from './App.module.css';

/** Marks the simulation's dimming layer, so accessibility checks leave it out (it is not part of the page). */
export const DIMMING_LAYER_SELECTOR = '[data-simulated-backlight]';

export function App() {
  const { t } = useTranslation();
  const now = useNow();
  const wall = useWallClock();
  const { theme, brightness } = useTheme(now, wall);
  const brand = useAppSelector(selectBrand);
  useBrandTheme(brand, theme);
  const [chosen, setChosen] = useState<string>(HOME_SCREEN_ID);
  // A string of ids compares by value: the shell re-renders when the offer changes, not on every vehicle batch.
  const offeredIds = useAppSelector((state) => SCREENS.filter((s) => s.shown?.(state) ?? true).map((s) => s.id).join(' '));
  const offered = useMemo(() => SCREENS.filter((s) => offeredIds.split(' ').includes(s.id)), [offeredIds]);
  // A screen that stops being offered (the simulation went away, a brand without swap) falls back to Home, never a dead screen.
  const screen = offered.find((s) => s.id === chosen) ?? offered.find((s) => s.id === HOME_SCREEN_ID)!;
  const synced = useAppSelector((s) => s.ui.app.transport !== 'none');
  const bridge = useBridge();
  const bridgeUp = useBridgeLink();
  useReloadForNewTileOrigins(synced, brand.map.origins);

  return (
    <LucideProvider size={Number(brand.tokens.scale['size.icon'])} strokeWidth={Number(brand.tokens.scale['icon.strokeWidth'])}>
      <div className={styles.app} data-theme={theme}>
        <StatusBar now={wall} theme={theme} />
        {!bridgeUp && (
          <div className={styles.banner} role="alert">
            {t('app.bridgeLost')}
          </div>
        )}
        <BrandNotice />
        <NoticeBanner />
        <div className={styles.body}>
          <Dock screens={offered.filter((s) => s.inDock)} current={screen.dockId ?? screen.id} onSelect={setChosen} />
          <main className={styles.screen}>
            {!synced ? <p className={styles.loading}>{t('app.loading')}</p> : screen.render({ now, wall, navigate: setChosen })}
          </main>
        </div>
        {offered.map((s) => s.overlay && <Fragment key={s.id}>{s.overlay({ now, wall, navigate: setChosen })}</Fragment>)}
        {/*
          In Electron the host sets the panel's backlight. Only the browser simulation has no panel of its own:
          this layer stands in for it, never takes touches, and is not part of the page for contrast checks.
        */}
        {bridge.transport === 'web' && (
          <div className={styles.dimmer} style={{ opacity: dimmingOpacity(brightness), background: NO_LIGHT }} aria-hidden="true" data-simulated-backlight="" />
        )}
      </div>
    </LucideProvider>
  );
}

function useBridgeLink(): boolean {
  const bridge = useBridge();
  const [up, setUp] = useState(true);
  useEffect(() => bridge.onLinkChange?.(setUp), [bridge]);
  return up;
}
