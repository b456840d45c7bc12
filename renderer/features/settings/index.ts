// Settings feature entry.
export { SettingsScreen } from './SettingsScreen';
