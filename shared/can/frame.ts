// The one in-memory shape of a CAN / CAN FD frame, shared by the gateway, the host and the simulator.

/** Frame flag bits, as carried in gateway batches and candump FD flag nibbles. */
export const FrameFlag = {
  /** CAN FD frame (payload up to 64 bytes). */
  FD: 0x01,
  /** CAN FD bit-rate switch. */
  BRS: 0x02,
  /** CAN FD error-state indicator. */
  ESI: 0x04,
  /** Classic CAN remote transmission request. */
  RTR: 0x08,
  /** Error frame reported by the controller. */
  ERROR: 0x10,
} as const;

export interface CanFrame {
  /** Receive time in seconds (candump epoch seconds, or seconds since start in simulation). */
  t: number;
  /** Bus (interface) name, e.g. "can0". */
  bus: string;
  /** Arbitration id: 11-bit (standard) or 29-bit (extended). */
  id: number;
  extended: boolean;
  /** Bit set of FrameFlag values. */
  flags: number;
  /** Payload, 0..64 bytes; may be shorter than the DBC message (truncated frames exist in real logs). */
  data: Uint8Array;
}

export const MAX_FD_PAYLOAD = 64;
export const MAX_CLASSIC_PAYLOAD = 8;
