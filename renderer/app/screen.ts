// What a screen is to the shell: its id, dock icon and label, when it is offered, and how it renders.
import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import type { TranslationKey } from '../../shared/i18n/i18n';
import type { RootState } from '../../shared/state/rootReducer';

export interface ScreenProps {
  /** Host time, for ages of vehicle values. */
  now: number;
  /** Wall clock, for what is shown as a time of day. */
  wall: number;
  navigate(id: string): void;
}

export interface ScreenDefinition {
  id: string;
  icon: LucideIcon;
  /** i18n key of the dock label. */
  labelKey: TranslationKey;
  /** In the dock, or reached from another screen only (About, from Settings). */
  inDock: boolean;
  /** The dock entry it highlights when this screen is open (About highlights Settings). */
  dockId?: string;
  /** Whether the screen is offered now (the vehicle, the brand and the run mode decide). Offered always when absent. */
  shown?(state: RootState): boolean;
  render(props: ScreenProps): ReactNode;
  /** Shown over whatever screen is open, while the screen is offered (the driver picker, a switch notice). */
  overlay?(props: ScreenProps): ReactNode;
}
