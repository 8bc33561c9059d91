import { DEMO, orgId } from '@zjjt/demo';
import { mintToken } from './tokens';
import { callGateway } from '../../bot/gateway';

/** A school's policy figures: 招生, 就业 split into 对口 (80 %) and 集团内企业 (15 %), 获证 (90 % of 就业), 共建专业, 产业学院. */
const policy = (admissions: number, employed: number, coBuiltSpecialties: number, industrialColleges: number) => ({
  admissions,
  employedInField: Math.round(employed * 0.8),
  employedInGroup: Math.round(employed * 0.15),
  certifiedGraduates: Math.round(employed * 0.9),
  coBuiltSpecialties,
  industrialColleges,
  coDevelopedCourses: industrialColleges * 4,
  coDevelopedTextbooks: industrialColleges * 2,
  staffPracticeReceived: industrialColleges * 60,
});

/** Demo units that file their 2025 returns, with their figures (schools: students, teachers, graduates). */
const RETURNS: [slug: string, figures: Record<string, number>][] = [
  [
    'sdjxjs',
    {
      enrolledStudents: 9600,
      fullTimeTeachers: 520,
      dualQualifiedTeachers: 360,
      graduates: 3100,
      employedGraduates: 2950,
      specialties: 42,
      ...policy(3300, 2950, 40, 2),
    },
  ],
  [
    'jnzy',
    {
      enrolledStudents: 12800,
      fullTimeTeachers: 640,
      dualQualifiedTeachers: 410,
      graduates: 4100,
      employedGraduates: 3870,
      specialties: 48,
      ...policy(4400, 3870, 46, 3),
    },
  ],
  [
    'zbzy',
    {
      enrolledStudents: 10400,
      fullTimeTeachers: 560,
      dualQualifiedTeachers: 330,
      graduates: 3400,
      employedGraduates: 3190,
      specialties: 40,
      ...policy(3600, 3190, 38, 2),
    },
  ],
  [
    'jngj',
    {
      enrolledStudents: 5200,
      fullTimeTeachers: 300,
      dualQualifiedTeachers: 210,
      graduates: 1700,
      employedGraduates: 1640,
      specialties: 24,
      ...policy(1800, 1640, 22, 1),
    },
  ],
  ['jnjgzb', { employees: 860, internsReceived: 45 }],
  ['jnskjc', { employees: 2300, internsReceived: 120 }],
];

/**
 * Runs the demo group's 2025 data collection through the gateway, as its users would, when
 * statistics has none yet: the secretariat opens the round, six units file returns, the
 * secretariat approves them. The rest stay drafts, so the round shows who has not submitted; the secretariat
 * sends two notices and a reminder (催报) to the units still drafting. Four targets, one over a range of years.
 */
export async function runDemoCollection(gatewayUrl: string, jwtSecret: string): Promise<boolean> {
  const call = (token: string, query: string, variables: Record<string, unknown> = {}) => callGateway(gatewayUrl, query, variables, token);
  const g = DEMO.groupId;
  const secretariat = await mintToken(jwtSecret, { sub: 'demo-secretariat', roles: ['SECRETARIAT'], groups: [g], org: DEMO.secretariatOrgId });
  if ((await call(secretariat, 'query($g: ID!) { collectionRound(groupId: $g, year: 2025) { id } }', { g })).collectionRound) return false;
  const { openCollectionRound: round } = await call(
    secretariat,
    'mutation($g: ID!) { openCollectionRound(input: { groupId: $g, year: 2025, dueOn: "2026-03-31" }) { id } }',
    { g },
  );
  for (const [slug, figures] of RETURNS) {
    const unit = await mintToken(jwtSecret, { sub: `demo-${slug}`, roles: ['MEMBER'], groups: [g], org: orgId(slug) });
    await call(unit, 'mutation($g: ID!, $input: AnnualReturnInput!) { saveAnnualReturn(groupId: $g, year: 2025, input: $input) { id } }', {
      g,
      input: figures,
    });
    const { submitAnnualReturn } = await call(unit, 'mutation($g: ID!) { submitAnnualReturn(groupId: $g, year: 2025) { id } }', { g });
    await call(secretariat, 'mutation($id: ID!) { approveAnnualReturn(id: $id) { id } }', { id: submitAnnualReturn.id });
  }
  await call(
    secretariat,
    'mutation($g: ID!) { setTarget(input: { groupId: $g, year: 2025, indicator: TRAINING_PERSON_TIMES, scope: "GROUP", threshold: 70000 }) { id } }',
    { g },
  );
  await call(
    secretariat,
    'mutation($g: ID!) { setTarget(input: { groupId: $g, year: 2025, indicator: TRAINING_PER_STUDENT, scope: "EACH_MEMBER", threshold: 2 }) { id } }',
    { g },
  );
  // 消息管理: a notice to the enterprises, one to two named schools, and a reminder (催报) to the units still drafting.
  await call(secretariat, 'mutation($input: SendGroupNoticeInput!) { sendGroupNotice(input: $input) { id } }', {
    input: {
      groupId: g,
      audience: 'UNIT_CATEGORIES',
      unitCategories: ['ENTERPRISE'],
      title: '关于推荐企业兼职教师的通知（演示）',
      body: '请各企业成员单位于月底前推荐兼职教师人选。',
    },
  });
  await call(secretariat, 'mutation($input: SendGroupNoticeInput!) { sendGroupNotice(input: $input) { id } }', {
    input: {
      groupId: g,
      audience: 'UNITS',
      organizationIds: [orgId('jnzy'), orgId('zbzy')],
      title: '技能大赛筹备会议通知（演示）',
      body: '请两校派员参加筹备会议。',
    },
  });
  await call(secretariat, 'mutation($r: ID!) { sendReminder(roundId: $r) { reminded { id } } }', { r: round.id });
  // The policies' 95 % of specialties co-built, for every member over 2025–2027, and 98 % employment for the group.
  await call(
    secretariat,
    'mutation($g: ID!) { setTarget(input: { groupId: $g, fromYear: 2025, toYear: 2027, indicator: CO_BUILT_SPECIALTY_SHARE, scope: "EACH_MEMBER", threshold: 95 }) { id } }',
    { g },
  );
  await call(
    secretariat,
    'mutation($g: ID!) { setTarget(input: { groupId: $g, year: 2025, indicator: EMPLOYMENT_RATE, scope: "GROUP", threshold: 98 }) { id } }',
    { g },
  );
  return true;
}
