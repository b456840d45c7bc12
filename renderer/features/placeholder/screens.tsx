// Registry entries for the screens whose features have not landed yet: each says so plainly.
import { Repeat } from 'lucide-react';
import type { ScreenDefinition } from '../../app/screen';
import { PlaceholderScreen, type PendingFeature } from './PlaceholderScreen';

const pending = (feature: PendingFeature, icon: ScreenDefinition['icon']): ScreenDefinition => ({
  id: feature,
  icon,
  labelKey: `dock.${feature}`,
  inDock: true,
  render: () => <PlaceholderScreen feature={feature} />,
});

export const swapScreen = pending('swap', Repeat);
