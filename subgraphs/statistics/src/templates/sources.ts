import { Field, Int, ObjectType } from 'type-graphql';
import { AwardLevel, MeetingKind, ProgramCategory, RevenueSource } from '../report/sections';
import { readPath } from './catalog';

/**
 * The drill-down registry: one entry per source path a template field may name (KNOWN_SOURCES), saying
 * what the figure means, how it is computed, which ledger's rows are behind it, where the owning
 * subgraph's count of those rows is read (a path into the report, brought by @requires) and the
 * gateway query that lists them. A new source is one entry here (a test checks none is missing).
 */

/** A ledger whose rows a figure is computed from, and the gateway query that lists them (paged by $first/$after). */
export interface Ledger {
  /** Chinese name and the query's root field. */
  label: string;
  /** The query text, given the row field the figure uses (summed or shown). */
  query: (column: string) => string;
  /** The query's variables for a group, year and an optional extra filter. */
  variables: (groupId: string, year: number, filter?: Record<string, unknown>) => Record<string, unknown>;
}

const PAGE = 100;
const page = /* GraphQL */ `totalCount pageInfo { hasNextPage endCursor }`;

export const LEDGERS = {
  cooperations: {
    label: '合作台账 (cooperations)',
    query: (column) =>
      /* GraphQL */ `query CooperationRows($groupId: ID!, $year: Int!, $first: Int, $after: String) { cooperations(groupId: $groupId, year: $year, first: $first, after: $after) { ${page} edges { node { id projectName partnerUscc ${column} } } } }`,
    variables: (groupId, year) => ({ groupId, year, first: PAGE }),
  },
  trainingSessions: {
    label: '培训班次台账 (trainingSessions)',
    query: (column) =>
      /* GraphQL */ `query TrainingSessionRows($filter: LedgerFilter!, $first: Int, $after: String) { trainingSessions(filter: $filter, first: $first, after: $after) { ${page} edges { node { id code category startsOn ${column} } } } }`,
    variables: (groupId, year, filter) => ({ filter: { groupId, year, ...filter }, first: PAGE }),
  },
  certificationBatches: {
    label: '鉴定批次台账 (certificationBatches)',
    query: (column) =>
      /* GraphQL */ `query CertificationBatchRows($filter: LedgerFilter!, $first: Int, $after: String) { certificationBatches(filter: $filter, first: $first, after: $after) { ${page} edges { node { id code occupation level assessedOn ${column} } } } }`,
    variables: (groupId, year) => ({ filter: { groupId, year }, first: PAGE }),
  },
  revenueEntries: {
    label: '社会服务到账台账 (revenueEntries)',
    query: (column) =>
      /* GraphQL */ `query RevenueRows($filter: RevenueFilter!, $first: Int, $after: String) { revenueEntries(filter: $filter, first: $first, after: $after) { ${page} edges { node { id source receivedOn counterparty ${column} } } } }`,
    variables: (groupId, year, filter) => ({ filter: { groupId, year, ...filter }, first: PAGE }),
  },
  annualReturns: {
    label: '成员年报 (collectionRound.returns)',
    query: (column) =>
      /* GraphQL */ `query ReturnRows($groupId: ID!, $year: Int!, $statuses: [ReturnStatus!]) { collectionRound(groupId: $groupId, year: $year) { returns(statuses: $statuses) { id status ${column} } } }`,
    variables: (groupId, year, filter) => ({ groupId, year, statuses: ['APPROVED'], ...filter }),
  },
  memberships: {
    label: '成员资格 (group.members)',
    query: () =>
      /* GraphQL */ `query MemberRows($groupId: ID!, $filter: MemberFilter, $first: Int, $after: String) { group(id: $groupId) { members(filter: $filter, first: $first, after: $after) { ${page} edges { node { id status joinedOn exitedOn organization { name type category aboveDesignatedSize fortune500 } } } } } }`,
    variables: (groupId, _year, filter) => ({ groupId, filter: { statuses: ['ACTIVE', 'EXITED'], ...filter }, first: PAGE }),
  },
  meetings: {
    label: '会议/活动 (meetings)',
    query: () =>
      /* GraphQL */ `query MeetingRows($groupId: ID!, $filter: MeetingFilter, $first: Int, $after: String) { meetings(groupId: $groupId, filter: $filter, first: $first, after: $after) { ${page} edges { node { id kind title heldOn } } } }`,
    variables: (groupId, year, filter) => ({ groupId, filter: { year, ...filter }, first: PAGE }),
  },
  competitions: {
    label: '技能大赛 (competitions)',
    query: () =>
      /* GraphQL */ `query CompetitionRows($filter: CompetitionFilter!, $first: Int, $after: String) { competitions(filter: $filter, first: $first, after: $after) { ${page} edges { node { id name level role heldOn } } } }`,
    variables: (groupId, year, filter) => ({ filter: { groupId, year, ...filter }, first: PAGE }),
  },
  competitionAwards: {
    label: '大赛获奖 (competitionAwards)',
    query: () =>
      /* GraphQL */ `query CompetitionAwardRows($filter: CompetitionFilter!, $first: Int, $after: String) { competitionAwards(filter: $filter, first: $first, after: $after) { ${page} edges { node { id level event team competitionId } } } }`,
    variables: (groupId, year, filter) => ({ filter: { groupId, year, ...filter }, first: PAGE }),
  },
} satisfies Record<string, Ledger>;

