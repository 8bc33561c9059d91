import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  activeMember,
  addDays,
  at,
  daysBetween,
  DemoGroupCode as GroupCode,
  demoId,
  groupId,
  isDemoUnit,
  newPerson,
  orgId,
  Random,
  seededRandom,
  seedOnce,
  workday,
} from '@zjjt/demo';
import { BaseCoBuilder, BaseDesignation, TrainingBase } from './base/base.entity';
import { BaseKind, CertificationLevel, CoBuilderRole, DesignationLevel, ProgramCategory, TargetGroup, TrainingMode } from './enums';
import { LedgerImport } from './imports/import.entity';
import { CertificationBatch, ProgramTargetGroup, TrainingProgram, TrainingSession } from './ledger/ledger.entity';
import { sealer } from './sealer';
import { Competition, CompetitionAward, CompetitionEntrant, CompetitionUnit } from './competition/competition.entity';
import { competitionRows } from './competition/competition.seed';
import { idCheckCharacter, maskIdNumber, maskPhone } from './trainee/pii';
import { Trainee } from './trainee/trainee.entity';
import { TrainedPerson, trainedPersonRows } from './trainee/trained-person';
import { RevenueEntry } from './revenue/revenue.entity';
import { revenueRows } from './revenue/revenue.seed';

/**
 * Bases' part of the demo, for the two demo groups of @zjjt/demo (the units, their USCCs, ids,
 * the seeded random numbers, the calendar and the people come from there; this seed keeps only
 * what it loads into its own tables): eight joint bases of sdjx and one of qdzz, each with one
 * ledger import (2025, and a little of 2024) holding its programs, sessions, certification
 * batches and trainee rosters. Ids are derived, not random:
 *   organization `<slug>` · group `<code>` · training-base `<code>:<key>` · base-co-builder `<base>:<slug>`
 *   base-designation `<base>:<n>` · ledger-import `<base>` · training-program / training-session /
 *   certification-batch `<base>:<code>` · trainee `<base>:<session code>:<nnn>`
 * Everything is fictional: names of units and bases end with （演示）; trainees' 身份证号 are
 * generated with a valid check character and stored, like the importer does, sealed, hashed and
 * masked (PII_KEY must be set). Every run writes the same plaintext (only the AES-GCM IVs differ).
 */

const { EMPLOYEE_SKILLS, EMPLOYMENT_ENTREPRENEURSHIP, REEMPLOYMENT, STUDENT_CERTIFICATE, TEACHER_TRAINING, OTHER } = ProgramCategory;
const { EMPLOYEES, VETERANS, MIGRANT_WORKERS, GRADUATES, UNEMPLOYED, DISABLED, POVERTY_ALLEVIATED, STUDENTS, COMMUNITY_CORRECTION, TEACHERS } = TargetGroup;
const { ONLINE, OFFLINE, BLENDED } = TrainingMode;
const { LEVEL_5, LEVEL_4, LEVEL_3, LEVEL_2, LEVEL_1 } = CertificationLevel;
const { NATIONAL, PROVINCIAL, MUNICIPAL } = DesignationLevel;

const MOHRSS = '人力资源社会保障部';
const SD_HRSS = '山东省人力资源和社会保障厅';
const JN_HRSS = '济南市人力资源和社会保障局';

interface ProgramSpec {
  org: string;
  name: string;
  category: ProgramCategory;
  targets: TargetGroup[];
  mode: TrainingMode;
  subsidised: boolean;
  /** A member unit's slug (name and USCC filled in) or the name of an outside client. */
  client: string | null;
  /** 课时 per session. */
  hours: number;
  sessions: number;
  /** 培训人次 per session, lowest and highest. */
  people: [number, number];
  /** 到账金额 per person-time, in yuan. */
  fee: number;
  /** Whether the sessions' rosters (学员名册) were filed; by default only for subsidised training, which needs them. */
  roster: boolean;
  year: number;
  /** How many of the last sessions were filed without 课时 (not reported: the demo shows the warning). */
  hoursUnknown: number;
}

const p = (
  org: string,
  name: string,
  category: ProgramCategory,
  targets: TargetGroup[],
  mode: TrainingMode,
  subsidised: boolean,
  client: string | null,
  hours: number,
  sessions: number,
  people: [number, number],
  fee: number,
  extra: { roster?: boolean; year?: number; hoursUnknown?: number } = {},
): ProgramSpec => ({
  org,
  name,
  category,
  targets,
  mode,
  subsidised,
  client,
  hours,
  sessions,
  people,
  fee,
  roster: extra.roster ?? subsidised,
  year: extra.year ?? 2025,
  hoursUnknown: extra.hoursUnknown ?? 0,
});

/** [organization, occupation, level, year]; the organization that ran the assessment. */
type CertificationSpec = [org: string, occupation: string, level: CertificationLevel, year?: number];

interface BaseSpec {
  group: GroupCode;
  key: string;
  name: string;
  kind: BaseKind;
  lead: string;
  coBuilders: string[];
  occupations: string[];
  capacity: number;
  location: string;
  description: string;
  designations: [level: DesignationLevel, title: string, issuer: string, awardedOn: string][];
  /** Registered on the platform. */
  created: string;
  /** Ledger imported. */
  imported: string;
  /** GB/T 2260 codes where most trainees come from. */
  regions: string[];
  programs: ProgramSpec[];
  certifications: CertificationSpec[];
}

