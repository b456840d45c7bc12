// A small DBC used by the mapping tests (test-only helper; shared so the loader and runtime tests agree).
import { parseDbc } from '../can/dbcParser';
import type { DbcDatabase } from '../can/dbcModel';

export const TEST_DBC = `VERSION ""

BU_: VCU HU

BO_ 256 VCU_Status: 8 VCU
 SG_ Speed : 0|16@1+ (0.01,0) [0|300] "km/h" HU
 SG_ Gear : 16|3@1+ (1,0) [0|7] "" HU
 SG_ Mode : 19|3@1+ (1,0) [0|7] "" HU
 SG_ Flag : 22|1@1+ (1,0) [0|1] "" HU
 SG_ Temp : 24|8@1+ (0.5,-40) [-40|87.5] "degC" HU
 SG_ Counter : 32|8@1+ (1,0) [0|255] "" HU

BO_ 257 VCU_Other: 8 VCU
 SG_ Counter : 0|8@1+ (1,0) [0|255] "" HU
 SG_ Level : 8|8@1+ (1,0) [0|200] "" HU

BO_ 512 SEAT_CMD: 8 HU
 SG_ SeatPosReq : 0|10@1+ (1,0) [0|1000] "mm" VCU
 SG_ SeatHeightReq : 16|8@1+ (1,0) [0|100] "mm" VCU
 SG_ ModeReq : 24|3@1+ (1,0) [0|7] "" VCU

BO_ 513 SEAT_STATUS: 8 VCU
 SG_ SeatPos : 0|10@1+ (1,0) [0|1000] "mm" HU

BA_DEF_ BO_ "GenMsgCycleTime" INT 0 10000;
BA_DEF_ SG_ "GenSigStartValue" INT 0 100000;
BA_DEF_DEF_ "GenMsgCycleTime" 0;
BA_DEF_DEF_ "GenSigStartValue" 0;
BA_ "GenMsgCycleTime" BO_ 256 100;
BA_ "GenMsgCycleTime" BO_ 512 50;
BA_ "GenSigStartValue" SG_ 512 SeatPosReq 1023;
VAL_ 256 Gear 0 "P" 1 "R" 2 "N" 3 "D" 7 "SNA" ;
VAL_ 256 Mode 0 "NORMAL" 1 "SPORT" 2 "ECO" ;
VAL_ 512 ModeReq 0 "NORMAL" 1 "SPORT" 2 "ECONOMY" 7 "NoRequest" ;
`;

export function testDb(): DbcDatabase {
  const r = parseDbc(TEST_DBC, 'test.dbc');
  if (r.errors.length > 0) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.db;
}

/** 1-based line and column of the `nth` occurrence of `needle` in `text` (plus `shift` characters). */
export function positionOf(text: string, needle: string, nth = 0, shift = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found`);
  }
  at += shift;
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
