// Swap feature entry: the screen, Home's booking and reservation panels, and how a swap option of the low-battery assistant is opened.
export { swapScreen } from './screen';
export { swapBookingPanel, reservationPanel } from './homePanels';
export { isSwapOption, openSwapOption, swapOptionLine } from './selection';
