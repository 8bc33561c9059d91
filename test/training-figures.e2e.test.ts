import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO } from '@zjjt/demo';
import { writeLedgerWorkbook } from '../scripts/lib/ledger-workbook';
import { dataOf, expectEach, registerTrainingBase, startTestHub, TestHub, usccOf } from './harness';

// Unknown is not zero, target groups counted once, social training apart — through the gateway, on
// the demo group's 2025 report with a ledger imported by the demo school on top of the demo's own.
let hub: TestHub;
const tokens: Record<string, string> = {};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-training-figures-'));
const G = DEMO.groupId;

beforeAll(async () => {
  hub = await startTestHub();
  tokens.school = await hub.token({ sub: 'tf-school', roles: ['MEMBER'], groups: [G], org: DEMO.schoolOrgId });
  tokens.secretariat = await hub.token({ sub: 'tf-sec', roles: ['SECRETARIAT'], groups: [G], org: DEMO.secretariatOrgId });
  tokens.reporter = await hub.token({ sub: 'tf-bot', roles: ['REPORTER'], groups: [G] });
}, 120000);

afterAll(async () => {
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const REPORT = /* GraphQL */ `query($g: ID!) { annualReport(groupId: $g, year: 2025) {
  training {
    personTimes socialPersonTimes inSchoolPersonTimes hours candidates passed
    byCategory { category personTimes } byTargetGroup { targetGroup personTimes } byLevel { level candidates passed }
    unreported { figure affects count message rows { code } }
  }
  indicators { passRatePercent }
  national: filled(template: "NATIONAL_2025") { blocked errors { field message } warnings { field message } fields { code source value } }
  shandong: filled(template: "SHANDONG_2025") { errors { field message } fields { code source value } }
} }`;
const report = async () => dataOf(await hub.gql(REPORT, { g: G }, tokens.reporter)).annualReport;

async function importLedger() {
  const uscc = await usccOf(hub, DEMO.schoolOrgId, tokens.secretariat);
  const baseId = await registerTrainingBase(hub, tokens.school, {
    groupId: G,
    name: '社会培训与未填报数字基地（端到端）',
    occupations: ['车工'],
    coBuilders: [{ uscc, role: 'LEAD' }],
  });
  const file = path.join(dir, 'ledger.xlsx');
  // Programmes: TF-P1 企业职工技能培训 (企业职工), TF-P2 就业创业 (退役军人、农民工), TF-P3 在校生证书培训 (在校生),
  // TF-P4 师资培训 (教师、企业职工); two sessions of 5 each. TF-S2-1 has no 课时; TF-C2 no 通过人数; TF-C3 no level.
  await writeLedgerWorkbook(file, {
    prefix: 'TF-',
    year: 2025,
    programs: 4,
    sessionsPerProgram: 2,
    traineesPerSession: 5,
    certifications: 3,
    edit: (sheet, row, values) => {
      if (sheet === 'programs' && row === 5) return [values[0], values[1], values[2], '教师、企业职工', ...values.slice(4)];
      if (sheet === 'sessions' && row === 4) return [...values.slice(0, 5), '', values[6]];
      if (sheet === 'certifications' && row === 3) return [values[0], values[1], values[2], values[3], '', values[5]];
      if (sheet === 'certifications' && row === 4) return [values[0], values[1], '', values[3], values[4], values[5], '800.00'];
      return values;
    },
  });
  const response = await fetch(`${hub.url.replace(/\/graphql$/, '/files/bases')}/imports?baseId=${baseId}&fileName=ledger.xlsx`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', authorization: `Bearer ${tokens.school}` },
    body: fs.readFileSync(file),
  });
  expect(await response.json()).toMatchObject({ status: 'IMPORTED', import: { programs: 4, sessions: 8, certifications: 3 } });
}

describe('training figures a secretariat can defend', () => {
  it('shows the demo’s sessions without 课时 as not reported, and counts every programme under one target group', async () => {
    const { training } = await report();
    expect(training.hours).toBeNull();
    expect(training.unreported).toEqual([
      {
        figure: 'hours',
        affects: ['hours', 'byCategory.EMPLOYEE_SKILLS.hours'],
        count: 2,
        message: expect.stringMatching(/^「课时」未填报：培训班次 BC2025-\d{3}、BC2025-\d{3} 共 2 行缺少课时/),
        rows: [{ code: expect.any(String) }, { code: expect.any(String) }],
      },
    ]);
    expect(training.byTargetGroup.reduce((n: number, g: any) => n + g.personTimes, 0)).toBe(training.personTimes);
    expect(training.byTargetGroup.map((g: any) => g.targetGroup)).toContain('TEACHERS');
    expect(training.passed).toBeGreaterThan(0);
  });

  it('after a ledger with empty cells: null figures naming the rows, a blocked template, no 0 % pass rate', async () => {
    const before = (await report()).training;
    await importLedger();
    const { training, indicators, national, shandong } = await report();

    expect(training.personTimes).toBe(before.personTimes + 40);
    expect(training.byTargetGroup.reduce((n: number, g: any) => n + g.personTimes, 0)).toBe(training.personTimes);
    const teachers = (t: any) => t.byTargetGroup.find((g: any) => g.targetGroup === 'TEACHERS').personTimes;
    expect(teachers(training)).toBe(teachers(before) + 10);

    expect(training.socialPersonTimes).toBe(before.socialPersonTimes + 30);
    expect(training.inSchoolPersonTimes).toBe(before.inSchoolPersonTimes + 10);
    expect(training.inSchoolPersonTimes).toBe(training.byCategory.find((c: any) => c.category === 'STUDENT_CERTIFICATE').personTimes);
    expect(training.socialPersonTimes + training.inSchoolPersonTimes).toBe(training.personTimes);

    expect(training.passed).toBeNull();
    expect(indicators.passRatePercent).toBeNull();
    expect(training.byLevel.find((l: any) => l.level === 'UNGRADED')).toEqual({ level: 'UNGRADED', candidates: 22, passed: 20 });
    const byFigure = new Map(training.unreported.map((u: any) => [u.figure, u]));
    expect((byFigure.get('hours') as any).rows.map((r: any) => r.code)).toContain('TF-S2-1');
    expect(byFigure.get('passed')).toEqual({
      figure: 'passed',
      affects: ['passed', 'byLevel.LEVEL_4.passed'],
      count: 1,
      message: '「通过人数」未填报：鉴定批次 TF-C2 共 1 行缺少通过人数，依赖它的数字按未填报（空）计',
      rows: [{ code: 'TF-C2' }],
    });

    const field = (filled: any, code: string) => filled.fields.find((f: any) => f.code === code);
    expect(field(national, 'JT0301')).toEqual({ code: 'JT0301', source: 'training.socialPersonTimes', value: String(training.socialPersonTimes) });
    expect(field(national, 'JT0305').value).toBeNull();
    expect(field(national, 'JT0503').value).toBeNull();
    expect(national.blocked).toBe(true);
    const errors = national.errors.filter((e: any) => e.field === 'JT0305');
    expectEach(errors, (e: any) => e.message.includes('鉴定批次 TF-C2') && e.message.startsWith('「技能鉴定通过人数」必须填写，但台账未填报'), 1);
    const warnings = national.warnings.filter((w: any) => w.field === 'JT0503');
    expectEach(warnings, (w: any) => w.message.startsWith('「鉴定通过率」未填报') && w.message.includes('TF-C2'), 1);

    // The freeze reads the same fields through the gateway and refuses them with the same message.
    const freeze = await hub.gql(
      `mutation($g: ID!) { freezeReport(groupId: $g, year: 2025, template: "NATIONAL_2025") { submission { id } } }`,
      { g: G },
      tokens.reporter,
    );
    expect(freeze.body.errors?.[0]?.message).toMatch(
      /^报表有阻断错误，不能报送（blocking errors）：.*JT0305 「技能鉴定通过人数」必须填写，但台账未填报（JT0305 required, not in the ledgers）：「通过人数」未填报：鉴定批次 TF-C2/,
    );

    expect(field(shandong, 'SD05')).toEqual({ code: 'SD05', source: 'training.socialPersonTimes', value: String(training.socialPersonTimes) });
    expectEach(
      shandong.errors.filter((e: any) => e.field === 'SD08'),
      (e: any) => e.message.includes('TF-C2'),
      1,
    );
  });
});
