// The simulated regions of the generated station network: districts, street and place names, operators and their kinds of site.
import type { ConnectorStandard, PowerType } from './model';

export type RegionId = 'guangzhou' | 'shanghai' | 'oslo';

export interface District {
  name: string;
  lat: number;
  lon: number;
  /** Spread of sites around the centre, km (1 σ). */
  sigmaKm: number;
  weight: number;
  postal: string;
}

/** One kind of charger post: an EVSE with these connectors. */
export interface PostKind {
  connectors: Array<{ standard: ConnectorStandard; powerType: PowerType; kw: readonly number[]; format: 'SOCKET' | 'CABLE' }>;
  weight: number;
}

export interface SiteKind {
  id: string;
  posts: PostKind[];
  /** EVSEs per site in the realistic profile. */
  evses: [number, number];
  weight: number;
  /** Share of sites of this kind open only during the day (malls, garages). */
  dayHoursShare: number;
}

export interface OperatorProfile {
  name: string;
  partyId: string;
  website: string;
  weight: number;
  kinds: SiteKind[];
  reservableShare: number;
  /** Prices incl. VAT in the region's currency: per kWh on DC and AC, and per hour on AC (parking-style). */
  dcPerKwh: number;
  acPerKwh: number;
  acPerHour: number;
}

export interface Region {
  id: RegionId;
  country: string;
  countryCode: string;
  timeZone: string;
  currency: string;
  /** Default number of sites in the offline dataset. */
  sites: number;
  districts: District[];
  streets: readonly string[];
  places: readonly string[];
  operators: OperatorProfile[];
  chinese: boolean;
}

const gbtDc = (kw: number[], weight = 1): PostKind => ({ connectors: [{ standard: 'GBT_DC', powerType: 'DC', kw, format: 'CABLE' }], weight });
const gbtAc: PostKind = { connectors: [{ standard: 'GBT_AC', powerType: 'AC_1_PHASE', kw: [7], format: 'CABLE' }], weight: 1 };
const chaoji: PostKind = { connectors: [{ standard: 'CHAOJI', powerType: 'DC', kw: [240, 360, 480], format: 'CABLE' }], weight: 1 };
const ccs = (kw: number[], weight = 1): PostKind => ({ connectors: [{ standard: 'IEC_62196_T2_COMBO', powerType: 'DC', kw, format: 'CABLE' }], weight });
const type2 = (kw: number[], weight = 1): PostKind => ({ connectors: [{ standard: 'IEC_62196_T2', powerType: 'AC_3_PHASE', kw, format: 'SOCKET' }], weight });
/** The classic Nordic triple charger: CCS, CHAdeMO and a tethered Type 2, one session at a time. */
const triple: PostKind = {
  connectors: [
    { standard: 'IEC_62196_T2_COMBO', powerType: 'DC', kw: [50], format: 'CABLE' },
    { standard: 'CHADEMO', powerType: 'DC', kw: [50], format: 'CABLE' },
    { standard: 'IEC_62196_T2', powerType: 'AC_3_PHASE', kw: [43], format: 'CABLE' },
  ],
  weight: 1,
};
const nacs: PostKind = { connectors: [{ standard: 'SAE_J3400', powerType: 'DC', kw: [250], format: 'CABLE' }], weight: 1 };

const CN_DC_HUB: SiteKind = { id: 'dc-hub', posts: [gbtDc([60, 120, 160], 3), gbtDc([180, 240]), { ...gbtAc, weight: 0.6 }], evses: [2, 10], weight: 5, dayHoursShare: 0.05 };
const CN_AC: SiteKind = { id: 'ac', posts: [gbtAc], evses: [2, 6], weight: 3, dayHoursShare: 0.2 };
const CN_CHAOJI: SiteKind = { id: 'chaoji', posts: [{ ...chaoji, weight: 2 }, gbtDc([120, 180], 2)], evses: [2, 6], weight: 1.5, dayHoursShare: 0 };
const CN_TESLA: SiteKind = { id: 'supercharger', posts: [gbtDc([250])], evses: [4, 12], weight: 1, dayHoursShare: 0 };

const NO_AC: SiteKind = { id: 'ac', posts: [type2([11, 22])], evses: [2, 8], weight: 4, dayHoursShare: 0.1 };
const NO_DC: SiteKind = { id: 'dc', posts: [ccs([150, 175, 300], 3), triple], evses: [2, 8], weight: 4, dayHoursShare: 0.02 };
const NO_HPC: SiteKind = { id: 'hpc', posts: [ccs([350])], evses: [4, 8], weight: 1, dayHoursShare: 0 };
const NO_TESLA: SiteKind = { id: 'supercharger', posts: [ccs([250], 3), nacs], evses: [6, 16], weight: 1, dayHoursShare: 0 };

