import { createHash, randomUUID } from 'node:crypto';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import { badInput, conflict, forbidden, notFound, requiredText, Viewer } from '../../../kit/src';
import { StatisticsContext } from '../context';
import { assemble, FilledField, FilledReport, ReportIssue } from '../templates/fill';
import { templates } from '../templates/loader';
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

/**
 * The report data of a freeze: the template's fields with the values the caller read from
 * `annualReport.filled`, re-checked here with the template's rules (nothing is taken on trust
 * but the values themselves, which come from the ledgers through the gateway).
 */
function frozenData(json: string, groupId: string, year: number, templateCode: string) {
  const template = templates().get(templateCode);
  if (!template) throw badInput(`没有模板 ${templateCode}`);
  if (template.year !== year) throw badInput(`模板 ${templateCode} 用于 ${template.year} 年度，不是 ${year} 年度`);
  let filled: { fields?: { code?: string; value?: string | null }[] };
  try {
    filled = JSON.parse(json);
  } catch {
    throw badInput('报表内容不是有效的 JSON');
  }
  const values = new Map((filled.fields ?? []).map((f) => [f.code, f.value ?? null]));
  const missing = template.fields.filter((f) => !values.has(f.code)).map((f) => f.code);
  if (missing.length) throw badInput(`报表缺少模板字段：${missing.join('、')}`);
  return { template, values: template.fields.map((f) => values.get(f.code) ?? null) };
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

  @Mutation(() => FreezeResult, { description: '冻结报表：存报送内容、SHA-256 与幂等键；有阻断错误时拒绝；数据未变则不新建' })
  async freezeReport(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('year', () => Int) year: number,
    @Arg('template', () => String) templateCode: string,
    @Arg('filledReport', () => String, { description: 'annualReport.filled 的 JSON' }) json: string,
    @Ctx() ctx: StatisticsContext,
  ): Promise<FreezeResult> {
    requireReporter(ctx.viewer, groupId);
    const { template, values } = frozenData(json, groupId, year, templateCode);
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
