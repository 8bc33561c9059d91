import { createHash, randomUUID } from 'node:crypto';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import { badInput, conflict, forbidden, notFound, requiredText, Viewer } from '@zjjt/kit';
import { StatisticsContext } from '../context';
import { assemble, FilledField, FilledReport, ReportIssue } from '../templates/fill';
import { ReportTemplateData, templates } from '../templates/loader';
import { AssembledReportUnavailable, ComputedField, sharedAssembledReportReader } from './assembled-report';
import { readSubmissionConfig } from './runtime';
import { previousYearValues } from './previous';
import { dispatch } from './dispatcher';
import { Submission, SubmissionStatus } from './submission.entity';

@ObjectType({ description: '与上一版已接收报送相比的变化' })
class FieldChange {
  @Field(() => String) code!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => String, { nullable: true }) to!: string | null;
}

@ObjectType({ description: '冻结报表的结果' })
class FreezeResult {
  @Field(() => Submission) submission!: Submission;
  @Field(() => Boolean, { description: '数据与上一版相同：不新建、不重发' }) unchanged!: boolean;
}

const iso = () => new Date().toISOString();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The bot of the group, its secretariat: who may freeze and send. */
function requireReporter(viewer: Viewer, groupId: string) {
  viewer.requireUser();
  if (!viewer.isSecretariatOf(groupId) && !(viewer.has('REPORTER') && viewer.groupIds.includes(groupId))) throw forbidden('只有本集团的填报机器人或秘书处可以报送');
}

/** The template a freeze uses: it must exist and be for that year. */
function templateOf(templateCode: string, year: number) {
  const template = templates().get(templateCode);
  if (!template) throw badInput(`没有模板 ${templateCode}`);
  if (template.year !== year) throw badInput(`模板 ${templateCode} 用于 ${template.year} 年度，不是 ${year} 年度`);
  return template;
}

/**
 * Compares a client's copy of `annualReport.filled` with what the hub computes now, field by field.
 * A copy only confirms: any difference (a tampered figure, or data that changed since it was read)
 * refuses the freeze with every differing field named; nothing of the copy is ever stored.
 */
function checkCopy(json: string, template: ReportTemplateData, computed: Map<string, string | null>) {
  let copy: { fields?: { code?: unknown; value?: unknown }[] };
  try {
    copy = JSON.parse(json);
  } catch {
    throw badInput('报表副本 filledReport 不是有效的 JSON (invalid JSON)');
  }
  if (!copy || !Array.isArray(copy.fields)) throw badInput('报表副本 filledReport 应为 annualReport.filled 的 JSON，含 fields (fields missing)');
  const submitted = new Map(copy.fields.map((f) => [String(f?.code), f?.value === undefined ? undefined : f.value === null ? null : String(f.value)]));
  const differences = template.fields
    .map((f) => ({ code: f.code, label: f.label, submitted: submitted.has(f.code) ? submitted.get(f.code) ?? null : '（缺失）', computed: computed.get(f.code) ?? null }))
    .filter((d) => d.submitted !== d.computed);
  if (differences.length) {
    const shown = differences.slice(0, 5).map((d) => `${d.code} ${d.label}：副本 ${d.submitted ?? '空'}，枢纽计算 ${d.computed ?? '空'}`).join('；');
    throw conflict(`报表副本与枢纽当前计算的数据不一致（figures differ），未冻结：${shown}${differences.length > 5 ? ` 等 ${differences.length} 项` : ''}。报送的数据只取枢纽计算值，请重新读取 annualReport.filled 核对后再冻结`);
  }
}

@Resolver(() => Submission)
export class SubmissionResolver {
  @Query(() => [Submission], { description: '报送历史（秘书处、填报机器人、主管部门）' })
  submissions(@Arg('groupId', () => ID) groupId: string, @Arg('year', () => Int, { nullable: true }) year: number | null, @Ctx() ctx: StatisticsContext) {
    if (!ctx.viewer.canReadAllUnitsOf(groupId)) return [];
    return ctx.db.getRepository(Submission).find({ where: { groupId, ...(year ? { year } : {}) }, order: { createdAt: 'DESC' } });
  }

  @FieldResolver(() => [ReportIssue], { description: '需确认的警告' })
  warningList(@Root() s: Submission) {
    return JSON.parse(s.warnings);
  }

  @FieldResolver(() => [FieldChange], { description: '与上一版已接收报送相比的变化' })
  changes(@Root() s: Submission) {
    return JSON.parse(s.diff);
  }

  @FieldResolver(() => [FilledField], { description: '报送的字段' })
  fields(@Root() s: Submission) {
    return (JSON.parse(s.payload) as { report: FilledReport }).report.fields;
  }

