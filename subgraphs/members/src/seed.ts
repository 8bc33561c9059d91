import { DataSource } from 'typeorm';
import { AuditEntry, diffForAudit } from '@zjjt/kit';
import {
  addDays,
  chinaTime,
  DEMO_GROUPS,
  DEMO_UNITS,
  demoId,
  DemoMembership,
  DemoRole,
  demoUnit,
  DemoUnitType,
  hoursAfter,
  isSchoolType,
  orgId,
  seedOnce,
} from '@zjjt/demo';
import {
  BulletinKind,
  BulletinStatus,
  GroupType,
  MembershipAction,
  MembershipConsent,
  MembershipRole,
  MembershipStatus,
  NoticeKind,
  OrganizationType,
  ROLE_LABEL,
  ROLE_RANK,
} from './enums';
import { CouncilTerm } from './group/council-term.entity';
import { GroupDesignation } from './group/designation.entity';
import { Group } from './group/group.entity';
import { MembershipEvent } from './membership/membership-event.entity';
import { Membership } from './membership/membership.entity';
import { Attachment, Notice } from './notice/notice.entity';
import { NoticeRead } from './notice/notice-read.entity';
import { Bulletin } from './portal/bulletin.entity';
import { Meeting, MeetingParticipant } from './meeting/meeting.entity';
import { meetingRows } from './meeting/meeting.seed';
import { Organization } from './organization/organization.entity';

/** A China-time moment as the ISO string members' entities hold. */
const at = (date: string, time: string) => chinaTime(date, time).toISOString();

/**
 * Members' part of the demo: the demo groups and units of @zjjt/demo (the one source every seed
 * and test reads) as rows of this database, with what only members keeps — each group's council
 * terms, designations and notices (with their entries in the audit log), each unit's address and contact, the membership history.
 * Ids are derived, not random, so other subgraphs and scripts point at the same rows without
 * reading this database:
 *   organization `<slug>` · group `<code>` · council-term `<code>:<number>` · designation `<code>:<n>`
 *   membership `<code>:<slug>` · membership-event `<code>:<slug>:<n>` · notice `<code>:<n>` · bulletin `<code>:<n>` · notice-read `<code>:<n>:<slug>`
 *   audit entry: `audit` of the notice's id
 */
const { ENTERPRISE } = OrganizationType;
const { MEMBER } = MembershipRole;

// The demo's types, roles and consents as this subgraph's enums: a demo value members does not know does not compile.
const TYPE: Record<DemoUnitType, OrganizationType> = {
  HIGHER_VOCATIONAL: OrganizationType.HIGHER_VOCATIONAL,
  SECONDARY_VOCATIONAL: OrganizationType.SECONDARY_VOCATIONAL,
  TECHNICIAN_COLLEGE: OrganizationType.TECHNICIAN_COLLEGE,
  ENTERPRISE,
  INDUSTRY_ASSOCIATION: OrganizationType.INDUSTRY_ASSOCIATION,
  GOVERNMENT: OrganizationType.GOVERNMENT,
  RESEARCH_INSTITUTE: OrganizationType.RESEARCH_INSTITUTE,
};
const ROLE: Record<DemoRole, MembershipRole> = {
  CHAIR: MembershipRole.CHAIR,
  VICE_CHAIR: MembershipRole.VICE_CHAIR,
  SECRETARIAT_HOST: MembershipRole.SECRETARIAT_HOST,
  STANDING_DIRECTOR: MembershipRole.STANDING_DIRECTOR,
  DIRECTOR: MembershipRole.DIRECTOR,
  MEMBER,
};
const CONSENT: Record<NonNullable<DemoMembership['consent']>, MembershipConsent> = {
  APPLIED: MembershipConsent.APPLIED,
  CONFIRMED: MembershipConsent.CONFIRMED,
};

