// The display service module: on a head unit the host sets the panel's light (the vehicle's display-brightness signal, else the Linux backlight) from the theme and the driver's setting.
import { backlightLevel } from '../../../shared/display/brightness';
import { effectiveTheme } from '../../../shared/display/effectiveTheme';
import type { RootState } from '../../../shared/state/rootReducer';
import type { HostService, ServiceFactory } from '../../host/service';
import { findBacklight, type Backlight } from './backlight';

/** VSS: "Brightness of the HMI, relative to supported range" (%); a mapping that writes it owns the panel's light. */
export const DISPLAY_BRIGHTNESS_PATH = 'Vehicle.Cabin.Infotainment.HMI.Brightness';

/** Only a host that owns a real panel (Electron) is given these; the browser simulation dims with a layer instead. */
export interface DisplayOptions {
  /** Where Linux backlight devices are (/sys/class/backlight; tests pass a fake folder). */
  backlightDir: string;
}

/** The theme turns with the light signals' freshness and the hour too, not only with store changes. */
export const DISPLAY_RECHECK_MS = 1000;

/** The level (0.3–1) the panel should show for this state: the day or night setting on the perceptual scale. */
export function targetLevel(state: RootState, now: number, wall: number): number {
  const { settings } = state;
  const theme = effectiveTheme(settings.themeMode, state.vehicle.signals, now, new Date(wall).getHours());
  return backlightLevel(theme === 'night' ? settings.nightBrightness : settings.dayBrightness);
}

export const displayService: ServiceFactory = async ({ store, clock, wallClock, report, ports, display }): Promise<HostService> => {
  if (!display) return { name: 'display', handlers: {} };
  const backlight: Backlight | null = await findBacklight(display.backlightDir);
  report(
    backlight
      ? `display: brightness goes to the backlight ${backlight.name} (max ${backlight.max}) unless the vehicle maps ${DISPLAY_BRIGHTNESS_PATH}`
      : `display: no writable backlight in ${display.backlightDir}; brightness goes to the vehicle's ${DISPLAY_BRIGHTNESS_PATH} when mapped, else stays with the system`,
  );

  let sent: { level: number; via: string } | null = null;
  let writing = false;
  let failed = '';
  const apply = () => {
    if (writing) return;
    const level = targetLevel(store.getState(), clock(), wallClock());
    const viaVehicle = ports.vehicleCommands?.writablePaths().includes(DISPLAY_BRIGHTNESS_PATH) ?? false;
    const via = viaVehicle ? 'vehicle' : backlight ? 'backlight' : null;
    if (!via || (sent && sent.via === via && Math.abs(sent.level - level) < 1e-4)) return;
    writing = true;
    const write = viaVehicle
      ? ports.vehicleCommands!.send({ [DISPLAY_BRIGHTNESS_PATH]: Math.round(level * 1000) / 10 }, { feature: 'display', client: 'host:display' }).then((r) => {
          if (!r.ok) throw new Error(r.error);
        })
      : backlight!.set(level);
    void write
      .then(() => {
        sent = { level, via };
        failed = '';
      })
      .catch((error: Error) => {
        // One line per distinct problem, not one per second.
        if (error.message !== failed) report(`display: could not set the brightness through the ${via}: ${error.message}`);
        failed = error.message;
      })
      .finally(() => {
        writing = false;
      });
  };

  let last: unknown = null;
  const unsubscribe = store.subscribe(() => {
    const { settings } = store.getState();
    if (settings === last) return;
    last = settings;
    apply();
  });
  const beat = setInterval(apply, DISPLAY_RECHECK_MS);
  beat.unref();
  apply();

  return {
    name: 'display',
    handlers: {},
    close() {
      clearInterval(beat);
      unsubscribe();
    },
  };
};