export type LedgerName = keyof typeof LEDGERS;

export interface SourceEntry {
  /** 口径: what the figure means (Chinese). */
  definition: string;
  /** How it is computed from the rows (text). */
  formula: string;
  /** The ledger behind it; absent for a figure derived from other figures. */
  ledger?: LedgerName;
  /** The row field the figure sums or counts (in the drill-down query). */
  column?: string;
  /** Extra filter of the drill-down query's variables. */
  filter?: Record<string, unknown>;
  /** Where the number of rows is read: a path into the report (the owning subgraph's count), or `value` when the figure is itself that count. */
  rows?: string;
  /** Which rows of the query the figure takes, when it is not all of them. */
  rowSelection?: string;
  /** The figures a derived one is computed from. */
  derivedFrom?: string[];
}

const YEAR_END = '年末在册：joinedOn ≤ 当年 12-31，且 exitedOn 为空或晚于当年 12-31';
const member = (definition: string, selection: string, filter?: Record<string, unknown>): SourceEntry => ({
  definition,
  formula: `COUNT(成员资格) WHERE ${YEAR_END}${selection ? `，${selection}` : ''}`,
  ledger: 'memberships',
  filter,
  rows: 'value',
  rowSelection: `${YEAR_END}${selection ? `；${selection}` : ''}`,
});
const cooperation = (column: string, definition: string, unit: string): SourceEntry => ({
  definition,
  formula: `SUM(合作台账.${column}) WHERE 集团 = 本集团 AND 年度 = 报告年度（${unit}）`,
  ledger: 'cooperations',
  column,
  rows: 'sharing.cooperations',
});
const session = (column: string, definition: string, formula?: string): SourceEntry => ({
  definition,
  formula: formula ?? `SUM(培训班次.${column}) WHERE 集团 = 本集团 AND 年度 = 报告年度`,
  ledger: 'trainingSessions',
  column,
  rows: 'training.sessions',
});
const batch = (column: string, definition: string): SourceEntry => ({
  definition,
  formula: `SUM(鉴定批次.${column}) WHERE 集团 = 本集团 AND 年度 = 报告年度`,
  ledger: 'certificationBatches',
  column,
  rows: 'training.certificationBatches',
});
const returned = (column: string, definition: string): SourceEntry => ({
  definition,
  formula: `SUM(成员年报.${column}) WHERE 状态 = 已审核通过（APPROVED）；未填报的不计入，全部未填报时为空`,
  ledger: 'annualReturns',
  column,
  rows: 'returns.approved',
});
const REVENUE_SOURCE_LABEL: Record<RevenueSource, string> = {
  TRAINING: '社会培训',
  CERTIFICATION: '社会鉴定',
  EXAMS: '社会考试',
  TECHNICAL_SERVICE: '横向技术服务',
  PRODUCTION: '实习工厂生产收入',
  PROJECT_FUNDING: '项目/基地经费',
  CONTINUING_EDUCATION: '专本培训（学历继续教育）',
  OTHER: '其他社会服务',
};
const revenue = (definition: string, source?: RevenueSource): SourceEntry => ({
  definition,
  formula: `SUM(到账台账.amount)（精确到分）WHERE 集团 = 本集团 AND 到账年度 = 报告年度${source ? ` AND 来源 = ${source}` : ''}`,
  ledger: 'revenueEntries',
  column: 'amount',
  filter: source ? { source } : undefined,
  rows: source ? `revenue.bySource.${source}.entries` : 'revenue.entries',
});
const CATEGORY_LABEL: Record<ProgramCategory, string> = {
  EMPLOYEE_SKILLS: '企业职工技能培训',
  EMPLOYMENT_ENTREPRENEURSHIP: '重点人群就业创业培训',
  REEMPLOYMENT: '失业人员再就业培训',
  STUDENT_CERTIFICATE: '在校生证书培训',
  TEACHER_TRAINING: '师资培训',
  OTHER: '其他培训',
};

