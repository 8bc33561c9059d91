import { demoId } from './ids';
import { demoUnit, orgId } from './units';

/** Council roles as members stores them (its `MembershipRole` enum values). */
export type DemoRole = 'CHAIR' | 'VICE_CHAIR' | 'SECRETARIAT_HOST' | 'STANDING_DIRECTOR' | 'DIRECTOR' | 'MEMBER';

/** How a membership got where it is; its status follows from which fields are present. */
export interface DemoMembership {
  org: string;
  role: DemoRole;
  joinedOn?: string;
  /** Role before a later council term promoted it. */
  was?: DemoRole;
  appliedOn?: string;
  statement?: string;
  exit?: [on: string, reason: string];
  reject?: [on: string, reason: string];
  /**
   * How a unit that another group brought to the hub agreed to this group (see members'
   * access.ts): it applied itself, or confirmed the group's record. The first group listing a
   * unit registered it.
   */
  consent?: 'APPLIED' | 'CONFIRMED';
}

/** A demo group: who leads it, when it was founded, and every membership it has had. */
export interface DemoGroup {
  code: string;
  name: string;
  lead: string;
  foundedOn: string;
  /** GB/T 2260 code. */
  region: string;
  members: DemoMembership[];
}

const m = (org: string, role: DemoRole, joinedOn?: string, was?: DemoRole): DemoMembership => ({ org, role, joinedOn, was });
const CHAIR = 'CHAIR';
const VICE_CHAIR = 'VICE_CHAIR';
const SECRETARIAT_HOST = 'SECRETARIAT_HOST';
const STANDING_DIRECTOR = 'STANDING_DIRECTOR';
const DIRECTOR = 'DIRECTOR';
const MEMBER = 'MEMBER';
const FOUNDED = '2012-05-18';

/** 山东省示范机械行业职业教育集团: the main demo group. */
const SDJX: DemoGroup = {
  code: 'sdjx',
  name: '山东省示范机械行业职业教育集团（演示）',
  lead: 'sdjxjs',
  foundedOn: FOUNDED,
  region: '370100',
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
    {
      ...m('whdj', MEMBER),
      appliedOn: '2025-02-18',
      statement: '我公司主营中小型电机研发制造，拥有省级企业技术中心，愿与集团院校共建电机装配实训室并接收实习学生，特申请加入集团。',
    },
    {
      ...m('jnxny', MEMBER),
      appliedOn: '2025-03-05',
      statement: '我公司从事新能源汽车电驱及热管理零部件生产，急需机电、汽修方向技能人才，申请加入集团开展订单培养。',
    },
    {
      ...m('qdzncd', MEMBER),
      appliedOn: '2025-03-20',
      statement: '我公司专注精密减速器与智能传动部件，希望通过集团对接技师学院开展现代学徒制培养，申请成为成员单位。',
    },
  ],
};

/** 青岛市示范智能制造职业教育集团: the second group, which must see nothing of the first. */
const QDZZ: DemoGroup = {
  code: 'qdzz',
  name: '青岛市示范智能制造职业教育集团（演示）',
  lead: 'qdzy',
  foundedOn: '2020-09-15',
  region: '370200',
  members: [
    m('qdzy', CHAIR, '2020-09-15'),
    m('qdznxh', SECRETARIAT_HOST, '2020-09-15'),
    // Already in sdjx: it confirmed qdzz's founding registration on the hub.
    { ...m('qdgkjx', VICE_CHAIR, '2020-09-15'), consent: 'CONFIRMED' },
    m('qdjqr', VICE_CHAIR, '2020-09-15'),
    m('xhajg', DIRECTOR, '2020-09-15'),
    // Already in sdjx: it applied to qdzz itself.
    { ...m('qddq', MEMBER, '2022-04-20'), consent: 'APPLIED' },
  ],
};

/** The demo groups, in the order members registers them. */
export const DEMO_GROUPS: readonly DemoGroup[] = [SDJX, QDZZ];

/** The codes of the demo groups. */
export type DemoGroupCode = 'sdjx' | 'qdzz';

/** The id every subgraph uses for demo group `code`. */
export const groupId = (code: string): string => demoId('group', code);

/** The demo group `code`; throws when there is none. */
export function demoGroup(code: string): DemoGroup {
  const found = DEMO_GROUPS.find((g) => g.code === code);
  if (!found) throw new Error(`no demo group ${code}`);
  return found;
}

/** True when `slug` is an active member of group `code` (joined, not exited, not rejected). */
export function isActiveMember(slug: string, code: string): boolean {
  return demoGroup(code).members.some((s) => s.org === slug && s.joinedOn !== undefined && !s.exit && !s.reject);
}

/** The demo unit `slug`, which must be an active member of group `code` (a seed that refers to anyone else is wrong). */
export function activeMember(slug: string, code: string) {
  if (!isActiveMember(slug, code)) throw new Error(`demo unit ${slug} is not an active member of ${code}`);
  return demoUnit(slug);
}

const holder = (group: DemoGroup, role: DemoRole) => orgId(group.members.find((s) => s.role === role)!.org);

/** The ids the launcher prints tokens for, and the tests sign in as. */
export const DEMO = {
  groupId: groupId(SDJX.code),
  groupCode: SDJX.code,
  secondGroupId: groupId(QDZZ.code),
  secondGroupCode: QDZZ.code,
  secretariatOrgId: holder(SDJX, SECRETARIAT_HOST),
  /** 济南示范激光装备有限公司 (jnjgzb), an enterprise member of sdjx. */
  memberOrgId: orgId('jnjgzb'),
  /** 济南示范职业技术学院 (jnzy), a school member of sdjx. */
  schoolOrgId: orgId('jnzy'),
  secondGroupSecretariatOrgId: holder(QDZZ, SECRETARIAT_HOST),
};
