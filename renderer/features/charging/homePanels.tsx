// Charging's panels for Home's main area: the map with the car and the stations (Home's calm centre), and the low-battery options when the assistant has something to offer.
import { useCallback } from 'react';
import type { RootState } from '../../../shared/state/rootReducer';
import { assistantOffering } from '../../../shared/state/stationsSlice';
import { HOME_PANEL_PRIORITY, type HomePanel } from '../../app/homePanel';
import { LowBatteryPanel } from './LowBatteryPanel';
import { selectStation } from './selection';
import { StationMap } from './StationMap';

const LOCATION = ['Vehicle.CurrentLocation.Latitude', 'Vehicle.CurrentLocation.Longitude'];

/** The map is Home's centre for a car that reports where it is and charges (a petrol car keeps the car card). */
export const chargingMapPanel: HomePanel = {
  id: 'charging-map',
  priority: (state: RootState) =>
    state.stations.enabled && LOCATION.every((p) => state.vehicle.paths.includes(p)) ? HOME_PANEL_PRIORITY.default : null,
  render: ({ navigate }) => <HomeMap navigate={navigate} />,
};

/** A tap on a station opens it on the Charging screen; the callback is stable so the map is not re-rendered each second. */
function HomeMap({ navigate }: { navigate(id: string): void }) {
  const open = useCallback(
    (key: string) => {
      selectStation(key);
      navigate('charging');
    },
    [navigate],
  );
  return <StationMap follow testId="home-map" onSelectStation={open} />;
}

/** Red outranks a booking; amber is a suggestion a booking or a charging session may cover. */
export const lowBatteryPanel: HomePanel = {
  id: 'low-battery',
  priority: (state: RootState) => {
    if (!assistantOffering(state)) return null;
    return state.stations.assistant.status === 'warning' && state.stations.assistant.level === 'critical' ? HOME_PANEL_PRIORITY.lowBattery : HOME_PANEL_PRIORITY.suggestion;
  },
  render: ({ now, navigate }) => <LowBatteryPanel now={now} navigate={navigate} />,
};
