import { callGateway } from './gateway';

/** One run of the reporting bot: read the filled template, freeze the report, send it. */

export interface Options {
  gateway: string;
  token: string;
  groupId: string;
  year: number;
  target: string;
  dryRun: boolean;
  /** Where progress lines go (standard output by default). */
  say?: (line: string) => void;
}

const gql = <T>(o: Options, query: string, variables: Record<string, unknown>) => callGateway<T>(o.gateway, query, variables, o.token);

/** Where progress lines go unless `say` is given. */
export const print = (line: string) => process.stdout.write(`${line}\n`);

/** One run; the exit code says what happened (0 sent or nothing to send, 1 blocked, 2 refused by the platform or gave up, 3 awaiting confirmation). */
export async function runOnce(o: Options): Promise<number> {
  const say = o.say ?? print;
  const { reportTemplates } = await gql<{ reportTemplates: { family: string; target: string; appliesFrom: number }[] }>(
    o,
    '{ reportTemplates { family target appliesFrom } }',
    {},
  );
  // The target's template family; the hub picks the version that applies to the year (and says why).
  const families = [...new Set(reportTemplates.filter((t) => t.target === o.target).map((t) => t.family))];
  if (families.length !== 1) throw new Error(`${o.target} 应有且只有一个模板族，现有：${families.join('、') || '无'}`);
  const { annualReport } = await gql<{
    annualReport: {
      filled: {
        template: { code: string; verified: boolean; chosenBecause: string };
        fields: { code: string; value: string | null }[];
        errors: { field: string; message: string }[];
        warnings: { field: string; message: string }[];
        blocked: boolean;
        completeness: { expected: number; approved: number; missing: number } | null;
        note: string | null;
      };
    };
  }>(
    o,
    'query($g: ID!, $y: Int!, $t: String!) { annualReport(groupId: $g, year: $y) { filled(template: $t) { template { code verified chosenBecause } fields { code label unit value source } errors { field message } warnings { field message } blocked completeness { expected approved missing } note } } }',
    { g: o.groupId, y: o.year, t: families[0] },
  );
  const filled = annualReport.filled;
  const template = filled.template;
  say(`${o.year} 年度：${template.chosenBecause}`);
  say(
    `${template.code}${template.verified ? '' : '（模板未与平台正式表单核对）'}：${filled.fields.length} 个字段，${filled.errors.length} 个阻断错误，${filled.warnings.length} 个警告`,
  );
  const c = filled.completeness;
  if (c) say(`  成员年报：应报 ${c.expected} 家，已审核通过 ${c.approved} 家，缺 ${c.missing} 家${filled.note ? `；说明：${filled.note}` : ''}`);
  for (const e of filled.errors) say(`  错误 ${e.field}: ${e.message}`);
  for (const w of filled.warnings) say(`  警告 ${w.field}: ${w.message}`);
  if (o.dryRun) {
    for (const f of filled.fields) say(`  ${f.code} = ${f.value ?? ''}`);
    return filled.blocked ? 1 : 0;
  }
  if (filled.blocked) return 1;
  const { freezeReport } = await gql<{
    freezeReport: { unchanged: boolean; submission: { id: string; version: number; status: string; payloadSha256: string } };
  }>(
    o,
    // The hub freezes the figures it computes itself; the copy read above only has to agree with
    // them (any difference, e.g. a ledger changed meanwhile, is refused and the next run retries).
    'mutation($g: ID!, $y: Int!, $t: String!, $r: String) { freezeReport(groupId: $g, year: $y, template: $t, filledReport: $r) { unchanged submission { id version status payloadSha256 } } }',
    { g: o.groupId, y: o.year, t: template.code, r: JSON.stringify({ fields: filled.fields.map((f) => ({ code: f.code, value: f.value })) }) },
  );
  const s = freezeReport.submission;
  if (freezeReport.unchanged && ['ACCEPTED', 'SUBMITTED'].includes(s.status)) {
    say(`数据与第 ${s.version} 版相同（${s.status}），不重复报送`);
    return 0;
  }
  say(`已冻结第 ${s.version} 版（SHA-256 ${s.payloadSha256.slice(0, 12)}…），状态 ${s.status}`);
  if (s.status === 'GENERATED') {
    say('有警告：等待秘书处确认（confirmSubmissionWarnings）后再发送');
    return 3;
  }
  const { sendSubmission } = await gql<{
    sendSubmission: { status: string; receipt: string | null; platformMessage: string | null; lastError: string | null; nextAttemptAt: string | null };
  }>(o, 'mutation($id: ID!) { sendSubmission(id: $id) { status receipt platformMessage lastError nextAttemptAt } }', { id: s.id });
  say(
    `发送结果：${sendSubmission.status}${sendSubmission.receipt ? ` 回执 ${sendSubmission.receipt}` : ''}${sendSubmission.platformMessage ? ` 平台意见 ${sendSubmission.platformMessage}` : ''}${sendSubmission.lastError ? ` 原因 ${sendSubmission.lastError}，${sendSubmission.nextAttemptAt} 自动重试` : ''}`,
  );
  return ['REJECTED', 'DEAD'].includes(sendSubmission.status) ? 2 : 0;
}
