// Swap's panels for Home's main area: the car's swap booking (on the way, checked in, swapping, done with its receipt) and its charger reservation.
import type { RootState } from '../../../shared/state/rootReducer';
import { hasLiveReservation } from '../../../shared/state/reservationsSlice';
import { hasLiveBooking } from '../../../shared/state/swapSlice';
import { HOME_PANEL_PRIORITY, type HomePanel } from '../../app/homePanel';
import { useAppSelector } from '../../app/store';
import { BookingCard } from './BookingCard';
import { ReservationCard } from './ReservationCard';

/** A live booking is an active matter; one that ended (or a refusal) stays as a suggestion until the driver puts it away. */
export const swapBookingPanel: HomePanel = {
  id: 'swap-booking',
  priority: (state: RootState) => (state.swap.active.status === 'none' ? null : hasLiveBooking(state) ? HOME_PANEL_PRIORITY.active : HOME_PANEL_PRIORITY.suggestion),
  render: ({ now, wall, navigate }) => <HomeBooking now={now} wall={wall} onOpen={() => navigate('swap')} />,
};

export const reservationPanel: HomePanel = {
  id: 'charger-reservation',
  priority: (state: RootState) => (state.reservations.active.status === 'none' ? null : hasLiveReservation(state) ? HOME_PANEL_PRIORITY.active : HOME_PANEL_PRIORITY.suggestion),
  render: ({ wall, navigate }) => <HomeReservation wall={wall} onOpen={() => navigate('swap')} />,
};

function HomeBooking({ now, wall, onOpen }: { now: number; wall: number; onOpen(): void }) {
  const active = useAppSelector((s) => s.swap.active);
  return active.status === 'none' ? null : <BookingCard active={active} now={now} wall={wall} onOpen={onOpen} />;
}

function HomeReservation({ wall, onOpen }: { wall: number; onOpen(): void }) {
  const active = useAppSelector((s) => s.reservations.active);
  return active.status === 'none' ? null : <ReservationCard active={active} wall={wall} onOpen={onOpen} />;
}