  @Mutation(() => FreezeResult, { description: '冻结报表：经网关读取枢纽此刻计算的 annualReport.filled（不取调用方提交的数值），存报送内容、SHA-256 与幂等键；有阻断错误时拒绝；数据未变则不新建' })
  async freezeReport(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('year', () => Int) year: number,
    @Arg('template', () => String) templateCode: string,
    @Arg('filledReport', () => String, { nullable: true, description: '可选：调用方读到的 annualReport.filled 的 JSON，仅用于核对——任何字段与枢纽当前计算值不同即拒绝（CONFLICT）；冻结的数据始终由枢纽计算' }) json: string | null,
    @Ctx() ctx: StatisticsContext,
  ): Promise<FreezeResult> {
    requireReporter(ctx.viewer, groupId);
    const template = templateOf(templateCode, year);
    let fields: ComputedField[];
    try {
      fields = await sharedAssembledReportReader()(groupId, year, template.code);
    } catch (error) {
      if (!(error instanceof AssembledReportUnavailable)) throw error;
      ctx.log.error({ groupId, year, template: template.code, reason: error.message }, 'freeze: assembled report unavailable');
      throw new Error('assembled report unavailable');
    }
    const computed = new Map(fields.map((f) => [f.code, f.value ?? null]));
    if (json !== null && json !== undefined) checkCopy(json, template, computed);
    const values = template.fields.map((f) => computed.get(f.code) ?? null);
    const report = assemble(template, values, await previousYearValues(ctx.db, groupId, year, template.target));
    if (report.errors.length) throw badInput(`报表有阻断错误，不能报送：${report.errors.map((e) => `${e.field} ${e.message}`).join('；')}`, { issues: report.errors });
    const data = { groupId, year, template: { code: template.code, version: template.version, platform: template.platform }, fields: report.fields.map((f) => ({ code: f.code, label: f.label, unit: f.unit, value: f.value })) };
    const hash = sha256(JSON.stringify(data));
    const repo = ctx.db.getRepository(Submission);
    const history = await repo.find({ where: { groupId, year, template: template.code }, order: { version: 'DESC' } });
    const live = history.find((s) => s.status !== SubmissionStatus.REJECTED && s.status !== SubmissionStatus.DEAD);
    if (live && live.payloadSha256 === hash) return { submission: live, unchanged: true };
    const accepted = history.find((s) => s.status === SubmissionStatus.ACCEPTED);
    const before = accepted ? new Map((JSON.parse(accepted.payload) as typeof data).fields.map((f) => [f.code, f.value])) : null;
    const diff = before ? data.fields.filter((f) => before.get(f.code) !== f.value).map((f) => ({ code: f.code, label: f.label, from: before.get(f.code) ?? null, to: f.value })) : [];
    const key = randomUUID();
    const version = (history[0]?.version ?? 0) + 1;
    const submission: Submission = {
      id: randomUUID(), groupId, year, template: template.code, target: template.target, version,
      status: report.warnings.length ? SubmissionStatus.GENERATED : SubmissionStatus.VALIDATED,
      payload: JSON.stringify({ ...data, idempotencyKey: key, submissionVersion: version, sha256: hash, report }),
      payloadSha256: hash, idempotencyKey: key, attempts: 0, nextAttemptAt: null, lastError: null, platformMessage: null, receipt: null,
      warnings: JSON.stringify(report.warnings), warningsConfirmedBy: null, warningsConfirmationReason: null, diff: JSON.stringify(diff),
      lockedBy: null, lockedUntil: null, createdBy: ctx.viewer.userId as string, createdAt: iso(), updatedAt: iso(),
    };
    await repo.insert(submission);
    return { submission, unchanged: false };
  }

  @Mutation(() => Submission, { description: '秘书处确认警告（记录确认人与理由），之后才能发送' })
  async confirmSubmissionWarnings(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: StatisticsContext) {
    const text = requiredText(reason, '确认理由', 500);
    const s = await this.find(ctx, id);
    ctx.viewer.requireSecretariatOf(s.groupId);
    const result = await ctx.db.getRepository(Submission).update({ id, status: SubmissionStatus.GENERATED }, { status: SubmissionStatus.VALIDATED, warningsConfirmedBy: ctx.viewer.userId, warningsConfirmationReason: text, updatedAt: iso() });
    if (result.affected !== 1) throw badInput(`报送当前为 ${s.status}，只有待确认警告（GENERATED）的报送需要确认`);
    return ctx.db.getRepository(Submission).findOneByOrFail({ id });
  }

  @Mutation(() => Submission, { description: '发送一次（已校验、失败待重试或中断的报送）；另一进程正在发送时原样返回' })
  async sendSubmission(@Arg('id', () => ID) id: string, @Ctx() ctx: StatisticsContext) {
    const s = await this.find(ctx, id);
    requireReporter(ctx.viewer, s.groupId);
    if (s.status === SubmissionStatus.GENERATED) throw badInput('报表有警告，须先由秘书处确认后才能发送');
    if (![SubmissionStatus.VALIDATED, SubmissionStatus.FAILED, SubmissionStatus.SUBMITTED].includes(s.status)) throw conflict(`报送当前为 ${s.status}，不能再发送；如需更正请重新生成新版本`);
    return (await dispatch(ctx.db, readSubmissionConfig(), ctx.log, id)) ?? ctx.db.getRepository(Submission).findOneByOrFail({ id });
  }

  @Mutation(() => Submission, { description: '秘书处登记上传平台的结果（上传目录方式）' })
  async recordSubmissionOutcome(@Arg('id', () => ID) id: string, @Arg('accepted', () => Boolean) accepted: boolean, @Arg('message', () => String) message: string, @Ctx() ctx: StatisticsContext) {
    const s = await this.find(ctx, id);
    ctx.viewer.requireSecretariatOf(s.groupId);
    const text = requiredText(message, '平台回执或意见', 2000);
    const result = await ctx.db.getRepository(Submission).update({ id, status: SubmissionStatus.SUBMITTED }, accepted
      ? { status: SubmissionStatus.ACCEPTED, receipt: text, lockedBy: null, lockedUntil: null, updatedAt: iso() }
      : { status: SubmissionStatus.REJECTED, platformMessage: text, lockedBy: null, lockedUntil: null, updatedAt: iso() });
    if (result.affected !== 1) throw badInput('只有已发送（SUBMITTED）的报送可以登记结果');
    return ctx.db.getRepository(Submission).findOneByOrFail({ id });
  }

  private async find(ctx: StatisticsContext, id: string) {
    const s = await ctx.db.getRepository(Submission).findOneBy({ id });
    if (!s || !ctx.viewer.canRead(s.groupId)) throw notFound('报送', id);
    return s;
  }
}
