// Placeholder feature entry: the honest empty state for screens still to come.
export { PlaceholderScreen, type PendingFeature } from './PlaceholderScreen';
export { swapScreen } from './screens';