const JINAN = ['370102', '370103', '370104', '370105', '370112', '370113', '370114', '370116', '370124'];
const ZIBO = ['370302', '370303', '370304', '370305', '370306', '370321', '370322', '370323'];
const WEIFANG = ['370702', '370703', '370704', '370705', '370781', '370783', '370784', '370786'];
const QINGDAO = ['370202', '370203', '370211', '370212', '370213', '370214', '370215', '370281'];
/** Where migrant workers come from besides Shandong (郑州, 阜阳, 石家庄, 徐州, 周口, 商丘). */
const ELSEWHERE = ['410102', '341202', '130102', '320302', '411602', '411402'];

const BASES: BaseSpec[] = [
  {
    group: 'sdjx',
    key: 'pxjd',
    name: '山东省示范机械工程技师学院高技能人才培训基地（演示）',
    kind: BaseKind.TRAINING_BASE,
    lead: 'sdjxjs',
    coBuilders: ['qlzxjc', 'jnjgzb', 'jnskjc', 'jnzy'],
    occupations: ['车工', '钳工', '数控车工', '数控铣工', '电工', '焊工', '工业机器人系统运维员'],
    capacity: 600,
    location: '济南市历城区 山东省示范机械工程技师学院（演示）实训中心',
    description:
      '依托学院数控加工、机械装配、电工电子、焊接和工业机器人五个实训区，联合集团骨干企业共建，承担企业职工技能提升、重点人群就业技能培训和在校生职业技能等级证书培训。',
    designations: [
      [PROVINCIAL, '山东省高技能人才培训基地', SD_HRSS, '2015-11-26'],
      [NATIONAL, '国家级高技能人才培训基地', MOHRSS, '2019-12-18'],
    ],
    created: '2025-01-06',
    imported: '2026-01-12',
    regions: JINAN,
    programs: [
      p('sdjxjs', '企业职工数控车工技能提升培训', EMPLOYEE_SKILLS, [EMPLOYEES], OFFLINE, true, 'qlzxjc', 80, 5, [30, 45], 1200),
      p('jnjgzb', '激光切割设备操作与维护培训', EMPLOYEE_SKILLS, [EMPLOYEES, MIGRANT_WORKERS], BLENDED, false, null, 40, 3, [20, 35], 0, {
        roster: true,
        hoursUnknown: 2,
      }),
      p(
        'sdjxjs',
        '退役军人机电技能就业培训',
        EMPLOYMENT_ENTREPRENEURSHIP,
        [VETERANS],
        OFFLINE,
        true,
        '济南市历城区退役军人事务局（演示）',
        96,
        3,
        [20, 30],
        1800,
      ),
      p(
        'sdjxjs',
        '失业人员电工（初级）再就业培训',
        REEMPLOYMENT,
        [UNEMPLOYED, POVERTY_ALLEVIATED],
        OFFLINE,
        true,
        '济南市历城区公共就业和人才服务中心（演示）',
        80,
        3,
        [25, 40],
        1500,
      ),
      p('jnzy', '数控车工（中级）在校生职业技能等级证书培训', STUDENT_CERTIFICATE, [STUDENTS], OFFLINE, false, null, 64, 4, [40, 60], 300),
      p('sdjxjs', '一体化课程教学改革骨干教师研修', TEACHER_TRAINING, [TEACHERS], BLENDED, false, null, 40, 2, [25, 40], 1500),
      p('jnskjc', '数控机床装调维修工技能培训', EMPLOYEE_SKILLS, [EMPLOYEES], OFFLINE, false, null, 48, 4, [20, 30], 0),
      p('jnzy', '高校毕业生智能制造岗位技能培训', EMPLOYMENT_ENTREPRENEURSHIP, [GRADUATES, UNEMPLOYED, VETERANS], BLENDED, true, null, 72, 2, [30, 45], 1400),
      p('sdjxjs', '企业职工数控车工技能提升培训', EMPLOYEE_SKILLS, [EMPLOYEES], OFFLINE, true, 'qlzxjc', 80, 2, [30, 40], 1200, { year: 2024 }),
    ],
    certifications: [
      ['sdjxjs', '车工', LEVEL_4],
      ['sdjxjs', '数控车工', LEVEL_4],
      ['sdjxjs', '数控车工', LEVEL_3],
      ['sdjxjs', '钳工', LEVEL_4],
      ['sdjxjs', '电工', LEVEL_5],
      ['sdjxjs', '工业机器人系统运维员', LEVEL_4],
      ['sdjxjs', '车工', LEVEL_4, 2024],
    ],
  },
  {
    group: 'sdjx',
    key: 'jxjd',
    name: '山东省示范机械行业职业技能竞赛集训基地（演示）',
    kind: BaseKind.COMPETITION_BASE,
    lead: 'jngj',
    coBuilders: ['qcjmjx', 'whskdj', 'jnjdzz'],
    occupations: ['数控车工', '数控铣工', '工业机器人系统运维员', '电工', '钳工'],
    capacity: 120,
    location: '济南市天桥区 济南示范高级技工学校（演示）竞赛集训楼',
    description: '承担集团及全省机械行业职业技能大赛数控车、数控铣、电工、工业机器人系统运维员等赛项的选手选拔与赛前集训，配备与大赛同型号的竞赛设备。',
    designations: [
      [MUNICIPAL, '济南市技能竞赛集训基地', JN_HRSS, '2018-09-14'],
      [PROVINCIAL, '山东省职业技能竞赛集训基地', SD_HRSS, '2021-06-08'],
    ],
    created: '2025-01-08',
    imported: '2026-01-13',
    regions: JINAN,
    programs: [
      p('jngj', '全省机械行业职业技能大赛数控车赛项集训', OTHER, [EMPLOYEES, STUDENTS], OFFLINE, false, '山东省示范机械工业协会（演示）', 120, 2, [15, 20], 0, {
        roster: true,
      }),
      p('jngj', '工业机器人系统运维员赛项集训', OTHER, [STUDENTS], OFFLINE, false, null, 96, 2, [15, 20], 0, { roster: true }),
      p('whskdj', '数控刀具刃磨与选用专项培训', EMPLOYEE_SKILLS, [EMPLOYEES], OFFLINE, false, 'jnskjc', 24, 4, [20, 30], 800),
      p('jnjdzz', '中职学生电工（初级）证书培训', STUDENT_CERTIFICATE, [STUDENTS], OFFLINE, false, null, 48, 4, [40, 55], 200),
      p('jngj', '技能竞赛裁判员与教练员培训', TEACHER_TRAINING, [TEACHERS], ONLINE, false, null, 24, 2, [50, 80], 300),
    ],
    certifications: [
      ['jngj', '数控铣工', LEVEL_3],
      ['jngj', '电工', LEVEL_4],
    ],
  },
  {
    group: 'sdjx',
    key: 'sxjd',
    name: '淄博示范智能焊接公共实训基地（演示）',
    kind: BaseKind.PRACTICE_BASE,
    lead: 'zbzy',
    coBuilders: ['sdzg', 'zbdj', 'zbjdjs'],
    occupations: ['焊工', '电工', '钳工', '焊接设备操作工', '电机装配工'],
    capacity: 400,
    location: '淄博市张店区 淄博示范工业职业学院（演示）东校区实训楼',
    description: '政府、院校、企业共建的公共实训基地，面向社会提供焊接、电工和机电装配实训，承接农民工、残疾人等重点人群就业技能培训和企业职工技能提升培训。',
    designations: [
      [MUNICIPAL, '淄博市公共实训基地', '淄博市人力资源和社会保障局', '2018-05-22'],
      [PROVINCIAL, '省级公共实训基地', SD_HRSS, '2020-10-30'],
    ],
    created: '2025-01-15',
    imported: '2026-01-14',
    regions: ZIBO,
    programs: [
      p('zbzy', '焊工（中级）企业职工技能提升培训', EMPLOYEE_SKILLS, [EMPLOYEES], OFFLINE, true, 'sdzg', 80, 5, [30, 45], 1300),
      p(
        'zbzy',
        '农民工焊接技能就业培训',
        EMPLOYMENT_ENTREPRENEURSHIP,
        [MIGRANT_WORKERS, POVERTY_ALLEVIATED],
        OFFLINE,
        true,
        '淄博市张店区人力资源和社会保障局（演示）',
        96,
        4,
        [25, 40],
        1600,
      ),
      p('zbdj', '电机装配与检测技能培训', EMPLOYEE_SKILLS, [EMPLOYEES], OFFLINE, false, null, 40, 2, [20, 30], 0),
      p('zbjdjs', '焊接专业在校生焊工证书培训', STUDENT_CERTIFICATE, [STUDENTS], OFFLINE, false, null, 64, 4, [35, 55], 250, { roster: true }),
      p('zbzy', '残疾人电子装配就业技能培训', EMPLOYMENT_ENTREPRENEURSHIP, [DISABLED], OFFLINE, true, '淄博市残疾人联合会（演示）', 60, 2, [15, 25], 2000),
      p('zbzy', '失业人员电工再就业培训', REEMPLOYMENT, [UNEMPLOYED], BLENDED, true, '淄博市张店区公共就业和人才服务中心（演示）', 72, 2, [25, 40], 1400),
      p('zbzy', '焊工（中级）企业职工技能提升培训', EMPLOYEE_SKILLS, [EMPLOYEES], OFFLINE, true, 'sdzg', 80, 2, [30, 40], 1300, { year: 2024 }),
    ],
    certifications: [
      ['zbzy', '焊工', LEVEL_5],
      ['zbzy', '焊工', LEVEL_4],
      ['zbzy', '电工', LEVEL_5],
      ['zbjdjs', '焊工', LEVEL_3],
    ],
  },
  {
    group: 'sdjx',
    key: 'rdzx',
    name: '济南示范职业技能等级认定中心（演示）',
    kind: BaseKind.ASSESSMENT_CENTER,
    lead: 'jnzy',
    coBuilders: ['jndlsb', 'jnsyqc', 'jndyjx'],
    occupations: ['电工', '钳工', '车工', '焊工', '汽车维修工', '数控车工'],
    capacity: 300,
    location: '济南市历城区 济南示范职业技术学院（演示）技能鉴定楼',
    description:
      '经备案的职业技能等级认定机构，开展电工、钳工、车工、焊工、汽车维修工等职业（工种）初级至技师等级认定，并为集团成员企业提供考前培训和考评员培训。',
    designations: [
      [PROVINCIAL, '山东省职业技能等级认定社会培训评价组织', SD_HRSS, '2021-03-19'],
      [MUNICIPAL, '济南市职业技能等级认定示范点', JN_HRSS, '2023-08-25'],
    ],
    created: '2025-01-20',
    imported: '2026-01-15',
    regions: JINAN,
    programs: [
      p('jnzy', '在校生电工职业技能等级认定考前培训', STUDENT_CERTIFICATE, [STUDENTS], BLENDED, false, null, 32, 5, [45, 70], 180),
      p('jnzy', '汽车维修工技能等级认定培训', EMPLOYEE_SKILLS, [EMPLOYEES], OFFLINE, true, 'jnsyqc', 48, 4, [25, 40], 900),
      p('jnzy', '考评员和质量督导员培训', TEACHER_TRAINING, [TEACHERS], ONLINE, false, null, 16, 2, [40, 80], 200),
      p('jnzy', '社区矫正人员职业技能帮扶培训', OTHER, [COMMUNITY_CORRECTION], OFFLINE, true, '济南市历城区司法局（演示）', 40, 1, [15, 20], 800),
      p('jndyjx', '钳工（中级）企业职工技能培训', EMPLOYEE_SKILLS, [EMPLOYEES, MIGRANT_WORKERS], OFFLINE, false, null, 56, 3, [20, 30], 0, { roster: true }),
      p('jndlsb', '电力设备运维电工技能提升培训', EMPLOYEE_SKILLS, [EMPLOYEES, VETERANS], OFFLINE, false, null, 40, 2, [20, 30], 0),
    ],
    certifications: [
      ['jnzy', '电工', LEVEL_5],
      ['jnzy', '电工', LEVEL_4],
      ['jnzy', '电工', LEVEL_3],
      ['jnzy', '钳工', LEVEL_4],
      ['jnzy', '车工', LEVEL_4],
      ['jnzy', '焊工', LEVEL_4],
      ['jnzy', '汽车维修工', LEVEL_4],
      ['jnzy', '汽车维修工', LEVEL_3],
      ['jnzy', '电工', LEVEL_2],
      ['jnzy', '电工', LEVEL_5, 2024],
    ],
  },
  {
    group: 'sdjx',
    key: 'yjzx',
    name: '山东示范智能制造技术技能研究中心（演示）',
    kind: BaseKind.RESEARCH_CENTER,
    lead: 'sdjdzy',
    coBuilders: ['sdjxy', 'jnjqr', 'qdskxt'],
    occupations: ['工业机器人系统运维员', '数控机床装调维修工', '智能制造工程技术人员'],
    capacity: 80,
    location: '济南市长清区 山东示范机电职业技术学院（演示）科技园',
    description: '聚焦工业机器人集成应用和数控系统国产化，开展技术攻关、工艺改进和课程资源开发，并将研究成果转化为师资培训和职工培训项目。',
    designations: [[MUNICIPAL, '济南市工程技术研究中心', '济南市科学技术局', '2022-07-12']],
    created: '2025-02-11',
    imported: '2026-01-16',
    regions: JINAN,
    programs: [
      p('sdjdzy', '工业机器人系统运维员师资培训', TEACHER_TRAINING, [TEACHERS], BLENDED, false, null, 80, 2, [20, 35], 2400),
      p('jnjqr', '工业机器人应用编程职工培训', EMPLOYEE_SKILLS, [EMPLOYEES], OFFLINE, false, 'sdzg', 40, 4, [20, 30], 1000),
      p('qdskxt', '数控系统连接与调试线上课程', STUDENT_CERTIFICATE, [STUDENTS, GRADUATES], ONLINE, false, null, 32, 3, [50, 80], 0),
      p('sdjxy', '智能制造新技术专题研修', OTHER, [EMPLOYEES], ONLINE, false, null, 16, 2, [40, 70], 0),
    ],
    certifications: [['sdjdzy', '工业机器人系统运维员', LEVEL_3]],
  },
  {
    group: 'sdjx',
    key: 'ckds',
    name: '齐鲁示范数控车技能大师工作室（演示）',
    kind: BaseKind.MASTER_STUDIO,
    lead: 'qlzxjc',
    coBuilders: ['sdjxjs', 'jngj'],
    occupations: ['数控车工', '车工'],
    capacity: 40,
    location: '济南市历城区 齐鲁示范重型机床有限公司（演示）机加工车间',
    description: '由企业数控车高级技师领衔，开展重型机床关键零件加工工艺攻关、绝技绝活传承和数控车工高技能人才带徒培养，并接收院校教师跟师研修。',
    designations: [
      [MUNICIPAL, '济南市技能大师工作室', JN_HRSS, '2016-04-15'],
      [PROVINCIAL, '山东省技能大师工作室', SD_HRSS, '2017-09-28'],
    ],
    created: '2025-02-17',
    imported: '2026-01-19',
    regions: JINAN,
    programs: [
      p('qlzxjc', '数控车工高级技师研修', EMPLOYEE_SKILLS, [EMPLOYEES], OFFLINE, true, null, 64, 2, [15, 25], 1600),
      p('qlzxjc', '车工技能大师带徒培训', EMPLOYEE_SKILLS, [EMPLOYEES, MIGRANT_WORKERS], OFFLINE, false, null, 120, 4, [15, 20], 0, { roster: true }),
      p('sdjxjs', '车工专业教师跟师研修', TEACHER_TRAINING, [TEACHERS], OFFLINE, false, null, 80, 2, [15, 20], 0),
      p('jngj', '数控车工（高级）在校生证书强化培训', STUDENT_CERTIFICATE, [STUDENTS], OFFLINE, false, null, 64, 3, [20, 35], 400),
    ],
    certifications: [
      ['qlzxjc', '数控车工', LEVEL_2],
      ['qlzxjc', '数控车工', LEVEL_1],
      ['qlzxjc', '车工', LEVEL_3],
    ],
  },
  {
    group: 'sdjx',
    key: 'hjds',
    name: '山东示范重工焊接技能大师工作室（演示）',
    kind: BaseKind.MASTER_STUDIO,
    lead: 'sdzg',
    coBuilders: ['zbjdjs'],
    occupations: ['焊工', '焊接设备操作工'],
    capacity: 30,
    location: '济南市历下区 山东示范重工集团有限公司（演示）结构件分厂',
    description: '以焊接高级技师为带头人，开展工程机械结构件机器人焊接和厚板焊接工艺攻关，承担焊接教师跟师研修和退役军人焊工技能培训。',
    designations: [
      [PROVINCIAL, '山东省技能大师工作室', SD_HRSS, '2019-10-16'],
      [MUNICIPAL, '济南市首席技师工作室', JN_HRSS, '2024-05-20'],
    ],
    created: '2025-02-24',
    imported: '2026-01-20',
    regions: JINAN,
    programs: [
      p('sdzg', '机器人焊接工艺高级研修', EMPLOYEE_SKILLS, [EMPLOYEES], OFFLINE, true, null, 48, 4, [15, 25], 1500),
      p(
        'sdzg',
        '退役军人焊工技能培训',
        EMPLOYMENT_ENTREPRENEURSHIP,
        [VETERANS, UNEMPLOYED],
        OFFLINE,
        true,
        '济南市退役军人就业创业服务中心（演示）',
        96,
        2,
        [20, 30],
        1800,
      ),
      p('zbjdjs', '焊接教师疑难焊接工艺跟师研修', TEACHER_TRAINING, [TEACHERS], OFFLINE, false, null, 120, 1, [15, 16], 0),
    ],
    certifications: [
      ['sdzg', '焊工', LEVEL_2],
      ['sdzg', '焊工', LEVEL_1],
    ],
  },
  {
    group: 'sdjx',
    key: 'gzz',
    name: '潍坊示范动力技能人才培养工作站（演示）',
    kind: BaseKind.WORKSTATION,
    lead: 'wfdl',
    coBuilders: ['wfgcjs', 'wfzy', 'wfcyj'],
    occupations: ['内燃机装配工', '机修钳工', '钳工', '电工'],
    capacity: 60,
    location: '潍坊市奎文区 潍坊示范动力股份有限公司（演示）培训中心',
    description: '企业与院校共建的技能人才培养工作站，开展柴油机装配订单班岗前培训、企业职工技能提升和技能等级认定，兼作教师企业实践站点。',
    designations: [[MUNICIPAL, '潍坊市技能人才培养工作站', '潍坊市人力资源和社会保障局', '2023-06-30']],
    created: '2025-03-03',
    imported: '2026-01-21',
    regions: WEIFANG,
    programs: [
      p('wfdl', '柴油机装配工技能提升培训', EMPLOYEE_SKILLS, [EMPLOYEES], OFFLINE, true, null, 56, 5, [25, 40], 1100),
      p('wfgcjs', '柴油机装配订单班岗前培训', STUDENT_CERTIFICATE, [STUDENTS], OFFLINE, false, 'wfdl', 80, 2, [30, 40], 300),
      p(
        'wfzy',
        '失业人员机修钳工再就业培训',
        REEMPLOYMENT,
        [UNEMPLOYED, GRADUATES],
        BLENDED,
        true,
        '潍坊市奎文区公共就业和人才服务中心（演示）',
        88,
        2,
        [25, 35],
        1500,
      ),
      p(
        'wfcyj',
        '新型职业农民农机维修技能培训',
        EMPLOYMENT_ENTREPRENEURSHIP,
        [MIGRANT_WORKERS, POVERTY_ALLEVIATED, DISABLED],
        OFFLINE,
        true,
        '潍坊市寒亭区农业农村局（演示）',
        64,
        2,
        [25, 40],
        1200,
      ),
      p('wfdl', '班组长安全生产管理培训', OTHER, [EMPLOYEES], ONLINE, false, null, 16, 3, [50, 80], 0),
      p('wfdl', '柴油机装配工技能提升培训', EMPLOYEE_SKILLS, [EMPLOYEES], OFFLINE, true, null, 56, 2, [25, 35], 1100, { year: 2024 }),
    ],
    certifications: [
      ['wfdl', '钳工', LEVEL_4],
      ['wfdl', '机修钳工', LEVEL_3],
      ['wfdl', '电工', LEVEL_4],
      ['wfdl', '钳工', LEVEL_4, 2024],
    ],
  },
  {
    group: 'qdzz',
    key: 'jqrsx',
    name: '青岛西海岸示范工业机器人实训基地（演示）',
    kind: BaseKind.PRACTICE_BASE,
    lead: 'qdzy',
    coBuilders: ['qdjqr', 'xhajg'],
    occupations: ['工业机器人系统操作员', '工业机器人系统运维员', '电工'],
    capacity: 150,
    location: '青岛市黄岛区 青岛示范工业机器人应用有限公司（演示）实训中心',
    description: '院校与机器人应用企业共建，配备多品牌工业机器人工作站和智能产线，开展工业机器人操作运维实训、职工培训和高校毕业生就业技能培训。',
    designations: [[MUNICIPAL, '青岛市公共实训基地', '青岛市人力资源和社会保障局', '2022-11-18']],
    created: '2025-03-10',
    imported: '2026-01-22',
    regions: QINGDAO,
    programs: [
      p('qdjqr', '工业机器人系统操作员职工培训', EMPLOYEE_SKILLS, [EMPLOYEES], OFFLINE, false, null, 40, 2, [20, 30], 0, { roster: true }),
      p(
        'qdzy',
        '高校毕业生工业机器人运维就业培训',
        EMPLOYMENT_ENTREPRENEURSHIP,
        [GRADUATES],
        BLENDED,
        true,
        '青岛市黄岛区公共就业和人才服务中心（演示）',
        64,
        2,
        [25, 35],
        1300,
      ),
    ],
    certifications: [['qdzy', '工业机器人系统运维员', LEVEL_4]],
  },
];

