import { createHash } from 'node:crypto';
import { DemoUnitType } from './units';
import { DemoRole } from './groups';
import { Random } from './random';
import { workday } from './calendar';

/**
 * The province dataset: a Shandong-sized hub (100 groups, 4,000 units, 50,000 shared resources and
 * as many requests, 20,000 cooperation and 100,000 revenue entries, 200,000 training sessions with
 * about 5,000,000 roster rows, 100,000 certification batches, a 2025 collection round with every
 * active member's return), generated from a seed. This module draws the groups, units and
 * memberships every subgraph refers to; each subgraph's `province.ts` writes its own tables, and
 * `npm run seed -- --scale province` (scripts/lib/province.ts) runs them. `fraction` scales every
 * count (at least 2 groups). Everything is fictional (names end with （演示）).
 *
 * Ids are deterministic and ordered (`provinceId(kind, n)`, rows insert in index order), so a bench
 * finds the groups without reading a database: see `provinceGroup`.
 */
export const PROVINCE = {
  groups: 100,
  units: 4_000,
  resources: 50_000,
  requests: 50_000,
  cooperations: 20_000,
  revenueEntries: 100_000,
  sessions: 200_000,
  certifications: 100_000,
  basesPerGroup: 5,
  sessionsPerProgram: 10,
  /** Roster rows per session, lowest and highest (25 on average: about 5,000,000 for 200,000 sessions). */
  roster: [15, 35] as [number, number],
};

/** A UUID-shaped id, ordered by `n` within `kind`. */
export function provinceId(kind: string, n: number): string {
  const prefix = createHash('sha256').update(`province:${kind}`).digest('hex').slice(0, 8);
  const hex = n.toString(16).padStart(24, '0');
  return `${prefix}-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}-${hex.slice(12)}`;
}

/** Counts at `fraction` of the full province; `groups` overrides the number of groups (the rest still scales by `fraction`). */
export function provinceCounts(fraction = 1, groupCount?: number) {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`--fraction 应在 0 与 1 之间 (fraction must be in (0, 1]), got ${fraction}`);
  if (groupCount !== undefined && !(Number.isInteger(groupCount) && groupCount >= 2 && groupCount <= 1000))
    throw new Error(`--groups 应为 2–1000 的整数 (groups must be an integer from 2 to 1000), got ${groupCount}`);
  const scaled = (n: number, min: number) => Math.max(min, Math.round(n * fraction));
  const groups = groupCount ?? scaled(PROVINCE.groups, 2);
  return {
    groups,
    units: scaled(PROVINCE.units, groups * 12),
    resources: scaled(PROVINCE.resources, groups * 2),
    requests: scaled(PROVINCE.requests, groups * 2),
    cooperations: scaled(PROVINCE.cooperations, groups),
    revenueEntries: scaled(PROVINCE.revenueEntries, groups * 2),
    sessions: scaled(PROVINCE.sessions, groups * PROVINCE.basesPerGroup),
    certifications: scaled(PROVINCE.certifications, groups),
  };
}

export type ProvinceCounts = ReturnType<typeof provinceCounts>;

/**
 * The ids to sign in with for group `n` (1-based) of a province of `groups` groups: its id and code
 * (`sd-p001` …), its lead school (unit n, the chair) and its secretariat host (unit groups + n, an
 * association).
 */
export function provinceGroup(n: number, groups: number) {
  return {
    groupId: provinceId('group', n),
    code: `sd-p${String(n).padStart(3, '0')}`,
    leadOrgId: provinceId('organization', n),
    secretariatOrgId: provinceId('organization', groups + n),
  };
}

