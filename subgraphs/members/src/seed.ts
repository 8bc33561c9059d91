import { DataSource } from 'typeorm';
import { demoId, seedOnce } from '@zjjt/kit';
import { GroupType, MembershipAction, MembershipConsent, MembershipRole, MembershipStatus, NoticeKind, OrganizationType, ROLE_LABEL, ROLE_RANK } from './enums';
import { CouncilTerm } from './group/council-term.entity';
import { GroupDesignation } from './group/designation.entity';
import { Group } from './group/group.entity';
import { MembershipEvent } from './membership/membership-event.entity';
import { Membership } from './membership/membership.entity';
import { Attachment, Notice } from './notice/notice.entity';
import { NoticeRead } from './notice/notice-read.entity';
import { Organization } from './organization/organization.entity';
import { USCC_ALPHABET, usccCheckCharacter } from './organization/uscc';

/**
 * Demo data: two groups of fictional units (every name ends with （演示）). Ids are derived, not
 * random, so other subgraphs and scripts can point at the same rows without reading this database:
 *   organization `<slug>` · group `<code>` · council-term `<code>:<number>` · designation `<code>:<n>`
 *   membership `<code>:<slug>` · membership-event `<code>:<slug>:<n>` · notice `<code>:<n>` · notice-read `<code>:<n>:<slug>`
 */
export { demoId };

const orgId = (slug: string) => demoId('organization', slug);

const { HIGHER_VOCATIONAL, SECONDARY_VOCATIONAL, TECHNICIAN_COLLEGE, ENTERPRISE, INDUSTRY_ASSOCIATION, GOVERNMENT, RESEARCH_INSTITUTE } = OrganizationType;
const { CHAIR, VICE_CHAIR, SECRETARIAT_HOST, STANDING_DIRECTOR, DIRECTOR, MEMBER } = MembershipRole;

const EDU = '职业教育';
const GENERAL = '通用设备制造业';
const SPECIAL = '专用设备制造业';
const AUTO = '汽车制造业';
const ELECTRIC = '电气机械和器材制造业';
const INSTRUMENT = '仪器仪表制造业';
const METAL = '金属制品业';
const TRANSPORT = '铁路、船舶、航空航天和其他运输设备制造业';

// GB/T 2260 code → place written in an address, telephone area code.
const REGIONS: Record<string, [place: string, area: string]> = {
  '370100': ['济南市', '0531'], '370102': ['济南市历下区', '0531'], '370103': ['济南市市中区', '0531'], '370104': ['济南市槐荫区', '0531'],
  '370105': ['济南市天桥区', '0531'], '370112': ['济南市历城区', '0531'], '370113': ['济南市长清区', '0531'], '370114': ['济南市章丘区', '0531'],
  '370203': ['青岛市市北区', '0532'], '370211': ['青岛市黄岛区', '0532'], '370212': ['青岛市崂山区', '0532'], '370213': ['青岛市李沧区', '0532'],
  '370214': ['青岛市城阳区', '0532'], '370215': ['青岛市即墨区', '0532'], '370302': ['淄博市淄川区', '0533'], '370303': ['淄博市张店区', '0533'],
  '370305': ['淄博市临淄区', '0533'], '370402': ['枣庄市市中区', '0632'], '370502': ['东营市东营区', '0546'], '370602': ['烟台市芝罘区', '0535'],
  '370613': ['烟台市莱山区', '0535'], '370702': ['潍坊市潍城区', '0536'], '370703': ['潍坊市寒亭区', '0536'], '370705': ['潍坊市奎文区', '0536'],
  '370782': ['诸城市', '0536'], '370811': ['济宁市任城区', '0537'], '370812': ['济宁市兖州区', '0537'], '370902': ['泰安市泰山区', '0538'],
  '371002': ['威海市环翠区', '0631'], '371102': ['日照市东港区', '0633'], '371302': ['临沂市兰山区', '0539'], '371311': ['临沂市罗庄区', '0539'],
  '371402': ['德州市德城区', '0534'], '371502': ['聊城市东昌府区', '0635'], '371602': ['滨州市滨城区', '0543'], '371702': ['菏泽市牡丹区', '0530'],
};

// size: A = 规模以上, F = 规模以上 and 500强; only enterprises carry either.
type OrgRow = [slug: string, type: OrganizationType, name: string, region: string, industry: string, size?: 'A' | 'F'];

