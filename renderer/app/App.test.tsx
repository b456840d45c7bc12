// The frame: the brand's tokens on <html>, the dimming layer only where there is no panel to dim (the browser simulation), the brand's notice.
import { cleanup, render, screen } from '@testing-library/react';
import type { UnknownAction } from '@reduxjs/toolkit';
import { afterEach, describe, expect, it } from 'vitest';
import { dimmingOpacity } from '../../shared/display/brightness';
import type { CabinBridge } from '../../shared/ipc/bridge';
import { activeBrand, brandApplied } from '../../shared/state/brandSlice';
import { builtInBrand } from '../../shared/brand/resolvedBrand';
import { snapshotApplied } from '../../shared/state/replica';
import { rootReducer } from '../../shared/state/rootReducer';
import { settingsChanged } from '../../shared/state/settingsSlice';
import { hostStarted } from '../../shared/state/uiSlice';
import { App, DIMMING_LAYER_SELECTOR } from './App';
import { AppProviders } from './AppProviders';
import { createReplicaStore } from './store';

const bridgeOn = (transport: CabinBridge['transport']): CabinBridge => ({
  transport,
  invoke: async () => ({ ok: false, error: { code: 'FAILED', message: 'not used' } }),
  onSync: () => () => undefined,
  requestSnapshot: () => undefined,
});

function renderApp(transport: CabinBridge['transport'], ...actions: UnknownAction[]) {
  const store = createReplicaStore();
  const state = [hostStarted({ version: 't', mode: 'simulation', transport }), settingsChanged({ themeMode: 'night', nightBrightness: 40 }), ...actions].reduce(
    rootReducer,
    rootReducer(undefined, { type: 'init' }),
  );
  store.dispatch(snapshotApplied(state));
  render(
    <AppProviders store={store} bridge={bridgeOn(transport)}>
      <App />
    </AppProviders>,
  );
}

afterEach(cleanup);

describe('the app frame', () => {
  it('in the browser simulation a dimming layer stands in for the backlight, hidden from assistive technology', () => {
    renderApp('web');
    const layer = document.querySelector<HTMLElement>(DIMMING_LAYER_SELECTOR)!;
    expect(layer).not.toBeNull();
    expect(layer).toHaveAttribute('aria-hidden', 'true');
    expect(Number(layer.style.opacity)).toBeCloseTo(dimmingOpacity(40), 6);
  });

  it('in Electron the host dims the panel itself: no layer over the page', () => {
    renderApp('electron');
    expect(document.querySelector(DIMMING_LAYER_SELECTOR)).toBeNull();
  });

  it('puts the brand\'s night colours and scale on <html>, and its name in the status bar', () => {
    const brand = builtInBrand();
    brand.tokens.color.night.accent = '#123456';
    renderApp('electron', brandApplied({ active: activeBrand({ ...brand, id: 'acme', name: { en: 'Acme', 'zh-CN': '艾克美' } }), fallback: null }));
    const root = document.documentElement;
    expect(root.style.getPropertyValue('--cabin-color-accent')).toBe('#123456');
    expect(root.style.getPropertyValue('--cabin-size-touch-target')).toBe('76px');
    expect(root.style.getPropertyValue('--cabin-font-family')).toBe('"Inter", "Noto Sans SC", sans-serif');
    expect(root.dataset.brand).toBe('acme');
    expect(screen.getByTestId('brand-name')).toHaveTextContent('Acme');
  });

  it('says so when the default brand stands in for one that could not be used', () => {
    renderApp('web', brandApplied({ active: activeBrand(builtInBrand()), fallback: { requested: 'voltra', reason: 'brand pack "voltra" is invalid: brands/voltra/brand.json:3:18: invalid JSON' } }));
    const notice = screen.getByTestId('brand-notice');
    expect(notice).toHaveTextContent('the brand pack "voltra" could not be used');
    expect(notice).toHaveTextContent('brands/voltra/brand.json:3:18');
  });
});