const baseKey = (spec: BaseSpec) => `${spec.group}:${spec.key}`;
const baseId = (spec: BaseSpec) => demoId('training-base', baseKey(spec));
const baseSpec = (key: string) => BASES.find((b) => b.key === key)!;

/** Ids tests and scripts can rely on. */
export const BASES_DEMO = {
  groupId: groupId('sdjx'),
  /** 高技能人才培训基地 of sdjx (TRAINING_BASE, NATIONAL and PROVINCIAL designations), led by 山东省示范机械工程技师学院 (sdjxjs). */
  mainBaseId: baseId(baseSpec('pxjd')),
  mainBaseLeadOrgId: orgId('sdjxjs'),
  /** 济南示范激光装备有限公司 (jnjgzb, members' DEMO.memberOrgId): co-builds the main base and no other, and runs one program there. */
  coBuilderOrgId: orgId('jnjgzb'),
  /** 聊城示范轴承有限公司 (lczc): an ACTIVE sdjx member that co-builds no base. */
  outsiderOrgId: orgId('lczc'),
  /** The one base of qdzz, the second demo group. */
  secondGroupBaseId: baseId(baseSpec('jqrsx')),
};

// ---------------------------------------------------------------------------------------------

/** Every base draws its own numbers, whatever the others do. */
const generator = (key: string): Random => seededRandom(`bases-demo:${key}`);