const ORGANIZATIONS: OrgRow[] = [
  ['sdjxjs', TECHNICIAN_COLLEGE, '山东省示范机械工程技师学院（演示）', '370112', EDU],
  ['jngj', TECHNICIAN_COLLEGE, '济南示范高级技工学校（演示）', '370105', EDU],
  ['zbjdjs', TECHNICIAN_COLLEGE, '淄博示范机电技师学院（演示）', '370303', EDU],
  ['wfgcjs', TECHNICIAN_COLLEGE, '潍坊示范工程技师学院（演示）', '370705', EDU],
  ['jnzy', HIGHER_VOCATIONAL, '济南示范职业技术学院（演示）', '370112', EDU],
  ['sdjdzy', HIGHER_VOCATIONAL, '山东示范机电职业技术学院（演示）', '370113', EDU],
  ['zbzy', HIGHER_VOCATIONAL, '淄博示范工业职业学院（演示）', '370303', EDU],
  ['ytqczy', HIGHER_VOCATIONAL, '烟台示范汽车工程职业学院（演示）', '370613', EDU],
  ['wfzy', HIGHER_VOCATIONAL, '潍坊示范职业技术学院（演示）', '370702', EDU],
  ['jnjdzz', SECONDARY_VOCATIONAL, '济南市示范机电工程中等职业学校（演示）', '370104', EDU],
  ['lygyzz', SECONDARY_VOCATIONAL, '临沂市示范工业中等专业学校（演示）', '371302', EDU],
  ['dzzz', SECONDARY_VOCATIONAL, '德州市示范职业中等专业学校（演示）', '371402', EDU],
  ['sdjxxh', INDUSTRY_ASSOCIATION, '山东省示范机械工业协会（演示）', '370102', '社会团体'],
  ['sdjcxh', INDUSTRY_ASSOCIATION, '山东省示范机床工具行业协会（演示）', '370103', '社会团体'],
  ['jnzbxh', INDUSTRY_ASSOCIATION, '济南市示范装备制造业协会（演示）', '370105', '社会团体'],
  ['jngxj', GOVERNMENT, '济南市示范工业和信息化局（演示）', '370100', '国家机构'],
  ['sdjxy', RESEARCH_INSTITUTE, '山东省示范机械设计研究院（演示）', '370102', '研究和试验发展'],
  ['qlzxjc', ENTERPRISE, '齐鲁示范重型机床有限公司（演示）', '370112', GENERAL, 'A'],
  ['sdzg', ENTERPRISE, '山东示范重工集团有限公司（演示）', '370102', SPECIAL, 'F'],
  ['wfdl', ENTERPRISE, '潍坊示范动力股份有限公司（演示）', '370705', GENERAL, 'F'],
  ['jnskjc', ENTERPRISE, '济南示范数控机床股份有限公司（演示）', '370112', GENERAL, 'A'],
  ['ytqczb', ENTERPRISE, '烟台示范汽车装备有限公司（演示）', '370602', AUTO, 'A'],
  ['jnsyqc', ENTERPRISE, '济南示范商用汽车有限公司（演示）', '370105', AUTO, 'A'],
  ['qdgkjx', ENTERPRISE, '青岛示范港口机械有限公司（演示）', '370211', SPECIAL, 'A'],
  ['zbdj', ENTERPRISE, '淄博示范电机有限公司（演示）', '370303', ELECTRIC, 'A'],
  ['qcjmjx', ENTERPRISE, '泉城示范精密机械有限公司（演示）', '370102', GENERAL],
  ['jndyjx', ENTERPRISE, '济南示范锻压机械有限公司（演示）', '370113', GENERAL, 'A'],
  ['qdqcpj', ENTERPRISE, '青岛示范汽车零部件有限公司（演示）', '370214', AUTO, 'A'],
  ['qddq', ENTERPRISE, '青岛示范电器股份有限公司（演示）', '370203', ELECTRIC, 'A'],
  ['zbby', ENTERPRISE, '淄博示范泵业有限公司（演示）', '370303', GENERAL, 'A'],
  ['ytgcjx', ENTERPRISE, '烟台示范工程机械有限公司（演示）', '370613', SPECIAL, 'A'],
  ['jnyyjx', ENTERPRISE, '济宁示范液压机械有限公司（演示）', '370811', GENERAL, 'A'],
  ['tasbd', ENTERPRISE, '泰安示范输变电设备有限公司（演示）', '370902', ELECTRIC, 'A'],
  ['whskdj', ENTERPRISE, '威海示范数控刀具有限公司（演示）', '371002', METAL],
  ['jnjqr', ENTERPRISE, '济南示范工业机器人有限公司（演示）', '370102', GENERAL],
  ['zqzz', ENTERPRISE, '章丘示范铸造有限公司（演示）', '370114', METAL],
  ['hdcbpt', ENTERPRISE, '黄岛示范船舶配套设备有限公司（演示）', '370211', TRANSPORT],
  ['lszn', ENTERPRISE, '崂山示范智能装备有限公司（演示）', '370212', SPECIAL],
  ['lzhgzb', ENTERPRISE, '临淄示范化工装备有限公司（演示）', '370305', SPECIAL],
  ['wfnyzb', ENTERPRISE, '潍坊示范农业装备有限公司（演示）', '370703', SPECIAL, 'A'],
  ['zcqp', ENTERPRISE, '诸城示范汽车配件有限公司（演示）', '370782', AUTO],
  ['yzksjx', ENTERPRISE, '兖州示范矿山机械有限公司（演示）', '370812', SPECIAL],
  ['whylqx', ENTERPRISE, '威海示范医疗器械有限公司（演示）', '371002', SPECIAL],
  ['rzqclbj', ENTERPRISE, '日照示范汽车零部件有限公司（演示）', '371102', AUTO],
  ['lyjxzz', ENTERPRISE, '临沂示范机械制造有限公司（演示）', '371302', GENERAL],
  ['lydqsb', ENTERPRISE, '临沂示范电气设备有限公司（演示）', '371311', ELECTRIC],
  ['dzktsb', ENTERPRISE, '德州示范空调设备有限公司（演示）', '371402', GENERAL],
  ['lczc', ENTERPRISE, '聊城示范轴承有限公司（演示）', '371502', GENERAL, 'A'],
  ['bzlyzb', ENTERPRISE, '滨州示范铝业装备有限公司（演示）', '371602', SPECIAL],
  ['hzdj', ENTERPRISE, '菏泽示范电机制造有限公司（演示）', '371702', ELECTRIC],
  ['jndlsb', ENTERPRISE, '济南示范电力设备有限公司（演示）', '370104', ELECTRIC],
  ['jnjgzb', ENTERPRISE, '济南示范激光装备有限公司（演示）', '370112', SPECIAL],
  ['qdskxt', ENTERPRISE, '青岛示范数控系统有限公司（演示）', '370213', ELECTRIC],
  ['dysyjx', ENTERPRISE, '东营示范石油机械有限公司（演示）', '370502', SPECIAL, 'A'],
  ['zzjc', ENTERPRISE, '枣庄示范机床有限公司（演示）', '370402', GENERAL],
  ['zbcl', ENTERPRISE, '淄博示范齿轮有限公司（演示）', '370302', GENERAL],
  ['wfcyj', ENTERPRISE, '潍坊示范柴油机配件有限公司（演示）', '370702', GENERAL],
  ['ytjmyq', ENTERPRISE, '烟台示范精密仪器有限公司（演示）', '370613', INSTRUMENT],
  ['jnqzjx', ENTERPRISE, '济宁示范起重机械有限公司（演示）', '370811', GENERAL],
  ['jmfzjx', ENTERPRISE, '即墨示范纺织机械有限公司（演示）', '370215', SPECIAL],
  ['taqcpj', ENTERPRISE, '泰安示范汽车配件有限公司（演示）', '370902', AUTO],
  ['whdj', ENTERPRISE, '威海示范电机有限公司（演示）', '371002', ELECTRIC],
  ['jnxny', ENTERPRISE, '济南示范新能源汽车零部件有限公司（演示）', '370112', AUTO],
  ['qdzncd', ENTERPRISE, '青岛示范智能传动有限公司（演示）', '370214', GENERAL],
  ['qdzy', HIGHER_VOCATIONAL, '青岛示范职业技术学院（演示）', '370212', EDU],
  ['qdznxh', INDUSTRY_ASSOCIATION, '青岛市示范智能制造行业协会（演示）', '370203', '社会团体'],
  ['qdjqr', ENTERPRISE, '青岛示范工业机器人应用有限公司（演示）', '370211', GENERAL, 'A'],
  ['xhajg', TECHNICIAN_COLLEGE, '青岛西海岸示范技工学校（演示）', '370211', EDU],
];

