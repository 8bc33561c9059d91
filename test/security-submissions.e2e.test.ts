import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { DEMO } from '@zjjt/demo';
import { openDataSource, readDatabase } from '@zjjt/kit';
import { codesOf, dataOf, expectEach, startTestHub, TestHub, approveSchoolReturn, confirmReturnGaps } from './harness';

// SECURITY.md, "Submissions to the platforms": the figures frozen and sent are the figures the hub
// computes at that moment, never a client's; a report never fails because of one extreme row.

let hub: TestHub;
const tokens: Record<string, string> = {};
const G = DEMO.groupId;
const YEAR = 2025;
/**
 * Ledger rows of this year are this file's own, so the 2025 report the freeze tests use stays as seeded;
 * the earliest year a national template version (NATIONAL_2023) covers.
 */
const LEGACY_YEAR = 2023;

beforeAll(async () => {
  hub = await startTestHub();
  tokens.secretariat = await hub.token({ sub: 'sub-sec', roles: ['SECRETARIAT'], groups: [G], org: DEMO.secretariatOrgId });
  tokens.school = await hub.token({ sub: 'sub-school', roles: ['MEMBER'], groups: [G], org: DEMO.schoolOrgId });
  tokens.bot = await hub.token({ sub: 'sub-bot', roles: ['REPORTER'], groups: [G] });
  tokens.otherGroup = await hub.token({ sub: 'sub-sec2', roles: ['SECRETARIAT'], groups: [DEMO.secondGroupId], org: DEMO.secondGroupSecretariatOrgId });
  await approveSchoolReturn(hub, G, YEAR, { secretariat: tokens.secretariat, school: tokens.school });
  // The other members' returns are missing: the secretariat confirms the gap, so the figures from returns can be frozen.
  await confirmReturnGaps(hub, G, YEAR, tokens.secretariat);
}, 120000);

afterAll(async () => {
  await hub?.stop();
});

/** A subgraph's database, opened directly: rows stored before the per-row cap existed. */
async function withDb<T>(subgraph: string, run: (db: DataSource) => Promise<T>): Promise<T> {
  const db = await openDataSource(readDatabase(hub.env, subgraph), { entities: [], migrations: [] });
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}

const FILLED = /* GraphQL */ `query($g: ID!, $y: Int!) { annualReport(groupId: $g, year: $y) { filled(template: "NATIONAL_2025") { fields { code value } blocked } } }`;
/** As clients called it before: with their own copy of the figures. */
const FREEZE_COPY = /* GraphQL */ `mutation($g: ID!, $r: String!) { freezeReport(groupId: $g, year: ${YEAR}, template: "NATIONAL_2025", filledReport: $r) { unchanged submission { id version fields { code value } } } }`;
const FREEZE = /* GraphQL */ `mutation($g: ID!) { freezeReport(groupId: $g, year: ${YEAR}, template: "NATIONAL_2025") { unchanged submission { id version fields { code value } } } }`;
const SUBMISSIONS = /* GraphQL */ `query($g: ID!) { submissions(groupId: $g, year: ${YEAR}) { id version fields { code value } } }`;

