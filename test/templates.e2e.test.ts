import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO } from '@zjjt/demo';
import { fenToWan, figureToFen } from '@zjjt/kit';
import { runOnce } from '../bot';
import { approveSchoolReturn, codesOf, confirmReturnGaps, dataOf, expectEach, recordAcceptedSubmission, startTestHub, TestHub } from './harness';

let hub: TestHub;
const tokens = { secretariat: '', school: '', bot: '' };
const G = DEMO.groupId;
const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-templates-outbox-'));

beforeAll(async () => {
  hub = await startTestHub({ NATIONAL_OUTBOX_DIR: outbox });
  tokens.secretariat = await hub.token({ sub: 'tpl-sec', roles: ['SECRETARIAT'], groups: [G], org: DEMO.secretariatOrgId });
  tokens.school = await hub.token({ sub: 'tpl-school', roles: ['MEMBER'], groups: [G], org: DEMO.schoolOrgId });
  tokens.bot = await hub.token({ sub: 'tpl-bot', roles: ['REPORTER'], groups: [G] });
  await approveSchoolReturn(hub, G, 2025, tokens);
  await approveSchoolReturn(hub, G, 2024, tokens);
}, 120000);

afterAll(async () => {
  await hub?.stop();
  fs.rmSync(outbox, { recursive: true, force: true });
});

const TEMPLATE = `template { code family year appliesFrom appliesUntil chosenBecause verified provenance { document notice date checked { by on } } }`;
const DRILL = `drillDown { section figure definition formula ledger rowCount column rowSelection query variables derivedFrom }`;
const FILLED = /* GraphQL */ `query($g: ID!, $y: Int!, $t: String!) { annualReport(groupId: $g, year: $y) { filled(template: $t) { ${TEMPLATE} blocked fields { code label unit value source ${DRILL} } } } }`;
const filled = (year: number, template: string, token = tokens.secretariat) => hub.gql(FILLED, { g: G, y: year, t: template }, token);
const FREEZE = /* GraphQL */ `mutation($g: ID!, $y: Int!, $t: String!) { freezeReport(groupId: $g, year: $y, template: $t) { submission { id template } } }`;