/** How a membership got where it is; status follows from which fields are present. */
interface MemberSpec {
  org: string;
  role: MembershipRole;
  joinedOn?: string;
  /** Role before a later council term promoted it. */
  was?: MembershipRole;
  appliedOn?: string;
  statement?: string;
  exit?: [on: string, reason: string];
  reject?: [on: string, reason: string];
  /**
   * How a unit that another group brought to the hub agreed to this group (see access.ts): it
   * applied itself, or confirmed the group's record. The first group listing a unit registered it.
   */
  consent?: MembershipConsent.APPLIED | MembershipConsent.CONFIRMED;
}

interface NoticeSpec {
  kind: NoticeKind;
  title: string;
  documentNumber: string | null;
  body: string;
  attachments: Attachment[];
  publishedAt: string;
  readers: string[];
}

interface GroupSpec {
  code: string;
  name: string;
  shortName: string;
  type: GroupType;
  lead: string;
  approvingAuthority: string;
  foundedOn: string;
  region: string;
  description: string;
  designations: [title: string, issuer: string, awardedOn: string][];
  terms: [startsOn: string, endsOn: string | null][];
  members: MemberSpec[];
  notices: NoticeSpec[];
}

const m = (org: string, role: MembershipRole, joinedOn?: string, was?: MembershipRole): MemberSpec => ({ org, role, joinedOn, was });
const FOUNDED = '2012-05-18';

