import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { DEMO } from '@zjjt/demo';
import { fenToWan, fenToYuan, openDataSource, readDatabase } from '@zjjt/kit';
import { usccCheckCharacter } from '../subgraphs/members/src/organization/uscc';
import { codesOf, dataOf, expectEach, recordAcceptedSubmission, startTestHub, TestHub, usccOf } from './harness';

let hub: TestHub;
const tokens: Record<string, string> = {};
const G = DEMO.groupId;
const YEAR = 2025;

beforeAll(async () => {
  hub = await startTestHub();
  tokens.secretariat = await hub.token({ sub: 'e2e-sec', roles: ['SECRETARIAT'], groups: [G], org: DEMO.secretariatOrgId });
  tokens.school = await hub.token({ sub: 'e2e-school', roles: ['MEMBER'], groups: [G], org: DEMO.schoolOrgId });
  tokens.enterprise = await hub.token({ sub: 'e2e-ent', roles: ['MEMBER'], groups: [G], org: DEMO.memberOrgId });
  tokens.reporter = await hub.token({ sub: 'e2e-bot', roles: ['REPORTER'], groups: [G] });
  tokens.otherGroup = await hub.token({ sub: 'e2e-sec2', roles: ['SECRETARIAT'], groups: [DEMO.secondGroupId], org: DEMO.secondGroupSecretariatOrgId });
}, 120000);

afterAll(async () => {
  await hub?.stop();
});

/** Reads another subgraph's database directly: the test's own independent sums. */
async function sum<T>(subgraph: string, run: (db: DataSource) => Promise<T>): Promise<T> {
  const db = await openDataSource(readDatabase(hub.env, subgraph), { entities: [], migrations: [] });
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}
const one = async (db: DataSource, sql: string, params: unknown[]) => Number(Object.values((await db.query(sql, params))[0])[0] ?? 0);

/** The template fields computed from members' returns (returns.* and the indicators over them). */
const FROM_RETURNS: Record<string, string[]> = {
  NATIONAL_2023: ['JT0401', 'JT0402', 'JT0403', 'JT0404', 'JT0501', 'JT0502'],
  NATIONAL_2025: [
    ...['JT0401', 'JT0402', 'JT0403', 'JT0404', 'JT0405', 'JT0406', 'JT0407', 'JT0408', 'JT0409', 'JT0410', 'JT0411', 'JT0412'],
    ...['JT0501', 'JT0502', 'JT0504', 'JT0505', 'JT0506'],
  ],
  SHANDONG_2025: ['SD12', 'SD13', 'SD14', 'SD15', 'SD16', 'SD26', 'SD27', 'SD28', 'SD29', 'SD30', 'SD31', 'SD32'],
};

const SAVE = /* GraphQL */ `mutation($g: ID!, $y: Int!, $input: AnnualReturnInput!) { saveAnnualReturn(groupId: $g, year: $y, input: $input) { id status enrolledStudents } }`;
const SUBMIT = /* GraphQL */ `mutation($g: ID!, $y: Int!) { submitAnnualReturn(groupId: $g, year: $y) { id status } }`;

