// The VSS signals Cabin uses: path, datatype, unit, allowed values and range, as COVESA VSS 4.x defines them.

/** VSS datatypes Cabin uses (a subset of the VSS type system; no arrays or structs). */
export type VssDatatype =
  | 'boolean'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'float'
  | 'double'
  | 'string';

/** VSS units as the spec spells them (units.yaml). */
export type VssUnit =
  | 'km/h'
  | 'percent'
  | 'm'
  | 'km'
  | 'mm'
  | 'celsius'
  | 'V'
  | 'A'
  | 'W'
  | 'kW'
  | 'kWh'
  | 's'
  | 'degrees';

/**
 * sensor: read from the vehicle. actuator: has a target the app may request beside the current
 * value (VSS and AAOS both separate the two). attribute: static per vehicle, rarely on the bus.
 */
export type VssKind = 'sensor' | 'actuator' | 'attribute';

export interface VssSignal {
  path: string;
  datatype: VssDatatype;
  kind: VssKind;
  unit?: VssUnit;
  min?: number;
  max?: number;
  /** For string signals: the only values VSS allows. */
  allowed?: readonly string[];
  description: string;
  /** True for paths Cabin adds under its private branch (not in COVESA VSS). */
  extension?: boolean;
}

/**
 * Cabin's own signals live under this branch, VSS's convention for OEM/private extensions
 * ("Vehicle.Private"), so they can never collide with a future COVESA path.
 */
export const CABIN_EXTENSION_PREFIX = 'Vehicle.Private.CabinIVI.';

export const GEAR_PARK = 126;
export const GEAR_DRIVE = 127;

export const PERFORMANCE_MODES = ['NORMAL', 'SPORT', 'ECONOMY', 'SNOW', 'RAIN'] as const;
export const CHARGING_STATES = ['DISCONNECTED', 'CONNECTED', 'CHARGING', 'COMPLETE', 'FAULT'] as const;
/** VSS Charging.ChargingPort.SupportedInletTypes values (IEC 62196 and GB/T 20234). */
export const INLET_TYPES = [
  'IEC_TYPE_1_AC',
  'IEC_TYPE_2_AC',
  'IEC_TYPE_4_DC',
  'IEC_TYPE_1_CCS_DC',
  'IEC_TYPE_2_CCS_DC',
  'TESLA_SUPERCHARGER',
  'GBT_AC',
  'GBT_DC',
  'OTHER',
] as const;
/** Battery-swap pack standards Cabin knows; NONE means a fixed (non-swappable) pack. */
export const SWAP_STANDARDS = ['NONE', 'GBT_40032', 'NIO_PSS', 'CATL_EVOGO', 'AULTON', 'OTHER'] as const;

const X = CABIN_EXTENSION_PREFIX;

