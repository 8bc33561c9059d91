import fs from 'node:fs';
import path from 'node:path';
import { DEMO, orgId } from '@zjjt/demo';
import { usccCheckCharacter } from '../subgraphs/members/src/organization/uscc';
import { demoIdNumber, demoPhone, LedgerWorkbookOptions, writeLedgerWorkbook } from '../scripts/lib/ledger-workbook';
import { ROOT } from '../scripts/lib/secrets';
import { mintToken } from '../scripts/lib/tokens';
import { callGateway } from '../bot/gateway';
import { TEMPLATE, thousands, YEAR } from './config';

/** The data the bench adds to the demo through the gateway, as its users would: resources, a base, workbooks, returns, groups. */

/**
 * Makes the dataset fixed and big enough: 60 more published resources, posted through the gateway
 * by six demo enterprises, so the search page always has 50 rows.
 */
export async function postBenchResources(gatewayUrl: string, jwtSecret: string) {
  const kinds = ['EQUIPMENT', 'TRAINING_FACILITY', 'TEACHER_WORKSTATION', 'JOB_MONITORING_STATION'];
  for (const [i, slug] of ['jnjgzb', 'jnskjc', 'jnsyqc', 'qdgkjx', 'zbdj', 'jndyjx'].entries()) {
    const token = await mintToken(jwtSecret, { sub: `bench-${slug}`, roles: ['MEMBER'], groups: [DEMO.groupId], org: orgId(slug) });
    for (let n = 0; n < 10; n += 1) {
      const input = {
        groupId: DEMO.groupId,
        kind: kinds[(i + n) % kinds.length],
        title: `压测共享资源 ${i}-${n}`,
        capacity: 10 + n,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        visibility: n % 3 ? 'GROUP' : 'PUBLIC',
      };
      const { createResource } = await callGateway(gatewayUrl, 'mutation($input: ResourceInput!) { createResource(input: $input) { id } }', { input }, token);
      await callGateway(gatewayUrl, 'mutation($id: ID!) { publishResource(id: $id) { id } }', { id: createResource.id }, token);
    }
  }
}

/**
 * Registers the training base the ledger scenarios import into, in `groupId`, as the school (its
 * lead), with an enterprise as co-builder. Co-builders are given by USCC, read as the secretariat.
 */
export async function registerBenchBase(
  gatewayUrl: string,
  schoolToken: string,
  secretariatToken: string,
  groupId: string,
  schoolOrgId: string,
  enterpriseOrgId: string,
): Promise<string> {
  const uscc = async (id: string) =>
    (await callGateway(gatewayUrl, 'query($id: ID!) { organization(id: $id) { uscc } }', { id }, secretariatToken)).organization.uscc;
  const input = {
    groupId,
    name: '压测培训基地（演示）',
    kind: 'TRAINING_BASE',
    occupations: ['数控车工', '工业机器人系统运维员'],
    capacity: 500,
    coBuilders: [
      { uscc: await uscc(schoolOrgId), role: 'LEAD' },
      { uscc: await uscc(enterpriseOrgId), role: 'CO_BUILDER' },
    ],
  };
  const { registerTrainingBase } = await callGateway(
    gatewayUrl,
    'mutation($input: TrainingBaseInput!) { registerTrainingBase(input: $input) { id } }',
    { input },
    schoolToken,
  );
  return registerTrainingBase.id;
}

/** Trainee rows of the measured workbook, and the most of any workbook that fills the year. */
export const IMPORT_ROWS = 100_000;

/**
 * Writes a roster workbook of `rows` trainee rows for YEAR — 20 programs × `rows / 2,000` sessions
 * each × 100 trainees, so `rows` is a multiple of 2,000 — whose trainees are persons
 * `firstPerson + 1 …` (so the workbooks of one run hold distinct people).
 */
export async function writeBenchWorkbook(file: string, prefix: string, rows: number, firstPerson: number) {
  const options: LedgerWorkbookOptions = { prefix, year: YEAR, programs: 20, sessionsPerProgram: rows / 2000, traineesPerSession: 100, certifications: 10 };
  // Trainee rows are [session, name, 身份证号, phone]; row 2 is the workbook's person 1.
  if (firstPerson)
    options.edit = (sheet, row, values) =>
      sheet === 'trainees' && row > 1 ? [values[0], values[1], demoIdNumber(firstPerson + row - 1), demoPhone(firstPerson + row - 1)] : values;
  const { trainees } = await writeLedgerWorkbook(file, options);
  return { trainees, programs: options.programs, sessions: options.programs * options.sessionsPerProgram, certifications: options.certifications };
}

/** Uploads a workbook through the gateway's /files route; fails the bench unless it is IMPORTED with `expected` counts. */
export async function uploadWorkbook(gatewayUrl: string, baseId: string, file: string, token: string, expected: Record<string, number>) {
  const url = `${gatewayUrl.replace(/\/graphql$/, '/files/bases/imports')}?baseId=${encodeURIComponent(baseId)}&fileName=${encodeURIComponent(path.basename(file))}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` },
    body: fs.readFileSync(file),
  });
  const text = await response.text();
  let answer: { status?: string; import?: Record<string, unknown> } = {};
  try {
    answer = JSON.parse(text);
  } catch {
    // not JSON: reported below as it is
  }
  if (answer.status !== 'IMPORTED' || Object.entries(expected).some(([k, n]) => answer.import?.[k] !== n)) {
    throw new Error(`import of ${path.basename(file)}: expected IMPORTED with ${JSON.stringify(expected)}, got HTTP ${response.status} ${text.slice(0, 500)}`);
  }
}

