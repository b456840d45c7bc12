// Settings feature entry.
export { SettingsScreen } from './SettingsScreen';
export { settingsScreen } from './screen';