const SIGNALS: VssSignal[] = [
  // Motion and position
  { path: 'Vehicle.Speed', datatype: 'float', kind: 'sensor', unit: 'km/h', description: 'Vehicle speed.' },
  {
    path: 'Vehicle.TraveledDistance',
    datatype: 'float',
    kind: 'sensor',
    unit: 'km',
    description: 'Odometer reading, total distance traveled during the lifetime of the vehicle.',
  },
  {
    path: 'Vehicle.CurrentLocation.Latitude',
    datatype: 'double',
    kind: 'sensor',
    unit: 'degrees',
    min: -90,
    max: 90,
    description: 'Current latitude of vehicle in WGS 84 geodetic coordinates.',
  },
  {
    path: 'Vehicle.CurrentLocation.Longitude',
    datatype: 'double',
    kind: 'sensor',
    unit: 'degrees',
    min: -180,
    max: 180,
    description: 'Current longitude of vehicle in WGS 84 geodetic coordinates.',
  },
  {
    path: 'Vehicle.CurrentLocation.Heading',
    datatype: 'double',
    kind: 'sensor',
    unit: 'degrees',
    min: 0,
    max: 360,
    description: 'Current heading relative to geographic north. 0 = North, 90 = East.',
  },
  ...(['Row1', 'Row2'] as const).flatMap((row) =>
    (['Left', 'Right'] as const).map(
      (side): VssSignal => ({
        path: `Vehicle.Chassis.Axle.${row}.Wheel.${side}.Speed`,
        datatype: 'float',
        kind: 'sensor',
        unit: 'km/h',
        description: `Rotational speed of the ${row === 'Row1' ? 'front' : 'rear'} ${side.toLowerCase()} wheel as vehicle speed.`,
      }),
    ),
  ),

  // Transmission and drive
  {
    path: 'Vehicle.Powertrain.Transmission.CurrentGear',
    datatype: 'int8',
    kind: 'sensor',
    description: 'The current gear. 0=Neutral, 1/2/..=Forward, -1/-2/..=Reverse.',
  },
  {
    path: 'Vehicle.Powertrain.Transmission.SelectedGear',
    datatype: 'int8',
    kind: 'actuator',
    description: 'The selected gear. 0=Neutral, 1/2/..=Forward, -1/-2/..=Reverse, 126=Park, 127=Drive.',
  },
  {
    path: 'Vehicle.Powertrain.Transmission.PerformanceMode',
    datatype: 'string',
    kind: 'actuator',
    allowed: PERFORMANCE_MODES,
    description: 'Current drive (gearbox performance) mode.',
  },
  {
    path: `${X}Drive.RegenLevel`,
    datatype: 'uint8',
    kind: 'actuator',
    min: 0,
    max: 3,
    description: 'Regenerative braking level: 0 = coasting, 3 = strongest (one-pedal).',
    extension: true,
  },

  // Traction battery
  {
    path: 'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current',
    datatype: 'float',
    kind: 'sensor',
    unit: 'percent',
    min: 0,
    max: 100,
    description: 'Physical state of charge of the high voltage battery, relative to net capacity.',
  },
  {
    path: 'Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed',
    datatype: 'float',
    kind: 'sensor',
    unit: 'percent',
    min: 0,
    max: 100,
    description: 'State of charge displayed to the customer.',
  },
  {
    path: 'Vehicle.Powertrain.Range',
    datatype: 'uint32',
    kind: 'sensor',
    unit: 'm',
    description: 'Remaining range in meters using all energy sources available in the vehicle.',
  },
  {
    path: 'Vehicle.Powertrain.TractionBattery.CurrentVoltage',
    datatype: 'float',
    kind: 'sensor',
    unit: 'V',
    description: 'Current voltage of the battery.',
  },
  {
    path: 'Vehicle.Powertrain.TractionBattery.CurrentCurrent',
    datatype: 'float',
    kind: 'sensor',
    unit: 'A',
    description: 'Current flowing in/out of battery. Positive = into the battery (charging).',
  },
  {
    path: 'Vehicle.Powertrain.TractionBattery.CurrentPower',
    datatype: 'float',
    kind: 'sensor',
    unit: 'W',
    description: 'Electrical power flowing in/out of battery. Positive = into the battery (charging).',
  },
  {
    path: 'Vehicle.Powertrain.TractionBattery.Temperature.Average',
    datatype: 'float',
    kind: 'sensor',
    unit: 'celsius',
    description: 'Current average temperature of the battery cells.',
  },
  {
    path: 'Vehicle.Powertrain.TractionBattery.Temperature.Min',
    datatype: 'float',
    kind: 'sensor',
    unit: 'celsius',
    description: 'Current minimum temperature of the battery cells (coldest cell).',
  },
  {
    path: 'Vehicle.Powertrain.TractionBattery.Temperature.Max',
    datatype: 'float',
    kind: 'sensor',
    unit: 'celsius',
    description: 'Current maximum temperature of the battery cells (hottest cell).',
  },
  {
    path: 'Vehicle.Powertrain.TractionBattery.StateOfHealth',
    datatype: 'float',
    kind: 'sensor',
    unit: 'percent',
    min: 0,
    max: 100,
    description: 'Calculated battery state of health at standard conditions.',
  },
  {
    path: `${X}Battery.InstalledPackId`,
    datatype: 'uint32',
    kind: 'sensor',
    description: 'Serial of the traction pack currently installed; changes after a battery swap.',
    extension: true,
  },
  {
    path: `${X}Battery.SwapStandard`,
    datatype: 'string',
    kind: 'sensor',
    allowed: SWAP_STANDARDS,
    description: 'Battery-swap standard the installed pack follows.',
    extension: true,
  },

  // Charging
  {
    path: 'Vehicle.Powertrain.TractionBattery.Charging.IsCharging',
    datatype: 'boolean',
    kind: 'sensor',
    description: 'True if energy is flowing from charger to vehicle.',
  },
  {
    path: 'Vehicle.Powertrain.TractionBattery.Charging.ChargingPort.AnyPosition.IsChargingCableConnected',
    datatype: 'boolean',
    kind: 'sensor',
    description: 'Whether a charging cable is physically connected to the charging port.',
  },
  {
    path: 'Vehicle.Powertrain.TractionBattery.Charging.ChargingPort.AnyPosition.IsFlapOpen',
    datatype: 'boolean',
    kind: 'actuator',
    description: 'Status of the charging port flap.',
  },
  {
    path: 'Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit',
    datatype: 'uint8',
    kind: 'actuator',
    unit: 'percent',
    min: 0,
    max: 100,
    description: 'Target charge limit (state of charge) for battery.',
  },
  {
    path: 'Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete',
    datatype: 'uint32',
    kind: 'sensor',
    unit: 's',
    description: 'Time needed for the current charging process to reach the charge limit.',
  },
  {
    path: 'Vehicle.Powertrain.TractionBattery.Charging.ChargeVoltage.DC',
    datatype: 'float',
    kind: 'sensor',
    unit: 'V',
    description: 'Current DC charging voltage at the charging inlet.',
  },
  {
    path: 'Vehicle.Powertrain.TractionBattery.Charging.ChargeCurrent.DC',
    datatype: 'float',
    kind: 'sensor',
    unit: 'A',
    description: 'Current DC charging current at the inlet.',
  },
  {
    path: `${X}Charging.State`,
    datatype: 'string',
    kind: 'sensor',
    allowed: CHARGING_STATES,
    description: 'Charging session state as the driver sees it.',
    extension: true,
  },
  {
    path: `${X}Charging.Power`,
    datatype: 'float',
    kind: 'sensor',
    unit: 'kW',
    description: 'Power delivered by the charger right now (0 when not charging).',
    extension: true,
  },
  {
    path: `${X}Charging.ActiveInletType`,
    datatype: 'string',
    kind: 'sensor',
    allowed: INLET_TYPES,
    description: 'Inlet type of the connector plugged in right now (VSS SupportedInletTypes values).',
    extension: true,
  },

  // Low-voltage (12 V) battery
  {
    path: 'Vehicle.LowVoltageBattery.CurrentVoltage',
    datatype: 'float',
    kind: 'sensor',
    unit: 'V',
    description: 'Current voltage of the low voltage battery.',
  },
  {
    path: 'Vehicle.LowVoltageBattery.CurrentCurrent',
    datatype: 'float',
    kind: 'sensor',
    unit: 'A',
    description: 'Current current flowing in/out of the low voltage battery. Positive = charging.',
  },
  {
    path: `${X}LowVoltageBattery.StateOfCharge`,
    datatype: 'float',
    kind: 'sensor',
    unit: 'percent',
    min: 0,
    max: 100,
    description: 'State of charge of the 12 V battery (VSS has voltage and current only).',
    extension: true,
  },

  // Environment and lights
  {
    path: 'Vehicle.Exterior.AirTemperature',
    datatype: 'float',
    kind: 'sensor',
    unit: 'celsius',
    description: 'Air temperature outside the vehicle.',
  },
  {
    path: 'Vehicle.Exterior.LightIntensity',
    datatype: 'float',
    kind: 'sensor',
    unit: 'percent',
    min: 0,
    max: 100,
    description: 'Light intensity outside the vehicle. 0 = no light detected, 100 = fully lit.',
  },
  {
    path: 'Vehicle.Body.Lights.Beam.Low.IsOn',
    datatype: 'boolean',
    kind: 'actuator',
    description: 'Indicates if the low beam headlights are switched on.',
  },
  {
    path: 'Vehicle.Body.Lights.Beam.High.IsOn',
    datatype: 'boolean',
    kind: 'actuator',
    description: 'Indicates if the high beam headlights are switched on.',
  },

  // Driver identity
  {
    path: 'Vehicle.Driver.Identifier.Subject',
    datatype: 'string',
    kind: 'sensor',
    description: 'Subject for the authentication of the occupant, e.g. a key or user id.',
  },
  {
    path: `${X}KeyFob.Id`,
    datatype: 'uint32',
    kind: 'sensor',
    description: 'Identifier of the key fob that unlocked / started the car (0 = none present).',
    extension: true,
  },

  // Seats, mirrors, climate (actuators: the write path targets these)
  {
    path: 'Vehicle.Cabin.Seat.Row1.DriverSide.Position',
    datatype: 'uint16',
    kind: 'actuator',
    unit: 'mm',
    min: 0,
    description: 'Seat position on vehicle x-axis, relative to the frontmost position. 0 = frontmost.',
  },
  {
    path: 'Vehicle.Cabin.Seat.Row1.DriverSide.Height',
    datatype: 'uint16',
    kind: 'actuator',
    unit: 'mm',
    min: 0,
    description: 'Seat position on vehicle z-axis, relative to the lowest position. 0 = lowest.',
  },
  {
    path: 'Vehicle.Cabin.Seat.Row1.DriverSide.Backrest.Recline',
    datatype: 'float',
    kind: 'actuator',
    unit: 'degrees',
    description: 'Backrest recline compared to seat z-axis. 0 = upright, positive = reclined backwards.',
  },
  ...(['DriverSide', 'PassengerSide'] as const).flatMap((side) =>
    (['Tilt', 'Pan'] as const).map(
      (axis): VssSignal => ({
        path: `Vehicle.Body.Mirrors.${side}.${axis}`,
        datatype: 'int8',
        kind: 'actuator',
        unit: 'percent',
        min: -100,
        max: 100,
        description: `Mirror ${axis.toLowerCase()} as a percent. 0 = center, -100/100 = end positions.`,
      }),
    ),
  ),
  ...(['Driver', 'Passenger'] as const).map(
    (seat): VssSignal => ({
      path: `Vehicle.Cabin.HVAC.Station.Row1.${seat}.Temperature`,
      datatype: 'int8',
      kind: 'actuator',
      unit: 'celsius',
      description: `Temperature set point for the row 1 ${seat.toLowerCase()} climate station.`,
    }),
  ),
  ...(['Driver', 'Passenger'] as const).map(
    (seat): VssSignal => ({
      path: `Vehicle.Cabin.HVAC.Station.Row1.${seat}.FanSpeed`,
      datatype: 'uint8',
      kind: 'actuator',
      unit: 'percent',
      min: 0,
      max: 100,
      description: `Fan speed for the row 1 ${seat.toLowerCase()} climate station.`,
    }),
  ),
  {
    path: 'Vehicle.Cabin.HVAC.IsAirConditioningActive',
    datatype: 'boolean',
    kind: 'actuator',
    description: 'Is air conditioning active.',
  },
  {
    path: 'Vehicle.Cabin.HVAC.AmbientAirTemperature',
    datatype: 'float',
    kind: 'sensor',
    unit: 'celsius',
    description: 'Ambient air temperature inside the vehicle.',
  },
  {
    // Set by the host on head units whose display the vehicle dims (the backlight then belongs to the car).
    path: 'Vehicle.Cabin.Infotainment.HMI.Brightness',
    datatype: 'float',
    kind: 'actuator',
    unit: 'percent',
    min: 0,
    max: 100,
    description: 'Brightness of the HMI, relative to supported range. 0 = Lowest brightness possible. 100 = Maximum Brightness possible.',
  },
];

export const VSS_CATALOG: ReadonlyMap<string, VssSignal> = new Map(SIGNALS.map((s) => [s.path, s]));

export function vssSignal(path: string): VssSignal | undefined {
  return VSS_CATALOG.get(path);
}
