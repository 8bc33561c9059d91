import { randomUUID } from 'node:crypto';
import { DEMO } from '@zjjt/demo';
import { openDataSource, readDatabase } from '@zjjt/kit';
import { usccCheckCharacter } from '../subgraphs/members/src/organization/uscc';
import { codesOf, dataOf, expectEach, recordAcceptedSubmission, startTestHub, TestHub, usccOf } from './harness';

// The portal (门户网站): bulletins and news with drafts kept to the group's secretariat, the group's
// public profile and member counts, the public figures of its last accepted report (statistics, by
// federation), join instructions, and join inquiries from units not on the hub — rate-limited per
// client address, answered alike whether or not the unit is known, contact data sealed and shown
// only to the group's secretariat, turned into a join application or declined.
let hub: TestHub;
const t: Record<string, string> = {};
const G1 = DEMO.groupId;
const G2 = DEMO.secondGroupId;
/** Inquiries kept per client address in the window; every inquiry of this file comes from loopback. */
const PER_ADDRESS = 4;

beforeAll(async () => {
  hub = await startTestHub({ JOIN_INQUIRY_LIMIT_PER_ADDRESS: String(PER_ADDRESS) });
  t.sec1 = await hub.token({ sub: 'portal-sec1', roles: ['SECRETARIAT'], groups: [G1], org: DEMO.secretariatOrgId });
  t.sec2 = await hub.token({ sub: 'portal-sec2', roles: ['SECRETARIAT'], groups: [G2], org: DEMO.secondGroupSecretariatOrgId });
  t.member1 = await hub.token({ sub: 'portal-mem1', roles: ['MEMBER'], groups: [G1], org: DEMO.memberOrgId });
  t.member2 = await hub.token({ sub: 'portal-mem2', roles: ['MEMBER'], groups: [G2], org: DEMO.secondGroupSecretariatOrgId });
  t.bot = await hub.token({ sub: 'portal-bot', roles: ['REPORTER'], groups: [G1] });
}, 120000);

afterAll(async () => {
  await hub?.stop();
});

const BULLETIN = /* GraphQL */ `id kind title cover body status publishedAt attachments { name reference }`;
const create = (groupId: string, title: string, token?: string) =>
  hub.gql(
    `mutation($input: CreateBulletinInput!) { createBulletin(input: $input) { ${BULLETIN} } }`,
    {
      input: {
        groupId,
        kind: 'BULLETIN',
        title,
        cover: '封面摘要（测试）',
        body: '正文（测试）',
        attachments: [{ name: '简报.pdf', reference: '/files/members/bulletins/test.pdf' }],
      },
    },
    token,
  );
const bulletinById = async (id: string, token?: string) => dataOf(await hub.gql(`query($id: ID!) { bulletin(id: $id) { id status } }`, { id }, token)).bulletin;
const portalItems = async (groupId: string, token?: string, args = 'first: 100') =>
  dataOf(
    await hub.gql(
      `query($g: ID!) { group(id: $g) { bulletins(${args}) { totalCount pageInfo { hasNextPage endCursor } edges { node { id title status publishedAt } } } } }`,
      { g: groupId },
      token,
    ),
  ).group?.bulletins;
const titles = (page: any) => page.edges.map((e: any) => e.node.title);