/** When a year's classes may start. */
const WINDOW: Record<number, [string, string]> = { 2024: ['2024-09-02', '2024-12-13'], 2025: ['2025-02-10', '2025-12-12'] };

/** Calendar days a class of `hours` takes: 8 a day on site, 4 blended, 2 online; five days a week. */
function duration(hours: number, mode: TrainingMode): number {
  const perDay = mode === OFFLINE ? 8 : mode === BLENDED ? 4 : 2;
  const days = Math.ceil(hours / perDay);
  return Math.min(35, days + 2 * Math.floor((days - 1) / 5));
}

interface Person {
  name: string;
  idNumber: string;
  idNumberHash: string;
  phone: string | null;
  sessions: number;
  lastEndsOn: string;
}

// ---------------------------------------------------------------------------------------------

interface Rows {
  imports: LedgerImport[];
  bases: TrainingBase[];
  coBuilders: BaseCoBuilder[];
  designations: BaseDesignation[];
  programs: TrainingProgram[];
  targetGroups: ProgramTargetGroup[];
  sessions: TrainingSession[];
  certifications: CertificationBatch[];
  trainees: Trainee[];
}

const CERT_PASS_RATE: Record<CertificationLevel, [number, number]> = {
  LEVEL_5: [0.82, 0.96],
  LEVEL_4: [0.74, 0.92],
  LEVEL_3: [0.64, 0.86],
  LEVEL_2: [0.55, 0.8],
  LEVEL_1: [0.45, 0.7],
  UNGRADED: [0.7, 0.9],
};
const CERT_CANDIDATES: Record<CertificationLevel, [number, number]> = {
  LEVEL_5: [25, 60],
  LEVEL_4: [20, 55],
  LEVEL_3: [15, 40],
  LEVEL_2: [10, 25],
  LEVEL_1: [10, 16],
  UNGRADED: [15, 40],
};
/** 鉴定收费 per candidate, in yuan. */
const CERT_FEE: Record<CertificationLevel, number> = { LEVEL_5: 150, LEVEL_4: 200, LEVEL_3: 260, LEVEL_2: 350, LEVEL_1: 450, UNGRADED: 100 };

