// Charging feature entry: the screen, Home's map and low-battery panels, the status bar's warning, and the reusable map.
export { chargingScreen } from './screen';
export { chargingMapPanel, lowBatteryPanel } from './homePanels';
export { LowBatteryBadge } from './LowBatteryBadge';
export { StationMap } from './StationMap';