const MAIN: GroupSpec = {
  code: 'sdjx',
  name: '山东省示范机械行业职业教育集团（演示）',
  shortName: '鲁机职教集团',
  type: GroupType.INDUSTRY,
  lead: 'sdjxjs',
  approvingAuthority: '山东省人力资源和社会保障厅',
  foundedOn: FOUNDED,
  region: '370100',
  description: '由山东省示范机械工程技师学院牵头，联合全省机械装备制造企业、职业院校、行业协会和科研机构组建的行业型职业教育集团，围绕数控加工、智能制造、汽车制造等专业开展订单培养、实训基地共建和企业职工技能培训。',
  designations: [
    ['省级骨干职教集团', '山东省教育厅', '2019-11-20'],
    ['示范性职业教育集团培育单位', '教育部', '2021-01-15'],
  ],
  terms: [[FOUNDED, '2018-05-31'], ['2018-06-01', null]],
  members: [
    m('sdjxjs', CHAIR, FOUNDED),
    m('jngj', VICE_CHAIR, FOUNDED),
    m('jnzy', VICE_CHAIR, FOUNDED),
    m('sdjdzy', VICE_CHAIR, '2014-09-10', STANDING_DIRECTOR),
    m('qlzxjc', VICE_CHAIR, FOUNDED),
    m('sdzg', VICE_CHAIR, FOUNDED),
    m('wfdl', VICE_CHAIR, '2015-03-20', DIRECTOR),
    m('sdjxxh', SECRETARIAT_HOST, FOUNDED),
    m('zbjdjs', STANDING_DIRECTOR, FOUNDED, DIRECTOR),
    m('zbzy', STANDING_DIRECTOR, '2016-04-12'),
    m('jnjdzz', STANDING_DIRECTOR, FOUNDED),
    m('sdjcxh', STANDING_DIRECTOR, FOUNDED),
    m('sdjxy', STANDING_DIRECTOR, '2013-06-20'),
    m('jnskjc', STANDING_DIRECTOR, FOUNDED),
    m('ytqczb', STANDING_DIRECTOR, '2014-11-05', DIRECTOR),
    m('jnsyqc', STANDING_DIRECTOR, FOUNDED),
    m('qdgkjx', STANDING_DIRECTOR, '2017-03-15'),
    m('zbdj', STANDING_DIRECTOR, '2019-05-08'),
    m('wfgcjs', DIRECTOR, '2013-10-16'),
    m('ytqczy', DIRECTOR, '2018-09-20'),
    m('wfzy', DIRECTOR, '2020-06-18'),
    m('lygyzz', DIRECTOR, '2019-10-22'),
    m('jnzbxh', DIRECTOR, '2014-04-08'),
    m('qcjmjx', DIRECTOR, FOUNDED, MEMBER),
    m('jndyjx', DIRECTOR, '2013-03-27'),
    m('qdqcpj', DIRECTOR, '2016-08-30'),
    m('qddq', DIRECTOR, '2018-11-12'),
    m('zbby', DIRECTOR, '2015-06-17'),
    m('ytgcjx', DIRECTOR, '2017-09-26'),
    m('jnyyjx', DIRECTOR, '2019-03-14'),
    m('tasbd', DIRECTOR, '2020-11-25'),
    m('whskdj', DIRECTOR, '2021-05-19'),
    m('jnjqr', DIRECTOR, '2022-08-23'),
    m('dzzz', MEMBER, '2021-09-15'),
    m('jngxj', MEMBER, FOUNDED),
    m('zqzz', MEMBER, '2013-05-15'),
    m('hdcbpt', MEMBER, '2014-07-09'),
    m('lszn', MEMBER, '2016-11-16'),
    m('lzhgzb', MEMBER, '2017-05-24'),
    m('wfnyzb', MEMBER, '2018-12-05'),
    m('zcqp', MEMBER, '2019-06-26'),
    m('yzksjx', MEMBER, '2019-09-04'),
    m('whylqx', MEMBER, '2020-04-15'),
    m('rzqclbj', MEMBER, '2020-08-19'),
    m('lyjxzz', MEMBER, '2021-03-24'),
    m('lydqsb', MEMBER, '2021-07-07'),
    m('dzktsb', MEMBER, '2021-11-17'),
    m('lczc', MEMBER, '2022-03-16'),
    m('bzlyzb', MEMBER, '2022-06-29'),
    m('jndlsb', MEMBER, FOUNDED),
    m('jnjgzb', MEMBER, '2022-10-12'),
    m('qdskxt', MEMBER, '2023-02-22'),
    m('dysyjx', MEMBER, '2023-04-26'),
    m('zzjc', MEMBER, '2023-07-12'),
    m('zbcl', MEMBER, '2023-09-20'),
    m('wfcyj', MEMBER, '2023-12-13'),
    m('ytjmyq', MEMBER, '2024-03-27'),
    m('jnqzjx', MEMBER, '2024-06-19'),
    { ...m('hzdj', MEMBER, '2015-10-14'), exit: ['2022-12-30', '企业整体搬迁至省外，无法继续参加集团活动'] },
    { ...m('jmfzjx', MEMBER, '2013-09-11'), exit: ['2020-06-30', '企业转产，不再从事机械制造'] },
    {
      ...m('taqcpj', MEMBER),
      appliedOn: '2024-10-14',
      statement: '我公司从事汽车配件生产与销售，希望加入集团参与汽车制造类专业人才培养。',
      reject: ['2024-11-08', '申请材料不全：未提供营业执照副本及近两年校企合作证明，请补齐后重新申请'],
    },
    { ...m('whdj', MEMBER), appliedOn: '2025-02-18', statement: '我公司主营中小型电机研发制造，拥有省级企业技术中心，愿与集团院校共建电机装配实训室并接收实习学生，特申请加入集团。' },
    { ...m('jnxny', MEMBER), appliedOn: '2025-03-05', statement: '我公司从事新能源汽车电驱及热管理零部件生产，急需机电、汽修方向技能人才，申请加入集团开展订单培养。' },
    { ...m('qdzncd', MEMBER), appliedOn: '2025-03-20', statement: '我公司专注精密减速器与智能传动部件，希望通过集团对接技师学院开展现代学徒制培养，申请成为成员单位。' },
  ],
  notices: [
    {
      kind: NoticeKind.NOTICE,
      title: '关于召开第二届理事会第七次会议的通知',
      documentNumber: '鲁机职教集〔2025〕1号',
      body: '各理事单位：\n集团定于2025年1月24日在山东省示范机械工程技师学院（演示）召开第二届理事会第七次会议，审议2024年度工作报告和2025年度工作计划，研究成员单位增补事项。\n请各理事单位安排一名负责同志参会，并于1月17日前将参会回执报送集团秘书处。',
      attachments: [],
      publishedAt: '2025-01-10T01:30:00.000Z',
      readers: ['sdjxjs', 'jngj', 'jnskjc'],
    },
    {
      kind: NoticeKind.NOTICE,
      title: '关于开展2025年度集团统计数据填报工作的通知',
      documentNumber: '鲁机职教集〔2025〕3号',
      body: '各成员单位：\n按照职业教育集团年度统计工作要求，集团秘书处启动2025年度统计数据填报工作。请各成员单位对照附件中的统计表，如实填报在校生数、专任教师数、订单班学生数、企业职工培训人次等指标，于2025年3月31日前通过集团平台提交。\n校企合作数据以合作台账为准，企业投入资金请同时提供到账凭证。如有疑问请联系集团秘书处，电话0531-86120301。',
      attachments: [{ name: '2025年度集团成员单位统计表.xlsx', url: 'https://example.cn/sdjx/2025/tongjibiao.xlsx' }],
      publishedAt: '2025-03-01T02:00:00.000Z',
      readers: ['jnjgzb', 'qlzxjc', 'jnzy', 'sdjxjs', 'zbdj'],
    },
    {
      kind: NoticeKind.DOCUMENT,
      title: '关于印发《山东省示范机械行业职业教育集团章程（2024年修订）》的通知',
      documentNumber: '鲁机职教集〔2024〕12号',
      body: '各成员单位：\n《山东省示范机械行业职业教育集团章程（2024年修订）》已经集团第二届理事会第六次会议审议通过，现予印发，请遵照执行。\n修订后的章程明确了成员单位入会与退出程序、理事会换届办法和秘书处职责，自印发之日起施行。',
      attachments: [],
      publishedAt: '2024-12-20T07:30:00.000Z',
      readers: [],
    },
    {
      kind: NoticeKind.NOTICE,
      title: '关于组织参加2025年全省机械行业职业技能大赛的通知',
      documentNumber: '鲁机职教集〔2025〕5号',
      body: '各成员单位：\n2025年全省机械行业职业技能大赛设数控车工、数控铣工、电工、焊工、工业机器人系统运维员五个赛项，分职工组和学生组进行。\n请各院校和企业择优推荐选手，于4月30日前将报名表报送集团秘书处。集团将依托成员单位实训基地组织赛前集训。',
      attachments: [],
      publishedAt: '2025-04-08T03:00:00.000Z',
      readers: [],
    },
  ],
};