const MEETING_KIND_LABEL: Record<MeetingKind, string> = {
  COUNCIL: '理事会',
  STANDING_COUNCIL: '常务理事会',
  GENERAL_ASSEMBLY: '会员大会',
  WORKING_MEETING: '工作会议',
  FORUM: '论坛',
  TRAINING: '培训',
  EXCHANGE: '交流活动',
};
const meetings = (definition: string, kind?: MeetingKind): SourceEntry => ({
  definition,
  formula: `COUNT(会议/活动) WHERE 集团 = 本集团 AND 年度（按日期）= 报告年度${kind ? ` AND 类别 = ${kind}` : ''}`,
  ledger: 'meetings',
  column: 'id',
  filter: kind ? { kind } : undefined,
  rows: 'value',
});
const competitions = (definition: string, role?: 'ORGANIZER' | 'HOST'): SourceEntry => ({
  definition,
  formula: `COUNT(技能大赛) WHERE 集团 = 本集团 AND 年度（按日期）= 报告年度${role ? ` AND 集团角色 = ${role}` : ''}`,
  ledger: 'competitions',
  column: 'id',
  filter: role ? { role } : undefined,
  rows: 'value',
});
const AWARD_LABEL: Record<AwardLevel, string> = { FIRST: '一等奖', SECOND: '二等奖', THIRD: '三等奖', EXCELLENCE: '优秀奖' };
const awards = (definition: string, level?: AwardLevel): SourceEntry => ({
  definition,
  formula: `COUNT(大赛获奖) WHERE 集团 = 本集团 AND 大赛年度 = 报告年度${level ? ` AND 等级 = ${level}` : ''}（团体奖计一项）`,
  ledger: 'competitionAwards',
  column: 'id',
  filter: level ? { awardLevel: level } : undefined,
  rows: 'value',
});