describe('bulletins and news: drafts stay with the secretariat, published items are on the portal', () => {
  it('a draft is seen only by its group’s secretariat; once published anyone who may see the group reads it, newest first, paginated', async () => {
    const draft = dataOf(await create(G1, '集团简报（测试草稿）', t.sec1)).createBulletin;
    expect(draft).toMatchObject({ status: 'DRAFT', publishedAt: null, attachments: [{ name: '简报.pdf', reference: '/files/members/bulletins/test.pdf' }] });

    expect(await bulletinById(draft.id, t.sec1)).toEqual({ id: draft.id, status: 'DRAFT' });
    for (const token of [undefined, t.member1, t.sec2, t.member2, t.bot]) expect(await bulletinById(draft.id, token)).toBeNull();
    const anonymous = await portalItems(G1);
    expectEach(anonymous.edges, (e: any) => e.node.status === 'PUBLISHED');
    expect(titles(anonymous)).not.toContain('集团简报（测试草稿）');
    // Asking for drafts gives a visitor or a member the published items all the same.
    expect(titles(await portalItems(G1, t.member1, 'status: DRAFT, first: 100'))).toEqual(titles(anonymous));
    expect(titles(await portalItems(G1, undefined, 'status: DRAFT, first: 100'))).toEqual(titles(anonymous));
    // The seeded draft and this one, for the secretariat.
    expect(titles(await portalItems(G1, t.sec1, 'status: DRAFT, first: 100'))).toEqual(['集团简报（测试草稿）', '集团简报（2025年第2期）（草稿）']);

    const edited = dataOf(
      await hub.gql(
        `mutation($id: ID!, $input: BulletinInput!) { updateBulletin(id: $id, input: $input) { ${BULLETIN} } }`,
        { id: draft.id, input: { kind: 'NEWS', title: '集团新闻（测试）', cover: '新的摘要', body: '改过的正文', attachments: [] } },
        t.sec1,
      ),
    ).updateBulletin;
    expect(edited).toMatchObject({ kind: 'NEWS', title: '集团新闻（测试）', cover: '新的摘要', attachments: [], status: 'DRAFT' });

    const published = dataOf(
      await hub.gql(`mutation($id: ID!) { publishBulletin(id: $id) { id status publishedAt } }`, { id: draft.id }, t.sec1),
    ).publishBulletin;
    expect(published.status).toBe('PUBLISHED');
    expect(await bulletinById(draft.id)).toEqual({ id: draft.id, status: 'PUBLISHED' });
    expect(await bulletinById(draft.id, t.member1)).toEqual({ id: draft.id, status: 'PUBLISHED' });
    // Another group's users do not see G1 at all, its published items included.
    expect(await bulletinById(draft.id, t.member2)).toBeNull();

    const all = await portalItems(G1);
    expect(all.totalCount).toBe(anonymous.totalCount + 1);
    expect(titles(all)[0]).toBe('集团新闻（测试）');
    // Pages of one: the hub's cursors walk the same list, with nothing repeated.
    const walked: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await portalItems(G1, undefined, after ? `first: 1, after: "${after}"` : 'first: 1');
      expect(page.edges).toHaveLength(1);
      walked.push(...titles(page));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(walked).toEqual(titles(all));

    const withdrawn = dataOf(await hub.gql(`mutation($id: ID!) { unpublishBulletin(id: $id) { status } }`, { id: draft.id }, t.sec1)).unpublishBulletin;
    expect(withdrawn.status).toBe('UNPUBLISHED');
    expect(await bulletinById(draft.id)).toBeNull();
    expect(titles(await portalItems(G1))).toEqual(titles(anonymous));
    // Publishing again keeps the first publication time.
    const again = dataOf(await hub.gql(`mutation($id: ID!) { publishBulletin(id: $id) { publishedAt } }`, { id: draft.id }, t.sec1)).publishBulletin;
    expect(again.publishedAt).toBe(published.publishedAt);
  });

  it('only the group’s secretariat writes: anonymous, a member, another group’s secretariat are refused and nothing changes', async () => {
    expect(codesOf(await create(G1, '匿名（测试）'))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await create(G1, '成员（测试）', t.member1))).toEqual(['FORBIDDEN']);
    expect(codesOf(await create(G1, '他组（测试）', t.sec2))).toEqual(['FORBIDDEN']);

    const draft = dataOf(await create(G1, '只给本组（测试）', t.sec1)).createBulletin;
    const input = { kind: 'NEWS', title: '被改了', body: '被改了' };
    const update = (token?: string) =>
      hub.gql(`mutation($id: ID!, $input: BulletinInput!) { updateBulletin(id: $id, input: $input) { id } }`, { id: draft.id, input }, token);
    const publish = (token?: string) => hub.gql(`mutation($id: ID!) { publishBulletin(id: $id) { id } }`, { id: draft.id }, token);
    // A draft another caller cannot see is NOT_FOUND to them (its existence is not revealed).
    for (const token of [t.sec2, t.member1]) {
      expect(codesOf(await update(token))).toEqual(['NOT_FOUND']);
      expect(codesOf(await publish(token))).toEqual(['NOT_FOUND']);
    }
    expect(codesOf(await publish())).toEqual(['NOT_FOUND']);
    dataOf(await publish(t.sec1));
    // Published: G1's member sees it but may not change it; G2's secretariat still does not see it.
    expect(codesOf(await update(t.member1))).toEqual(['FORBIDDEN']);
    expect(codesOf(await update(t.sec2))).toEqual(['NOT_FOUND']);
    expect(codesOf(await hub.gql(`mutation($id: ID!) { unpublishBulletin(id: $id) { id } }`, { id: draft.id }))).toEqual(['UNAUTHENTICATED']);
    expect(dataOf(await hub.gql(`query($id: ID!) { bulletin(id: $id) { title } }`, { id: draft.id })).bulletin.title).toBe('只给本组（测试）');

    // A bad attachment reference and a future publication time say what to change.
    const bad = await hub.gql(
      `mutation($input: CreateBulletinInput!) { createBulletin(input: $input) { id } }`,
      { input: { groupId: G1, title: '附件', body: '正文', attachments: [{ name: 'x', reference: 'javascript:alert(1)' }] } },
      t.sec1,
    );
    expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.body.errors?.[0].message).toMatch(/附件引用/);
    const other = dataOf(await create(G1, '未来（测试）', t.sec1)).createBulletin;
    const future = await hub.gql(`mutation($id: ID!) { publishBulletin(id: $id, publishedAt: "2999-01-01T00:00:00.000Z") { id } }`, { id: other.id }, t.sec1);
    expect(codesOf(future)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('the portal of a group, for anonymous visitors', () => {
  const PORTAL = /* GraphQL */ `name description leadOrganization { name } joinInstructions memberCounts { type count }
    publicFigures { year template figures { code label unit value } }`;
  const portal = async (code: string, token?: string) =>
    dataOf(await hub.gql(`query($c: String!) { groupByCode(code: $c) { ${PORTAL} } }`, { c: code }, token)).groupByCode;

  it('shows the public profile, member counts by type as the member list shows them, and the join instructions the secretariat sets', async () => {
    const seen = await portal(DEMO.groupCode);
    expect(seen.name).toContain('（演示）');
    expect(seen.leadOrganization.name).toContain('（演示）');
    expect(seen.joinInstructions).toMatch(/入会咨询/);
    expectEach(seen.memberCounts, (c: any) => c.count > 0);
    const listed = async (filter: string) =>
      dataOf(await hub.gql(`query($g: ID!) { group(id: $g) { members(first: 1${filter}) { totalCount } } }`, { g: G1 })).group.members.totalCount;
    expect(seen.memberCounts.reduce((sum: number, c: any) => sum + c.count, 0)).toBe(await listed(''));
    const enterprises = seen.memberCounts.find((c: any) => c.type === 'ENTERPRISE');
    expect(enterprises.count).toBe(await listed(', filter: { types: [ENTERPRISE] }'));

    const set = (text: string | null, token?: string) =>
      hub.gql(`mutation($g: ID!, $t: String) { setJoinInstructions(groupId: $g, text: $t) { joinInstructions } }`, { g: G2, t: text }, token);
    expect(codesOf(await set('他组改的', t.sec1))).toEqual(['FORBIDDEN']);
    expect(codesOf(await set('匿名改的'))).toEqual(['UNAUTHENTICATED']);
    expect(dataOf(await set('请填写入会咨询，秘书处将与您联系。', t.sec2)).setJoinInstructions.joinInstructions).toBe('请填写入会咨询，秘书处将与您联系。');
    expect((await portal(DEMO.secondGroupCode)).joinInstructions).toBe('请填写入会咨询，秘书处将与您联系。');
  });

  it('shows the public figures of the last ACCEPTED submission only: group totals, nothing per unit, no money', async () => {
    expect((await portal(DEMO.secondGroupCode)).publicFigures).toBeNull();
    const fields = (members: string, money: string) => [
      { code: 'JT0101', value: members },
      { code: 'JT0102', value: '40' },
      { code: 'JT0210', value: money },
      { code: 'JT0301', value: '71234' },
    ];
    await recordAcceptedSubmission(hub, { groupId: G2, year: 2023, target: 'national', template: 'NATIONAL_2023', version: 1, fields: fields('50', '1.00') });
    await recordAcceptedSubmission(hub, { groupId: G2, year: 2024, target: 'national', template: 'NATIONAL_2024', version: 1, fields: fields('60', '2.00') });
    // A later submission the platform has not accepted (rejected) never reaches the portal.
    const db = await openDataSource(readDatabase(hub.env, 'statistics'), { entities: [], migrations: [] });
    try {
      await db
        .createQueryBuilder()
        .insert()
        .into('submission')
        .values({
          id: randomUUID(),
          groupId: G2,
          year: 2025,
          template: 'NATIONAL_2025',
          target: 'national',
          version: 1,
          status: 'REJECTED',
          payload: JSON.stringify({ fields: fields('999', '9.00') }),
          payloadSha256: '0'.repeat(64),
          idempotencyKey: randomUUID(),
          attempts: 1,
          warnings: '[]',
          diff: '[]',
          createdBy: 'reporting-bot',
          createdAt: '2026-03-01T00:00:00.000Z',
          updatedAt: '2026-03-02T00:00:00.000Z',
        })
        .execute();
    } finally {
      await db.destroy();
    }
    const expected = {
      year: 2024,
      template: 'NATIONAL_2024',
      figures: [
        { code: 'JT0101', label: '成员单位总数', unit: '个', value: '60' },
        { code: 'JT0102', label: '其中：企业', unit: '个', value: '40' },
        { code: 'JT0105', label: '其中：院校', unit: '个', value: null },
        { code: 'JT0201', label: '订单班学生数', unit: '人', value: null },
        { code: 'JT0301', label: '社会培训', unit: '人次', value: '71234' },
        { code: 'JT0305', label: '技能鉴定通过人数', unit: '人', value: null },
      ],
    };
    expect((await portal(DEMO.secondGroupCode)).publicFigures).toEqual(expected);
    // The same for the group's members; a user of another group does not see the group at all.
    expect((await portal(DEMO.secondGroupCode, t.member2)).publicFigures).toEqual(expected);
    expect(await portal(DEMO.secondGroupCode, t.member1)).toBeNull();
  });
});

describe('join inquiries from the portal', () => {
  const newUscc = (n: number) => {
    const first17 = `91370212MA${String(n).padStart(7, '0')}`;
    return first17 + usccCheckCharacter(first17);
  };
  const PHONE = '13912345678';
  const inquiry = (groupId: string, uscc: string, extra: Record<string, unknown> = {}) => ({
    groupId,
    unitName: '青岛测试精密机械有限公司（测试）',
    uscc,
    contactName: '王测试',
    contactPhone: PHONE,
    contactEmail: 'wang@example.cn',
    message: '我单位希望加入集团，开展订单班合作。',
    ...extra,
  });
  const send = (input: Record<string, unknown>, token?: string) =>
    hub.gql(`mutation($input: JoinInquiryInput!) { sendJoinInquiry(input: $input) { received message } }`, { input }, token);
  const INQUIRY = /* GraphQL */ `id unitName uscc contactName contactPhone contactEmail message status declineReason membership { id status }`;
  const inquiries = async (groupId: string, token?: string) =>
    dataOf(await hub.gql(`query($g: ID!) { group(id: $g) { joinInquiries(first: 100) { totalCount edges { node { ${INQUIRY} } } } } }`, { g: groupId }, token))
      .group?.joinInquiries;

  it('answers alike for a new and a known unit, keeps the contact sealed, shows it only to the group’s secretariat, becomes a join application or is declined; then the address is rate-limited', async () => {
    const fresh = newUscc(4242);
    const known = await usccOf(hub, DEMO.memberOrgId, t.sec1);
    // A bad USCC is refused with what to fix, and not counted against the limit.
    const bad = await send(inquiry(G1, fresh.slice(0, 17) + (fresh[17] === '0' ? '1' : '0')));
    expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);

    const first = dataOf(await send(inquiry(G1, fresh))).sendJoinInquiry;
    const second = dataOf(await send(inquiry(G1, known, { unitName: '济南示范激光装备有限公司（演示）' }))).sendJoinInquiry;
    expect(second).toEqual(first);
    expect(first.received).toBe(true);

    const listed = await inquiries(G1, t.sec1);
    expect(listed.totalCount).toBe(2);
    expectEach(listed.edges, (e: any) => e.node.contactPhone === PHONE && e.node.contactName === '王测试' && e.node.status === 'NEW', 2);
    for (const token of [undefined, t.member1]) expect(await inquiries(G1, token)).toBeNull();
    expect(await inquiries(G1, t.sec2)).toBeUndefined(); // G2's secretariat does not see G1 at all
    expect((await inquiries(G2, t.sec2)).totalCount).toBe(0);

    // Sealed at rest: the phone, name and e-mail are not in the row, nor in any log line.
    const db = await openDataSource(readDatabase(hub.env, 'members'), { entities: [], migrations: [] });
    try {
      const rows: Record<string, unknown>[] = await db.query('SELECT * FROM join_inquiry');
      expectEach(rows, (row) => !JSON.stringify(row).includes(PHONE) && !JSON.stringify(row).includes('王测试') && !JSON.stringify(row).includes('wang@'), 2);
    } finally {
      await db.destroy();
    }
    expect(hub.logs.filter((line) => line.includes(PHONE))).toEqual([]);

    const fromFresh = listed.edges.find((e: any) => e.node.uscc === fresh).node;
    const fromKnown = listed.edges.find((e: any) => e.node.uscc === known).node;
    const convert = (id: string, token?: string) =>
      hub.gql(
        `mutation($input: ConvertJoinInquiryInput!) { convertJoinInquiry(input: $input) { id status statement organization { name uscc contact { contactPerson contactPhone } } } }`,
        { input: { inquiryId: id, type: 'ENTERPRISE', region: '370212', industry: '通用设备制造业' } },
        token,
      );
    expect(codesOf(await convert(fromFresh.id, t.sec2))).toEqual(['NOT_FOUND']);
    expect(codesOf(await convert(fromFresh.id, t.member1))).toEqual(['FORBIDDEN']);
    expect(codesOf(await convert(fromFresh.id))).toEqual(['UNAUTHENTICATED']);
    const application = dataOf(await convert(fromFresh.id, t.sec1)).convertJoinInquiry;
    expect(application).toMatchObject({
      status: 'PENDING',
      statement: '我单位希望加入集团，开展订单班合作。',
      organization: { name: '青岛测试精密机械有限公司（测试）', uscc: fresh, contact: { contactPerson: '王测试', contactPhone: PHONE } },
    });
    expect(codesOf(await convert(fromFresh.id, t.sec1))).toEqual(['CONFLICT']);

    // The known unit is already an active member of G1: the secretariat learns it only now, from its own group's records.
    expect(codesOf(await convert(fromKnown.id, t.sec1))).toEqual(['CONFLICT']);
    const decline = (token?: string) =>
      hub.gql(`mutation($id: ID!) { declineJoinInquiry(id: $id, reason: "已是本集团成员单位") { status declineReason } }`, { id: fromKnown.id }, token);
    expect(codesOf(await decline(t.sec2))).toEqual(['NOT_FOUND']);
    expect(dataOf(await decline(t.sec1)).declineJoinInquiry).toEqual({ status: 'DECLINED', declineReason: '已是本集团成员单位' });

    const after = await inquiries(G1, t.sec1);
    expect(after.edges.map((e: any) => [e.node.uscc, e.node.status]).sort()).toEqual(
      [
        [fresh, 'CONVERTED'],
        [known, 'DECLINED'],
      ].sort(),
    );
    expect(after.edges.find((e: any) => e.node.uscc === fresh).node.membership).toEqual({ id: application.id, status: 'PENDING' });

    // The address has sent 2 of PER_ADDRESS; to another group counts too; the next is refused, and nothing is stored for it.
    for (let i = 2; i < PER_ADDRESS; i += 1) dataOf(await send(inquiry(G2, newUscc(5000 + i))));
    const refused = await send(inquiry(G2, newUscc(6000)));
    expect(codesOf(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.body.errors?.[0].message).toMatch(/咨询提交过于频繁/);
    expect((await inquiries(G2, t.sec2)).totalCount).toBe(PER_ADDRESS - 2);
    // An address header sent by the client is never passed on: the gateway forwards the address it saw.
    const spoofed = await hub.gql(
      `mutation($input: JoinInquiryInput!) { sendJoinInquiry(input: $input) { received } }`,
      { input: inquiry(G2, newUscc(6002)) },
      undefined,
      { 'x-client-address': '203.0.113.7', 'x-forwarded-for': '203.0.113.7' },
    );
    expect(codesOf(spoofed)).toEqual(['RATE_LIMITED']);
    // A signed-in caller from the same address is limited the same way.
    expect(codesOf(await send(inquiry(G1, newUscc(6001)), t.member1))).toEqual(['RATE_LIMITED']);
  });
});
