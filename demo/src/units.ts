import { demoId } from './ids';

/** Organization types as members stores them (its `OrganizationType` enum values). */
export type DemoUnitType =
  'HIGHER_VOCATIONAL' | 'SECONDARY_VOCATIONAL' | 'TECHNICIAN_COLLEGE' | 'ENTERPRISE' | 'INDUSTRY_ASSOCIATION' | 'GOVERNMENT' | 'RESEARCH_INSTITUTE';

/** A fictional member unit (every name ends with （演示）). */
export interface DemoUnit {
  slug: string;
  type: DemoUnitType;
  name: string;
  /** GB/T 2260 code. */
  region: string;
  /** 统一社会信用代码, with a valid check character (members' tests check every one). */
  uscc: string;
  industry: string;
  /** Enterprises only: A = 规模以上, F = 规模以上 and 500强. */
  size?: 'A' | 'F';
}

const HIGHER_VOCATIONAL = 'HIGHER_VOCATIONAL';
const SECONDARY_VOCATIONAL = 'SECONDARY_VOCATIONAL';
const TECHNICIAN_COLLEGE = 'TECHNICIAN_COLLEGE';
const ENTERPRISE = 'ENTERPRISE';
const INDUSTRY_ASSOCIATION = 'INDUSTRY_ASSOCIATION';
const GOVERNMENT = 'GOVERNMENT';
const RESEARCH_INSTITUTE = 'RESEARCH_INSTITUTE';

const EDU = '职业教育';
const GENERAL = '通用设备制造业';
const SPECIAL = '专用设备制造业';
const AUTO = '汽车制造业';
const ELECTRIC = '电气机械和器材制造业';
const INSTRUMENT = '仪器仪表制造业';
const METAL = '金属制品业';
const TRANSPORT = '铁路、船舶、航空航天和其他运输设备制造业';

type Row = [slug: string, type: DemoUnitType, name: string, region: string, uscc: string, industry: string, size?: 'A' | 'F'];