// The 16 prefecture-level cities of Shandong (GB/T 2260; 3712 莱芜 merged into Jinan in 2019).
const CITIES: [code: string, name: string][] = [
  ['3701', '济南'],
  ['3702', '青岛'],
  ['3703', '淄博'],
  ['3704', '枣庄'],
  ['3705', '东营'],
  ['3706', '烟台'],
  ['3707', '潍坊'],
  ['3708', '济宁'],
  ['3709', '泰安'],
  ['3710', '威海'],
  ['3711', '日照'],
  ['3713', '临沂'],
  ['3714', '德州'],
  ['3715', '聊城'],
  ['3716', '滨州'],
  ['3717', '菏泽'],
];
export const PROVINCE_INDUSTRIES = [
  '装备制造',
  '汽车',
  '化工',
  '电子信息',
  '现代农业',
  '轨道交通',
  '旅游',
  '现代物流',
  '医药卫生',
  '建筑',
  '纺织服装',
  '海洋',
  '食品',
  '新能源',
  '商贸',
];
const SCHOOL_TYPES: DemoUnitType[] = ['HIGHER_VOCATIONAL', 'SECONDARY_VOCATIONAL', 'TECHNICIAN_COLLEGE'];
const SCHOOL_SUFFIX: Record<string, string> = { HIGHER_VOCATIONAL: '职业技术学院', SECONDARY_VOCATIONAL: '中等职业学校', TECHNICIAN_COLLEGE: '技师学院' };
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export interface ProvinceUnit {
  index: number;
  id: string;
  name: string;
  uscc: string;
  type: DemoUnitType;
  region: string;
  school: boolean;
  enterprise: boolean;
}

export type ProvinceStatus = 'ACTIVE' | 'PENDING' | 'EXITED';

export interface ProvinceMember {
  unit: ProvinceUnit;
  role: DemoRole;
  status: ProvinceStatus;
}

export interface ProvinceGroup {
  id: string;
  code: string;
  name: string;
  type: 'INDUSTRY' | 'REGIONAL';
  /** GB/T 2260 code of the group's city (37xx00). */
  region: string;
  foundedOn: string;
  members: ProvinceMember[];
  /** The units of ACTIVE memberships. */
  active: ProvinceUnit[];
}

/** What every subgraph's part of the province refers to. */
export interface Province {
  counts: ProvinceCounts;
  units: ProvinceUnit[];
  groups: ProvinceGroup[];
  /** Index of the group that registered unit i. */
  home: number[];
  /** A seeded source of numbers for one part (`part`), the same for the same seed. */
  random: (part: string) => Random;
}

const ROLES: [below: number, role: DemoRole][] = [
  [1, 'CHAIR'],
  [2, 'SECRETARIAT_HOST'],
  [5, 'VICE_CHAIR'],
  [10, 'STANDING_DIRECTOR'],
  [20, 'DIRECTOR'],
];

/**
 * Draws the province's units and groups. Unit n of group n (1-based) is a school, its chair; unit
 * G + n an association, its secretariat host. Every unit belongs to the group that registered it
 * (index mod G); one in five joined another group too. `usccCheck` computes a USCC's 18th character
 * (members' own function, so the data and the validator cannot disagree).
 */