describe('templates versioned by report year', () => {
  it('refuses a version for a year it does not apply to, with the same message in filled and freezeReport', async () => {
    for (const [year, template, message] of [
      [2020, 'NATIONAL_2025', '模板族 NATIONAL 最早的版本 NATIONAL_2023 自 2023 年度起适用，没有适用于 2020 年度的版本 (no template version for the year)'],
      [2024, 'NATIONAL_2025', '模板 NATIONAL_2025 不适用于 2024 年度 (template version does not apply to the year)：2024 年度适用 NATIONAL_2023'],
      [2025, 'NATIONAL_2023', '模板 NATIONAL_2023 不适用于 2025 年度 (template version does not apply to the year)：2025 年度适用 NATIONAL_2025'],
      [2022, 'NATIONAL', '没有适用于 2022 年度的版本 (no template version for the year)'],
    ] as const) {
      const read = await filled(year, template, tokens.bot);
      const frozen = await hub.gql(FREEZE, { g: G, y: year, t: template }, tokens.bot);
      expect([codesOf(read), codesOf(frozen)]).toEqual([['BAD_USER_INPUT'], ['BAD_USER_INPUT']]);
      expect(read.body.errors![0].message).toContain(message);
      expect(frozen.body.errors![0].message).toBe(read.body.errors![0].message);
    }
  });

  it('fills each year with its version, or the latest earlier one, and says which and why', async () => {
    const template = async (year: number, code: string) => {
      const f = dataOf(await filled(year, code)).annualReport.filled;
      return {
        code: f.template.code,
        appliesFrom: f.template.appliesFrom,
        appliesUntil: f.template.appliesUntil,
        fields: f.fields.length,
        why: f.template.chosenBecause,
      };
    };
    expect(await template(2023, 'NATIONAL')).toEqual({
      code: 'NATIONAL_2023',
      appliesFrom: 2023,
      appliesUntil: 2024,
      fields: 28,
      why: '按模板族 NATIONAL 选择：NATIONAL_2023 是模板族 NATIONAL 为 2023 年度制定的版本（适用于 2023–2024 年度）',
    });
    expect(await template(2024, 'NATIONAL')).toMatchObject({
      code: 'NATIONAL_2023',
      fields: 28,
      why: expect.stringContaining('没有 2024 年度的版本，沿用此前最近的版本 NATIONAL_2023'),
    });
    expect(await template(2025, 'NATIONAL')).toMatchObject({ code: 'NATIONAL_2025', appliesUntil: null, fields: 53 });
    expect(await template(2026, 'NATIONAL_2025')).toMatchObject({ code: 'NATIONAL_2025', why: expect.stringMatching(/^按请求的版本 NATIONAL_2025：.*沿用/) });
    expect(await template(2024, 'NATIONAL_2023')).toMatchObject({ code: 'NATIONAL_2023' });

    const { reportTemplates } = dataOf(
      await hub.gql(
        `{ reportTemplates { code family appliesFrom appliesUntil verified provenance { document notice date checked { by on } } } }`,
        {},
        tokens.bot,
      ),
    );
    expect(reportTemplates.map((t: any) => [t.code, t.family, t.appliesFrom, t.appliesUntil])).toEqual([
      ['NATIONAL_2023', 'NATIONAL', 2023, 2024],
      ['NATIONAL_2025', 'NATIONAL', 2025, null],
      ['SHANDONG_2025', 'SHANDONG', 2025, null],
    ]);
    expectEach(
      reportTemplates,
      (t: any) => t.provenance.document.length > 0 && /^\d{4}-\d{2}-\d{2}$/.test(t.provenance.date) && t.verified === (t.provenance.checked !== null),
      3,
    );
    expect(reportTemplates[2].provenance.notice).toBe('鲁人社字〔2023〕30号');
  });

  it('lets the bot submit an earlier year in the version that applies to it', async () => {
    // The other members' 2024 returns are missing: the secretariat confirms the gap, which becomes the 说明.
    await confirmReturnGaps(hub, G, 2024, tokens.secretariat);
    // Last year (2023) accepted with the 2024 figures, so the 2024 report raises no year-on-year warning.
    const f2024 = dataOf(await filled(2024, 'NATIONAL', tokens.bot)).annualReport.filled;
    expect(f2024.blocked).toBe(false);
    await recordAcceptedSubmission(hub, { groupId: G, year: 2023, target: 'national', template: 'NATIONAL_2023', version: 1, fields: f2024.fields });
    const said: string[] = [];
    const bot = () => runOnce({ gateway: hub.url, token: tokens.bot, groupId: G, year: 2024, target: 'national', dryRun: false, say: (l) => said.push(l) });
    // The demo's 2024 is a partial year: its ratios are out of their usual range, so the frozen report waits for confirmation.
    expect(await bot()).toBe(3);
    expect(said[0]).toBe('2024 年度：按模板族 NATIONAL 选择：模板族 NATIONAL 没有 2024 年度的版本，沿用此前最近的版本 NATIONAL_2023（适用于 2023–2024 年度）');
    const SUBMISSIONS = `query($g: ID!) { submissions(groupId: $g, year: 2024) { id template status warningList { field } fields { code } } }`;
    const [frozen] = dataOf(await hub.gql(SUBMISSIONS, { g: G }, tokens.secretariat)).submissions;
    expect([frozen.template, frozen.status, frozen.fields.length]).toEqual(['NATIONAL_2023', 'GENERATED', 28]);
    expect(frozen.warningList.length).toBeGreaterThan(0);
    dataOf(
      await hub.gql(
        `mutation($id: ID!) { confirmSubmissionWarnings(id: $id, reason: "2024 年台账只覆盖部分月份") { status } }`,
        { id: frozen.id },
        tokens.secretariat,
      ),
    );
    expect(await bot()).toBe(0);
    const submissions = dataOf(await hub.gql(SUBMISSIONS, { g: G }, tokens.secretariat)).submissions;
    expect(submissions.map((s: any) => [s.id, s.template, s.status])).toEqual([[frozen.id, 'NATIONAL_2023', 'SUBMITTED']]);
    expect(fs.readdirSync(outbox).filter((file) => file.startsWith('NATIONAL_2023-') && file.endsWith('.xlsx'))).toHaveLength(1);
  });
});