describe('annual data collection', () => {
  it('opens a round with a return for every active member, and refuses a second one', async () => {
    const round = dataOf(
      await hub.gql(
        `mutation($g: ID!) { openCollectionRound(input: { groupId: $g, year: ${YEAR}, dueOn: "2026-03-31" }) { id status progress { expected submitted notSubmitted { id } } } }`,
        { g: G },
        tokens.secretariat,
      ),
    ).openCollectionRound;
    expect(round.status).toBe('OPEN');
    expect(round.progress.expected).toBeGreaterThan(50);
    expect(round.progress.notSubmitted).toHaveLength(round.progress.expected);
    const again = await hub.gql(
      `mutation($g: ID!) { openCollectionRound(input: { groupId: $g, year: ${YEAR}, dueOn: "2026-03-31" }) { id } }`,
      { g: G },
      tokens.secretariat,
    );
    expect(codesOf(again)).toEqual(['CONFLICT']);
    const byMember = await hub.gql(
      `mutation($g: ID!) { openCollectionRound(input: { groupId: $g, year: 2024, dueOn: "2025-03-31" }) { id } }`,
      { g: G },
      tokens.school,
    );
    expect(codesOf(byMember)).toEqual(['FORBIDDEN']);
  });

  it('refuses returns that break the rules, changing nothing', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ graduates: 100, employedGraduates: 120 }, /「就业人数」\(120\) 不能大于「毕业生数」\(100\)/],
      [{ enrolledStudents: -5 }, /「在校生数」不能为负数/],
      [{ dualQualifiedPercent: 101 }, /双师型教师比例.*0–100/],
      // The policy figures: a part is never above its whole.
      [{ graduates: 100, employedGraduates: 90, employedInField: 95 }, /「对口就业人数」\(95\) 不能大于「就业人数」\(90\)/],
      [{ graduates: 100, employedGraduates: 90, employedInGroup: 91 }, /「集团内企业就业人数」\(91\) 不能大于「就业人数」\(90\)/],
      [{ graduates: 100, certifiedGraduates: 101 }, /「获得职业资格\/技能等级证书的毕业生数」\(101\) 不能大于「毕业生数」\(100\)/],
      [{ specialties: 36, coBuiltSpecialties: 40 }, /「校企共建专业数」\(40\) 不能大于「开设专业数」\(36\)/],
      [{ industrialColleges: -1 }, /「产业学院数」不能为负数/],
    ];
    for (const [input, message] of cases) {
      const response = await hub.gql(SAVE, { g: G, y: YEAR, input }, tokens.school);
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.body.errors![0].message).toMatch(message);
    }
    const mine = dataOf(
      await hub.gql(`query($g: ID!) { myAnnualReturn(groupId: $g, year: ${YEAR}) { status enrolledStudents graduates } }`, { g: G }, tokens.school),
    ).myAnnualReturn;
    expect(mine).toEqual({ status: 'DRAFT', enrolledStudents: null, graduates: null });
    const incomplete = await hub.gql(SUBMIT, { g: G, y: YEAR }, tokens.school);
    expect(incomplete.body.errors![0].message).toMatch(/「在校生数」必须填写/);
  });

  it('saves a return as a patch: a field left out keeps its value, a field sent as null is cleared', async () => {
    const MINE = /* GraphQL */ `query($g: ID!) { myAnnualReturn(groupId: $g, year: ${YEAR}) { status enrolledStudents graduates employedGraduates dualQualifiedPercent } }`;
    const mine = async () => dataOf(await hub.gql(MINE, { g: G }, tokens.school)).myAnnualReturn;
    const save = async (input: Record<string, unknown>) => dataOf(await hub.gql(SAVE, { g: G, y: YEAR, input }, tokens.school)).saveAnnualReturn;

    await save({ enrolledStudents: 8000, dualQualifiedPercent: 65.5 });
    await save({ graduates: 2500 });
    expect(await mine()).toEqual({ status: 'DRAFT', enrolledStudents: 8000, graduates: 2500, employedGraduates: null, dualQualifiedPercent: '65.50' });

    // The rules apply to the return as it will stand: 就业人数 is checked against the 毕业生数 saved before.
    const tooMany = await hub.gql(SAVE, { g: G, y: YEAR, input: { employedGraduates: 2600 } }, tokens.school);
    expect(codesOf(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.body.errors![0].message).toMatch(/「就业人数」\(2600\) 不能大于「毕业生数」\(2500\)/);
    expect(await mine()).toEqual({ status: 'DRAFT', enrolledStudents: 8000, graduates: 2500, employedGraduates: null, dualQualifiedPercent: '65.50' });

    // Clearing is explicit, as a variable or as a literal null.
    await save({ enrolledStudents: null });
    expect(await mine()).toEqual({ status: 'DRAFT', enrolledStudents: null, graduates: 2500, employedGraduates: null, dualQualifiedPercent: '65.50' });
    dataOf(
      await hub.gql(
        `mutation($g: ID!) { saveAnnualReturn(groupId: $g, year: ${YEAR}, input: { graduates: null, dualQualifiedPercent: null }) { id } }`,
        { g: G },
        tokens.school,
      ),
    );
    expect(await mine()).toEqual({ status: 'DRAFT', enrolledStudents: null, graduates: null, employedGraduates: null, dualQualifiedPercent: null });
  });

  it('runs draft → submit → returned with a comment → resubmit → approved', async () => {
    dataOf(
      await hub.gql(
        SAVE,
        {
          g: G,
          y: YEAR,
          input: {
            enrolledStudents: 8000,
            fullTimeTeachers: 400,
            dualQualifiedTeachers: 260,
            graduates: 2500,
            employedGraduates: 2350,
            specialties: 36,
            dualQualifiedPercent: 65,
            admissions: 2700,
            employedInGroup: 470,
            employedInField: 1880,
            certifiedGraduates: 2250,
            coBuiltSpecialties: 34,
            industrialColleges: 3,
            coDevelopedCourses: 12,
            coDevelopedTextbooks: 5,
            staffPracticeReceived: 160,
          },
        },
        tokens.school,
      ),
    );
    const submitted = dataOf(await hub.gql(SUBMIT, { g: G, y: YEAR }, tokens.school)).submitAnnualReturn;
    expect(submitted.status).toBe('SUBMITTED');
    const noComment = await hub.gql(`mutation($id: ID!) { returnAnnualReturn(id: $id, comment: "") { status } }`, { id: submitted.id }, tokens.secretariat);
    expect(codesOf(noComment)).toEqual(['BAD_USER_INPUT']);
    const returned = dataOf(
      await hub.gql(
        `mutation($id: ID!) { returnAnnualReturn(id: $id, comment: "在校生数请按教育事业统计口径核对") { status reviewComment } }`,
        { id: submitted.id },
        tokens.secretariat,
      ),
    ).returnAnnualReturn;
    expect(returned).toEqual({ status: 'RETURNED', reviewComment: '在校生数请按教育事业统计口径核对' });
    dataOf(
      await hub.gql(
        SAVE,
        {
          g: G,
          y: YEAR,
          input: {
            enrolledStudents: 7800,
            fullTimeTeachers: 400,
            dualQualifiedTeachers: 260,
            graduates: 2500,
            employedGraduates: 2350,
            specialties: 36,
            dualQualifiedPercent: 65,
          },
        },
        tokens.school,
      ),
    );
    dataOf(await hub.gql(SUBMIT, { g: G, y: YEAR }, tokens.school));
    const approvedByMember = await hub.gql(`mutation($id: ID!) { approveAnnualReturn(id: $id) { status } }`, { id: submitted.id }, tokens.school);
    expect(codesOf(approvedByMember)).toEqual(['FORBIDDEN']);
    expect(
      dataOf(await hub.gql(`mutation($id: ID!) { approveAnnualReturn(id: $id) { status } }`, { id: submitted.id }, tokens.secretariat)).approveAnnualReturn
        .status,
    ).toBe('APPROVED');
    const afterApproval = await hub.gql(SAVE, { g: G, y: YEAR, input: { enrolledStudents: 1 } }, tokens.school);
    expect(codesOf(afterApproval)).toEqual(['BAD_USER_INPUT']);
    expect(afterApproval.body.errors![0].message).toMatch(/年报 \S+ 当前为「已审核通过」，不能修改（return is APPROVED）/);
    expect(
      dataOf(await hub.gql(`query($g: ID!) { myAnnualReturn(groupId: $g, year: ${YEAR}) { enrolledStudents graduates } }`, { g: G }, tokens.school))
        .myAnnualReturn,
    ).toEqual({ enrolledStudents: 7800, graduates: 2500 });

    dataOf(await hub.gql(SAVE, { g: G, y: YEAR, input: { employees: 1200, internsReceived: 80 } }, tokens.enterprise));
    const enterprise = dataOf(await hub.gql(SUBMIT, { g: G, y: YEAR }, tokens.enterprise)).submitAnnualReturn;
    dataOf(await hub.gql(`mutation($id: ID!) { approveAnnualReturn(id: $id) { status } }`, { id: enterprise.id }, tokens.secretariat));
    const progress = dataOf(
      await hub.gql(
        `query($g: ID!) { collectionRound(groupId: $g, year: ${YEAR}) { progress { expected submitted approved notSubmitted { id } } } }`,
        { g: G },
        tokens.secretariat,
      ),
    ).collectionRound.progress;
    expect(progress).toMatchObject({ submitted: 2, approved: 2 });
    expect(progress.notSubmitted.map((o: any) => o.id)).not.toContain(DEMO.schoolOrgId);
  });
});