export function buildProvince(counts: ProvinceCounts, random: (part: string) => Random, usccCheck: (first17: string) => string): Province {
  const r = random('directory');
  const G = counts.groups;
  const units: ProvinceUnit[] = [];
  for (let u = 0; u < counts.units; u += 1) {
    const type: DemoUnitType =
      u < G
        ? r.pick(SCHOOL_TYPES)
        : u < 2 * G
          ? 'INDUSTRY_ASSOCIATION'
          : r.next() < 0.16
            ? r.pick(SCHOOL_TYPES)
            : r.next() < 0.9
              ? 'ENTERPRISE'
              : r.pick<DemoUnitType>(['RESEARCH_INSTITUTE', 'GOVERNMENT', 'INDUSTRY_ASSOCIATION']);
    const [cityCode, city] = CITIES[u < 2 * G ? (u % G) % CITIES.length : r.int(0, CITIES.length - 1)];
    const region = `${cityCode}${String(r.int(1, 12)).padStart(2, '0')}`;
    const school = SCHOOL_TYPES.includes(type);
    const enterprise = type === 'ENTERPRISE';
    const n = u + 1;
    const name = school
      ? `${city}示范第${n}${SCHOOL_SUFFIX[type]}（演示）`
      : enterprise
        ? `${city}示范${r.pick(PROVINCE_INDUSTRIES)}第${n}有限公司（演示）`
        : type === 'INDUSTRY_ASSOCIATION'
          ? `${city}市示范第${n}行业协会（演示）`
          : type === 'GOVERNMENT'
            ? `${city}市示范第${n}局（演示）`
            : `${city}示范第${n}研究院（演示）`;
    // Registration and category: 91 enterprise, 12 public institution, 51 association, 11 government.
    const head = enterprise ? '91' : type === 'INDUSTRY_ASSOCIATION' ? '51' : type === 'GOVERNMENT' ? '11' : '12';
    units.push({ index: u, id: provinceId('organization', n), name, uscc: provinceUscc(head, region, n, usccCheck), type, region, school, enterprise });
  }

  const members: ProvinceMember[][] = units.slice(0, G).map(() => []);
  const home = units.map((unit, u) => {
    members[u % G].push({ unit, role: 'MEMBER', status: 'ACTIVE' });
    return u % G;
  });
  const extra: ProvinceMember[][] = units.slice(0, G).map(() => []);
  units.forEach((unit, u) => {
    if (u < 2 * G || r.next() >= 0.2) return;
    extra[(u + 1 + r.int(0, G - 2)) % G].push({ unit, role: 'MEMBER', status: 'ACTIVE' });
  });
  const groups = members.map((list, g): ProvinceGroup => {
    list.push(...extra[g]);
    list.forEach((m, i) => {
      m.role = ROLES.find(([below]) => i < below)?.[1] ?? 'MEMBER';
      if (m.role !== 'MEMBER') return;
      const x = r.next();
      m.status = x < 0.03 ? 'EXITED' : x < 0.05 ? 'PENDING' : 'ACTIVE';
    });
    const n = g + 1;
    const regional = r.next() < 0.4;
    const [cityCode, city] = CITIES[g % CITIES.length];
    return {
      id: provinceId('group', n),
      code: provinceGroup(n, G).code,
      name: regional
        ? `${city}市示范第${n}区域职业教育集团（演示）`
        : `山东省示范${PROVINCE_INDUSTRIES[g % PROVINCE_INDUSTRIES.length]}第${n}行业职业教育集团（演示）`,
      type: regional ? 'REGIONAL' : 'INDUSTRY',
      region: `${cityCode}00`,
      foundedOn: `${r.int(2010, 2022)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
      members: list,
      active: list.filter((m) => m.status === 'ACTIVE').map((m) => m.unit),
    };
  });
  return { counts, units, groups, home, random };
}

/**
 * The 统一社会信用代码 of the province's unit `n`: registration and category (`head`), region, a body
 * unique by `n`, check character (`usccCheck`). A unit not on the hub takes an `n` above the units'.
 */
export function provinceUscc(head: string, region: string, n: number, usccCheck: (first17: string) => string): string {
  const body = [...n.toString(31).padStart(9, '0')].map((c) => USCC_ALPHABET[parseInt(c, 31)]).join('');
  const first17 = `${head}${region}${body}`;
  return first17 + usccCheck(first17);
}

/** A random working day of `year` before December 20 (a class started then ends within the year). */
export const provinceDay = (random: Random, year: number) =>
  workday(`${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 19)).padStart(2, '0')}`);

/** Writes one subgraph's part of the province into its database; answers what it wrote, for the log. */
export type ProvinceLoader = (db: import('typeorm').DataSource, province: Province, log: (line: string) => void) => Promise<string>;

/** A count with thousands separators, for the seed's log. */
export const formatCount = (n: number) => n.toLocaleString('en-US');

/**
 * The province's units, active members and groups (region, type) as the members directory answers them: the fixture of
 * the in-memory directory (`inMemoryDirectory`) the subgraphs' tests on a province sample use.
 */
export function provinceDirectory(province: Province) {
  return {
    organizations: province.units.map((u) => ({
      id: u.id,
      name: u.name,
      uscc: u.uscc,
      type: u.type,
      category: u.school ? ('SCHOOL' as const) : u.enterprise ? ('ENTERPRISE' as const) : ('OTHER' as const),
      region: u.region,
    })),
    activeMembers: Object.fromEntries(province.groups.map((g) => [g.id, g.active.map((u) => u.id)])),
    groups: province.groups.map((g) => ({ id: g.id, region: g.region, type: g.type })),
  };
}