// The order is part of the data: members derives each unit's address and contact from its position.
const ROWS: Row[] = [
  ['sdjxjs', TECHNICIAN_COLLEGE, '山东省示范机械工程技师学院（演示）', '370112', '12370112004P3MNKFD', EDU],
  ['jngj', TECHNICIAN_COLLEGE, '济南示范高级技工学校（演示）', '370105', '1237010500DLNG1XP4', EDU],
  ['zbjdjs', TECHNICIAN_COLLEGE, '淄博示范机电技师学院（演示）', '370303', '1237030300NJAAC90E', EDU],
  ['wfgcjs', TECHNICIAN_COLLEGE, '潍坊示范工程技师学院（演示）', '370705', '12370705010FX4NK8M', EDU],
  ['jnzy', HIGHER_VOCATIONAL, '济南示范职业技术学院（演示）', '370112', '12370112019DGY1XGG', EDU],
  ['sdjdzy', HIGHER_VOCATIONAL, '山东示范机电职业技术学院（演示）', '370113', '1237011301JB4QC8QT', EDU],
  ['zbzy', HIGHER_VOCATIONAL, '淄博示范工业职业学院（演示）', '370303', '1237030301U8PJNK1A', EDU],
  ['ytqczy', HIGHER_VOCATIONAL, '烟台示范汽车工程职业学院（演示）', '370613', '123706130256BD1X9Q', EDU],
  ['wfzy', HIGHER_VOCATIONAL, '潍坊示范职业技术学院（演示）', '370702', '1237070202E3Y7C8H9', EDU],
  ['jnjdzz', SECONDARY_VOCATIONAL, '济南市示范机电工程中等职业学校（演示）', '370104', '1237010402P1J1NJRD', EDU],
  ['lygyzz', SECONDARY_VOCATIONAL, '临沂市示范工业中等专业学校（演示）', '371302', '12371302030Y5U1X2R', EDU],
  ['dzzz', SECONDARY_VOCATIONAL, '德州市示范职业中等专业学校（演示）', '371402', '12371402039UQMC8A8', EDU],
  ['sdjxxh', INDUSTRY_ASSOCIATION, '山东省示范机械工业协会（演示）', '370102', '5137010203JRCFNJJH', '社会团体'],
  ['sdjcxh', INDUSTRY_ASSOCIATION, '山东省示范机床工具行业协会（演示）', '370103', '5137010303UP0A1WTD', '社会团体'],
  ['jnzbxh', INDUSTRY_ASSOCIATION, '济南市示范装备制造业协会（演示）', '370105', '51370105045LK4C83N', '社会团体'],
  ['jngxj', GOVERNMENT, '济南市示范工业和信息化局（演示）', '370100', '1137010004EJ6XNJB1', '国家机构'],
  ['sdjxy', RESEARCH_INSTITUTE, '山东省示范机械设计研究院（演示）', '370102', '1237010204PFRQ1WKM', '研究和试验发展'],
  ['qlzxjc', ENTERPRISE, '齐鲁示范重型机床有限公司（演示）', '370112', '91370112051DDJC7UX', GENERAL, 'A'],
  ['sdzg', ENTERPRISE, '山东示范重工集团有限公司（演示）', '370102', '9137010205AB1CNJ4M', SPECIAL, 'F'],
  ['wfdl', ENTERPRISE, '潍坊示范动力股份有限公司（演示）', '370705', '9137070505K8L71WCT', GENERAL, 'F'],
  ['jnskjc', ENTERPRISE, '济南示范数控机床股份有限公司（演示）', '370112', '9137011205W681C7LU', GENERAL, 'A'],
  ['ytqczb', ENTERPRISE, '烟台示范汽车装备有限公司（演示）', '370602', '913706020663TTNHW4', AUTO, 'A'],
  ['jnsyqc', ENTERPRISE, '济南示范商用汽车有限公司（演示）', '370105', '9137010506F1EM1W54', AUTO, 'A'],
  ['qdgkjx', ENTERPRISE, '青岛示范港口机械有限公司（演示）', '370211', '9137021106PY2FC7DL', SPECIAL, 'A'],
  ['zbdj', ENTERPRISE, '淄博示范电机有限公司（演示）', '370303', '91370303071UM9NHMW', ELECTRIC, 'A'],
  ['qcjmjx', ENTERPRISE, '泉城示范精密机械有限公司（演示）', '370102', '9137010207AR941UXH', GENERAL],
  ['jndyjx', ENTERPRISE, '济南示范锻压机械有限公司（演示）', '370113', '9137011307KNUXC762', GENERAL, 'A'],
  ['qdqcpj', ENTERPRISE, '青岛示范汽车零部件有限公司（演示）', '370214', '9137021407WLFPNHEU', AUTO, 'A'],
  ['qddq', ENTERPRISE, '青岛示范电器股份有限公司（演示）', '370203', '91370203086J3J1UND', ELECTRIC, 'A'],
  ['zbby', ENTERPRISE, '淄博示范泵业有限公司（演示）', '370303', '9137030308FFNCC6YU', GENERAL, 'A'],
  ['ytgcjx', ENTERPRISE, '烟台示范工程机械有限公司（演示）', '370613', '9137061308QDA6NH72', SPECIAL, 'A'],
  ['jnyyjx', ENTERPRISE, '济宁示范液压机械有限公司（演示）', '370811', '91370811092AX11UFC', GENERAL, 'A'],
  ['tasbd', ENTERPRISE, '泰安示范输变电设备有限公司（演示）', '370902', '9137090209B8GTC6PL', ELECTRIC, 'A'],
  ['whskdj', ENTERPRISE, '威海示范数控刀具有限公司（演示）', '371002', '9137100209L64LNH0R', METAL],
  ['jnjqr', ENTERPRISE, '济南示范工业机器人有限公司（演示）', '370102', '9137010209X3PF1U8D', GENERAL],
  ['zqzz', ENTERPRISE, '章丘示范铸造有限公司（演示）', '370114', '913701140A71B9C6GP', METAL],
  ['hdcbpt', ENTERPRISE, '黄岛示范船舶配套设备有限公司（演示）', '370211', '913702110AFXY3NGQY', TRANSPORT],
  ['lszn', ENTERPRISE, '崂山示范智能装备有限公司（演示）', '370212', '913702120AQUHX1U14', SPECIAL],
  ['lzhgzb', ENTERPRISE, '临淄示范化工装备有限公司（演示）', '370305', '913703050B2R5PC693', SPECIAL],
  ['wfnyzb', ENTERPRISE, '潍坊示范农业装备有限公司（演示）', '370703', '913707030BBNQHNGHE', SPECIAL, 'A'],
  ['zcqp', ENTERPRISE, '诸城示范汽车配件有限公司（演示）', '370782', '913707820BLLCC1TR9', AUTO],
  ['yzksjx', ENTERPRISE, '兖州示范矿山机械有限公司（演示）', '370812', '913708120BXJ06C62Y', SPECIAL],
  ['whylqx', ENTERPRISE, '威海示范医疗器械有限公司（演示）', '371002', '913710020C7FK0NGA8', SPECIAL],
  ['rzqclbj', ENTERPRISE, '日照示范汽车零部件有限公司（演示）', '371102', '913711020CGD6T1TJ3', AUTO],
  ['lyjxzz', ENTERPRISE, '临沂示范机械制造有限公司（演示）', '371302', '913713020CRARLC5TN', GENERAL],
  ['lydqsb', ENTERPRISE, '临沂示范电气设备有限公司（演示）', '371311', '913713110D38DENG31', ELECTRIC],
  ['dzktsb', ENTERPRISE, '德州示范空调设备有限公司（演示）', '371402', '913714020DC6191TBJ', GENERAL],
  ['lczc', ENTERPRISE, '聊城示范轴承有限公司（演示）', '371502', '913715020DM3L3C5K1', GENERAL, 'A'],
  ['bzlyzb', ENTERPRISE, '滨州示范铝业装备有限公司（演示）', '371602', '913716020DY17WNFUL', SPECIAL],
  ['hzdj', ENTERPRISE, '菏泽示范电机制造有限公司（演示）', '371702', '913717020E7XTP1T4H', ELECTRIC],
  ['jndlsb', ENTERPRISE, '济南示范电力设备有限公司（演示）', '370104', '913701040EGUEHC5CY', ELECTRIC],
  ['jnjgzb', ENTERPRISE, '济南示范激光装备有限公司（演示）', '370112', '913701120ERR2BNFLP', SPECIAL],
  ['qdskxt', ENTERPRISE, '青岛示范数控系统有限公司（演示）', '370213', '913702130F3NM61RW8', ELECTRIC],
  ['dysyjx', ENTERPRISE, '东营示范石油机械有限公司（演示）', '370502', '913705020FCL90C55N', SPECIAL, 'A'],
  ['zzjc', ENTERPRISE, '枣庄示范机床有限公司（演示）', '370402', '913704020FMHURNFDD', GENERAL],
  ['zbcl', ENTERPRISE, '淄博示范齿轮有限公司（演示）', '370302', '913703020FYFFL1RMM', GENERAL],
  ['wfcyj', ENTERPRISE, '潍坊示范柴油机配件有限公司（演示）', '370702', '913707020G8D3EC4X8', GENERAL],
  ['ytjmyq', ENTERPRISE, '烟台示范精密仪器有限公司（演示）', '370613', '913706130GHAN8NF6M', INSTRUMENT],
  ['jnqzjx', ENTERPRISE, '济宁示范起重机械有限公司（演示）', '370811', '913708110GT8A31REG', GENERAL],
  ['jmfzjx', ENTERPRISE, '即墨示范纺织机械有限公司（演示）', '370215', '913702150H45WWC4NY', SPECIAL],
  ['taqcpj', ENTERPRISE, '泰安示范汽车配件有限公司（演示）', '370902', '913709020HD3GNNEYE', AUTO],
  ['whdj', ENTERPRISE, '威海示范电机有限公司（演示）', '371002', '913710020HN14H1R7T', ELECTRIC],
  ['jnxny', ENTERPRISE, '济南示范新能源汽车零部件有限公司（演示）', '370112', '913701120HYXPBC4F6', AUTO],
  ['qdzncd', ENTERPRISE, '青岛示范智能传动有限公司（演示）', '370214', '913702140J8UB5NEPG', GENERAL],
  ['qdzy', HIGHER_VOCATIONAL, '青岛示范职业技术学院（演示）', '370212', '123702120JHQY01R0L', EDU],
  ['qdznxh', INDUSTRY_ASSOCIATION, '青岛市示范智能制造行业协会（演示）', '370203', '513702030JTNHRC48N', '社会团体'],
  ['qdjqr', ENTERPRISE, '青岛示范工业机器人应用有限公司（演示）', '370211', '913702110K4L5KNEGD', GENERAL, 'A'],
  ['xhajg', TECHNICIAN_COLLEGE, '青岛西海岸示范技工学校（演示）', '370211', '123702110KDHQE1QQD', EDU],
];

