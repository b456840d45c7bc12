// Screens whose features have not landed yet say so plainly instead of showing fake content.
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';

export type PendingFeature = 'swap';

export function PlaceholderScreen({ feature }: { feature: PendingFeature }) {
  const { t } = useTranslation();
  return <EmptyState title={t(`${feature}.title`)} message={t(`${feature}.empty`)} />;
}