export const SOURCE_REGISTRY: Record<string, SourceEntry> = {
  'membership.total': member('成员单位总数：报告年度末在册的成员单位', ''),
  'membership.enterprises': member('企业成员数', '单位类型为企业（ENTERPRISE）', { types: ['ENTERPRISE'] }),
  'membership.aboveDesignatedSize': member('规模以上企业成员数', '企业且 aboveDesignatedSize 为真', { types: ['ENTERPRISE'], aboveDesignatedSize: true }),
  'membership.fortune500': member('500强企业成员数', '企业且 fortune500 为真', { types: ['ENTERPRISE'] }),
  'membership.schools': member('院校成员数：高职、中职、技工、本科院校', '单位类型为院校', {
    types: ['HIGHER_VOCATIONAL', 'SECONDARY_VOCATIONAL', 'TECHNICIAN_COLLEGE', 'UNDERGRADUATE'],
  }),
  'membership.joined': {
    ...member('当年新增成员：入会日期在报告年度内', ''),
    formula: 'COUNT(成员资格) WHERE joinedOn 在报告年度内',
    rowSelection: 'joinedOn 在报告年度内',
  },
  'membership.exited': {
    ...member('当年退出成员：退出日期在报告年度内', ''),
    formula: 'COUNT(成员资格) WHERE exitedOn 在报告年度内',
    filter: { statuses: ['EXITED'] },
    rowSelection: 'exitedOn 在报告年度内',
  },
  'sharing.cooperations': {
    ...cooperation('id', '合作台账条数：报告年度登记的校企合作项目', '条'),
    formula: 'COUNT(合作台账) WHERE 集团 = 本集团 AND 年度 = 报告年度',
  },
  'sharing.orderClassStudents': cooperation('orderClassStudents', '订单班学生数', '人'),
  'sharing.apprentices': cooperation('apprentices', '现代学徒制学徒数', '人'),
  'sharing.mutualTeachers': cooperation('mutualTeachers', '互兼互聘教师数（双向：企业人员到校任教与教师到企业兼职之和）', '人'),
  'sharing.mutualTeachingHours': cooperation('mutualTeachingHours', '互兼互聘授课课时（双向）', '课时'),
  'sharing.enterpriseTeachers': {
    ...cooperation('enterpriseTeachers', '企业兼职教师数：企业人员到院校任教（只计企业 → 学校一个方向）', '人'),
    rowSelection: '任一行未填方向（enterpriseTeachers 为空）时该数为空，见 sharing.undirectedCooperations',
  },
  'sharing.enterpriseTeachingHours': cooperation('enterpriseTeachingHours', '企业兼职教师在院校授课课时（企业 → 学校）', '课时'),
  'sharing.teacherPracticePersonTimes': cooperation('teacherPracticePersonTimes', '教师企业实践人次', '人次'),
  'sharing.teacherPracticeDays': cooperation('teacherPracticeDays', '教师企业实践天数', '天'),
  'sharing.coCourses': cooperation('coCourses', '校企共同开发课程', '门'),
  'sharing.coTextbooks': cooperation('coTextbooks', '校企共同开发教材', '种'),
  'sharing.coBases': cooperation('coBases', '校企共建实训基地', '个'),
  'sharing.patents': cooperation('patents', '专利', '件'),
  'sharing.certificates1X': cooperation('certificates1X', '1+X 证书获取人数', '人'),
  'sharing.investment': cooperation('investment', '企业投入（合同额）', '元，报表以万元两位小数'),
  'sharing.investmentReceived': cooperation('investmentReceived', '企业投入中已到账的金额', '元，报表以万元两位小数'),
  'sharing.equipmentValue': cooperation('equipmentValue', '企业投入中的设备值', '元，报表以万元两位小数'),
  'sharing.serviceIncome': cooperation('serviceIncome', '技术服务（横向）到账收入', '元，报表以万元两位小数'),
  'training.personTimes': session('personTimes', '培训人次：报告年度开班的各班次参训人次之和（一人参加两个班计两次）'),
  'training.distinctPersons': session(
    'personTimes',
    '培训人数：报告年度参训的不同人数（按身份证号去重）',
    'COUNT(DISTINCT 学员.身份证号哈希) WHERE 学员所在班次属本集团且年度 = 报告年度（学员名册含个人信息，明细只列班次）',
  ),
  'training.socialPersonTimes': {
    ...session('personTimes', '社会培训人次：面向本校在校生以外人员的培训（除在校生证书培训外的所有类别，含师资培训）'),
    formula: 'SUM(培训班次.personTimes) WHERE 集团 = 本集团 AND 年度 = 报告年度 AND 类别 ≠ STUDENT_CERTIFICATE',
    filter: { social: true },
    rows: 'training.socialSessions',
  },
  'training.inSchoolPersonTimes': {
    ...session('personTimes', '在校生培训人次：在校生证书培训（不计入社会培训）'),
    formula: 'SUM(培训班次.personTimes) WHERE 集团 = 本集团 AND 年度 = 报告年度 AND 类别 = STUDENT_CERTIFICATE',
    filter: { social: false },
    rows: 'training.inSchoolSessions',
  },
  'training.socialDistinctPersons': {
    ...session('personTimes', '社会培训人数：报告年度社会培训班次的不同参训人数（按身份证号去重）'),
    formula: 'COUNT(DISTINCT 学员.身份证号哈希) WHERE 学员所在班次属本集团、年度 = 报告年度且类别 ≠ STUDENT_CERTIFICATE（学员名册含个人信息，明细只列班次）',
    filter: { social: true },
    rows: 'training.socialSessions',
  },
  'training.sessions': { ...session('id', '培训班次数'), formula: 'COUNT(培训班次) WHERE 集团 = 本集团 AND 年度 = 报告年度' },
  'training.hours': session('hours', '培训课时'),
  'training.revenue': {
    ...session('revenue', '培训到账金额（元，报表以万元两位小数）'),
    formula: 'SUM(培训班次.revenue)（到账，精确到分）WHERE 集团 = 本集团 AND 年度 = 报告年度',
  },
  'training.candidates': batch('candidates', '技能鉴定/等级认定参加人数'),
  'training.passed': batch('passed', '技能鉴定/等级认定通过人数'),
  ...Object.fromEntries(
    Object.values(ProgramCategory).map((category) => [
      `training.byCategory.${category}.personTimes`,
      {
        ...session('personTimes', `${CATEGORY_LABEL[category]}人次`),
        formula: `SUM(培训班次.personTimes) WHERE 集团 = 本集团 AND 年度 = 报告年度 AND 类别 = ${category}`,
        filter: { category },
        rows: `training.byCategory.${category}.sessions`,
      } satisfies SourceEntry,
    ]),
  ),
  'revenue.total': revenue('社会服务到账：报告年度内各成员单位实际到账的社会服务收入（元，报表以万元两位小数）'),
  ...Object.fromEntries(
    Object.values(RevenueSource).map((source) => [
      `revenue.bySource.${source}.amount`,
      revenue(`社会服务到账中来源为「${REVENUE_SOURCE_LABEL[source]}」的部分`, source),
    ]),
  ),
  'activities.meetings': meetings('集团会议与活动次数：报告年度内召开的理事会、常务理事会、会员大会、工作会议、论坛、培训与交流活动'),
  ...Object.fromEntries(
    Object.values(MeetingKind).map((kind) => [`activities.meetingsByKind.${kind}.count`, meetings(`${MEETING_KIND_LABEL[kind]}次数`, kind)]),
  ),
  'competitions.competitions': competitions('技能大赛数：报告年度内集团主办/组织、承办或参加的技能大赛（各级，含世赛选拔）'),
  'competitions.organized': competitions('集团主办/组织的技能大赛数', 'ORGANIZER'),
  'competitions.hosted': competitions('集团承办的技能大赛数', 'HOST'),
  'competitions.awards': awards('技能大赛获奖项数：一项个人奖或一项团体奖各计一项'),
  ...Object.fromEntries(
    Object.values(AwardLevel).map((level) => [`competitions.awardsByLevel.${level}.count`, awards(`技能大赛${AWARD_LABEL[level]}项数`, level)]),
  ),
  'returns.approved': { ...returned('id', '已审核通过的成员年报数'), formula: 'COUNT(成员年报) WHERE 状态 = 已审核通过' },
  'returns.expected': {
    ...returned('id', '应报成员年报数：开启采集时的全部在册成员'),
    formula: 'COUNT(成员年报) WHERE 采集轮次 = 本集团该年度（任何状态）',
    filter: { statuses: null },
    rows: 'value',
  },
  'returns.enrolledStudents': returned('enrolledStudents', '在校生数（年末在籍）'),
  'returns.fullTimeTeachers': returned('fullTimeTeachers', '专任教师数'),
  'returns.dualQualifiedTeachers': returned('dualQualifiedTeachers', '双师型教师数'),
  'returns.graduates': returned('graduates', '毕业生数'),
  'returns.employedGraduates': returned('employedGraduates', '毕业生就业人数'),
  'returns.employees': returned('employees', '企业职工数'),
  'returns.specialties': returned('specialties', '开设专业数'),
  'returns.internsReceived': returned('internsReceived', '接收实习学生数'),
  'returns.admissions': returned('admissions', '招生数：报告年度院校招收的新生（学历教育）'),
  'returns.employedInGroup': returned('employedInGroup', '集团内企业就业人数：毕业生中到本集团成员企业就业的人数（≤ 就业人数）'),
  'returns.employedInField': returned('employedInField', '对口就业人数：毕业生中所学专业与就业岗位对口的人数（≤ 就业人数）'),
  'returns.certifiedGraduates': returned('certifiedGraduates', '获得职业资格/技能等级证书的毕业生数（≤ 毕业生数）'),
  'returns.coBuiltSpecialties': returned('coBuiltSpecialties', '校企共建专业数：与企业共同建设的专业（≤ 开设专业数）'),
  'returns.industrialColleges': returned('industrialColleges', '产业学院数：院校与企业共建的产业学院'),
  'returns.coDevelopedCourses': returned('coDevelopedCourses', '校企共同开发课程数（院校年报；合作台账中的共同开发课程见 sharing.coCourses）'),
  'returns.coDevelopedTextbooks': returned('coDevelopedTextbooks', '校企共同开发教材数（院校年报；合作台账中的见 sharing.coTextbooks）'),
  'returns.staffPracticeReceived': returned('staffPracticeReceived', '接收企业员工实践人次：院校接收企业员工来校实践、培训的人次'),
  'indicators.trainingPerStudent': {
    definition: '社会培训人次与在校生数之比（倍）：不含在校生证书培训（政策要求的 2 倍、5 倍即此比值）',
    formula: 'training.socialPersonTimes / returns.enrolledStudents，两位小数',
    derivedFrom: ['training.socialPersonTimes', 'returns.enrolledStudents'],
  },
  'indicators.serviceIncomePerTeacherWan': {
    definition: '师均社会服务到账（万元）：社会服务到账台账的到账总额除以专任教师数；未登记到账时为空（未填报，不是 0）',
    formula: 'revenue.total / returns.fullTimeTeachers，按分精确计算后折万元两位小数',
    derivedFrom: ['revenue.total', 'returns.fullTimeTeachers'],
  },
  'indicators.enterpriseSharePercent': {
    definition: '企业成员占比（%）',
    formula: 'membership.enterprises / membership.total × 100，两位小数',
    derivedFrom: ['membership.enterprises', 'membership.total'],
  },
  'indicators.employmentRatePercent': {
    definition: '毕业生就业率（%）',
    formula: 'returns.employedGraduates / returns.graduates × 100，两位小数',
    derivedFrom: ['returns.employedGraduates', 'returns.graduates'],
  },
  'indicators.passRatePercent': {
    definition: '鉴定通过率（%）',
    formula: 'training.passed / training.candidates × 100，两位小数',
    derivedFrom: ['training.passed', 'training.candidates'],
  },
  'indicators.employedInFieldPercent': {
    definition: '对口就业率（%）：就业毕业生中专业对口的比例',
    formula: 'returns.employedInField / returns.employedGraduates × 100，两位小数',
    derivedFrom: ['returns.employedInField', 'returns.employedGraduates'],
  },
  'indicators.employedInGroupPercent': {
    definition: '集团内企业就业占比（%）：就业毕业生中到本集团成员企业就业的比例',
    formula: 'returns.employedInGroup / returns.employedGraduates × 100，两位小数',
    derivedFrom: ['returns.employedInGroup', 'returns.employedGraduates'],
  },
  'indicators.coBuiltSpecialtyPercent': {
    definition: '校企共建专业占比（%）：政策要求 95 % 的专业与企业共建',
    formula: 'returns.coBuiltSpecialties / returns.specialties × 100，两位小数',
    derivedFrom: ['returns.coBuiltSpecialties', 'returns.specialties'],
  },
  'indicators.certificateRatePercent': {
    definition: '毕业生获证率（%）：毕业生中获得职业资格/技能等级证书的比例',
    formula: 'returns.certifiedGraduates / returns.graduates × 100，两位小数',
    derivedFrom: ['returns.certifiedGraduates', 'returns.graduates'],
  },
};