/** Every demo unit, in the order members registers them. */
export const DEMO_UNITS: readonly DemoUnit[] = ROWS.map(([slug, type, name, region, uscc, industry, size]) => ({
  slug,
  type,
  name,
  region,
  uscc,
  industry,
  ...(size ? { size } : {}),
}));

const BY_SLUG = new Map(DEMO_UNITS.map((u) => [u.slug, u]));

/** The demo unit `slug`; throws when there is none. */
export function demoUnit(slug: string): DemoUnit {
  const found = BY_SLUG.get(slug);
  if (!found) throw new Error(`no demo unit ${slug}`);
  return found;
}

/** True when `slug` names a demo unit. */
export const isDemoUnit = (slug: string): boolean => BY_SLUG.has(slug);

/** The id every subgraph uses for demo unit `slug`. */
export const orgId = (slug: string): string => demoId('organization', slug);

const SCHOOL_TYPES: ReadonlySet<DemoUnitType> = new Set<DemoUnitType>([HIGHER_VOCATIONAL, SECONDARY_VOCATIONAL, TECHNICIAN_COLLEGE]);

/** Vocational schools (高职, 中职, 技工院校) among the demo units' types. */
export const isSchoolType = (type: string): boolean => SCHOOL_TYPES.has(type as DemoUnitType);

/**
 * Demo unit `slug` as the members directory answers it (id, name, USCC, type, members' category,
 * region): the fixture of the in-memory directory the subgraphs' unit tests use.
 */
export function demoDirectoryEntry(slug: string) {
  const unit = demoUnit(slug);
  const category = isSchoolType(unit.type) ? 'SCHOOL' : unit.type === ENTERPRISE ? 'ENTERPRISE' : 'OTHER';
  return { id: orgId(slug), name: unit.name, uscc: unit.uscc, type: unit.type, category, region: unit.region } as const;
}