// GB/T 2260 code → place written in an address, telephone area code.
const REGIONS: Record<string, [place: string, area: string]> = {
  '370100': ['济南市', '0531'],
  '370102': ['济南市历下区', '0531'],
  '370103': ['济南市市中区', '0531'],
  '370104': ['济南市槐荫区', '0531'],
  '370105': ['济南市天桥区', '0531'],
  '370112': ['济南市历城区', '0531'],
  '370113': ['济南市长清区', '0531'],
  '370114': ['济南市章丘区', '0531'],
  '370203': ['青岛市市北区', '0532'],
  '370211': ['青岛市黄岛区', '0532'],
  '370212': ['青岛市崂山区', '0532'],
  '370213': ['青岛市李沧区', '0532'],
  '370214': ['青岛市城阳区', '0532'],
  '370215': ['青岛市即墨区', '0532'],
  '370302': ['淄博市淄川区', '0533'],
  '370303': ['淄博市张店区', '0533'],
  '370305': ['淄博市临淄区', '0533'],
  '370402': ['枣庄市市中区', '0632'],
  '370502': ['东营市东营区', '0546'],
  '370602': ['烟台市芝罘区', '0535'],
  '370613': ['烟台市莱山区', '0535'],
  '370702': ['潍坊市潍城区', '0536'],
  '370703': ['潍坊市寒亭区', '0536'],
  '370705': ['潍坊市奎文区', '0536'],
  '370782': ['诸城市', '0536'],
  '370811': ['济宁市任城区', '0537'],
  '370812': ['济宁市兖州区', '0537'],
  '370902': ['泰安市泰山区', '0538'],
  '371002': ['威海市环翠区', '0631'],
  '371102': ['日照市东港区', '0633'],
  '371302': ['临沂市兰山区', '0539'],
  '371311': ['临沂市罗庄区', '0539'],
  '371402': ['德州市德城区', '0534'],
  '371502': ['聊城市东昌府区', '0635'],
  '371602': ['滨州市滨城区', '0543'],
  '371702': ['菏泽市牡丹区', '0530'],
};

interface NoticeSpec {
  kind: NoticeKind;
  title: string;
  documentNumber: string | null;
  body: string;
  attachments: Attachment[];
  publishedAt: string;
  readers: string[];
}

/** What members alone keeps of a demo group, besides its memberships. */
interface GroupDetails {
  shortName: string;
  type: GroupType;
  approvingAuthority: string;
  description: string;
  designations: [title: string, issuer: string, awardedOn: string][];
  terms: [startsOn: string, endsOn: string | null][];
  notices: NoticeSpec[];
}

const FOUNDED = '2012-05-18';

/** The demo portal of sdjx: join instructions, two published items and a draft (ids `bulletin` `<code>:<n>`). */
const PORTAL: Record<string, { joinInstructions: string; bulletins: Omit<Bulletin, 'id' | 'groupId' | 'createdBy' | 'changedBy'>[] }> = {
  sdjx: {
    joinInstructions:
      '凡在山东省内依法登记、从事机械装备制造及相关领域的企业、职业院校、行业协会和科研机构，认同集团章程的，均可申请加入。\n请在门户提交入会咨询，秘书处将在 10 个工作日内与您联系。',
    bulletins: [
      {
        kind: BulletinKind.BULLETIN,
        title: '集团简报（2025年第1期）',
        cover: '第二届理事会第七次会议召开；新增成员单位 3 家；企业职工技能培训开班。',
        body: '一、第二届理事会第七次会议在山东省示范机械工程技师学院（演示）召开。\n二、集团新增成员单位 3 家。\n三、2025 年企业职工技能培训首期开班。',
        attachments: [{ name: '集团简报2025-1.pdf', reference: '/files/members/bulletins/2025-1.pdf' }],
        status: BulletinStatus.PUBLISHED,
        publishedAt: '2025-02-10T02:00:00.000Z',
        changedAt: '2025-02-10T02:00:00.000Z',
      },
      {
        kind: BulletinKind.NEWS,
        title: '集团成员单位在省职业技能大赛数控车项目中获奖',
        cover: '集团 4 所成员院校选手参赛，获一等奖 1 项、二等奖 2 项。',
        body: '在2025年省职业技能大赛数控车项目中，集团成员院校选手获一等奖 1 项、二等奖 2 项。',
        attachments: [],
        status: BulletinStatus.PUBLISHED,
        publishedAt: '2025-06-18T08:00:00.000Z',
        changedAt: '2025-06-18T08:00:00.000Z',
      },
      {
        kind: BulletinKind.BULLETIN,
        title: '集团简报（2025年第2期）（草稿）',
        cover: '上半年工作综述。',
        body: '草稿，待秘书处审定。',
        attachments: [],
        status: BulletinStatus.DRAFT,
        publishedAt: null,
        changedAt: '2025-07-01T02:00:00.000Z',
      },
    ],
  },
};

