import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createSealer, openDataSource, readDatabase } from '@zjjt/kit';
import { addDays, at, newPerson, Random, seededRandom, workday } from '@zjjt/demo';
import { SUBGRAPHS } from '../services';
import { BulkWriter } from './bulk';
import { Organization } from '../../subgraphs/members/src/organization/organization.entity';
import { Group } from '../../subgraphs/members/src/group/group.entity';
import { CouncilTerm } from '../../subgraphs/members/src/group/council-term.entity';
import { Membership } from '../../subgraphs/members/src/membership/membership.entity';
import { GroupType, MembershipConsent, MembershipRole, MembershipStatus, OrganizationType, ROLE_RANK } from '../../subgraphs/members/src/enums';
import { usccCheckCharacter } from '../../subgraphs/members/src/organization/uscc';
import { SharedResource } from '../../subgraphs/resources/src/resource/resource.entity';
import { ResourceRequest } from '../../subgraphs/resources/src/request/request.entity';
import { Cooperation } from '../../subgraphs/resources/src/cooperation/cooperation.entity';
import { KIND_REQUIRES, RequestStatus, ResourceKind, ResourceStatus, Visibility } from '../../subgraphs/resources/src/enums';
import { BaseCoBuilder, TrainingBase } from '../../subgraphs/bases/src/base/base.entity';
import { LedgerImport } from '../../subgraphs/bases/src/imports/import.entity';
import { CertificationBatch, ProgramTargetGroup, TrainingProgram, TrainingSession } from '../../subgraphs/bases/src/ledger/ledger.entity';
import { Trainee } from '../../subgraphs/bases/src/trainee/trainee.entity';
import { RevenueEntry } from '../../subgraphs/bases/src/revenue/revenue.entity';
import { RevenueSource } from '../../subgraphs/bases/src/revenue/revenue.enums';
import { BaseKind, CertificationLevel, CoBuilderRole, ProgramCategory, TargetGroup, TrainingMode } from '../../subgraphs/bases/src/enums';
import { idCheckCharacter, maskIdNumber, maskPhone } from '../../subgraphs/bases/src/trainee/pii';
import { AnnualReturn, CollectionRound } from '../../subgraphs/statistics/src/collection/collection.entity';
import { ReturnStatus, RoundStatus } from '../../subgraphs/statistics/src/enums';

/**
 * The province dataset: a Shandong-sized hub (100 groups, 4,000 units, 50,000 shared resources and
 * as many requests, 20,000 cooperation and 100,000 revenue entries, 200,000 training sessions with
 * about 5,000,000 roster rows, 100,000 certification batches, a 2025 collection round with every
 * active member's return) generated from a seed and written in bulk into each subgraph's database.
 * `fraction` scales every count (at least 2 groups). Everything is fictional (names end with
 * （演示）); trainees' 身份证号 and phones are sealed with PII_KEY as the importer stores them.
 *
 * Ids are deterministic and ordered (`provinceId(kind, n)`), so the bench finds the groups without
 * reading a database: group n (1-based) is `provinceId('group', n)`, code `sd-p001`…; its secretariat
 * host unit is `provinceId('organization', G + n)` (see `provinceGroup`).
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
  /** Roster rows per session, lowest and highest (25 on average: 5,000,000 for 200,000 sessions). */
  roster: [15, 35] as [number, number],
};

export interface ProvinceOptions {
  /** Share of the full province, 0 < fraction ≤ 1. */
  fraction?: number;
  /** The PRNG seed: the same seed writes the same data. */
  seed?: string;
  log?: (line: string) => void;
}

/** A UUID-shaped id, ordered by `n` within `kind` (rows insert in index order). */
export function provinceId(kind: string, n: number): string {
  const prefix = createHash('sha256').update(`province:${kind}`).digest('hex').slice(0, 8);
  const hex = n.toString(16).padStart(24, '0');
  return `${prefix}-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}-${hex.slice(12)}`;
}

/** Counts at `fraction` of the full province. */
export function provinceCounts(fraction = 1) {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`--fraction 应在 0 与 1 之间 (fraction must be in (0, 1]), got ${fraction}`);
  const scaled = (n: number, min: number) => Math.max(min, Math.round(n * fraction));
  const groups = scaled(PROVINCE.groups, 2);
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

/** The ids a bench or a test signs in with for group `n` (1-based) of a province of `groups` groups. */
export function provinceGroup(n: number, groups: number) {
  return {
    groupId: provinceId('group', n),
    code: `sd-p${String(n).padStart(3, '0')}`,
    leadOrgId: provinceId('organization', n),
    secretariatOrgId: provinceId('organization', groups + n),
  };
}