/** Every row a drill-down query lists, page after page, through the gateway as the secretariat. */
async function rowsOf(query: string, variables: Record<string, unknown>): Promise<Record<string, any>[]> {
  const rows: Record<string, any>[] = [];
  let after: string | null = null;
  for (;;) {
    const data = dataOf(await hub.gql(query, { ...variables, after }, tokens.secretariat));
    const root = Object.values(data)[0] as any;
    if (root && Array.isArray(root.returns)) return root.returns; // a round's returns: one list
    const connection = root.members ?? root;
    rows.push(...connection.edges.map((e: any) => e.node));
    if (!connection.pageInfo.hasNextPage) {
      expect(rows).toHaveLength(connection.totalCount);
      return rows;
    }
    after = connection.pageInfo.endCursor;
  }
}

describe('drill-down: where every figure comes from', () => {
  it('answers “where does this training figure come from?” from the hub alone: rows listed, counted and summed back', async () => {
    const report = dataOf(await filled(2025, 'NATIONAL')).annualReport.filled;
    const field = report.fields.find((f: any) => f.code === 'JT0301');
    expect(field.drillDown).toMatchObject({
      section: 'training',
      figure: 'socialPersonTimes',
      ledger: '培训班次台账 (trainingSessions)',
      column: 'personTimes',
    });
    expect(field.drillDown.formula).toContain('SUM(培训班次.personTimes)');
    const rows = await rowsOf(field.drillDown.query, { ...JSON.parse(field.drillDown.variables), first: 40 });
    expect(rows.length).toBeGreaterThan(80); // three pages of 40
    // Social training: every session but in-school students' certificate training.
    expectEach(rows, (row) => row.category !== 'STUDENT_CERTIFICATE', field.drillDown.rowCount);
    expect(String(rows.reduce((sum, row) => sum + row.personTimes, 0))).toBe(field.value);
  });

  it('gives every field a definition and formula; every ledger field’s rows add up to its value', async () => {
    const report = dataOf(await filled(2025, 'NATIONAL')).annualReport.filled;
    expectEach(report.fields, (f: any) => f.drillDown.definition && f.drillDown.formula && f.source === `${f.drillDown.section}.${f.drillDown.figure}`, 53);
    const derived = report.fields.filter((f: any) => f.drillDown.ledger === null);
    expectEach(derived, (f: any) => f.drillDown.derivedFrom.length > 0 && f.drillDown.query === null, 7);

    const end = '2025-12-31';
    const checked: string[] = [];
    for (const f of report.fields.filter((x: any) => x.drillDown.ledger !== null)) {
      const d = f.drillDown;
      let rows = await rowsOf(d.query, JSON.parse(d.variables));
      if (d.section === 'membership') {
        // The selection the drill-down states: members at the year's end (and 500强 for that figure).
        rows = rows.filter(
          (m) => m.joinedOn && m.joinedOn <= end && (!m.exitedOn || m.exitedOn > end) && (d.figure !== 'fortune500' || m.organization.fortune500),
        );
        expect([f.code, rows.length]).toEqual([f.code, Number(f.value)]);
      } else {
        expect([f.code, rows.length]).toEqual([f.code, d.rowCount]);
        // A return figure no approved return reported is not reported (null), not 0.
        const unreported = d.section === 'returns' && rows.every((row) => row[d.column] === null);
        const total = unreported
          ? null
          : f.unit === '万元'
            ? fenToWan(rows.reduce((sum, row) => sum + figureToFen(row[d.column]), 0n))
            : String(rows.reduce((sum, row) => sum + (row[d.column] ?? 0), 0));
        expect([f.code, total]).toEqual([f.code, f.value]);
      }
      checked.push(f.code);
    }
    expect(checked).toHaveLength(46);
  }, 120000);
});