describe('the annual report, assembled by federation', () => {
  const REPORT = /* GraphQL */ `query($g: ID!) { annualReport(groupId: $g, year: ${YEAR}) {
    membership { total enterprises }
    sharing { orderClassStudents investment investmentReceived serviceIncome }
    training { personTimes revenue candidates passed }
    returns { approved enrolledStudents fullTimeTeachers graduates employedGraduates employees }
    policy: returns { admissions employedInGroup employedInField certifiedGraduates specialties coBuiltSpecialties industrialColleges coDevelopedCourses coDevelopedTextbooks staffPracticeReceived }
    indicators { trainingPerStudent serviceIncomePerTeacherWan enterpriseSharePercent employmentRatePercent passRatePercent
      employedInFieldPercent employedInGroupPercent coBuiltSpecialtyPercent certificateRatePercent }
    filled(template: "NATIONAL_2025") { template { code verified } blocked errors { field message } warnings { field message } fields { code unit source value } }
  } }`;

  it('equals sums computed independently from the subgraphs’ own tables', async () => {
    const report = dataOf(await hub.gql(REPORT, { g: G }, tokens.reporter)).annualReport;
    const training = await sum('bases', async (db) => ({
      personTimes: await one(db, 'SELECT SUM(personTimes) FROM training_session WHERE groupId = ? AND year = ?', [G, YEAR]),
      // 社会培训: every category but the in-school students' certificate training.
      socialPersonTimes: await one(db, "SELECT SUM(personTimes) FROM training_session WHERE groupId = ? AND year = ? AND category <> 'STUDENT_CERTIFICATE'", [
        G,
        YEAR,
      ]),
      revenueFen: await one(db, 'SELECT SUM(revenue) FROM training_session WHERE groupId = ? AND year = ?', [G, YEAR]),
      passed: await one(db, 'SELECT SUM(passed) FROM certification_batch WHERE groupId = ? AND year = ?', [G, YEAR]),
      // 社会服务到账: the revenue ledger, not 培训到账 + 技术服务收入.
      serviceRevenueFen: await one(db, 'SELECT SUM(amount) FROM revenue_entry WHERE groupId = ? AND year = ?', [G, YEAR]),
    }));
    const sharing = await sum('resources', async (db) => ({
      orderClassStudents: await one(db, 'SELECT SUM(orderClassStudents) FROM cooperation WHERE groupId = ? AND year = ?', [G, YEAR]),
      investmentFen: await one(db, 'SELECT SUM(investment) FROM cooperation WHERE groupId = ? AND year = ?', [G, YEAR]),
      serviceIncomeFen: await one(db, 'SELECT SUM(serviceIncome) FROM cooperation WHERE groupId = ? AND year = ?', [G, YEAR]),
    }));
    const members = await sum('members', (db) =>
      one(db, "SELECT COUNT(*) FROM membership WHERE groupId = ? AND status IN ('ACTIVE', 'EXITED') AND joinedOn <= ? AND (exitedOn IS NULL OR exitedOn > ?)", [
        G,
        `${YEAR}-12-31`,
        `${YEAR}-12-31`,
      ]),
    );

    expect(report.training.personTimes).toBe(training.personTimes);
    expect(report.training.passed).toBe(training.passed);
    expect(report.sharing.orderClassStudents).toBe(sharing.orderClassStudents);
    expect(report.membership.total).toBe(members);
    expect(report.returns).toEqual({ approved: 2, enrolledStudents: 7800, fullTimeTeachers: 400, graduates: 2500, employedGraduates: 2350, employees: 1200 });

    const round2 = (n: number) => Math.round(n * 100) / 100;
    // 培训人次/在校生 divides social training only (in-school certificate training excluded).
    expect(report.indicators.trainingPerStudent).toBe(round2(training.socialPersonTimes / 7800).toFixed(2));
    expect(report.indicators.trainingPerStudent).not.toBe(round2(training.personTimes / 7800).toFixed(2));
    // 师均社会服务到账 is the revenue ledger's total per full-time teacher.
    expect(training.serviceRevenueFen).toBeGreaterThan(0);
    expect(training.serviceRevenueFen).not.toBe(training.revenueFen + sharing.serviceIncomeFen);
    expect(report.indicators.serviceIncomePerTeacherWan).toBe(fenToWan(training.serviceRevenueFen, 400));
    expect(report.indicators.employmentRatePercent).toBe('94.00');
    // The policy figures of the approved returns (the school's; the enterprise reports none of them) and their indicators.
    expect(report.policy).toEqual({
      admissions: 2700,
      employedInGroup: 470,
      employedInField: 1880,
      certifiedGraduates: 2250,
      specialties: 36,
      coBuiltSpecialties: 34,
      industrialColleges: 3,
      coDevelopedCourses: 12,
      coDevelopedTextbooks: 5,
      staffPracticeReceived: 160,
    });
    expect(report.indicators).toMatchObject({
      employedInFieldPercent: '80.00', // 1880 / 2350
      employedInGroupPercent: '20.00', // 470 / 2350
      coBuiltSpecialtyPercent: '94.44', // 34 / 36
      certificateRatePercent: '90.00', // 2250 / 2500
    });

    const field = (code: string) => report.filled.fields.find((f: any) => f.code === code);
    expect(report.filled.template).toEqual({ code: 'NATIONAL_2025', verified: false });
    expect(field('JT0101')).toEqual({ code: 'JT0101', unit: '个', source: 'membership.total', value: String(members) });
    expect(training.socialPersonTimes).toBeLessThan(training.personTimes);
    expect(field('JT0301')).toEqual({ code: 'JT0301', unit: '人次', source: 'training.socialPersonTimes', value: String(training.socialPersonTimes) });
    expect(field('JT0303').value).toBe(fenToWan(training.revenueFen));
    expect(field('JT0210').value).toBe(fenToWan(sharing.investmentFen));
    expect(field('JT0401').value).toBe('7800');
    // An indicator and the template field filled from it read the same: two-decimal text (Ratio, Wan).
    const fromIndicator = report.filled.fields.filter((f: any) => f.source.startsWith('indicators.') && f.value !== null);
    expectEach(fromIndicator, (f: any) => f.value === report.indicators[f.source.slice('indicators.'.length)], fromIndicator.length);
    expect(fromIndicator.map((f: any) => f.source)).toEqual(expect.arrayContaining(['indicators.trainingPerStudent', 'indicators.serviceIncomePerTeacherWan']));
    // Two of the members' returns are approved: the only blocking errors are those of the fields computed from returns (see 'completeness').
    expect(report.filled.errors.map((e: { field: string }) => e.field)).toEqual(FROM_RETURNS.NATIONAL_2025);
    expect(report.filled.blocked).toBe(true);

    // The same report as a workbook, opened and read back.
    const { annualReport } = dataOf(
      await hub.gql(
        `query($g: ID!) { annualReport(groupId: $g, year: ${YEAR}) { filled(template: "NATIONAL_2025") { workbookBase64 } } }`,
        { g: G },
        tokens.secretariat,
      ),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(annualReport.filled.workbookBase64, 'base64') as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet('报表')!.getSheetValues().slice(4).filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(report.filled.fields.length);
    expect(rows.find((r) => r[1] === 'JT0301')!.slice(1, 5)).toEqual(['JT0301', '社会培训', '人次', String(training.socialPersonTimes)]);
  });

  it('shows targets with completion and a ranking; a member sees only its own row', async () => {
    const set = (indicator: string, scope: string, threshold: number) =>
      hub.gql(
        `mutation($g: ID!) { setTarget(input: { groupId: $g, year: ${YEAR}, indicator: ${indicator}, scope: "${scope}", threshold: ${threshold} }) { threshold } }`,
        { g: G },
        tokens.secretariat,
      );
    expect(dataOf(await set('TRAINING_PERSON_TIMES', 'GROUP', 70000)).setTarget.threshold).toBe(70000);
    dataOf(await set('TRAINING_PER_STUDENT', 'EACH_MEMBER', 2));
    expect(codesOf(await set('TRAINING_PER_STUDENT', 'GROUP', -1))).toEqual(['BAD_USER_INPUT']);
    const TARGETS = `query($g: ID!) { annualReport(groupId: $g, year: ${YEAR}) { training { personTimes } targets { indicator organization { id } threshold actual completionPercent met status rank } } }`;
    const asSecretariat = dataOf(await hub.gql(TARGETS, { g: G }, tokens.secretariat)).annualReport;
    const group = asSecretariat.targets.find((t: any) => t.indicator === 'TRAINING_PERSON_TIMES');
    expect(group).toMatchObject({
      organization: null,
      actual: asSecretariat.training.personTimes,
      completionPercent: (Math.round((asSecretariat.training.personTimes / 70000) * 10000) / 100).toFixed(2),
    });
    const members = asSecretariat.targets.filter((t: any) => t.indicator === 'TRAINING_PER_STUDENT');
    // Only the school has 在校生 (an approved return with the figure): it is ranked. The enterprise (approved, no 在校生)
    // and every member without a return are listed as no data, not ranked (they used to be ranked last).
    expect(members.filter((t: any) => t.status !== 'NO_DATA').map((t: any) => [t.organization.id, t.rank])).toEqual([[DEMO.schoolOrgId, 1]]);
    expectEach(members.slice(1), (t: any) => t.status === 'NO_DATA' && t.rank === null && t.actual === null && t.met === false, members.length - 1);
    expect(members.find((t: any) => t.organization.id === DEMO.memberOrgId)).toMatchObject({ status: 'NO_DATA', rank: null });
    expect(members.length).toBeGreaterThan(10);
    // Per unit: the school's social person-times over its 在校生, and its own 社会服务到账 over its 专任教师.
    const school = await sum('bases', async (db) => ({
      social: await one(
        db,
        "SELECT SUM(personTimes) FROM training_session WHERE groupId = ? AND year = ? AND organizationId = ? AND category <> 'STUDENT_CERTIFICATE'",
        [G, YEAR, DEMO.schoolOrgId],
      ),
      revenueFen: await one(db, 'SELECT SUM(amount) FROM revenue_entry WHERE groupId = ? AND year = ? AND organizationId = ?', [G, YEAR, DEMO.schoolOrgId]),
    }));
    const ofSchool = members.find((t: any) => t.organization.id === DEMO.schoolOrgId);
    expect(ofSchool.actual).toBe(Math.round((school.social / 7800) * 100) / 100);
    dataOf(await set('SERVICE_INCOME_PER_TEACHER', DEMO.schoolOrgId, 1));
    const perTeacher = dataOf(await hub.gql(TARGETS, { g: G }, tokens.secretariat)).annualReport.targets.find(
      (t: any) => t.indicator === 'SERVICE_INCOME_PER_TEACHER',
    );
    expect(perTeacher.actual).toBe(Number(fenToWan(school.revenueFen, 400)));
    const asSchool = dataOf(await hub.gql(TARGETS, { g: G }, tokens.school)).annualReport.targets;
    expect(asSchool.filter((t: any) => t.organization).map((t: any) => t.organization.id)).toEqual([DEMO.schoolOrgId, DEMO.schoolOrgId]);
    expect(codesOf(await hub.gql(TARGETS, { g: G }, tokens.otherGroup))).toEqual(['FORBIDDEN']);
  });

  it('sets a target on any indicator for a range of years; completion, ranking and trend per year; overlaps refused', async () => {
    const SET = /* GraphQL */ `mutation($input: TargetInput!) { setTarget(input: $input) { id year fromYear toYear threshold } }`;
    const set = (input: Record<string, unknown>, token = tokens.secretariat) => hub.gql(SET, { input: { groupId: G, ...input } }, token);
    // 共建专业占比 95 % for every member, 2024–2026; 对口就业率 for the group in 2025.
    const range = dataOf(await set({ fromYear: 2024, toYear: 2026, indicator: 'CO_BUILT_SPECIALTY_SHARE', scope: 'EACH_MEMBER', threshold: 95 })).setTarget;
    expect(range).toMatchObject({ year: 2024, fromYear: 2024, toYear: 2026, threshold: 95 });
    dataOf(await set({ year: YEAR, indicator: 'EMPLOYED_IN_FIELD_RATE', scope: 'GROUP', threshold: 85 }));
    dataOf(await set({ year: YEAR, indicator: 'ADMISSIONS', scope: 'GROUP', threshold: 20000 }));

    // Refusals: an overlapping range, both year and fromYear, an end before the start; members and other groups may not set.
    const overlap = await set({ fromYear: 2025, toYear: 2027, indicator: 'CO_BUILT_SPECIALTY_SHARE', scope: 'EACH_MEMBER', threshold: 90 });
    expect(codesOf(overlap)).toEqual(['BAD_USER_INPUT']);
    expect(overlap.body.errors![0].message).toMatch(/^该指标在 2024–2026 年度已有目标（target years overlap）/);
    expect(codesOf(await set({ year: 2025, fromYear: 2025, indicator: 'ADMISSIONS', scope: 'GROUP', threshold: 1 }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await set({ fromYear: 2026, toYear: 2025, indicator: 'GRADUATES', scope: 'GROUP', threshold: 1 }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await set({ year: YEAR, indicator: 'GRADUATES', scope: 'GROUP', threshold: 1 }, tokens.school))).toEqual(['FORBIDDEN']);
    expect(codesOf(await set({ year: YEAR, indicator: 'GRADUATES', scope: 'GROUP', threshold: 1 }, tokens.otherGroup))).toEqual(['FORBIDDEN']);

    const PROGRESS = /* GraphQL */ `query($g: ID!, $y: Int!, $t: ID) { annualReport(groupId: $g, year: $y) {
      returns { coBuiltSpecialties specialties admissions }
      indicators { employedInFieldPercent }
      targets(targetId: $t) { targetId year indicator organization { id } actual completionPercent met status rank } } }`;
    const all = dataOf(await hub.gql(PROGRESS, { g: G, y: YEAR }, tokens.secretariat)).annualReport;
    const field = all.targets.find((t: any) => t.indicator === 'EMPLOYED_IN_FIELD_RATE');
    expect(field).toMatchObject({ organization: null, actual: Number(all.indicators.employedInFieldPercent), status: 'NOT_MET', met: false });
    const admissions = all.targets.find((t: any) => t.indicator === 'ADMISSIONS');
    expect(admissions).toMatchObject({ actual: all.returns.admissions, status: 'NOT_MET' });
    // The range target in its middle year: the school (34 of 36 co-built) is ranked; units without the figure are no data.
    const share = all.targets.filter((t: any) => t.targetId === range.id);
    expect(share[0]).toMatchObject({ organization: { id: DEMO.schoolOrgId }, actual: 94.44, status: 'NOT_MET', rank: 1, year: YEAR });
    expectEach(share.slice(1), (t: any) => t.status === 'NO_DATA' && t.rank === null, share.length - 1);

    // Trend: the same target each year of its range, one query.
    const TREND = /* GraphQL */ `query($g: ID!, $t: ID) {
      y2024: annualReport(groupId: $g, year: 2024) { targets(targetId: $t) { year status } }
      y2026: annualReport(groupId: $g, year: 2026) { targets(targetId: $t) { year status } }
      y2027: annualReport(groupId: $g, year: 2027) { targets(targetId: $t) { year status } } }`;
    const trend = dataOf(await hub.gql(TREND, { g: G, t: range.id }, tokens.secretariat));
    expectEach(trend.y2024.targets, (t: any) => t.year === 2024 && t.status === 'NO_DATA', trend.y2024.targets.length);
    expect(trend.y2024.targets.length).toBeGreaterThan(10);
    expect(trend.y2026.targets.length).toBe(trend.y2024.targets.length);
    expect(trend.y2027.targets).toEqual([]);

    // The targets query lists a range target in each of its years, and every target without a year.
    const listed = async (year?: number) =>
      dataOf(await hub.gql(`query($g: ID!, $y: Int) { targets(groupId: $g, year: $y) { id } }`, { g: G, y: year ?? null }, tokens.secretariat)).targets.map(
        (t: any) => t.id,
      );
    expect(await listed(2026)).toContain(range.id);
    expect(await listed(2023)).not.toContain(range.id);
    expect(await listed()).toContain(range.id);
    expect(codesOf(await hub.gql(PROGRESS, { g: G, y: YEAR }, tokens.otherGroup))).toEqual(['FORBIDDEN']);
  });
});

describe('year-on-year checks', () => {
  const FILLED = (year: number) => /* GraphQL */ `query($g: ID!) { annualReport(groupId: $g, year: ${year}) {
    filled(template: "NATIONAL") { baseline { kind year version } warnings { field message } fields { code value } }
  } }`;
  const filled = async (year: number) => dataOf(await hub.gql(FILLED(year), { g: G }, tokens.reporter)).annualReport.filled;
  const valueOf = (report: any, code: string) => Number(report.fields.find((f: any) => f.code === code).value);

  it('in a first year compare with last year’s computed report, and with the accepted submission once there is one', async () => {
    const partner = await usccOf(hub, DEMO.memberOrgId, tokens.secretariat);
    const record = async (year: number, investment: string) =>
      dataOf(
        await hub.gql(
          `mutation($input: CooperationInput!) { recordCooperation(input: $input) { id } }`,
          { input: { groupId: G, partnerUscc: partner, year, projectName: `企业投入同比（测试 ${year}）`, investment } },
          tokens.school,
        ),
      );
    // Ledgers in both years; in 2025 the enterprise investment (JT0210, warned beyond ±50 %) jumps.
    await record(2024, '1000000.00');
    await record(2025, '900000000.00');
    const computed2024 = await filled(2024);
    const before = valueOf(computed2024, 'JT0210');
    expect(before).toBeGreaterThan(0);

    // No submission for 2024: the baseline is the hub's computed 2024 report, and the answer says so.
    const first = await filled(YEAR);
    expect(first.baseline).toEqual({ kind: 'COMPUTED', year: 2024, version: null });
    const now = valueOf(first, 'JT0210');
    expect(now).toBeGreaterThan(before * 1.5);
    const jump = first.warnings.filter((w: any) => w.field === 'JT0210');
    expect(jump).toHaveLength(1);
    expect(jump[0].message).toContain(`为 ${now}，比2024 年按台账计算（无已接收报送）的 ${before} 增加`);

    // An accepted 2024 submission (version 3; the 2024 template is not in the hub, so the row is
    // written as the platform's acceptance leaves it) becomes the baseline instead.
    const members2025 = valueOf(first, 'JT0101');
    const fields = first.fields.map((f: any) => ({
      code: f.code,
      value: f.code === 'JT0210' ? String(now) : f.code === 'JT0101' ? String(members2025 * 2) : f.value,
    }));
    await recordAcceptedSubmission(hub, { groupId: G, year: 2024, target: 'national', template: 'NATIONAL_2024', version: 3, fields });
    const second = await filled(YEAR);
    expect(second.baseline).toEqual({ kind: 'SUBMISSION', year: 2024, version: 3 });
    expect(second.warnings.filter((w: any) => w.field === 'JT0210')).toHaveLength(0);
    const fewer = second.warnings.filter((w: any) => w.field === 'JT0101');
    expect(fewer).toHaveLength(1);
    expect(fewer[0].message).toContain(`为 ${members2025}，比2024 年已报送（第 3 版）的 ${members2025 * 2} 减少 50%`);
  });
});

describe('completeness: a report says which returns are missing, and the figures from returns wait for them or for a confirmed gap', () => {
  const COMPLETENESS = `round expected approved missing complete byCategory { category expected approved missing }
    missingUnits { organizationId name category status } gapConfirmed confirmation { reason confirmedBy missing holds uncovered }`;
  const REPORT = (year: number) => /* GraphQL */ `query($g: ID!) { annualReport(groupId: $g, year: ${year}) {
    completeness { ${COMPLETENESS} }
    national: filled(template: "NATIONAL") { blocked note errors { field message } fields { code value } completeness { missing gapConfirmed } }
    ${year >= 2025 ? 'provincial: filled(template: "SHANDONG") { blocked note errors { field message } }' : ''}
  } }`;
  const report = async (year: number, token = tokens.reporter) => dataOf(await hub.gql(REPORT(year), { g: G }, token)).annualReport;
  const CONFIRM = `mutation($g: ID!, $y: Int!, $r: String!) { confirmReturnGaps(groupId: $g, year: $y, reason: $r) { reason missing holds uncovered confirmedBy } }`;
  const FREEZE = `mutation($g: ID!) { freezeReport(groupId: $g, year: ${YEAR}, template: "NATIONAL_2025") { submission { note completeness { missing } fields { code value } } } }`;
  const REASON = '52 家成员单位年报未报送：12 家企业已停产，其余经三次催报未报，按已审核的年报填报';
  const fromReturns = (errors: { field: string; message: string }[], template: string) =>
    errors.filter((e) => FROM_RETURNS[template].includes(e.field) && e.message.includes('returns missing'));

  it('counts expected units by type from the round, names the missing ones, and blocks the figures from returns (also at freeze)', async () => {
    const now = await report(YEAR, tokens.secretariat);
    const c = now.completeness;
    // Independently: the round's returns with members' category of each unit, through the gateway.
    const round = dataOf(
      await hub.gql(
        `query($g: ID!) { collectionRound(groupId: $g, year: ${YEAR}) { returns { status organization { id name category } } } }`,
        { g: G },
        tokens.secretariat,
      ),
    ).collectionRound.returns;
    const of = (category: string) => round.filter((r: any) => r.organization.category === category);
    const approvedOf = (category: string) => of(category).filter((r: any) => r.status === 'APPROVED').length;
    expect(c).toMatchObject({
      round: true,
      expected: round.length,
      approved: 2,
      missing: round.length - 2,
      complete: false,
      gapConfirmed: false,
      confirmation: null,
    });
    expect(c.byCategory).toEqual(
      ['SCHOOL', 'ENTERPRISE', 'OTHER']
        .filter((k) => of(k).length)
        .map((k) => ({ category: k, expected: of(k).length, approved: approvedOf(k), missing: of(k).length - approvedOf(k) })),
    );
    expect(approvedOf('SCHOOL')).toBe(1);
    expect(c.missingUnits).toHaveLength(c.missing);
    expectEach(c.missingUnits, (m: any) => m.name !== null && m.organizationId !== DEMO.schoolOrgId && m.organizationId !== DEMO.memberOrgId);
    const missingSchools = c.missingUnits.filter((m: any) => m.category === 'SCHOOL');
    expect(missingSchools).toHaveLength(of('SCHOOL').length - 1);

    // Every field computed from returns is blocked, naming the missing schools (at most 10) and their count; no other field is.
    for (const [key, template] of [
      ['national', 'NATIONAL_2025'],
      ['provincial', 'SHANDONG_2025'],
    ]) {
      const filled = now[key];
      expect(filled.blocked).toBe(true);
      expect(filled.note).toBeNull();
      const errors = fromReturns(filled.errors, template);
      expect(errors.map((e) => e.field)).toEqual(FROM_RETURNS[template]);
      expectEach(
        errors,
        (e: any) =>
          e.message.includes(`院校应报 ${of('SCHOOL').length} 家、缺 ${missingSchools.length} 家的年报未审核通过（returns missing）`) &&
          e.message.includes(missingSchools[0].name) &&
          !e.message.includes(missingSchools[missingSchools.length - 1].name) === missingSchools.length > 10 &&
          e.message.includes(missingSchools.length > 10 ? `等 ${missingSchools.length} 家` : '') &&
          e.message.includes('confirmReturnGaps'),
      );
    }
    // A member sees the counts, not the other units' names.
    const asMember = await report(YEAR, tokens.enterprise);
    expect(asMember.completeness).toMatchObject({ expected: c.expected, missing: c.missing, missingUnits: [] });
    expectEach(fromReturns(asMember.national.errors, 'NATIONAL_2025'), (e: any) => !e.message.includes(missingSchools[0].name));

    const refused = await hub.gql(FREEZE, { g: G }, tokens.reporter);
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.body.errors![0].message).toMatch(
      /报表有阻断错误，不能报送（blocking errors）：JT0401 「在校生数」由院校年报汇总，院校应报 \d+ 家、缺 \d+ 家的年报未审核通过/,
    );
  });

  it('the secretariat confirms the gap with a reason: the figures go out with it as their 说明 — filled, workbook, frozen submission', async () => {
    expect(codesOf(await hub.gql(CONFIRM, { g: G, y: YEAR, r: REASON }, tokens.school))).toEqual(['FORBIDDEN']);
    expect(codesOf(await hub.gql(CONFIRM, { g: G, y: YEAR, r: '  ' }, tokens.secretariat))).toEqual(['BAD_USER_INPUT']);
    const before = (await report(YEAR)).completeness;
    const confirmed = dataOf(await hub.gql(CONFIRM, { g: G, y: YEAR, r: REASON }, tokens.secretariat)).confirmReturnGaps;
    expect(confirmed).toEqual({ reason: REASON, missing: before.missing, holds: true, uncovered: 0, confirmedBy: 'e2e-sec' });

    const after = await report(YEAR);
    expect(after.completeness).toMatchObject({
      missing: before.missing,
      gapConfirmed: true,
      confirmation: { reason: REASON, confirmedBy: 'e2e-sec', holds: true },
    });
    expect(after.national.note).toBe(REASON);
    expect(after.national.completeness).toEqual({ missing: before.missing, gapConfirmed: true });
    expect(fromReturns(after.national.errors, 'NATIONAL_2025')).toEqual([]);
    expect(fromReturns(after.provincial.errors, 'SHANDONG_2025')).toEqual([]);
    expect(after.provincial.note).toBe(REASON);

    const { annualReport } = dataOf(
      await hub.gql(
        `query($g: ID!) { annualReport(groupId: $g, year: ${YEAR}) { filled(template: "NATIONAL_2025") { workbookBase64 } } }`,
        { g: G },
        tokens.secretariat,
      ),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(annualReport.filled.workbookBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('说明')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '说明', REASON]);
    const cells = (sheet.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
    expect(cells).toContainEqual(['缺报单位', before.missing]);
    expect(cells).toContainEqual(['院校', before.missingUnits.find((m: any) => m.category === 'SCHOOL').name, '草稿']);

    const frozen = dataOf(await hub.gql(FREEZE, { g: G }, tokens.reporter)).freezeReport.submission;
    expect(frozen.note).toBe(REASON);
    expect(frozen.completeness).toEqual({ missing: before.missing });
    const stored = dataOf(await hub.gql(`query($g: ID!) { submissions(groupId: $g, year: ${YEAR}) { note } }`, { g: G }, tokens.secretariat)).submissions;
    expect(stored[0].note).toBe(REASON);
  });

  it('a confirmation covers the units missing when it was made: a return approved since keeps it; a unit missing since needs a new one', async () => {
    // Another school's return is approved: the gap shrinks, the confirmation still holds, the figures change.
    const before = await report(YEAR, tokens.secretariat);
    const school = before.completeness.missingUnits.find((m: any) => m.category === 'SCHOOL');
    const token = await hub.token({ sub: 'e2e-school-2', roles: ['MEMBER'], groups: [G], org: school.organizationId });
    dataOf(await hub.gql(SAVE, { g: G, y: YEAR, input: { enrolledStudents: 5000, fullTimeTeachers: 300, graduates: 1500, employedGraduates: 1400 } }, token));
    const submitted = dataOf(await hub.gql(SUBMIT, { g: G, y: YEAR }, token)).submitAnnualReturn;
    dataOf(await hub.gql(`mutation($id: ID!) { approveAnnualReturn(id: $id) { status } }`, { id: submitted.id }, tokens.secretariat));
    const shrunk = await report(YEAR, tokens.secretariat);
    expect(shrunk.completeness).toMatchObject({ missing: before.completeness.missing - 1, gapConfirmed: true, confirmation: { holds: true, uncovered: 0 } });
    const value = (r: any, code: string) => r.national.fields.find((f: any) => f.code === code).value;
    expect(Number(value(shrunk, 'JT0401'))).toBe(Number(value(before, 'JT0401')) + 5000);
    expect(fromReturns(shrunk.national.errors, 'NATIONAL_2025')).toEqual([]);
    expect(shrunk.national.note).toBe(REASON);

    // A year with no round: every active member is expected. Confirmed, then a unit joins: it is missing and not covered.
    const year = 2023;
    const open = await report(year, tokens.secretariat);
    expect(open.completeness).toMatchObject({ round: false, approved: 0, complete: false });
    expect(open.completeness.missing).toBe(open.completeness.expected);
    expectEach(open.completeness.missingUnits, (m: any) => m.status === '未开启采集');
    dataOf(await hub.gql(CONFIRM, { g: G, y: year, r: '2023 年未开展年报采集，在校生等按 0 之外的数字无从填报（测试）' }, tokens.secretariat));
    expect((await report(year)).completeness.gapConfirmed).toBe(true);

    const first17 = `91370212MA${String(Date.now() % 10_000_000).padStart(7, '0')}`;
    dataOf(
      await hub.gql(
        `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id status } }`,
        {
          input: {
            groupId: G,
            organization: {
              uscc: first17 + usccCheckCharacter(first17),
              name: '新入会职业学院（测试）',
              type: 'HIGHER_VOCATIONAL',
              region: '370212',
              industry: '教育',
              contactPerson: '张',
              contactPhone: '0532-80000001',
            },
          },
        },
        tokens.secretariat,
      ),
    );
    const grown = await report(year, tokens.secretariat);
    expect(grown.completeness).toMatchObject({ missing: open.completeness.missing + 1, gapConfirmed: false, confirmation: { holds: false, uncovered: 1 } });
    expect(grown.national.note).toBeNull();
    // 2023 is filled in NATIONAL_2023, which has none of the 2025 policy fields.
    const errors = fromReturns(grown.national.errors, 'NATIONAL_2023');
    expect(errors.map((e: any) => e.field)).toEqual(FROM_RETURNS.NATIONAL_2023);
    expectEach(errors, (e: any) => e.message.includes('：新入会职业学院（测试）、'));
    expect(grown.completeness.missingUnits[0].name).toBe('新入会职业学院（测试）');
    const reconfirmed = dataOf(await hub.gql(CONFIRM, { g: G, y: year, r: '新入会单位当年无报送义务（测试）' }, tokens.secretariat)).confirmReturnGaps;
    expect(reconfirmed).toMatchObject({ missing: open.completeness.missing + 1, holds: true });
    expect((await report(year)).national.note).toBe('新入会单位当年无报送义务（测试）');
  });
});

describe('trends: every figure and indicator over a range of years, in one query', () => {
  const TREND = /* GraphQL */ `query($g: ID!, $from: Int!, $to: Int!, $unit: ID) { annualReportTrend(groupId: $g, fromYear: $from, toYear: $to) {
    year
    trend { path value previous change changePercent summable cumulative }
    unit: trend(organizationId: $unit) { path value change }
  } }`;
  /** The gateway's count of calls to each subgraph so far (its /metrics). */
  const fetches = async () => {
    const text = await (await fetch(hub.url.replace(/\/graphql$/, '/metrics'))).text();
    const count = (name: string) =>
      [...text.matchAll(new RegExp(`zjjt_gateway_subgraph_fetch_duration_seconds_count\\{[^}]*subgraph="${name}"[^}]*\\} (\\d+)`, 'g'))].reduce(
        (n, m) => n + Number(m[1]),
        0,
      );
    return { members: count('members'), resources: count('resources'), bases: count('bases'), statistics: count('statistics') };
  };

  it('gives each year with its change from the year before and running totals, for the group and a unit, one batched call per subgraph', async () => {
    const years = [2023, 2024, 2025];
    const own = await sum('bases', async (db) =>
      Promise.all(
        years.map(async (y) => ({
          personTimes: await one(db, 'SELECT SUM(personTimes) FROM training_session WHERE groupId = ? AND year = ?', [G, y]),
          school: await one(db, 'SELECT SUM(personTimes) FROM training_session WHERE groupId = ? AND year = ? AND organizationId = ?', [
            G,
            y,
            DEMO.schoolOrgId,
          ]),
          revenueFen: await one(db, 'SELECT SUM(amount) FROM revenue_entry WHERE groupId = ? AND year = ?', [G, y]),
        })),
      ),
    );
    expect(own[2].personTimes).toBeGreaterThan(0);
    const before = await fetches();
    const trend = dataOf(await hub.gql(TREND, { g: G, from: 2023, to: 2025, unit: DEMO.schoolOrgId }, tokens.secretariat)).annualReportTrend;
    const after = await fetches();
    // Three years, yet one call to each subgraph that owns a section (their _entities batch every year) and two to statistics (the list, then the trend).
    expect({ members: after.members - before.members, resources: after.resources - before.resources, bases: after.bases - before.bases }).toEqual({
      members: 1,
      resources: 1,
      bases: 1,
    });
    expect(after.statistics - before.statistics).toBe(2);

    expect(trend.map((y: any) => y.year)).toEqual(years);
    const at = (i: number, path: string, list = 'trend') => trend[i][list].find((f: any) => f.path === path);
    years.forEach((_, i) => expect(at(i, 'training.personTimes').value).toBe(String(own[i].personTimes)));
    expect(at(0, 'training.personTimes')).toMatchObject({ previous: null, change: null, summable: true, cumulative: String(own[0].personTimes) });
    expect(at(2, 'training.personTimes')).toMatchObject({
      previous: String(own[1].personTimes),
      change: String(own[2].personTimes - own[1].personTimes),
      cumulative: String(own[0].personTimes + own[1].personTimes + own[2].personTimes),
    });
    // Money exactly, in yuan.
    if (own[1].revenueFen && own[2].revenueFen) {
      expect(at(2, 'revenue.total').change).toBe(fenToYuan(own[2].revenueFen - own[1].revenueFen));
    }
    // Year-end stocks and ratios are not added up.
    expect(at(2, 'membership.total')).toMatchObject({ summable: false, cumulative: null });
    expect(at(2, 'indicators.trainingPerStudent')).toMatchObject({ summable: false, cumulative: null });
    // An indicator's trend reads as the indicator does (Ratio): two decimals.
    expect(at(2, 'indicators.trainingPerStudent').value).toMatch(/^\d+\.\d{2}$/);
    // The unit's own figures, each year.
    years.forEach((_, i) => expect(at(i, 'training.personTimes', 'unit').value).toBe(String(own[i].school)));
    expect(at(2, 'training.personTimes', 'unit').change).toBe(String(own[2].school - own[1].school));
    expect(at(2, 'returns.enrolledStudents', 'unit').value).toBe('7800');
  });

  it('ten years with every figure stay within the gateway’s cost limit; longer ranges, other groups and other units are refused', async () => {
    const ten = await hub.gql(TREND, { g: G, from: 2016, to: 2025, unit: DEMO.schoolOrgId }, tokens.secretariat);
    expect(dataOf(ten).annualReportTrend).toHaveLength(10);
    const eleven = await hub.gql(TREND, { g: G, from: 2015, to: 2025 }, tokens.secretariat);
    expect(codesOf(eleven)).toEqual(['BAD_USER_INPUT']);
    expect(eleven.body.errors![0].message).toMatch(/^趋势最多 10 个年度（trend too long）/);
    expect(codesOf(await hub.gql(TREND, { g: G, from: 2025, to: 2024 }, tokens.secretariat))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await hub.gql(TREND, { g: G, from: 2024, to: 2025 }, tokens.otherGroup))).toEqual(['FORBIDDEN']);
    expect(codesOf(await hub.gql(TREND, { g: G, from: 2024, to: 2025 }))).toEqual(['UNAUTHENTICATED']);
    // A member unit: the group's figures and its own, never another unit's.
    expect(dataOf(await hub.gql(TREND, { g: G, from: 2024, to: 2025, unit: DEMO.schoolOrgId }, tokens.school)).annualReportTrend).toHaveLength(2);
    expect(codesOf(await hub.gql(TREND, { g: G, from: 2024, to: 2025, unit: DEMO.memberOrgId }, tokens.school))).toContain('FORBIDDEN');
    // The reporting bot reads trends like the report.
    expect(dataOf(await hub.gql(TREND, { g: G, from: 2024, to: 2025, unit: DEMO.schoolOrgId }, tokens.reporter)).annualReportTrend).toHaveLength(2);
  });
});
