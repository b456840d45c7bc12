// ISO 3166-1 countries: alpha-2 ↔ alpha-3, and names in several languages (from Intl) → alpha-3, for feeds that send names.

/** Every assigned alpha-2 code followed by its alpha-3 code (plus XK/XKX for Kosovo, used by operators). */
const PAIRS = [
  'ADAND AEARE AFAFG AGATG AIAIA ALALB AMARM AOAGO AQATA ARARG ASASM ATAUT AUAUS AWABW AXALA AZAZE',
  'BABIH BBBRB BDBGD BEBEL BFBFA BGBGR BHBHR BIBDI BJBEN BLBLM BMBMU BNBRN BOBOL BQBES BRBRA BSBHS',
  'BTBTN BVBVT BWBWA BYBLR BZBLZ CACAN CCCCK CDCOD CFCAF CGCOG CHCHE CICIV CKCOK CLCHL CMCMR CNCHN',
  'COCOL CRCRI CUCUB CVCPV CWCUW CXCXR CYCYP CZCZE DEDEU DJDJI DKDNK DMDMA DODOM DZDZA ECECU EEEST',
  'EGEGY EHESH ERERI ESESP ETETH FIFIN FJFJI FKFLK FMFSM FOFRO FRFRA GAGAB GBGBR GDGRD GEGEO GFGUF',
  'GGGGY GHGHA GIGIB GLGRL GMGMB GNGIN GPGLP GQGNQ GRGRC GSSGS GTGTM GUGUM GWGNB GYGUY HKHKG HMHMD',
  'HNHND HRHRV HTHTI HUHUN IDIDN IEIRL ILISR IMIMN ININD IOIOT IQIRQ IRIRN ISISL ITITA JEJEY JMJAM',
  'JOJOR JPJPN KEKEN KGKGZ KHKHM KIKIR KMCOM KNKNA KPPRK KRKOR KWKWT KYCYM KZKAZ LALAO LBLBN LCLCA',
  'LILIE LKLKA LRLBR LSLSO LTLTU LULUX LVLVA LYLBY MAMAR MCMCO MDMDA MEMNE MFMAF MGMDG MHMHL MKMKD',
  'MLMLI MMMMR MNMNG MOMAC MPMNP MQMTQ MRMRT MSMSR MTMLT MUMUS MVMDV MWMWI MXMEX MYMYS MZMOZ NANAM',
  'NCNCL NENER NFNFK NGNGA NINIC NLNLD NONOR NPNPL NRNRU NUNIU NZNZL OMOMN PAPAN PEPER PFPYF PGPNG',
  'PHPHL PKPAK PLPOL PMSPM PNPCN PRPRI PSPSE PTPRT PWPLW PYPRY QAQAT REREU ROROU RSSRB RURUS RWRWA',
  'SASAU SBSLB SCSYC SDSDN SESWE SGSGP SHSHN SISVN SJSJM SKSVK SLSLE SMSMR SNSEN SOSOM SRSUR SSSSD',
  'STSTP SVSLV SXSXM SYSYR SZSWZ TCTCA TDTCD TFATF TGTGO THTHA TJTJK TKTKL TLTLS TMTKM TNTUN TOTON',
  'TRTUR TTTTO TVTUV TWTWN TZTZA UAUKR UGUGA UMUMI USUSA UYURY UZUZB VAVAT VCVCT VEVEN VGVGB VIVIR',
  'VNVNM VUVUT WFWLF WSWSM XKXKX YEYEM YTMYT ZAZAF ZMZMB ZWZWE',
]
  .join(' ')
  .split(' ');

const ALPHA3_BY_ALPHA2 = new Map(PAIRS.map((p) => [p.slice(0, 2), p.slice(2)]));
const ALPHA3 = new Set(ALPHA3_BY_ALPHA2.values());
const ALPHA2_BY_ALPHA3 = new Map(PAIRS.map((p) => [p.slice(2), p.slice(0, 2)]));

/** Languages whose country names we accept: those of the feeds seen in the wild, and the app's own. */
const NAME_LOCALES = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl', 'ro', 'ru', 'tr', 'ms', 'he', 'nb', 'da', 'sv', 'fi', 'cs', 'zh', 'ja', 'ko', 'ar'];
const EXTRA_NAMES: Record<string, string> = {
  turkey: 'TUR',
  usa: 'USA',
  unitedstatesofamerica: 'USA',
  uk: 'GBR',
  greatbritain: 'GBR',
  england: 'GBR',
  holland: 'NLD',
  russianfederation: 'RUS',
  southkorea: 'KOR',
  czechrepublic: 'CZE',
  prc: 'CHN',
};

const nameKey = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]/gu, '');

let byName: Map<string, string> | null = null;
function namesTable(): Map<string, string> {
  if (byName) return byName;
  byName = new Map(Object.entries(EXTRA_NAMES));
  for (const locale of NAME_LOCALES) {
    let names: Intl.DisplayNames;
    try {
      names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    } catch {
      continue;
    }
    for (const [alpha2, alpha3] of ALPHA3_BY_ALPHA2) {
      const name = names.of(alpha2);
      if (name) {
        const key = nameKey(name);
        if (key && !byName.has(key)) byName.set(key, alpha3);
      }
    }
  }
  return byName;
}

export type CountryMatch = { alpha3: string; how: 'exact' | 'case' | 'alpha2' | 'name' };

/** ISO alpha-3 for a feed's country value: an alpha-3 code, an alpha-2 code, or a country name in a known language. */
export function normaliseCountry(raw: unknown): CountryMatch | null {
  if (typeof raw !== 'string' || raw.length > 80) return null;
  if (ALPHA3.has(raw)) return { alpha3: raw, how: 'exact' };
  const trimmed = raw.trim();
  const upper = trimmed.toUpperCase();
  if (upper.length === 3 && ALPHA3.has(upper)) return { alpha3: upper, how: 'case' };
  if (upper.length === 2 && ALPHA3_BY_ALPHA2.has(upper)) return { alpha3: ALPHA3_BY_ALPHA2.get(upper)!, how: 'alpha2' };
  const byNameMatch = namesTable().get(nameKey(trimmed));
  return byNameMatch ? { alpha3: byNameMatch, how: 'name' } : null;
}

export function alpha3FromAlpha2(alpha2: string): string | undefined {
  return ALPHA3_BY_ALPHA2.get(alpha2.toUpperCase());
}

export function isAlpha3(code: string): boolean {
  return ALPHA3.has(code);
}

export function alpha2FromAlpha3(alpha3: string): string | undefined {
  return ALPHA2_BY_ALPHA3.get(alpha3);
}