const SECOND: GroupSpec = {
  code: 'qdzz',
  name: '青岛市示范智能制造职业教育集团（演示）',
  shortName: '青岛智造职教集团',
  type: GroupType.REGIONAL,
  lead: 'qdzy',
  approvingAuthority: '青岛市教育局',
  foundedOn: '2020-09-15',
  region: '370200',
  description: '由青岛示范职业技术学院牵头，联合青岛市智能制造企业、技工院校和行业协会组建的区域型职业教育集团，聚焦工业机器人、智能产线运维等岗位开展订单培养和技术服务。',
  designations: [],
  terms: [['2020-09-15', null]],
  members: [
    m('qdzy', CHAIR, '2020-09-15'),
    m('qdznxh', SECRETARIAT_HOST, '2020-09-15'),
    // Already in sdjx: it confirmed qdzz's founding registration on the hub.
    { ...m('qdgkjx', VICE_CHAIR, '2020-09-15'), consent: MembershipConsent.CONFIRMED },
    m('qdjqr', VICE_CHAIR, '2020-09-15'),
    m('xhajg', DIRECTOR, '2020-09-15'),
    // Already in sdjx: it applied to qdzz itself.
    { ...m('qddq', MEMBER, '2022-04-20'), consent: MembershipConsent.APPLIED },
  ],
  notices: [
    {
      kind: NoticeKind.NOTICE,
      title: '关于征集2025年订单班合作需求的通知',
      documentNumber: '青智职教〔2025〕2号',
      body: '各成员单位：\n为做好2025年秋季订单班组建工作，请各企业成员单位梳理智能制造、工业机器人运维等岗位的用人需求，于3月28日前填写订单班合作需求并报送集团秘书处，秘书处将统一对接成员院校。',
      attachments: [],
      publishedAt: '2025-03-12T06:00:00.000Z',
      readers: ['qdgkjx', 'qdzy'],
    },
  ],
};