@ObjectType({ description: '字段的来源明细（drill-down）：口径、公式、台账行数与列出这些行的查询' })
export class FieldDrillDown {
  @Field(() => String, { description: '报告的部分（membership、sharing、training、revenue、activities、competitions、returns、indicators）' }) section!: string;
  @Field(() => String, { description: '该部分中的数据项' }) figure!: string;
  @Field(() => String, { description: '口径（定义）' }) definition!: string;
  @Field(() => String, { description: '计算公式' }) formula!: string;
  @Field(() => String, { nullable: true, description: '所依据的台账；派生指标为空' }) ledger!: string | null;
  @Field(() => Int, { nullable: true, description: '依据的台账行数（由拥有该台账的子图计数）' }) rowCount!: number | null;
  @Field(() => String, { nullable: true, description: '每行中参与计算的字段' }) column!: string | null;
  @Field(() => String, { nullable: true, description: '取哪些行（查询返回的行并非全部计入时）' }) rowSelection!: string | null;
  @Field(() => String, { nullable: true, description: '经网关列出这些行的 GraphQL 查询（按 first/after 翻页）' }) query!: string | null;
  @Field(() => String, { nullable: true, description: '查询的变量（JSON）' }) variables!: string | null;
  @Field(() => [String], { description: '派生指标所依据的数据项（各自可再查明细）' }) derivedFrom!: string[];
}

/** The drill-down of one field: its registry entry made concrete for a group and year, with the row count the owning subgraph gave. */
export function drillDown(source: string, value: unknown, data: unknown, groupId: string, year: number): FieldDrillDown {
  const entry = SOURCE_REGISTRY[source];
  const [section, ...rest] = source.split('.');
  const ledger = entry.ledger ? LEDGERS[entry.ledger] : null;
  const count = entry.rows === 'value' ? value : entry.rows ? readPath(data, entry.rows) : null;
  return {
    section,
    figure: rest.join('.'),
    definition: entry.definition,
    formula: entry.formula,
    ledger: ledger?.label ?? null,
    rowCount: count === null || count === undefined || !Number.isFinite(Number(count)) ? null : Number(count),
    column: entry.column ?? null,
    rowSelection: entry.rowSelection ?? null,
    query: ledger ? ledger.query(entry.column ?? 'id') : null,
    variables: ledger ? JSON.stringify(ledger.variables(groupId, year, entry.filter)) : null,
    derivedFrom: entry.derivedFrom ?? [],
  };
}