const cnOperator = (name: string, partyId: string, website: string, weight: number, kinds: SiteKind[], dc: number, ac: number): OperatorProfile => ({
  name,
  partyId,
  website,
  weight,
  kinds,
  reservableShare: 0.5,
  dcPerKwh: dc,
  acPerKwh: ac,
  acPerHour: 0,
});

const CN_STREETS = ['中山路', '解放路', '人民路', '建设路', '环城路', '滨江路', '科技路', '工业大道', '长江路', '珠江路', '新港路', '世纪大道', '学府路', '东风路', '迎宾大道', '光明路'] as const;
const CN_PLACES = ['万达广场', '体育中心', '地铁站', '公交总站', '停车场', '科技园', '商务中心', '酒店', '医院', '大学城', '公园', '购物中心', '物流园', '产业园', '汽车城', '会展中心', '客运站', '小区', '超市', '加油站'] as const;

export const REGIONS: Record<RegionId, Region> = {
  guangzhou: {
    id: 'guangzhou',
    country: 'CHN',
    countryCode: 'CN',
    timeZone: 'Asia/Shanghai',
    currency: 'CNY',
    sites: 8_200,
    chinese: true,
    districts: [
      { name: '天河区', lat: 23.125, lon: 113.361, sigmaKm: 3, weight: 5, postal: '5106' },
      { name: '越秀区', lat: 23.129, lon: 113.267, sigmaKm: 2, weight: 3, postal: '5100' },
      { name: '海珠区', lat: 23.084, lon: 113.318, sigmaKm: 3, weight: 4, postal: '5102' },
      { name: '荔湾区', lat: 23.125, lon: 113.244, sigmaKm: 2.5, weight: 3, postal: '5101' },
      { name: '白云区', lat: 23.2, lon: 113.273, sigmaKm: 6, weight: 5, postal: '5104' },
      { name: '黄埔区', lat: 23.106, lon: 113.459, sigmaKm: 5, weight: 3, postal: '5105' },
      { name: '番禺区', lat: 22.938, lon: 113.384, sigmaKm: 6, weight: 4, postal: '5114' },
      { name: '花都区', lat: 23.404, lon: 113.22, sigmaKm: 6, weight: 2, postal: '5108' },
      { name: '南沙区', lat: 22.801, lon: 113.525, sigmaKm: 7, weight: 2, postal: '5114' },
      { name: '增城区', lat: 23.261, lon: 113.811, sigmaKm: 7, weight: 2, postal: '5113' },
      { name: '从化区', lat: 23.548, lon: 113.587, sigmaKm: 6, weight: 1, postal: '5109' },
    ],
    streets: CN_STREETS,
    places: CN_PLACES,
    operators: [
      cnOperator('特来电 TELD', 'TLD', 'https://www.teld.cn', 25, [CN_DC_HUB, CN_AC, CN_CHAOJI], 1.55, 1.05),
      cnOperator('星星充电 Star Charge', 'STR', 'https://www.starcharge.com', 20, [CN_DC_HUB, CN_AC], 1.5, 1.0),
      cnOperator('南方电网 CSG', 'CSG', 'https://www.csg.cn', 18, [CN_DC_HUB, CN_AC, CN_CHAOJI], 1.35, 0.95),
      cnOperator('云快充 YKC', 'YKC', 'https://www.ykccn.com', 17, [CN_DC_HUB, CN_AC], 1.6, 1.1),
      cnOperator('小鹏 XPeng', 'XPG', 'https://www.xiaopeng.com', 5, [CN_DC_HUB], 1.45, 1.0),
      cnOperator('蔚来 NIO Power', 'NIO', 'https://www.nio.cn', 5, [CN_DC_HUB], 1.7, 1.1),
      cnOperator('特斯拉 Tesla', 'TSL', 'https://www.tesla.cn', 4, [CN_TESLA], 1.9, 1.2),
      cnOperator('依威能源 EVCIPA', 'EVC', 'https://www.evcipa.org.cn', 6, [CN_AC, CN_DC_HUB], 1.4, 1.0),
    ],
  },
  shanghai: {
    id: 'shanghai',
    country: 'CHN',
    countryCode: 'CN',
    timeZone: 'Asia/Shanghai',
    currency: 'CNY',
    sites: 8_800,
    chinese: true,
    districts: [
      { name: '浦东新区', lat: 31.221, lon: 121.544, sigmaKm: 9, weight: 9, postal: '2001' },
      { name: '黄浦区', lat: 31.231, lon: 121.484, sigmaKm: 1.5, weight: 2, postal: '2000' },
      { name: '徐汇区', lat: 31.188, lon: 121.437, sigmaKm: 3, weight: 3, postal: '2000' },
      { name: '长宁区', lat: 31.22, lon: 121.424, sigmaKm: 2.5, weight: 2, postal: '2000' },
      { name: '静安区', lat: 31.229, lon: 121.448, sigmaKm: 2, weight: 2, postal: '2000' },
      { name: '普陀区', lat: 31.249, lon: 121.397, sigmaKm: 3, weight: 2, postal: '2000' },
      { name: '虹口区', lat: 31.264, lon: 121.505, sigmaKm: 2, weight: 2, postal: '2000' },
      { name: '杨浦区', lat: 31.259, lon: 121.526, sigmaKm: 3, weight: 2, postal: '2000' },
      { name: '闵行区', lat: 31.113, lon: 121.382, sigmaKm: 6, weight: 5, postal: '2011' },
      { name: '宝山区', lat: 31.405, lon: 121.489, sigmaKm: 6, weight: 3, postal: '2019' },
      { name: '嘉定区', lat: 31.375, lon: 121.265, sigmaKm: 7, weight: 3, postal: '2018' },
      { name: '松江区', lat: 31.032, lon: 121.228, sigmaKm: 7, weight: 3, postal: '2016' },
      { name: '青浦区', lat: 31.15, lon: 121.124, sigmaKm: 7, weight: 2, postal: '2017' },
      { name: '奉贤区', lat: 30.918, lon: 121.474, sigmaKm: 7, weight: 2, postal: '2014' },
      { name: '金山区', lat: 30.742, lon: 121.342, sigmaKm: 6, weight: 1, postal: '2015' },
      { name: '崇明区', lat: 31.623, lon: 121.397, sigmaKm: 8, weight: 1, postal: '2021' },
    ],
    streets: [...CN_STREETS, '南京路', '延安路', '浦东大道', '张江路'],
    places: CN_PLACES,
    operators: [
      cnOperator('特来电 TELD', 'TLD', 'https://www.teld.cn', 22, [CN_DC_HUB, CN_AC, CN_CHAOJI], 1.6, 1.1),
      cnOperator('星星充电 Star Charge', 'STR', 'https://www.starcharge.com', 20, [CN_DC_HUB, CN_AC], 1.55, 1.05),
      cnOperator('国家电网 State Grid', 'SGC', 'https://www.sgcc.com.cn', 15, [CN_DC_HUB, CN_AC, CN_CHAOJI], 1.4, 0.95),
      cnOperator('上海电力 SPIC', 'SPC', 'https://www.spic.com.cn', 12, [CN_DC_HUB, CN_AC], 1.45, 1.0),
      cnOperator('云快充 YKC', 'YKC', 'https://www.ykccn.com', 14, [CN_DC_HUB, CN_AC], 1.65, 1.1),
      cnOperator('蔚来 NIO Power', 'NIO', 'https://www.nio.cn', 6, [CN_DC_HUB], 1.75, 1.15),
      cnOperator('特斯拉 Tesla', 'TSL', 'https://www.tesla.cn', 5, [CN_TESLA], 1.95, 1.2),
      cnOperator('小鹏 XPeng', 'XPG', 'https://www.xiaopeng.com', 6, [CN_DC_HUB], 1.5, 1.0),
    ],
  },
  oslo: {
    id: 'oslo',
    country: 'NOR',
    countryCode: 'NO',
    timeZone: 'Europe/Oslo',
    currency: 'NOK',
    sites: 3_400,
    chinese: false,
    districts: [
      { name: 'Sentrum', lat: 59.913, lon: 10.752, sigmaKm: 1.2, weight: 4, postal: '01' },
      { name: 'Frogner', lat: 59.922, lon: 10.706, sigmaKm: 1.2, weight: 3, postal: '02' },
      { name: 'Grünerløkka', lat: 59.925, lon: 10.759, sigmaKm: 1.2, weight: 3, postal: '05' },
      { name: 'Majorstuen', lat: 59.929, lon: 10.716, sigmaKm: 1, weight: 2, postal: '03' },
      { name: 'Skøyen', lat: 59.922, lon: 10.683, sigmaKm: 1, weight: 2, postal: '02' },
      { name: 'Lysaker', lat: 59.913, lon: 10.64, sigmaKm: 1.2, weight: 2, postal: '13' },
      { name: 'Sandvika', lat: 59.889, lon: 10.523, sigmaKm: 2, weight: 3, postal: '13' },
      { name: 'Bekkestua', lat: 59.917, lon: 10.588, sigmaKm: 2, weight: 2, postal: '13' },
      { name: 'Nydalen', lat: 59.949, lon: 10.765, sigmaKm: 1.2, weight: 2, postal: '04' },
      { name: 'Storo', lat: 59.945, lon: 10.778, sigmaKm: 1, weight: 1, postal: '04' },
      { name: 'Furuset', lat: 59.939, lon: 10.893, sigmaKm: 2, weight: 2, postal: '10' },
      { name: 'Helsfyr', lat: 59.91, lon: 10.809, sigmaKm: 1.5, weight: 2, postal: '06' },
      { name: 'Lillestrøm', lat: 59.956, lon: 11.05, sigmaKm: 3, weight: 2, postal: '20' },
      { name: 'Ski', lat: 59.719, lon: 10.835, sigmaKm: 3, weight: 1, postal: '14' },
      { name: 'Asker', lat: 59.833, lon: 10.435, sigmaKm: 3, weight: 2, postal: '13' },
      { name: 'Drammen', lat: 59.744, lon: 10.205, sigmaKm: 3, weight: 2, postal: '30' },
      { name: 'Jessheim', lat: 60.142, lon: 11.174, sigmaKm: 3, weight: 1, postal: '20' },
    ],
    streets: ['Drammensveien', 'Kirkeveien', 'Trondheimsveien', 'Sandviksveien', 'Storgata', 'Kongsveien', 'Strømsveien', 'Økernveien', 'Sognsveien', 'Ullevålsveien', 'Bygdøy allé', 'Karl Johans gate', 'Ringveien', 'Sørkedalsveien'],
    places: ['Senter', 'P-hus', 'Torg', 'Stasjon', 'Kjøpesenter', 'Hotell', 'Park', 'Brygge', 'Idrettspark', 'Rema 1000', 'Kiwi', 'Coop Extra', 'Meny', 'Næringspark'],
    operators: [
      { name: 'Mer', partyId: 'MER', website: 'https://mer.eco', weight: 20, kinds: [NO_AC, NO_DC], reservableShare: 0.1, dcPerKwh: 5.49, acPerKwh: 3.49, acPerHour: 0 },
      { name: 'Recharge', partyId: 'RCH', website: 'https://rechargeinfra.com', weight: 18, kinds: [NO_AC, NO_DC], reservableShare: 0.1, dcPerKwh: 5.9, acPerKwh: 3.9, acPerHour: 0 },
      { name: 'Circle K', partyId: 'CRK', website: 'https://www.circlek.no', weight: 15, kinds: [NO_DC, NO_HPC], reservableShare: 0, dcPerKwh: 6.69, acPerKwh: 4.29, acPerHour: 0 },
      { name: 'Tesla', partyId: 'TSL', website: 'https://www.tesla.com', weight: 8, kinds: [NO_TESLA], reservableShare: 0, dcPerKwh: 4.6, acPerKwh: 3.0, acPerHour: 0 },
      { name: 'Ionity', partyId: 'ION', website: 'https://ionity.eu', weight: 5, kinds: [NO_HPC], reservableShare: 0, dcPerKwh: 7.9, acPerKwh: 0, acPerHour: 0 },
      { name: 'Eviny', partyId: 'EVI', website: 'https://www.eviny.no', weight: 12, kinds: [NO_AC, NO_DC], reservableShare: 0.2, dcPerKwh: 5.39, acPerKwh: 3.29, acPerHour: 0 },
      { name: 'Kople', partyId: 'KOP', website: 'https://kople.no', weight: 12, kinds: [NO_AC], reservableShare: 0.3, dcPerKwh: 0, acPerKwh: 2.9, acPerHour: 15 },
      { name: 'Elton', partyId: 'ELT', website: 'https://www.elton.app', weight: 10, kinds: [NO_AC, NO_DC], reservableShare: 0.05, dcPerKwh: 5.75, acPerKwh: 3.75, acPerHour: 0 },
    ],
  },
};