const GROUPS = [MAIN, SECOND];

const holder = (group: GroupSpec, role: MembershipRole) => orgId(group.members.find((s) => s.role === role)!.org);

/** The ids the launcher prints tokens for. */
export const DEMO = {
  groupId: demoId('group', MAIN.code),
  groupCode: MAIN.code,
  secondGroupId: demoId('group', SECOND.code),
  secondGroupCode: SECOND.code,
  secretariatOrgId: holder(MAIN, SECRETARIAT_HOST),
  memberOrgId: orgId('jnjgzb'),
  schoolOrgId: orgId('jnzy'),
  secondGroupSecretariatOrgId: holder(SECOND, SECRETARIAT_HOST),
};

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const GIVEN_NAMES = ['建国', '海燕', '志强', '秀兰', '明辉', '晓东', '立新', '春梅', '国栋', '丽娟', '文涛', '红霞', '振华', '淑英', '永刚', '静怡', '卫东', '玉珍', '德胜', '雪莲'];
const ROADS = ['工业北路', '经十路', '世纪大道', '科技路', '开发区大道', '黄河路', '泰山路', '长江路', '创业路', '新华路'];
const CHINESE_NUMBERS = '〇一二三四五六七八九';
const SCHOOLS = new Set([HIGHER_VOCATIONAL, SECONDARY_VOCATIONAL, TECHNICIAN_COLLEGE]);
const GENERIC_STATEMENTS: Record<'school' | 'unit', string[]> = {
  school: ['我校开设数控技术、机电一体化技术等专业，申请加入集团，深化校企合作、共建实训基地。', '我校希望依托集团企业资源开展订单培养和教师企业实践，特申请入会。'],
  unit: ['我单位长期从事机械装备制造，愿与集团院校共建实训基地、开设订单班，申请加入集团。', '我单位愿接收院校学生顶岗实习并选派技术骨干担任兼职教师，特申请入会。', '我单位希望依托集团开展职工技能培训和技能等级认定，申请成为成员单位。'],
};

const REGISTRATION_PREFIX: Partial<Record<OrganizationType, string>> = { [ENTERPRISE]: '91', [INDUSTRY_ASSOCIATION]: '51', [GOVERNMENT]: '11' };
const SPAN = USCC_ALPHABET.length ** 9;