/** How many fields `TEMPLATE` has, read from the JSON file the statistics subgraph loads (TEMPLATES_DIR or subgraphs/statistics/templates). */
export function templateFieldCount(): number {
  const dir = process.env.TEMPLATES_DIR ? path.resolve(process.env.TEMPLATES_DIR) : path.join(ROOT, 'subgraphs', 'statistics', 'templates');
  return (JSON.parse(fs.readFileSync(path.join(dir, `${TEMPLATE}.json`), 'utf8')) as { fields: unknown[] }).fields.length;
}

/**
 * Completes the demo group's returns for YEAR: the secretariat opens the collection round, the
 * school saves and submits its return, the secretariat approves it and confirms that the other
 * members' returns are missing (the report's 说明). Fails the bench, printing the errors, if
 * `filled(TEMPLATE)` is still blocked.
 */
export async function approveSchoolReturn(gatewayUrl: string, secretariatToken: string, schoolToken: string) {
  const vars = { groupId: DEMO.groupId, year: YEAR };
  await callGateway(
    gatewayUrl,
    'mutation($input: OpenRoundInput!) { openCollectionRound(input: $input) { id } }',
    { input: { ...vars, dueOn: `${YEAR + 1}-03-31` } },
    secretariatToken,
  );
  const input = { enrolledStudents: 8000, fullTimeTeachers: 400, graduates: 2500, employedGraduates: 2350 };
  await callGateway(
    gatewayUrl,
    'mutation($groupId: ID!, $year: Int!, $input: AnnualReturnInput!) { saveAnnualReturn(groupId: $groupId, year: $year, input: $input) { id } }',
    { ...vars, input },
    schoolToken,
  );
  const { submitAnnualReturn } = await callGateway(
    gatewayUrl,
    'mutation($groupId: ID!, $year: Int!) { submitAnnualReturn(groupId: $groupId, year: $year) { id } }',
    vars,
    schoolToken,
  );
  await callGateway(gatewayUrl, 'mutation($id: ID!) { approveAnnualReturn(id: $id) { id } }', { id: submitAnnualReturn.id }, secretariatToken);
  await callGateway(
    gatewayUrl,
    'mutation($groupId: ID!, $year: Int!, $reason: String!) { confirmReturnGaps(groupId: $groupId, year: $year, reason: $reason) { id } }',
    { ...vars, reason: '基准测试：其余成员单位年报未报送，按已审核年报填报' },
    secretariatToken,
  );
  const { annualReport } = await callGateway(
    gatewayUrl,
    `query($groupId: ID!, $year: Int!) { annualReport(groupId: $groupId, year: $year) { filled(template: "${TEMPLATE}") { blocked errors { field message } } } }`,
    vars,
    secretariatToken,
  );
  if (annualReport?.filled?.blocked !== false)
    throw new Error(
      `${TEMPLATE} for the demo group is blocked after the school's return was approved and the gap confirmed: ${JSON.stringify(annualReport?.filled?.errors)}`,
    );
}

/** The member units each bench group gets: a school and two enterprises. */
export const BENCH_MEMBER_TYPES = ['HIGHER_VOCATIONAL', 'ENTERPRISE', 'ENTERPRISE'];

/** A valid USCC unique in the bench: '91370100MA', the 7-digit `n`, the check character. */
export function benchUscc(n: number): string {
  const first17 = `91370100MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
}

/**
 * Registers `count` more groups as an authority (codes bench-001 …, REGIONAL), each with the
 * member units of BENCH_MEMBER_TYPES registered by the group's own secretariat (joined in YEAR,
 * so they count in its report). Returns the new groups' ids.
 */
export async function registerBenchGroups(gatewayUrl: string, jwtSecret: string, authorityToken: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let g = 1; g <= count; g += 1) {
    const code = `bench-${String(g).padStart(3, '0')}`;
    const input = { code, name: `压测区域职业教育集团 ${code}（演示）`, type: 'REGIONAL', region: '370100' };
    const { registerGroup } = await callGateway(
      gatewayUrl,
      'mutation($input: RegisterGroupInput!) { registerGroup(input: $input) { id } }',
      { input },
      authorityToken,
    );
    const secretariat = await mintToken(jwtSecret, { sub: `bench-secretariat-${code}`, roles: ['SECRETARIAT'], groups: [registerGroup.id] });
    for (const [m, type] of BENCH_MEMBER_TYPES.entries()) {
      const organization = {
        uscc: benchUscc((g - 1) * BENCH_MEMBER_TYPES.length + m + 1),
        name: `压测成员单位 ${code}-${m + 1}（演示）`,
        type,
        region: '370102',
        industry: type === 'ENTERPRISE' ? '通用设备制造业' : '职业教育',
      };
      await callGateway(
        gatewayUrl,
        'mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }',
        { input: { groupId: registerGroup.id, organization, joinedOn: `${YEAR}-01-15` } },
        secretariat,
      );
    }
    ids.push(registerGroup.id);
  }
  return ids;
}

/**
 * Fills the base's year up to `target` trainee rows (`imported` are there already) with more
 * generated workbooks of up to 100,000 rows (not measured). Returns the rows now in the year.
 */
export async function fillYear(gatewayUrl: string, baseId: string, dir: string, token: string, imported: number, target: number): Promise<number> {
  for (let n = 2; imported < target; n += 1) {
    const rows = Math.min(IMPORT_ROWS, target - imported);
    const file = path.join(dir, `bench-ledger-${n}.xlsx`);
    const expected = await writeBenchWorkbook(file, `B${n}-`, rows, imported);
    await uploadWorkbook(gatewayUrl, baseId, file, token, expected);
    fs.rmSync(file, { force: true });
    imported += expected.trainees;
    process.stdout.write(`filling ${YEAR}: ${thousands(imported)} / ${thousands(target)} trainee rows\n`);
  }
  return imported;
}