// 16 prefecture-level cities of Shandong (GB/T 2260; 3712 莱芜 merged into Jinan in 2019).
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
const INDUSTRIES = [
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
const ENTERPRISE_INDUSTRIES = [
  '通用设备制造业',
  '专用设备制造业',
  '汽车制造业',
  '电气机械和器材制造业',
  '化学原料和化学制品制造业',
  '软件和信息技术服务业',
  '农副食品加工业',
];
const SCHOOL_TYPES = [OrganizationType.HIGHER_VOCATIONAL, OrganizationType.SECONDARY_VOCATIONAL, OrganizationType.TECHNICIAN_COLLEGE];
const SCHOOL_SUFFIX: Record<string, string> = {
  HIGHER_VOCATIONAL: '职业技术学院',
  SECONDARY_VOCATIONAL: '中等职业学校',
  TECHNICIAN_COLLEGE: '技师学院',
};
const OCCUPATIONS = ['数控车工', '焊工', '电工', '钳工', '汽车维修工', '工业机器人系统运维员', '电子商务师', '育婴员', '养老护理员', '中式烹调师'];
const SPECIALTIES = ['数控技术', '机电一体化技术', '汽车检测与维修技术', '工业机器人技术', '电子商务', '护理', '物流管理'];
const LEVELS = [CertificationLevel.LEVEL_5, CertificationLevel.LEVEL_4, CertificationLevel.LEVEL_3, CertificationLevel.LEVEL_2];
const CATEGORIES = Object.values(ProgramCategory);
const TARGETS = Object.values(TargetGroup);
const MODES = Object.values(TrainingMode);
const KINDS = Object.values(ResourceKind);
const SOURCES = Object.values(RevenueSource);

interface Unit {
  index: number;
  id: string;
  name: string;
  uscc: string;
  type: OrganizationType;
  region: string;
  school: boolean;
  enterprise: boolean;
}

interface Member {
  unit: Unit;
  role: MembershipRole;
  status: MembershipStatus;
}

/** The groups, units and memberships every subgraph's part refers to. */
function buildDirectory(counts: ReturnType<typeof provinceCounts>, random: Random) {
  const units: Unit[] = [];
  const G = counts.groups;
  for (let u = 0; u < counts.units; u += 1) {
    // Unit n of group n is a school (the lead), unit G + n an association (the secretariat host).
    const type =
      u < G
        ? random.pick(SCHOOL_TYPES)
        : u < 2 * G
          ? OrganizationType.INDUSTRY_ASSOCIATION
          : random.next() < 0.16
            ? random.pick(SCHOOL_TYPES)
            : random.next() < 0.9
              ? OrganizationType.ENTERPRISE
              : random.pick([OrganizationType.RESEARCH_INSTITUTE, OrganizationType.GOVERNMENT, OrganizationType.INDUSTRY_ASSOCIATION]);
    const [cityCode, city] = CITIES[u < 2 * G ? (u % G) % CITIES.length : random.int(0, CITIES.length - 1)];
    const region = `${cityCode}${String(random.int(1, 12)).padStart(2, '0')}`;
    const school = SCHOOL_TYPES.includes(type);
    const enterprise = type === OrganizationType.ENTERPRISE;
    const n = u + 1;
    const name = school
      ? `${city}示范第${n}${SCHOOL_SUFFIX[type]}（演示）`
      : enterprise
        ? `${city}示范${random.pick(INDUSTRIES)}第${n}有限公司（演示）`
        : type === OrganizationType.INDUSTRY_ASSOCIATION
          ? `${city}市示范第${n}行业协会（演示）`
          : type === OrganizationType.GOVERNMENT
            ? `${city}市示范第${n}局（演示）`
            : `${city}示范第${n}研究院（演示）`;
    // 统一社会信用代码: registration and category (91 enterprise, 12 public institution, 51 association, 11 government), region, a body unique by n, check character.
    const head = enterprise ? '91' : type === OrganizationType.INDUSTRY_ASSOCIATION ? '51' : type === OrganizationType.GOVERNMENT ? '11' : '12';
    const body = n.toString(31).toUpperCase().padStart(9, '0');
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const mapped = [...body].map((c) => alphabet[parseInt(c, 31)]).join('');
    const first17 = `${head}${region}${mapped}`;
    units.push({ index: u, id: provinceId('organization', n), name, uscc: first17 + usccCheckCharacter(first17), type, region, school, enterprise });
  }

  // Each unit belongs to its home group (u mod G); one in five joined one other group as well.
  const members: Member[][] = Array.from({ length: G }, () => []);
  const home: number[] = [];
  units.forEach((unit, u) => {
    home.push(u % G);
    members[u % G].push({ unit, role: MembershipRole.MEMBER, status: MembershipStatus.ACTIVE });
  });
  const extra: Member[][] = Array.from({ length: G }, () => []);
  units.forEach((unit, u) => {
    if (u < 2 * G || random.next() >= 0.2) return;
    extra[(u + 1 + random.int(0, G - 2)) % G].push({ unit, role: MembershipRole.MEMBER, status: MembershipStatus.ACTIVE });
  });
  members.forEach((list, g) => {
    list.push(...extra[g]);
    list.forEach((m, i) => {
      m.role =
        i === 0
          ? MembershipRole.CHAIR
          : i === 1
            ? MembershipRole.SECRETARIAT_HOST
            : i < 5
              ? MembershipRole.VICE_CHAIR
              : i < 10
                ? MembershipRole.STANDING_DIRECTOR
                : i < 20
                  ? MembershipRole.DIRECTOR
                  : MembershipRole.MEMBER;
      if (m.role === MembershipRole.MEMBER) {
        const r = random.next();
        m.status = r < 0.03 ? MembershipStatus.EXITED : r < 0.05 ? MembershipStatus.PENDING : MembershipStatus.ACTIVE;
      }
    });
  });
  const groups = members.map((list, g) => {
    const n = g + 1;
    const regional = random.next() < 0.4;
    const [cityCode, city] = CITIES[g % CITIES.length];
    return {
      id: provinceId('group', n),
      code: provinceGroup(n, G).code,
      name: regional ? `${city}市示范第${n}区域职业教育集团（演示）` : `山东省示范${INDUSTRIES[g % INDUSTRIES.length]}第${n}行业职业教育集团（演示）`,
      type: regional ? GroupType.REGIONAL : GroupType.INDUSTRY,
      region: `${cityCode}00`,
      foundedOn: `${random.int(2010, 2022)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
      members: list,
      active: list.filter((m) => m.status === MembershipStatus.ACTIVE).map((m) => m.unit),
    };
  });
  return { units, groups, home };
}

type Directory = ReturnType<typeof buildDirectory>;

async function timed(log: (line: string) => void, label: string, work: () => Promise<string>): Promise<void> {
  const started = Date.now();
  const what = await work();
  log(`${label}: ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const fmt = (n: number) => n.toLocaleString('en-US');

async function loadMembers(db: DataSource, dir: Directory): Promise<string> {
  const orgs = await BulkWriter.open(db, Organization);
  dir.units.forEach((u, i) => {
    const created = at(dir.groups[dir.home[i]].foundedOn, 1);
    orgs.add({
      id: u.id,
      name: u.name,
      uscc: u.uscc,
      type: u.type,
      region: u.region,
      industry: u.school ? '职业教育' : u.enterprise ? ENTERPRISE_INDUSTRIES[i % ENTERPRISE_INDUSTRIES.length] : '社会团体',
      aboveDesignatedSize: u.enterprise && i % 3 === 0,
      fortune500: u.enterprise && i % 97 === 0,
      website: null,
      address: `山东省${u.region}示范路${(i % 900) + 100}号`,
      contactPerson: null,
      contactPhone: null,
      contactEmail: null,
      updatedBy: 'seed',
      createdByGroupId: dir.groups[dir.home[i]].id,
      createdBy: 'seed',
      createdAt: created,
      updatedAt: created,
    });
  });
  await orgs.close();
  const groups = await BulkWriter.open(db, Group);
  const terms = await BulkWriter.open(db, CouncilTerm);
  for (const g of dir.groups) {
    const created = at(g.foundedOn, 1);
    groups.add({
      id: g.id,
      code: g.code,
      name: g.name,
      shortName: null,
      type: g.type,
      leadOrganizationId: g.members[0].unit.id,
      approvingAuthority: '山东省教育厅',
      foundedOn: g.foundedOn,
      region: g.region,
      description: null,
      joinInstructions: null,
      createdAt: created,
      updatedAt: created,
    });
    terms.add({ id: provinceId('council-term', dir.groups.indexOf(g) + 1), groupId: g.id, number: 1, startsOn: g.foundedOn, endsOn: null });
  }
  await groups.close();
  await terms.close();
  const memberships = await BulkWriter.open(db, Membership);
  let n = 0;
  dir.groups.forEach((g, gi) => {
    g.members.forEach((m, i) => {
      n += 1;
      const registered = dir.home[m.unit.index] === gi;
      const joinedOn = i < 5 ? g.foundedOn : addDays(g.foundedOn, 30 + ((i * 53) % 1200));
      const pending = m.status === MembershipStatus.PENDING;
      const exited = m.status === MembershipStatus.EXITED;
      memberships.add({
        id: provinceId('membership', n),
        groupId: g.id,
        organizationId: m.unit.id,
        role: m.role,
        roleRank: ROLE_RANK[m.role],
        status: m.status,
        councilTermId: pending ? null : provinceId('council-term', gi + 1),
        appliedOn: addDays(joinedOn, -14),
        joinedOn: pending ? null : joinedOn,
        exitedOn: exited ? '2024-12-30' : null,
        exitReason: exited ? '单位业务调整，不再参加集团活动' : null,
        rejectionReason: null,
        statement: pending ? '申请加入集团，参与产教融合与人才培养。' : null,
        consent: registered ? MembershipConsent.REGISTERED : i % 2 ? MembershipConsent.APPLIED : MembershipConsent.CONFIRMED,
        createdAt: at(joinedOn, 2),
        updatedAt: at(joinedOn, 2),
      });
    });
  });
  await memberships.close();
  return `${fmt(dir.units.length)} units, ${fmt(dir.groups.length)} groups, ${fmt(memberships.written)} memberships`;
}

async function loadResources(db: DataSource, dir: Directory, counts: ReturnType<typeof provinceCounts>, random: Random): Promise<string> {
  const resources = await BulkWriter.open(db, SharedResource);
  const published: { id: string; groupIndex: number; provider: Unit; kind: ResourceKind; periodStart: string; periodEnd: string }[] = [];
  for (let n = 1; n <= counts.resources; n += 1) {
    const gi = (n - 1) % dir.groups.length;
    const g = dir.groups[gi];
    const provider = random.pick(g.active);
    const kind = random.pick(KINDS);
    const needs = KIND_REQUIRES[kind] ?? [];
    const r = random.next();
    const status = r < 0.85 ? ResourceStatus.PUBLISHED : r < 0.95 ? ResourceStatus.DRAFT : ResourceStatus.WITHDRAWN;
    const periodStart = workday(`2025-${String(random.int(1, 10)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`);
    const periodEnd = addDays(periodStart, random.int(30, 200));
    const id = provinceId('shared-resource', n);
    const capacity = random.int(5, 60);
    resources.add({
      id,
      groupId: g.id,
      providerId: provider.id,
      providerName: provider.name,
      providerType: provider.type,
      providerRegion: provider.region,
      kind,
      title: `${provider.name.replace('（演示）', '')}共享资源第${n}项（演示）`,
      description: null,
      capacity,
      reserved: 0,
      periodStart,
      periodEnd,
      location: null,
      visibility: random.next() < 0.7 ? Visibility.GROUP : Visibility.PUBLIC,
      status,
      specialty: needs.includes('specialty') ? random.pick(SPECIALTIES) : null,
      subject: needs.includes('subject') ? random.pick(SPECIALTIES) : null,
      hours: needs.includes('hours') ? random.int(8, 64) : null,
      occupation: needs.includes('occupation') ? random.pick(OCCUPATIONS) : null,
      publishedAt: status === ResourceStatus.DRAFT ? null : at(addDays(periodStart, -20), 2),
      updatedAt: at(addDays(periodStart, -20), 2),
    });
    if (status === ResourceStatus.PUBLISHED) published.push({ id, groupIndex: gi, provider, kind, periodStart, periodEnd });
    await resources.flushIfFull();
  }
  await resources.close();

  const requests = await BulkWriter.open(db, ResourceRequest);
  const statuses = Object.values(RequestStatus);
  for (let n = 1; n <= counts.requests; n += 1) {
    const resource = published[(n - 1) % published.length];
    const g = dir.groups[resource.groupIndex];
    let requester = random.pick(g.active);
    if (requester === resource.provider) requester = g.active.find((u) => u !== resource.provider)!;
    const status = random.pick(statuses);
    const createdAt = at(addDays(resource.periodStart, -random.int(1, 15)), 3);
    const decided = status !== RequestStatus.PENDING;
    const completed = status === RequestStatus.COMPLETED;
    requests.add({
      id: provinceId('resource-request', n),
      resourceId: resource.id,
      groupId: g.id,
      kind: resource.kind,
      providerId: resource.provider.id,
      requesterId: requester.id,
      quantity: random.int(1, 5),
      periodStart: resource.periodStart,
      periodEnd: resource.periodEnd,
      purpose: '共享使用（演示）',
      status,
      decisionReason: status === RequestStatus.REJECTED ? '时段已满' : null,
      outcomeParticipants: completed ? random.int(5, 40) : null,
      outcomeHours: completed ? random.int(8, 80) : null,
      outcomeNote: null,
      createdAt,
      decidedAt: decided ? createdAt : null,
      completedAt: completed ? at(resource.periodEnd, 6) : null,
    });
    await requests.flushIfFull();
  }
  await requests.close();

  const cooperations = await BulkWriter.open(db, Cooperation);
  for (let n = 1; n <= counts.cooperations; n += 1) {
    const g = dir.groups[(n - 1) % dir.groups.length];
    const schools = g.active.filter((u) => u.school);
    const enterprises = g.active.filter((u) => u.enterprise);
    if (!schools.length || !enterprises.length) continue;
    const school = random.pick(schools);
    const partner = random.pick(enterprises);
    const year = random.next() < 0.7 ? 2025 : 2024;
    cooperations.add({
      id: provinceId('cooperation', n),
      groupId: g.id,
      organizationId: school.id,
      partnerId: partner.id,
      partnerUscc: partner.uscc,
      year,
      projectName: `校企合作项目第${n}号（演示）`,
      orderClassStudents: random.int(0, 60),
      apprentices: random.int(0, 30),
      mutualTeachers: random.int(0, 8),
      mutualTeachingHours: random.int(0, 300),
      teacherPracticePersonTimes: random.int(0, 20),
      teacherPracticeDays: random.int(0, 120),
      coCourses: random.int(0, 3),
      coTextbooks: random.int(0, 2),
      coBases: random.int(0, 1),
      patents: random.int(0, 2),
      certificates1X: random.int(0, 40),
      investment: random.int(0, 500_000) * 100,
      investmentReceived: random.int(0, 300_000) * 100,
      equipmentValue: random.int(0, 800_000) * 100,
      serviceIncome: random.int(0, 200_000) * 100,
      enterpriseTeachers: random.int(0, 6),
      enterpriseTeachingHours: random.int(0, 200),
      recordedBy: 'seed',
      updatedAt: at(`${year}-12-15`, 2),
    });
    await cooperations.flushIfFull();
  }
  await cooperations.close();
  return `${fmt(resources.written)} shared resources, ${fmt(requests.written)} requests, ${fmt(cooperations.written)} cooperation entries`;
}

/** A random `YYYY-MM-DD` workday of `year` (before December 20, so a class ends within the year). */
const dayOf = (random: Random, year: number) => workday(`${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 19)).padStart(2, '0')}`);

async function loadBases(
  db: DataSource,
  dir: Directory,
  counts: ReturnType<typeof provinceCounts>,
  random: Random,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
) {
  const seal = createSealer(env, 'PII_KEY');
  const G = dir.groups.length;
  const B = PROVINCE.basesPerGroup;
  const writers = {
    bases: await BulkWriter.open(db, TrainingBase),
    coBuilders: await BulkWriter.open(db, BaseCoBuilder),
    imports: await BulkWriter.open(db, LedgerImport),
    programs: await BulkWriter.open(db, TrainingProgram),
    targets: await BulkWriter.open(db, ProgramTargetGroup),
    sessions: await BulkWriter.open(db, TrainingSession),
    certifications: await BulkWriter.open(db, CertificationBatch),
  };
  // SQLite has one connection: the trainees are written after the ledgers, from what the ledgers kept.
  const rosters: { baseIndex: number; sessionId: string; importId: string; groupId: string; baseId: string; personTimes: number; regions: string[] }[] = [];
  let sessionN = 0;
  let programN = 0;
  let certN = 0;
  for (let gi = 0; gi < G; gi += 1) {
    const g = dir.groups[gi];
    const sessionsOfGroup = Math.floor(counts.sessions / G) + (gi < counts.sessions % G ? 1 : 0);
    const certsOfGroup = Math.floor(counts.certifications / G) + (gi < counts.certifications % G ? 1 : 0);
    const runners = g.active.filter((u) => u.school || u.enterprise);
    for (let b = 0; b < B; b += 1) {
      const baseIndex = gi * B + b;
      const baseId = provinceId('training-base', baseIndex + 1);
      const importId = provinceId('ledger-import', baseIndex + 1);
      const lead = runners[b % runners.length];
      const others = runners.filter((u) => u !== lead).slice(b, b + 2);
      const units = [lead, ...others];
      writers.bases.add({
        id: baseId,
        groupId: g.id,
        name: `${g.name.replace('（演示）', '')}第${b + 1}实训基地（演示）`,
        kind: Object.values(BaseKind)[b % 7],
        occupations: [OCCUPATIONS[baseIndex % OCCUPATIONS.length], OCCUPATIONS[(baseIndex + 3) % OCCUPATIONS.length]],
        capacity: random.int(50, 400),
        location: null,
        description: null,
        establishedOn: g.foundedOn,
        createdAt: at(g.foundedOn, 2),
      });
      units.forEach((u, i) =>
        writers.coBuilders.add({
          id: provinceId('base-co-builder', baseIndex * 3 + i + 1),
          baseId,
          organizationId: u.id,
          role: i === 0 ? CoBuilderRole.LEAD : CoBuilderRole.CO_BUILDER,
        }),
      );
      const sessions = Math.floor(sessionsOfGroup / B) + (b < sessionsOfGroup % B ? 1 : 0);
      const certs = Math.floor(certsOfGroup / B) + (b < certsOfGroup % B ? 1 : 0);
      const tally = { programs: 0, sessions: 0, certifications: 0, trainees: 0 };
      const ledger = { baseId, groupId: g.id, importId };
      const regions = [...new Set(units.map((u) => u.region))];
      const numbers: Record<number, number> = {};
      for (let s = 0; s < sessions; s += PROVINCE.sessionsPerProgram) {
        programN += 1;
        const year = random.next() < 0.75 ? 2025 : 2024;
        const org = random.pick(units);
        const category = random.pick(CATEGORIES);
        const targets = [random.pick(TARGETS)];
        const mode = random.pick(MODES);
        const programId = provinceId('training-program', programN);
        writers.programs.add({
          id: programId,
          ...ledger,
          organizationId: org.id,
          code: `XM${programN}`,
          name: `${OCCUPATIONS[programN % OCCUPATIONS.length]}培训项目（演示）`,
          category,
          mode,
          targetGroups: targets,
          primaryTargetGroup: targets[0],
          clientName: null,
          clientUscc: null,
          subsidised: random.next() < 0.5,
          year,
        });
        writers.targets.add({ programId, targetGroup: targets[0] });
        tally.programs += 1;
        for (let k = s; k < Math.min(sessions, s + PROVINCE.sessionsPerProgram); k += 1) {
          sessionN += 1;
          numbers[year] = (numbers[year] ?? 0) + 1;
          const startsOn = dayOf(random, year);
          const personTimes = random.int(...PROVINCE.roster);
          const hours = random.int(16, 120);
          const id = provinceId('training-session', sessionN);
          writers.sessions.add({
            id,
            ...ledger,
            programId,
            organizationId: org.id,
            category,
            mode,
            targetGroup: targets[0],
            code: `BC${year}-${String(numbers[year]).padStart(5, '0')}`,
            startsOn,
            endsOn: addDays(startsOn, Math.ceil(hours / 8) - 1),
            month: startsOn.slice(0, 7),
            year,
            personTimes,
            hours,
            revenue: personTimes * random.int(100, 800) * 100,
          });
          rosters.push({ baseIndex, sessionId: id, importId, groupId: g.id, baseId, personTimes, regions });
          tally.sessions += 1;
          tally.trainees += personTimes;
        }
        await writers.programs.flushIfFull();
        await writers.targets.flushIfFull();
        await writers.sessions.flushIfFull();
      }
      for (let c = 1; c <= certs; c += 1) {
        certN += 1;
        const candidates = random.int(10, 80);
        const assessedOn = dayOf(random, random.next() < 0.75 ? 2025 : 2024);
        writers.certifications.add({
          id: provinceId('certification-batch', certN),
          ...ledger,
          organizationId: random.pick(units).id,
          code: `JD${c}`,
          occupation: random.pick(OCCUPATIONS),
          level: random.pick(LEVELS),
          candidates,
          passed: Math.round(candidates * (0.6 + random.next() * 0.35)),
          feeRevenue: candidates * 200 * 100,
          assessedOn,
          year: Number(assessedOn.slice(0, 4)),
        });
        tally.certifications += 1;
        await writers.certifications.flushIfFull();
      }
      writers.imports.add({
        id: importId,
        ...ledger,
        organizationId: lead.id,
        fileSha256: createHash('sha256')
          .update(`province-ledger:${baseIndex + 1}`)
          .digest('hex'),
        fileName: '省级数据集（演示）',
        ...tally,
        importedBy: 'seed',
        importedAt: at('2026-01-10', 2),
      });
    }
  }
  for (const w of Object.values(writers)) await w.close();
  log(
    `bases: ${fmt(writers.bases.written)} bases, ${fmt(writers.programs.written)} programs, ${fmt(writers.sessions.written)} sessions, ${fmt(writers.certifications.written)} certification batches`,
  );

  // Rosters: a pool of people per base (about one person for 1.6 roster rows), each sealed once.
  const started = Date.now();
  const trainees = await BulkWriter.open(db, Trainee);
  let sealNs = 0n;
  let traineeN = 0;
  let pool: { name: string; idNumberSealed: string; idNumberHash: string; idNumberMasked: string; phoneSealed: string | null; phoneMasked: string | null }[] =
    [];
  let poolBase = -1;
  let taken = new Set<string>();
  for (const r of rosters) {
    if (r.baseIndex !== poolBase) {
      poolBase = r.baseIndex;
      pool = [];
      taken = new Set();
    }
    const target = Math.max(r.personTimes, Math.round(pool.length + r.personTimes * 0.6));
    while (pool.length < target) {
      const person = newPerson(random, r.regions, random.next() < 0.3, taken, idCheckCharacter);
      const t = process.hrtime.bigint();
      pool.push({
        name: person.name,
        idNumberSealed: seal.seal(person.idNumber),
        idNumberHash: seal.hash(person.idNumber),
        idNumberMasked: maskIdNumber(person.idNumber),
        phoneSealed: person.phone ? seal.seal(person.phone) : null,
        phoneMasked: person.phone ? maskPhone(person.phone) : null,
      });
      sealNs += process.hrtime.bigint() - t;
    }
    // personTimes distinct people of the pool: a window at a random offset.
    const offset = random.int(0, pool.length - r.personTimes);
    for (let i = 0; i < r.personTimes; i += 1) {
      traineeN += 1;
      trainees.add({
        id: provinceId('trainee', traineeN),
        baseId: r.baseId,
        groupId: r.groupId,
        sessionId: r.sessionId,
        ...pool[offset + i],
        importId: r.importId,
      });
      await trainees.flushIfFull();
      if (traineeN % 1_000_000 === 0) log(`bases: ${fmt(traineeN)} trainee rows after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  }
  await trainees.close();
  return `${fmt(trainees.written)} trainee rows (sealing ${(Number(sealNs) / 1e9).toFixed(1)} s of ${((Date.now() - started) / 1000).toFixed(1)} s)`;
}

async function loadRevenue(db: DataSource, dir: Directory, counts: ReturnType<typeof provinceCounts>, random: Random): Promise<string> {
  const entries = await BulkWriter.open(db, RevenueEntry);
  for (let n = 1; n <= counts.revenueEntries; n += 1) {
    const g = dir.groups[(n - 1) % dir.groups.length];
    const org = random.pick(g.active);
    const receivedOn = dayOf(random, random.next() < 0.75 ? 2025 : 2024);
    entries.add({
      id: provinceId('revenue-entry', n),
      groupId: g.id,
      organizationId: org.id,
      source: random.pick(SOURCES),
      receivedOn,
      year: Number(receivedOn.slice(0, 4)),
      amount: random.int(1_000, 500_000) * 100,
      counterparty: '委托单位（演示）',
      counterpartyUscc: null,
      title: '社会服务到账（演示）',
      sessionId: null,
      certificationBatchId: null,
      recordedBy: 'seed',
      recordedAt: at(receivedOn, 3),
      updatedBy: 'seed',
      updatedAt: at(receivedOn, 3),
    });
    await entries.flushIfFull();
  }
  await entries.close();
  return `${fmt(entries.written)} revenue entries`;
}

async function loadStatistics(db: DataSource, dir: Directory, random: Random): Promise<string> {
  const rounds = await BulkWriter.open(db, CollectionRound);
  const returns = await BulkWriter.open(db, AnnualReturn);
  let n = 0;
  for (let gi = 0; gi < dir.groups.length; gi += 1) {
    const g = dir.groups[gi];
    const roundId = provinceId('collection-round', gi + 1);
    rounds.add({ id: roundId, groupId: g.id, year: 2025, dueOn: '2026-03-31', status: RoundStatus.OPEN, openedBy: 'seed', openedAt: at('2026-01-05', 2) });
    for (const unit of g.active) {
      n += 1;
      const r = random.next();
      const status = r < 0.9 ? ReturnStatus.APPROVED : r < 0.95 ? ReturnStatus.SUBMITTED : ReturnStatus.DRAFT;
      const school = unit.school;
      const enrolled = school ? random.int(1_500, 15_000) : null;
      const graduates = school ? Math.round(enrolled! / 3) : null;
      const teachers = school ? random.int(80, 800) : null;
      const dual = school ? Math.round(teachers! * (0.4 + random.next() * 0.4)) : null;
      returns.add({
        id: provinceId('annual-return', n),
        roundId,
        groupId: g.id,
        year: 2025,
        organizationId: unit.id,
        status,
        enrolledStudents: enrolled,
        fullTimeTeachers: teachers,
        dualQualifiedTeachers: dual,
        graduates,
        employedGraduates: school ? Math.round(graduates! * 0.92) : null,
        employees: unit.enterprise ? random.int(50, 5_000) : null,
        specialties: school ? random.int(10, 60) : null,
        internsReceived: unit.enterprise ? random.int(0, 80) : null,
        dualQualifiedPercentCents: school ? Math.round((dual! / teachers!) * 10_000) : null,
        admissions: school ? Math.round(enrolled! / 3) : null,
        employedInGroup: school ? Math.round(graduates! * 0.2) : null,
        employedInField: school ? Math.round(graduates! * 0.7) : null,
        certifiedGraduates: school ? Math.round(graduates! * 0.6) : null,
        coBuiltSpecialties: school ? random.int(1, 10) : null,
        industrialColleges: school ? random.int(0, 3) : null,
        coDevelopedCourses: school ? random.int(0, 20) : null,
        coDevelopedTextbooks: school ? random.int(0, 8) : null,
        staffPracticeReceived: school ? random.int(0, 200) : null,
        reviewComment: null,
        submittedAt: status === ReturnStatus.DRAFT ? null : at('2026-02-10', 2),
        reviewedBy: status === ReturnStatus.APPROVED ? 'seed' : null,
        reviewedAt: status === ReturnStatus.APPROVED ? at('2026-02-20', 2) : null,
        updatedBy: 'seed',
        updatedAt: at('2026-02-20', 2),
      });
      await returns.flushIfFull();
    }
  }
  await rounds.close();
  await returns.close();
  return `${fmt(rounds.written)} collection rounds, ${fmt(returns.written)} annual returns`;
}

/**
 * Migrates each subgraph's database (as `env` names them: DATABASE_URL or DATA_DIR) and writes the
 * province dataset into it; refuses a database that has groups, bases, resources or rounds already.
 */
export async function seedProvince(env: NodeJS.ProcessEnv, options: ProvinceOptions = {}): Promise<void> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const counts = provinceCounts(options.fraction ?? 1);
  const seed = options.seed ?? 'province';
  createSealer(env, 'PII_KEY');
  const started = Date.now();
  const part = (name: string) => seededRandom(`province:${seed}:${name}`);
  const dir = buildDirectory(counts, part('directory'));
  const open = async (name: string) => {
    const definition = SUBGRAPHS.find((s) => s.name === name)!.definition();
    return openDataSource(readDatabase(env, name), { entities: definition.entities, migrations: definition.migrations });
  };
  const markers: Record<string, string> = { members: 'member_group', resources: 'shared_resource', bases: 'training_base', statistics: 'collection_round' };
  const loaders: Record<string, (db: DataSource) => Promise<string>> = {
    members: (db) => loadMembers(db, dir),
    resources: (db) => loadResources(db, dir, counts, part('resources')),
    bases: async (db) => {
      const trainees = await loadBases(db, dir, counts, part('bases'), env, log);
      return `${await loadRevenue(db, dir, counts, part('revenue'))}, ${trainees}`;
    },
    statistics: (db) => loadStatistics(db, dir, part('statistics')),
  };
  for (const name of Object.keys(loaders)) {
    const db = await open(name);
    try {
      const [{ n }] = await db.query(`SELECT COUNT(*) AS n FROM ${markers[name]}`);
      if (Number(n) > 0) throw new Error(`${name} 数据库已有数据，省级数据集只写入空库 (database not empty): ${markers[name]} has rows`);
      await timed(log, name, () => loaders[name](db));
    } finally {
      await db.destroy();
    }
  }
  log(`province dataset (fraction ${options.fraction ?? 1}, seed "${seed}") written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