/** An 18-character code: registration prefix, region, a 9-character body unique per index, check character. */
function uscc(index: number, type: OrganizationType, region: string): string {
  // The multiplier is prime to 31, so no two indexes share a body.
  let n = (index * 7_919_023_757 + 4_211_903_117) % SPAN;
  let body = '';
  for (let i = 0; i < 9; i += 1, n = Math.floor(n / USCC_ALPHABET.length)) body = USCC_ALPHABET[n % USCC_ALPHABET.length] + body;
  const first17 = `${REGISTRATION_PREFIX[type] ?? '12'}${region}${body}`;
  return first17 + usccCheckCharacter(first17);
}

const at = (date: string, time: string) => new Date(`${date}T${time}:00.000+08:00`).toISOString();
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const hoursAfter = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

interface Rows {
  organizations: Organization[];
  groups: Group[];
  designations: GroupDesignation[];
  terms: CouncilTerm[];
  memberships: Membership[];
  events: MembershipEvent[];
  notices: Notice[];
  reads: NoticeRead[];
}

function buildRows(): Rows {
  const rows: Rows = { organizations: [], groups: [], designations: [], terms: [], memberships: [], events: [], notices: [], reads: [] };
  const firstSeen = new Map<string, string>();
  // The first group that lists a unit registered it on the hub.
  const creator = new Map<string, string>();
  for (const group of GROUPS) for (const spec of group.members) if (!creator.has(spec.org)) creator.set(spec.org, demoId('group', group.code));
  let sequence = 0;

  for (const group of GROUPS) {
    const groupId = demoId('group', group.code);
    const created = at(group.foundedOn, '08:00');
    rows.groups.push({
      id: groupId, code: group.code, name: group.name, shortName: group.shortName, type: group.type, leadOrganizationId: orgId(group.lead),
      approvingAuthority: group.approvingAuthority, foundedOn: group.foundedOn, region: group.region, description: group.description, createdAt: created, updatedAt: created,
    });
    group.designations.forEach(([title, issuer, awardedOn], i) => rows.designations.push({ id: demoId('designation', `${group.code}:${i + 1}`), groupId, title, issuer, awardedOn }));
    const terms = group.terms.map(([startsOn, endsOn], i) => ({ id: demoId('council-term', `${group.code}:${i + 1}`), groupId, number: i + 1, startsOn, endsOn }));
    rows.terms.push(...terms);

    for (const spec of group.members) {
      sequence += 1;
      const key = `${group.code}:${spec.org}`;
      const membershipId = demoId('membership', key);
      const type = ORGANIZATIONS.find(([slug]) => slug === spec.org)![1];
      const founding = spec.joinedOn === group.foundedOn;
      const registeredHere = creator.get(spec.org) === groupId;
      if (!registeredHere && !spec.consent) throw new Error(`demo membership ${key}: the unit came from another group, so it needs its own consent`);
      const consent = registeredHere ? MembershipConsent.REGISTERED : spec.consent!;
      // Founders were registered by the secretariat, which records the application date as the join date.
      const appliedOn = spec.appliedOn ?? (founding ? group.foundedOn : addDays(spec.joinedOn!, -(14 + ((sequence * 9) % 28))));
      const statement = founding ? null : spec.statement ?? GENERIC_STATEMENTS[SCHOOLS.has(type) ? 'school' : 'unit'][sequence % (SCHOOLS.has(type) ? 2 : 3)];
      const joinedOn = spec.joinedOn ?? null;
      const exitedOn = spec.exit?.[0] ?? null;
      const initialRole = spec.was ?? spec.role;
      const status = spec.reject ? MembershipStatus.REJECTED : !joinedOn ? MembershipStatus.PENDING : exitedOn ? MembershipStatus.EXITED : MembershipStatus.ACTIVE;

      const events: MembershipEvent[] = [];
      const record = (action: MembershipAction, from: [MembershipStatus, MembershipRole] | null, to: [MembershipStatus, MembershipRole], effectiveOn: string, time: string, reason: string | null) =>
        events.push({
          id: demoId('membership-event', `${key}:${events.length + 1}`), membershipId, action, fromStatus: from?.[0] ?? null, toStatus: to[0], fromRole: from?.[1] ?? null, toRole: to[1],
          reason, effectiveOn, actorUserId: 'seed', at: at(effectiveOn, time),
        });

      if (founding) {
        record(MembershipAction.REGISTERED, null, [MembershipStatus.ACTIVE, initialRole], appliedOn, '09:30', '集团成立，作为发起单位登记入会');
        if (consent === MembershipConsent.CONFIRMED) record(MembershipAction.CONFIRMED, [MembershipStatus.ACTIVE, initialRole], [MembershipStatus.ACTIVE, initialRole], appliedOn, '10:30', '单位确认集团登记的成员资格');
      } else {
        record(MembershipAction.APPLIED, null, [MembershipStatus.PENDING, initialRole], appliedOn, '10:00', statement);
        if (joinedOn) record(MembershipAction.APPROVED, [MembershipStatus.PENDING, initialRole], [MembershipStatus.ACTIVE, initialRole], joinedOn, '15:00', null);
        if (spec.reject) record(MembershipAction.REJECTED, [MembershipStatus.PENDING, initialRole], [MembershipStatus.REJECTED, initialRole], spec.reject[0], '15:00', spec.reject[1]);
      }

      // Council units are re-elected (or promoted) at each new term; ordinary members stay on the term they joined in.
      let term = joinedOn ? [...terms].reverse().find((t) => t.startsOn <= joinedOn)! : null;
      let role = initialRole;
      for (const next of terms) {
        if (!term || next.number <= term.number || (exitedOn && next.startsOn > exitedOn) || spec.role === MEMBER) continue;
        const label = `第${CHINESE_NUMBERS[next.number]}届理事会`;
        const reason = role === spec.role ? `${label}换届，继续担任${ROLE_LABEL[role]}` : `${label}第一次会议选举，由${ROLE_LABEL[role]}增补为${ROLE_LABEL[spec.role]}`;
        record(MembershipAction.ROLE_CHANGED, [MembershipStatus.ACTIVE, role], [MembershipStatus.ACTIVE, spec.role], next.startsOn, '11:00', reason);
        term = next;
        role = spec.role;
      }
      if (spec.exit) record(MembershipAction.EXITED, [MembershipStatus.ACTIVE, role], [MembershipStatus.EXITED, role], spec.exit[0], '16:00', spec.exit[1]);

      rows.events.push(...events);
      rows.memberships.push({
        id: membershipId, groupId, organizationId: orgId(spec.org), role, roleRank: ROLE_RANK[role], status, councilTermId: term?.id ?? null,
        appliedOn, joinedOn, exitedOn, exitReason: spec.exit?.[1] ?? null, rejectionReason: spec.reject?.[1] ?? null, statement, consent,
        createdAt: events[0].at, updatedAt: events[events.length - 1].at,
      });
      const seen = firstSeen.get(spec.org);
      if (!seen || appliedOn < seen) firstSeen.set(spec.org, appliedOn);
    }

    group.notices.forEach((spec, i) => {
      const key = `${group.code}:${i + 1}`;
      const noticeId = demoId('notice', key);
      rows.notices.push({
        id: noticeId, groupId, kind: spec.kind, title: spec.title, documentNumber: spec.documentNumber, body: spec.body, attachments: spec.attachments,
        publishedAt: spec.publishedAt, publishedBy: 'seed',
      });
      spec.readers.forEach((slug, j) =>
        rows.reads.push({ id: demoId('notice-read', `${key}:${slug}`), noticeId, organizationId: orgId(slug), readBy: 'seed', readAt: hoursAfter(spec.publishedAt, 2 + j * 5) }),
      );
    });
  }

  ORGANIZATIONS.forEach(([slug, type, name, region, industry, size], i) => {
    const seen = firstSeen.get(slug);
    if (!seen) throw new Error(`demo organization ${slug} belongs to no group`);
    const [place, area] = REGIONS[region];
    const enterprise = type === ENTERPRISE;
    const created = at(seen, '09:00');
    rows.organizations.push({
      id: orgId(slug), name, uscc: uscc(i, type, region), type, region, industry,
      aboveDesignatedSize: enterprise && size !== undefined, fortune500: enterprise && size === 'F',
      website: `https://www.${slug}.example.cn`,
      address: `山东省${place}${ROADS[i % ROADS.length]}${100 + ((i * 37) % 900)}号`,
      contactPerson: SURNAMES[i % SURNAMES.length] + GIVEN_NAMES[(i * 7 + 3) % GIVEN_NAMES.length],
      contactPhone: `${area}-8${String((i * 7919 + 1_204_381) % 10_000_000).padStart(7, '0')}`,
      contactEmail: `${SCHOOLS.has(type) ? 'xqhz' : enterprise ? 'hr' : 'office'}@${slug}.example.cn`,
      updatedBy: 'seed', createdByGroupId: creator.get(slug)!, createdBy: 'seed', createdAt: created, updatedAt: created,
    });
  });
  return rows;
}

/** Fills an empty members database with the demo groups; false (and nothing written) when any group exists. */
export function seedDemo(db: DataSource): Promise<boolean> {
  return seedOnce(db, Group, () => {
    const rows = buildRows();
    return [
      [Organization, rows.organizations],
      [Group, rows.groups],
      [GroupDesignation, rows.designations],
      [CouncilTerm, rows.terms],
      [Membership, rows.memberships],
      [MembershipEvent, rows.events],
      [Notice, rows.notices],
      [NoticeRead, rows.reads],
    ];
  });
}