function buildRows(): Rows {
  const rows: Rows = {
    imports: [],
    bases: [],
    coBuilders: [],
    designations: [],
    programs: [],
    targetGroups: [],
    sessions: [],
    certifications: [],
    trainees: [],
  };
  const seal = sealer();
  const idNumbers = new Set<string>();

  BASES.forEach((b, baseIndex) => {
    const key = baseKey(b);
    const id = baseId(b);
    const group = groupId(b.group);
    const rng = generator(key);
    const importId = demoId('ledger-import', key);
    const counts = { programs: 0, sessions: 0, certifications: 0, trainees: 0 };
    const units = [b.lead, ...b.coBuilders];
    units.forEach((slug) => activeMember(slug, b.group));
    if (new Set(units).size !== units.length || b.coBuilders.length < 1 || b.coBuilders.length > 4)
      throw new Error(`demo base ${key}: a lead and 1–4 other co-builders`);
    const ledger = { baseId: id, groupId: group, importId };

    rows.bases.push({
      id,
      groupId: group,
      name: b.name,
      kind: b.kind,
      occupations: b.occupations,
      capacity: b.capacity,
      location: b.location,
      description: b.description,
      establishedOn: b.created,
      createdAt: at(b.created, 1 + ((baseIndex * 3) % 8), (baseIndex * 17) % 60),
    });
    units.forEach((slug, i) =>
      rows.coBuilders.push({
        id: demoId('base-co-builder', `${key}:${slug}`),
        baseId: id,
        organizationId: orgId(slug),
        role: i === 0 ? CoBuilderRole.LEAD : CoBuilderRole.CO_BUILDER,
      }),
    );
    b.designations.forEach(([level, title, issuer, awardedOn], i) =>
      rows.designations.push({ id: demoId('base-designation', `${key}:${i + 1}`), baseId: id, level, title, issuer, awardedOn }),
    );

    // Programs, then their sessions; codes are numbered per year, sessions in the order they started.
    type Planned = Omit<TrainingSession, 'code'> & { spec: ProgramSpec };
    const planned: Planned[] = [];
    const programNumbers: Record<number, number> = {};
    for (const spec of b.programs) {
      if (!units.includes(spec.org)) throw new Error(`demo program ${key} ${spec.name}: ${spec.org} does not co-build the base`);
      if (spec.targets.length < 1 || spec.targets.length > 3 || spec.people[0] < 15 || spec.people[1] > 80 || spec.hours < 16 || spec.hours > 120) {
        throw new Error(`demo program ${key} ${spec.name}: out of range`);
      }
      programNumbers[spec.year] = (programNumbers[spec.year] ?? 0) + 1;
      const code = `XM${spec.year}-${String(programNumbers[spec.year]).padStart(2, '0')}`;
      const programId = demoId('training-program', `${key}:${code}`);
      const member = spec.client && isDemoUnit(spec.client) ? activeMember(spec.client, b.group) : null;
      rows.programs.push({
        id: programId,
        ...ledger,
        organizationId: orgId(spec.org),
        code,
        name: spec.name,
        category: spec.category,
        mode: spec.mode,
        targetGroups: spec.targets,
        primaryTargetGroup: spec.targets[0],
        clientName: member ? member.name : spec.client,
        clientUscc: member ? member.uscc : null,
        subsidised: spec.subsidised,
        year: spec.year,
      });
      spec.targets.forEach((targetGroup) => rows.targetGroups.push({ programId, targetGroup }));
      counts.programs += 1;

      const [from, to] = WINDOW[spec.year];
      const slot = daysBetween(from, to) / spec.sessions;
      const days = duration(spec.hours, spec.mode);
      for (let i = 0; i < spec.sessions; i += 1) {
        const startsOn = workday(addDays(from, Math.min(Math.floor((i + rng.next() * 0.9) * slot), daysBetween(from, to))));
        const last = `${spec.year}-12-31`;
        const endsOn = addDays(startsOn, days - 1) > last ? last : addDays(startsOn, days - 1);
        const personTimes = rng.int(spec.people[0], spec.people[1]);
        // Subsidies for classes ending in December 2025 had not arrived when the ledger was filed.
        const unpaid = spec.subsidised && endsOn >= '2025-12-01';
        const revenue = unpaid ? 0 : Math.min(personTimes * spec.fee * 100, 200_000 * 100);
        planned.push({
          id: '',
          ...ledger,
          programId,
          organizationId: orgId(spec.org),
          category: spec.category,
          mode: spec.mode,
          targetGroup: spec.targets[0],
          startsOn,
          endsOn,
          month: startsOn.slice(0, 7),
          year: Number(startsOn.slice(0, 4)),
          personTimes,
          hours: i >= spec.sessions - spec.hoursUnknown ? null : spec.hours,
          revenue,
          spec,
        });
      }
    }
    planned.sort((x, y) => (x.startsOn < y.startsOn ? -1 : x.startsOn > y.startsOn ? 1 : 0));

    // Rosters: people come back for a later class at the same base now and then (never two at once).
    const pools: Record<'student' | 'adult', Person[]> = { student: [], adult: [] };
    const people = generator(`${key}:trainees`);
    const sessionNumbers: Record<number, number> = {};
    for (const { spec, ...fields } of planned) {
      sessionNumbers[fields.year] = (sessionNumbers[fields.year] ?? 0) + 1;
      const code = `BC${fields.year}-${String(sessionNumbers[fields.year]).padStart(3, '0')}`;
      const session: TrainingSession = { ...fields, id: demoId('training-session', `${key}:${code}`), code };
      rows.sessions.push(session);
      counts.sessions += 1;
      if (!spec.roster) continue;

      const here = new Set<Person>();
      const fromElsewhere = spec.targets.includes(MIGRANT_WORKERS) ? 0.4 : 0.05;
      for (let n = 1; n <= session.personTimes; n += 1) {
        const student = spec.targets.includes(STUDENTS) && (spec.targets.length === 1 || people.next() < 0.5);
        const pool = pools[student ? 'student' : 'adult'];
        let person: Person | undefined;
        if (people.next() < 0.22) {
          const returning = pool.filter((c) => c.sessions < 3 && c.lastEndsOn < session.startsOn && !here.has(c));
          if (returning.length) person = people.pick(returning);
        }
        if (!person) {
          const fresh = newPerson(people, people.next() < fromElsewhere ? ELSEWHERE : b.regions, student, idNumbers, idCheckCharacter);
          person = { ...fresh, idNumberHash: seal.hash(fresh.idNumber), sessions: 0, lastEndsOn: '' };
          pool.push(person);
        }
        here.add(person);
        person.sessions += 1;
        person.lastEndsOn = session.endsOn;
        rows.trainees.push({
          id: demoId('trainee', `${key}:${code}:${String(n).padStart(3, '0')}`),
          baseId: id,
          groupId: group,
          sessionId: session.id,
          name: person.name,
          idNumberSealed: seal.seal(person.idNumber),
          idNumberHash: person.idNumberHash,
          idNumberMasked: maskIdNumber(person.idNumber),
          phoneSealed: person.phone ? seal.seal(person.phone) : null,
          phoneMasked: person.phone ? maskPhone(person.phone) : null,
          importId,
        });
        counts.trainees += 1;
      }
    }

    const certNumbers: Record<number, number> = {};
    const assessments = generator(`${key}:certifications`);
    const certYear = (c: CertificationSpec) => c[3] ?? 2025;
    for (const [org, occupation, level, year = 2025] of b.certifications) {
      if (!units.includes(org)) throw new Error(`demo certification ${key} ${occupation}: ${org} does not co-build the base`);
      const [from, to] = WINDOW[year];
      const ofYear = b.certifications.filter((c) => certYear(c) === year).length;
      certNumbers[year] = (certNumbers[year] ?? 0) + 1;
      const n = certNumbers[year];
      const slot = daysBetween(from, to) / ofYear;
      const assessedOn = workday(addDays(from, Math.floor((n - 1) * slot + assessments.next() * Math.max(1, slot - 7))));
      const candidates = assessments.int(...CERT_CANDIDATES[level]);
      const [low, high] = CERT_PASS_RATE[level];
      const passed = Math.min(candidates, Math.round(candidates * (low + assessments.next() * (high - low))));
      const code = `JD${year}-${String(n).padStart(2, '0')}`;
      rows.certifications.push({
        id: demoId('certification-batch', `${key}:${code}`),
        ...ledger,
        organizationId: orgId(org),
        code,
        occupation,
        level,
        candidates,
        passed,
        feeRevenue: candidates * CERT_FEE[level] * 100,
        assessedOn,
        year: Number(assessedOn.slice(0, 4)),
      });
      counts.certifications += 1;
    }

    rows.imports.push({
      id: importId,
      baseId: id,
      groupId: group,
      organizationId: orgId(b.lead),
      fileSha256: createHash('sha256').update(`bases-demo-ledger:${key}`).digest('hex'),
      fileName: '演示数据（初始导入）',
      ...counts,
      importedBy: 'seed',
      importedAt: at(b.imported, 2 + (baseIndex % 6), (baseIndex * 23) % 60),
    });
  });
  return rows;
}

/** Fills an empty bases database with the demo bases and ledgers; false (and nothing written) when any base exists. Needs PII_KEY. */
export function seedDemo(db: DataSource): Promise<boolean> {
  return seedOnce(db, TrainingBase, () => {
    const rows = buildRows();
    const competitions = competitionRows(sealer());
    return [
      [TrainingBase, rows.bases],
      [BaseCoBuilder, rows.coBuilders],
      [BaseDesignation, rows.designations],
      [LedgerImport, rows.imports],
      [TrainingProgram, rows.programs],
      [ProgramTargetGroup, rows.targetGroups],
      [TrainingSession, rows.sessions],
      [CertificationBatch, rows.certifications],
      [Trainee, rows.trainees],
      [TrainedPerson, trainedPersonRows(new Map(rows.sessions.map((s) => [s.id, s])), rows.trainees)],
      [RevenueEntry, revenueRows(rows.sessions, rows.certifications)],
      [Competition, competitions.competitions],
      [CompetitionUnit, competitions.units],
      [CompetitionEntrant, competitions.entrants],
      [CompetitionAward, competitions.awards],
    ];
  });
}