const DETAILS: Record<string, GroupDetails> = {
  sdjx: {
    shortName: '鲁机职教集团',
    type: GroupType.INDUSTRY,
    approvingAuthority: '山东省人力资源和社会保障厅',
    description:
      '由山东省示范机械工程技师学院牵头，联合全省机械装备制造企业、职业院校、行业协会和科研机构组建的行业型职业教育集团，围绕数控加工、智能制造、汽车制造等专业开展订单培养、实训基地共建和企业职工技能培训。',
    designations: [
      ['省级骨干职教集团', '山东省教育厅', '2019-11-20'],
      ['示范性职业教育集团培育单位', '教育部', '2021-01-15'],
    ],
    terms: [
      [FOUNDED, '2018-05-31'],
      ['2018-06-01', null],
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
  },
  qdzz: {
    shortName: '青岛智造职教集团',
    type: GroupType.REGIONAL,
    approvingAuthority: '青岛市教育局',
    description:
      '由青岛示范职业技术学院牵头，联合青岛市智能制造企业、技工院校和行业协会组建的区域型职业教育集团，聚焦工业机器人、智能产线运维等岗位开展订单培养和技术服务。',
    designations: [],
    terms: [['2020-09-15', null]],
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
  },
};

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const GIVEN_NAMES = [
  '建国',
  '海燕',
  '志强',
  '秀兰',
  '明辉',
  '晓东',
  '立新',
  '春梅',
  '国栋',
  '丽娟',
  '文涛',
  '红霞',
  '振华',
  '淑英',
  '永刚',
  '静怡',
  '卫东',
  '玉珍',
  '德胜',
  '雪莲',
];
const ROADS = ['工业北路', '经十路', '世纪大道', '科技路', '开发区大道', '黄河路', '泰山路', '长江路', '创业路', '新华路'];
const CHINESE_NUMBERS = '〇一二三四五六七八九';
const GENERIC_STATEMENTS: Record<'school' | 'unit', string[]> = {
  school: [
    '我校开设数控技术、机电一体化技术等专业，申请加入集团，深化校企合作、共建实训基地。',
    '我校希望依托集团企业资源开展订单培养和教师企业实践，特申请入会。',
  ],
  unit: [
    '我单位长期从事机械装备制造，愿与集团院校共建实训基地、开设订单班，申请加入集团。',
    '我单位愿接收院校学生顶岗实习并选派技术骨干担任兼职教师，特申请入会。',
    '我单位希望依托集团开展职工技能培训和技能等级认定，申请成为成员单位。',
  ],
};

interface Rows {
  organizations: Organization[];
  groups: Group[];
  designations: GroupDesignation[];
  terms: CouncilTerm[];
  memberships: Membership[];
  events: MembershipEvent[];
  notices: Notice[];
  reads: NoticeRead[];
  bulletins: Bulletin[];
}

function buildRows(): Rows {
  const rows: Rows = { organizations: [], groups: [], designations: [], terms: [], memberships: [], events: [], notices: [], reads: [], bulletins: [] };
  const firstSeen = new Map<string, string>();
  // The first group that lists a unit registered it on the hub.
  const creator = new Map<string, string>();
  for (const group of DEMO_GROUPS) for (const spec of group.members) if (!creator.has(spec.org)) creator.set(spec.org, demoId('group', group.code));
  let sequence = 0;

  for (const demo of DEMO_GROUPS) {
    const group = { ...demo, ...DETAILS[demo.code] };
    const groupId = demoId('group', group.code);
    const created = at(group.foundedOn, '08:00');
    rows.groups.push({
      id: groupId,
      code: group.code,
      name: group.name,
      shortName: group.shortName,
      type: group.type,
      leadOrganizationId: orgId(group.lead),
      approvingAuthority: group.approvingAuthority,
      foundedOn: group.foundedOn,
      region: group.region,
      description: group.description,
      joinInstructions: PORTAL[group.code]?.joinInstructions ?? null,
      createdAt: created,
      updatedAt: created,
    });
    group.designations.forEach(([title, issuer, awardedOn], i) =>
      rows.designations.push({ id: demoId('designation', `${group.code}:${i + 1}`), groupId, title, issuer, awardedOn }),
    );
    const terms = group.terms.map(([startsOn, endsOn], i) => ({
      id: demoId('council-term', `${group.code}:${i + 1}`),
      groupId,
      number: i + 1,
      startsOn,
      endsOn,
    }));
    rows.terms.push(...terms);

    for (const member of group.members) {
      const spec = { ...member, role: ROLE[member.role], was: member.was && ROLE[member.was], consent: member.consent && CONSENT[member.consent] };
      sequence += 1;
      const key = `${group.code}:${spec.org}`;
      const membershipId = demoId('membership', key);
      const type = demoUnit(spec.org).type;
      const founding = spec.joinedOn === group.foundedOn;
      const registeredHere = creator.get(spec.org) === groupId;
      if (!registeredHere && !spec.consent) throw new Error(`demo membership ${key}: the unit came from another group, so it needs its own consent`);
      const consent = registeredHere ? MembershipConsent.REGISTERED : spec.consent!;
      // Founders were registered by the secretariat, which records the application date as the join date.
      const appliedOn = spec.appliedOn ?? (founding ? group.foundedOn : addDays(spec.joinedOn!, -(14 + ((sequence * 9) % 28))));
      const statement = founding
        ? null
        : (spec.statement ?? GENERIC_STATEMENTS[isSchoolType(type) ? 'school' : 'unit'][sequence % (isSchoolType(type) ? 2 : 3)]);
      const joinedOn = spec.joinedOn ?? null;
      const exitedOn = spec.exit?.[0] ?? null;
      const initialRole = spec.was ?? spec.role;
      const status = spec.reject
        ? MembershipStatus.REJECTED
        : !joinedOn
          ? MembershipStatus.PENDING
          : exitedOn
            ? MembershipStatus.EXITED
            : MembershipStatus.ACTIVE;

      const events: MembershipEvent[] = [];
      const record = (
        action: MembershipAction,
        from: [MembershipStatus, MembershipRole] | null,
        to: [MembershipStatus, MembershipRole],
        effectiveOn: string,
        time: string,
        reason: string | null,
      ) =>
        events.push({
          id: demoId('membership-event', `${key}:${events.length + 1}`),
          membershipId,
          action,
          fromStatus: from?.[0] ?? null,
          toStatus: to[0],
          fromRole: from?.[1] ?? null,
          toRole: to[1],
          reason,
          effectiveOn,
          actorUserId: 'seed',
          at: at(effectiveOn, time),
        });

      if (founding) {
        record(MembershipAction.REGISTERED, null, [MembershipStatus.ACTIVE, initialRole], appliedOn, '09:30', '集团成立，作为发起单位登记入会');
        if (consent === MembershipConsent.CONFIRMED)
          record(
            MembershipAction.CONFIRMED,
            [MembershipStatus.ACTIVE, initialRole],
            [MembershipStatus.ACTIVE, initialRole],
            appliedOn,
            '10:30',
            '单位确认集团登记的成员资格',
          );
      } else {
        record(MembershipAction.APPLIED, null, [MembershipStatus.PENDING, initialRole], appliedOn, '10:00', statement);
        if (joinedOn)
          record(MembershipAction.APPROVED, [MembershipStatus.PENDING, initialRole], [MembershipStatus.ACTIVE, initialRole], joinedOn, '15:00', null);
        if (spec.reject)
          record(
            MembershipAction.REJECTED,
            [MembershipStatus.PENDING, initialRole],
            [MembershipStatus.REJECTED, initialRole],
            spec.reject[0],
            '15:00',
            spec.reject[1],
          );
      }

      // Council units are re-elected (or promoted) at each new term; ordinary members stay on the term they joined in.
      let term = joinedOn ? [...terms].reverse().find((t) => t.startsOn <= joinedOn)! : null;
      let role = initialRole;
      for (const next of terms) {
        if (!term || next.number <= term.number || (exitedOn && next.startsOn > exitedOn) || spec.role === MEMBER) continue;
        const label = `第${CHINESE_NUMBERS[next.number]}届理事会`;
        const reason =
          role === spec.role ? `${label}换届，继续担任${ROLE_LABEL[role]}` : `${label}第一次会议选举，由${ROLE_LABEL[role]}增补为${ROLE_LABEL[spec.role]}`;
        record(MembershipAction.ROLE_CHANGED, [MembershipStatus.ACTIVE, role], [MembershipStatus.ACTIVE, spec.role], next.startsOn, '11:00', reason);
        term = next;
        role = spec.role;
      }
      if (spec.exit) record(MembershipAction.EXITED, [MembershipStatus.ACTIVE, role], [MembershipStatus.EXITED, role], spec.exit[0], '16:00', spec.exit[1]);

      rows.events.push(...events);
      rows.memberships.push({
        id: membershipId,
        groupId,
        organizationId: orgId(spec.org),
        role,
        roleRank: ROLE_RANK[role],
        status,
        councilTermId: term?.id ?? null,
        appliedOn,
        joinedOn,
        exitedOn,
        exitReason: spec.exit?.[1] ?? null,
        rejectionReason: spec.reject?.[1] ?? null,
        statement,
        consent,
        createdAt: events[0].at,
        updatedAt: events[events.length - 1].at,
      });
      const seen = firstSeen.get(spec.org);
      if (!seen || appliedOn < seen) firstSeen.set(spec.org, appliedOn);
    }

    (PORTAL[group.code]?.bulletins ?? []).forEach((spec, i) =>
      rows.bulletins.push({ id: demoId('bulletin', `${group.code}:${i + 1}`), groupId, ...spec, createdBy: 'seed', changedBy: 'seed' }),
    );
    group.notices.forEach((spec, i) => {
      const key = `${group.code}:${i + 1}`;
      const noticeId = demoId('notice', key);
      rows.notices.push({
        id: noticeId,
        groupId,
        kind: spec.kind,
        title: spec.title,
        documentNumber: spec.documentNumber,
        body: spec.body,
        attachments: spec.attachments,
        publishedAt: spec.publishedAt,
        publishedBy: 'seed',
      });
      spec.readers.forEach((slug, j) =>
        rows.reads.push({
          id: demoId('notice-read', `${key}:${slug}`),
          noticeId,
          organizationId: orgId(slug),
          readBy: 'seed',
          readAt: hoursAfter(spec.publishedAt, 2 + j * 5),
        }),
      );
    });
  }

  DEMO_UNITS.forEach(({ slug, type: demoType, name, region, uscc, industry, size }, i) => {
    const type = TYPE[demoType];
    const seen = firstSeen.get(slug);
    if (!seen) throw new Error(`demo organization ${slug} belongs to no group`);
    const [place, area] = REGIONS[region];
    const enterprise = type === ENTERPRISE;
    const created = at(seen, '09:00');
    rows.organizations.push({
      id: orgId(slug),
      name,
      uscc,
      type,
      region,
      industry,
      aboveDesignatedSize: enterprise && size !== undefined,
      fortune500: enterprise && size === 'F',
      website: `https://www.${slug}.example.cn`,
      address: `山东省${place}${ROADS[i % ROADS.length]}${100 + ((i * 37) % 900)}号`,
      contactPerson: SURNAMES[i % SURNAMES.length] + GIVEN_NAMES[(i * 7 + 3) % GIVEN_NAMES.length],
      contactPhone: `${area}-8${String((i * 7919 + 1_204_381) % 10_000_000).padStart(7, '0')}`,
      contactEmail: `${isSchoolType(type) ? 'xqhz' : enterprise ? 'hr' : 'office'}@${slug}.example.cn`,
      updatedBy: 'seed',
      createdByGroupId: creator.get(slug)!,
      createdBy: 'seed',
      createdAt: created,
      updatedAt: created,
    });
  });
  return rows;
}

/** The demo trail: each seeded notice as its secretariat's `publishNotice` left it in the audit log. */
function noticeAudit(notice: Notice): AuditEntry {
  return Object.assign(new AuditEntry(), {
    id: demoId('audit', notice.id),
    groupId: notice.groupId,
    at: notice.publishedAt,
    userId: notice.publishedBy,
    organizationId: null,
    roleList: 'SECRETARIAT',
    byService: false,
    operation: 'publishNotice',
    entityType: 'Notice',
    entityId: notice.id,
    changeList: JSON.stringify(diffForAudit(null, notice)),
  });
}

/** Fills an empty members database with the demo groups; false (and nothing written) when any group exists. */
export function seedDemo(db: DataSource): Promise<boolean> {
  return seedOnce(db, Group, () => {
    const rows = buildRows();
    const meetings = meetingRows();
    return [
      [Organization, rows.organizations],
      [Group, rows.groups],
      [GroupDesignation, rows.designations],
      [CouncilTerm, rows.terms],
      [Membership, rows.memberships],
      [MembershipEvent, rows.events],
      [Notice, rows.notices],
      [NoticeRead, rows.reads],
      [Bulletin, rows.bulletins],
      [Meeting, meetings.meetings],
      [MeetingParticipant, meetings.participants],
      [AuditEntry, rows.notices.map(noticeAudit)],
    ];
  });
}