describe('the frozen figures are the hub’s own', () => {
  it('refuses a copy with every count ×10 (or one figure changed) and stores nothing; without a copy it stores exactly annualReport.filled', async () => {
    const filled = dataOf(await hub.gql(FILLED, { g: G, y: YEAR }, tokens.bot)).annualReport.filled;
    expect(filled.blocked).toBe(false);
    expect(filled.fields).toHaveLength(53);
    const counts = filled.fields.filter((f: { value: string | null }) => f.value !== null && /^\d+$/.test(f.value) && f.value !== '0');
    expect(counts.length).toBeGreaterThan(10);

    const timesTen = filled.fields.map((f: { code: string; value: string | null }) =>
      f.value !== null && /^\d+$/.test(f.value) ? { ...f, value: String(Number(f.value) * 10) } : f,
    );
    const tampered = await hub.gql(FREEZE_COPY, { g: G, r: JSON.stringify({ fields: timesTen }) }, tokens.bot);
    expect(codesOf(tampered)).toEqual(['CONFLICT']);
    expect(tampered.body.errors![0].message).toMatch(/figures differ/);
    expect(tampered.body.errors![0].message).toContain(`${counts[0].code} `);

    const oneField = filled.fields.map((f: { code: string; value: string | null }) => (f.code === 'JT0207' ? { ...f, value: String(Number(f.value) + 1) } : f));
    const bySecretariat = await hub.gql(FREEZE_COPY, { g: G, r: JSON.stringify({ fields: oneField }) }, tokens.secretariat);
    expect(codesOf(bySecretariat)).toEqual(['CONFLICT']);
    expect(bySecretariat.body.errors![0].message).toMatch(/JT0207 共同开发课程：副本 \d+，枢纽计算 \d+/);
    expect(dataOf(await hub.gql(SUBMISSIONS, { g: G }, tokens.secretariat)).submissions).toHaveLength(0);

    const frozen = dataOf(await hub.gql(FREEZE, { g: G }, tokens.bot)).freezeReport;
    expect(frozen).toMatchObject({ unchanged: false, submission: { version: 1 } });
    expect(frozen.submission.fields).toEqual(filled.fields.map((f: { code: string; value: string | null }) => ({ code: f.code, value: f.value })));
    const stored = dataOf(await hub.gql(SUBMISSIONS, { g: G }, tokens.secretariat)).submissions;
    expect(stored).toHaveLength(1);
    expect(stored[0].fields).toEqual(frozen.submission.fields);

    // An honest copy agrees: nothing new (same SHA-256), and a tampered one still changes nothing.
    const honest = dataOf(await hub.gql(FREEZE_COPY, { g: G, r: JSON.stringify({ fields: filled.fields }) }, tokens.bot)).freezeReport;
    expect(honest).toMatchObject({ unchanged: true, submission: { id: frozen.submission.id } });
    expect(codesOf(await hub.gql(FREEZE_COPY, { g: G, r: JSON.stringify({ fields: timesTen }) }, tokens.bot))).toEqual(['CONFLICT']);
    expect(dataOf(await hub.gql(SUBMISSIONS, { g: G }, tokens.secretariat)).submissions).toHaveLength(1);
  });

  it('accepts a subgraph’s service token only when signed with its secret, for one group, as REPORTER, for at most 60 s', async () => {
    const now = Math.floor(Date.now() / 1000);
    const sign = (
      claims: Record<string, unknown>,
      { secret = hub.env.GATEWAY_SECRET, iss = 'statistics', aud = 'zjjt-hub-gateway', iat = now, exp = now + 30 } = {},
    ) =>
      new SignJWT({ roles: ['REPORTER'], groups: [G], ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(iss)
        .setAudience(aud)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(secret));
    const read = async (token: string, groupId = G) =>
      hub.gql(`query($g: ID!) { annualReport(groupId: $g, year: ${YEAR}) { groupId } }`, { g: groupId }, token);

    expect(dataOf(await read(await sign({}))).annualReport).toEqual({ groupId: G });
    expect(codesOf(await read(await sign({}), DEMO.secondGroupId))).toEqual(['FORBIDDEN']);
    const refused = [
      await sign({}, { secret: 'x'.repeat(48) }),
      await sign({}, { secret: hub.env.JWT_SECRET as string }),
      await sign({}, { iat: now, exp: now + 3600 }),
      await sign({}, { iat: now + 600, exp: now + 630 }),
      await sign({}, { aud: 'someone-else' }),
      await sign({ roles: ['SECRETARIAT'] }),
      await sign({ roles: ['REPORTER', 'AUTHORITY'] }),
      await sign({ groups: [G, DEMO.secondGroupId] }),
      await sign({ org: DEMO.schoolOrgId }),
    ];
    for (const token of refused) {
      const answer = await read(token);
      expect({ status: answer.status, codes: codesOf(answer) }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'] });
    }
    // A user token that merely names a subgraph as its issuer is checked as a service token, and refused.
    const userLike = await new SignJWT({ sub: 'mallory', roles: ['AUTHORITY'], groups: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('statistics')
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(new TextEncoder().encode(hub.env.JWT_SECRET));
    expect((await read(userLike)).status).toBe(401);
  });
});

const RECORD = /* GraphQL */ `mutation($input: CooperationInput!) { recordCooperation(input: $input) { id investment } }`;
const UPDATE = /* GraphQL */ `mutation($id: ID!, $input: CooperationInput!, $reason: String) { updateCooperation(id: $id, input: $input, reason: $reason) { id investment investmentReceived serviceIncome } }`;
const DELETE = /* GraphQL */ `mutation($id: ID!, $reason: String) { deleteCooperation(id: $id, reason: $reason) }`;
const AUDITS = /* GraphQL */ `query($g: ID!) { cooperationAudits(groupId: $g, first: 50) { totalCount edges { node { cooperationId action changedBy changedByOrganizationId bySecretariat reason year changedAt changes { field from to } } } } }`;
const SHARING = /* GraphQL */ `query($g: ID!, $y: Int!) { annualReport(groupId: $g, year: $y) { sharing { cooperations investment investmentReceived serviceIncome } filled(template: "NATIONAL") { fields { code value } } } }`;

/** The ledger rows of the legacy year, as the secretariat sees them. */
const legacyRows = async () =>
  dataOf(
    await hub.gql(
      `query($g: ID!) { cooperations(groupId: $g, year: ${LEGACY_YEAR}, first: 100) { totalCount edges { node { id partnerUscc projectName investment } } } }`,
      { g: G },
      tokens.secretariat,
    ),
  ).cooperations;

describe('one extreme row never breaks the report', () => {
  const BIGGEST_OLD_INPUT = 999999999999999; // fen: "9999999999999.99", what the Money input accepted before the cap
  const rowIds: string[] = [];
  /** The unit that recorded the legacy rows, and their partner (who sees them but may not change them). */
  const units = { recorder: '', partner: '' };

  beforeAll(async () => {
    // Ten rows at the old input maximum and one of a fen, stored before rows were capped: their sum,
    // 9,999,999,999,999,991 fen, is beyond what a float holds to the fen (2^53).
    await withDb('resources', async (db) => {
      const [template] = await db.query(
        `SELECT * FROM cooperation WHERE groupId = ? AND year = ? AND organizationId NOT IN (?, ?) AND partnerId NOT IN (?, ?) ORDER BY id LIMIT 1`,
        [G, YEAR, DEMO.secretariatOrgId, DEMO.schoolOrgId, DEMO.secretariatOrgId, DEMO.schoolOrgId],
      );
      expect(template).toBeDefined();
      units.recorder = template.organizationId;
      units.partner = template.partnerId;
      for (let i = 0; i < 11; i += 1) {
        const id = randomUUID();
        rowIds.push(id);
        const amount = i < 10 ? BIGGEST_OLD_INPUT : 1;
        await db.query(
          `INSERT INTO cooperation (id, groupId, organizationId, partnerId, partnerUscc, year, projectName, investment, investmentReceived, equipmentValue, serviceIncome, recordedBy, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            id,
            G,
            template.organizationId,
            template.partnerId,
            template.partnerUscc,
            LEGACY_YEAR,
            `历史台账 ${i + 1}（测试）`,
            amount,
            amount,
            0,
            amount,
            'legacy-import',
            `2025-01-0${(i % 9) + 1}T08:00:00.000Z`,
          ],
        );
      }
    });
    // The same in the training ledgers (bases): eleven sessions whose revenue sums past 2^53 fen.
    await withDb('bases', async (db) => {
      const [session] = await db.query(`SELECT * FROM training_session WHERE groupId = ? AND year = ? ORDER BY id LIMIT 1`, [G, YEAR]);
      expect(session).toBeDefined();
      const columns = Object.keys(session);
      for (let i = 0; i < 11; i += 1) {
        const row = {
          ...session,
          id: randomUUID(),
          code: `LEGACY-${i + 1}`,
          year: LEGACY_YEAR,
          month: `${LEGACY_YEAR}-03`,
          startsOn: `${LEGACY_YEAR}-03-01`,
          endsOn: `${LEGACY_YEAR}-03-05`,
          revenue: i < 10 ? BIGGEST_OLD_INPUT : 1,
        };
        await db.query(
          `INSERT INTO training_session (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          columns.map((c) => row[c]),
        );
      }
    });
  });

  it('refuses a row above 10 亿元 with a message that says the limit, and stores nothing', async () => {
    const before = (await legacyRows()).totalCount;
    expect(before).toBe(11);
    const [row] = (await legacyRows()).edges;
    const input = { groupId: G, partnerUscc: row.node.partnerUscc, year: LEGACY_YEAR, projectName: '金额过大测试', investment: '9999999999999.99' };
    const refused = await hub.gql(RECORD, { input }, tokens.school);
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.body.errors![0].message).toBe(
      '金额过大（amount too large）：企业投入单笔不得超过 1,000,000,000.00 元，当前为 9,999,999,999,999.99 元，请核对单位（元）后重新填写',
    );
    const income = await hub.gql(RECORD, { input: { ...input, investment: '0', serviceIncome: '1000000000.01' } }, tokens.school);
    expect(income.body.errors![0].message).toMatch(/^金额过大（amount too large）：技术服务收入单笔不得超过 1,000,000,000.00 元/);
    expect((await legacyRows()).totalCount).toBe(before);
  });

  it('sums every row exactly, to the fen, and the filled template still formats the sum', async () => {
    const { sharing, filled } = dataOf(await hub.gql(SHARING, { g: G, y: LEGACY_YEAR }, tokens.bot)).annualReport;
    expect(sharing).toEqual({ cooperations: 11, investment: '99999999999999.91', investmentReceived: '99999999999999.91', serviceIncome: '99999999999999.91' });
    const field = (code: string) => filled.fields.find((f: { code: string }) => f.code === code)?.value;
    expect(field('JT0210')).toBe('10000000000.00'); // 万元, 9,999,999,999.999991 rounded half up
    expect(field('JT0306')).toBe('10000000000.00');
    const training = dataOf(
      await hub.gql(`query($g: ID!) { annualReport(groupId: $g, year: ${LEGACY_YEAR}) { training { sessions revenue revenueWan } } }`, { g: G }, tokens.bot),
    ).annualReport.training;
    expect(training).toEqual({ sessions: 11, revenue: '99999999999999.91', revenueWan: '10000000000.00' });
    expect(field('JT0303')).toBe('10000000000.00');
    const totals = dataOf(
      await hub.gql(
        `query($f: LedgerFilter) { trainingTotals(by: CATEGORY, filter: $f) { sessions revenue } }`,
        { f: { groupId: G, year: LEGACY_YEAR } },
        tokens.secretariat,
      ),
    ).trainingTotals;
    expect(totals).toEqual([{ sessions: 11, revenue: '99999999999999.91' }]);
    // The member and the secretariat read the same report without an error.
    expect(codesOf(await hub.gql(SHARING, { g: G, y: LEGACY_YEAR }, tokens.secretariat))).toEqual([]);
  });

  it('lets the secretariat correct and remove a wrong row of its group, with an audit row only the group reads', async () => {
    const [first, second] = rowIds;
    const row = (await legacyRows()).edges.find((e: { node: { id: string } }) => e.node.id === first).node;
    const corrected = {
      groupId: G,
      partnerUscc: row.partnerUscc,
      year: LEGACY_YEAR,
      projectName: row.projectName,
      investment: '999999.99',
      investmentReceived: '999999.99',
      serviceIncome: '999999.99',
    };

    // The partner sees the row but did not record it; G2's secretariat does not even see it; the secretariat must say why.
    const partner = await hub.token({ sub: 'sub-partner', roles: ['MEMBER'], groups: [G], org: units.partner });
    const recorder = await hub.token({ sub: 'sub-recorder', roles: ['MEMBER'], groups: [G], org: units.recorder });
    expect(codesOf(await hub.gql(UPDATE, { id: first, input: corrected, reason: '更正' }, partner))).toEqual(['FORBIDDEN']);
    expect(codesOf(await hub.gql(DELETE, { id: second, reason: '删除' }, partner))).toEqual(['FORBIDDEN']);
    expect(codesOf(await hub.gql(UPDATE, { id: first, input: corrected, reason: '更正' }, tokens.otherGroup))).toEqual(['NOT_FOUND']);
    expect(codesOf(await hub.gql(DELETE, { id: second, reason: '删除' }, tokens.otherGroup))).toEqual(['NOT_FOUND']);
    const noReason = await hub.gql(UPDATE, { id: first, input: corrected }, tokens.secretariat);
    expect(codesOf(noReason)).toEqual(['BAD_USER_INPUT']);
    expect(noReason.body.errors![0].message).toMatch(/须填写理由（reason required）/);
    expect(codesOf(await hub.gql(UPDATE, { id: first, input: { ...corrected, investment: '1000000000.01' }, reason: '更正' }, tokens.secretariat))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(dataOf(await hub.gql(AUDITS, { g: G }, tokens.secretariat)).cooperationAudits.totalCount).toBe(0);

    const updated = dataOf(await hub.gql(UPDATE, { id: first, input: corrected, reason: '金额多填了位数，按合同更正' }, tokens.secretariat)).updateCooperation;
    expect(updated).toEqual({ id: first, investment: '999999.99', investmentReceived: '999999.99', serviceIncome: '999999.99' });
    expect(dataOf(await hub.gql(DELETE, { id: second, reason: '重复登记' }, tokens.secretariat)).deleteCooperation).toBe(true);
    expect(dataOf(await hub.gql(`query($id: ID!) { cooperation(id: $id) { id } }`, { id: second }, tokens.secretariat)).cooperation).toBeNull();

    const audits = dataOf(await hub.gql(AUDITS, { g: G }, tokens.secretariat)).cooperationAudits;
    expect(audits.totalCount).toBe(2);
    const byAction = (action: string) => audits.edges.map((e: { node: { action: string } }) => e.node).find((n: { action: string }) => n.action === action);
    const [deleted, changed] = [byAction('DELETE'), byAction('UPDATE')];
    expect(changed).toMatchObject({
      cooperationId: first,
      action: 'UPDATE',
      changedBy: 'sub-sec',
      changedByOrganizationId: DEMO.secretariatOrgId,
      bySecretariat: true,
      reason: '金额多填了位数，按合同更正',
      year: LEGACY_YEAR,
    });
    expect(changed.changes).toEqual([
      { field: 'investment', from: '9999999999999.99', to: '999999.99' },
      { field: 'investmentReceived', from: '9999999999999.99', to: '999999.99' },
      { field: 'serviceIncome', from: '9999999999999.99', to: '999999.99' },
    ]);
    expect(deleted).toMatchObject({ cooperationId: second, action: 'DELETE', bySecretariat: true, reason: '重复登记' });
    expect(deleted.changes.find((c: { field: string }) => c.field === 'investment')).toEqual({ field: 'investment', from: '9999999999999.99', to: null });
    expectEach(deleted.changes, (c: { to: string | null }) => c.to === null);
    expect(Date.parse(changed.changedAt)).toBeGreaterThan(Date.now() - 120000);

    // Another group's secretariat cannot read them; a member unit reads only the changes of rows it recorded.
    expect(codesOf(await hub.gql(AUDITS, { g: G }, tokens.otherGroup))).toEqual(['FORBIDDEN']);
    expect(dataOf(await hub.gql(AUDITS, { g: G }, recorder)).cooperationAudits.totalCount).toBe(2);
    expect(dataOf(await hub.gql(AUDITS, { g: G }, partner)).cooperationAudits.totalCount).toBe(0);
    expect(codesOf(await hub.gql(AUDITS, { g: G }))).toEqual(['UNAUTHENTICATED']);

    // The report follows the correction, exactly.
    // Eight old rows, the one-fen row and the corrected one: 8,000,000,099,999,992 fen.
    const { sharing } = dataOf(await hub.gql(SHARING, { g: G, y: LEGACY_YEAR }, tokens.bot)).annualReport;
    expect(sharing).toMatchObject({ cooperations: 10, investment: '80000000999999.92', serviceIncome: '80000000999999.92' });
  });
});
