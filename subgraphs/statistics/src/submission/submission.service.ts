import { createHash, randomUUID } from 'node:crypto';
import { audited, badInput, conflict, forbidden, notFound, now, recordAudit, requiredText, transition, Viewer } from '@zjjt/kit';
import { StatisticsContext } from '../context';
import { assemble, FilledField, FilledReport, ReportIssue } from '../templates/fill';
import { ReportTemplateData } from '../templates/loader';
import { chooseTemplate } from '../templates/versions';
import { AssembledReportUnavailable, ComputedField, sharedAssembledReportReader } from './assembled-report';
import { dispatch, submissionForAudit as forAudit } from './dispatcher';
import { previousYearBaseline } from './previous';
import { readSubmissionConfig } from './runtime';
import { computeCompleteness, ReportCompleteness, visibleCompleteness } from '../collection/completeness';
import { Submission, SubmissionStatus } from './submission.entity';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A field that differs from the last version the platform accepted. */
export interface Change {
  code: string;
  label: string;
  from: string | null;
  to: string | null;
}

/** The bot of the group, its secretariat: who may freeze and send. */
function requireReporter(viewer: Viewer, groupId: string) {
  viewer.requireUser();
  if (!viewer.isSecretariatOf(groupId) && !(viewer.has('REPORTER') && viewer.groupIds.includes(groupId)))
    throw forbidden(`只有集团 ${groupId} 的填报机器人或秘书处可以报送（reporter or secretariat of the group only）`);
}

/** The template a freeze uses: the same choice as `filled` (a family, or a version that applies to the year). */
const templateOf = (templateCode: string, year: number) => chooseTemplate(templateCode, year).template;

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
    .map((f) => ({
      code: f.code,
      label: f.label,
      submitted: submitted.has(f.code) ? (submitted.get(f.code) ?? null) : '（缺失）',
      computed: computed.get(f.code) ?? null,
    }))
    .filter((d) => d.submitted !== d.computed);
  if (differences.length) {
    const shown = differences
      .slice(0, 5)
      .map((d) => `${d.code} ${d.label}：副本 ${d.submitted ?? '空'}，枢纽计算 ${d.computed ?? '空'}`)
      .join('；');
    throw conflict(
      `报表副本与枢纽当前计算的数据不一致（figures differ），未冻结：${shown}${differences.length > 5 ? ` 等 ${differences.length} 项` : ''}。报送的数据只取枢纽计算值，请重新读取 annualReport.filled 核对后再冻结`,
    );
  }
}

/** A submission the viewer may read, or NOT_FOUND. */
async function find(ctx: StatisticsContext, id: string) {
  const s = await ctx.db.getRepository(Submission).findOneBy({ id });
  if (!s || !ctx.viewer.canRead(s.groupId)) throw notFound('报送', id);
  return s;
}

/** The group's submissions, newest first (secretariat, bot, authorities; nothing to others). */
export async function submissionsOf(ctx: StatisticsContext, groupId: string, year: number | null) {
  if (!ctx.viewer.canReadAllUnitsOf(groupId)) return [];
  return ctx.db.getRepository(Submission).find({ where: { groupId, ...(year ? { year } : {}) }, order: { createdAt: 'DESC' } });
}

export const warningsOf = (s: Submission): ReportIssue[] => JSON.parse(s.warnings);
export const changesOf = (s: Submission): Change[] => JSON.parse(s.diff);
export const fieldsOf = (s: Submission): FilledField[] => (JSON.parse(s.payload) as { report: FilledReport }).report.fields;
/** The 说明 frozen with a submission (null for one frozen with complete returns, or before notes existed). */
export const noteOfSubmission = (s: Submission): string | null => (JSON.parse(s.payload) as { note?: string | null }).note ?? null;
/** The completeness frozen with a submission (null before it was frozen with one). */
export const completenessOf = (s: Submission): ReportCompleteness | null => (JSON.parse(s.payload) as { report?: FilledReport }).report?.completeness ?? null;

/**
 * Freezes the report the hub computes now (read through the gateway, never taken from the caller):
 * the payload, its SHA-256 and an idempotency key in one insert. A client's copy, when given, only
 * confirms. Blocking errors refuse; unchanged figures return the live submission as it is.
 */
export async function freeze(
  ctx: StatisticsContext,
  groupId: string,
  year: number,
  templateCode: string,
  json: string | null,
): Promise<{ submission: Submission; unchanged: boolean }> {
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
  // The same checks as annualReport.filled: the figures from returns are blocked while returns are missing and
  // unconfirmed; fields left empty by ledger rows that lack a value block (required) or warn.
  const completeness = visibleCompleteness(ctx, groupId, await computeCompleteness(ctx.db, ctx.loaders.directory, groupId, year));
  const unreported = new Map(fields.map((f) => [f.code, f.unreported ?? null]));
  const report = assemble(template, values, {
    baseline: await previousYearBaseline(ctx.db, groupId, year, template.target, template.family),
    completeness,
    unreported: template.fields.map((f) => unreported.get(f.code) ?? null),
  });
  if (report.errors.length)
    throw badInput(`报表有阻断错误，不能报送（blocking errors）：${report.errors.map((e) => `${e.field} ${e.message}`).join('；')}`, { issues: report.errors });
  const data = {
    groupId,
    year,
    template: { code: template.code, version: template.version, platform: template.platform },
    fields: report.fields.map((f) => ({ code: f.code, label: f.label, unit: f.unit, value: f.value })),
    // 说明: the secretariat's reason when returns are missing, with the completeness it explains.
    note: report.note,
    completeness: {
      expected: completeness.expected,
      approved: completeness.approved,
      missing: completeness.missing,
      byCategory: completeness.byCategory,
      missingUnits: completeness.missingUnits.map((m) => ({ category: m.category, name: m.name, status: m.status })),
      confirmedBy: report.note ? completeness.confirmation?.confirmedBy : null,
      confirmedAt: report.note ? completeness.confirmation?.confirmedAt : null,
    },
  };
  const hash = sha256(JSON.stringify(data));
  const repo = ctx.db.getRepository(Submission);
  const history = await repo.find({ where: { groupId, year, template: template.code }, order: { version: 'DESC' } });
  const live = history.find((s) => s.status !== SubmissionStatus.REJECTED && s.status !== SubmissionStatus.DEAD);
  if (live && live.payloadSha256 === hash) return { submission: live, unchanged: true };
  const accepted = history.find((s) => s.status === SubmissionStatus.ACCEPTED);
  const before = accepted ? new Map((JSON.parse(accepted.payload) as typeof data).fields.map((f) => [f.code, f.value])) : null;
  const diff: Change[] = before
    ? data.fields.filter((f) => before.get(f.code) !== f.value).map((f) => ({ code: f.code, label: f.label, from: before.get(f.code) ?? null, to: f.value }))
    : [];
  const key = randomUUID();
  const version = (history[0]?.version ?? 0) + 1;
  const at = now();
  const submission: Submission = {
    id: randomUUID(),
    groupId,
    year,
    template: template.code,
    target: template.target,
    version,
    status: report.warnings.length ? SubmissionStatus.GENERATED : SubmissionStatus.VALIDATED,
    payload: JSON.stringify({ ...data, idempotencyKey: key, submissionVersion: version, sha256: hash, report }),
    payloadSha256: hash,
    idempotencyKey: key,
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    platformMessage: null,
    receipt: null,
    warnings: JSON.stringify(report.warnings),
    warningsConfirmedBy: null,
    warningsConfirmationReason: null,
    diff: JSON.stringify(diff),
    lockedBy: null,
    lockedUntil: null,
    createdBy: ctx.viewer.requireUser(),
    createdAt: at,
    updatedAt: at,
  };
  await ctx.db.transaction(async (em) => {
    await em.getRepository(Submission).insert(submission);
    await recordAudit(em, ctx.viewer, { groupId, operation: 'freezeReport', entity: 'Submission', id: submission.id, after: forAudit(submission) });
  });
  return { submission, unchanged: false };
}

/** The secretariat confirms a submission's warnings, with a reason; only then may it be sent. */
export async function confirmWarnings(ctx: StatisticsContext, id: string, reason: string) {
  const text = requiredText(reason, '确认理由', 500);
  const s = await find(ctx, id);
  ctx.viewer.requireSecretariatOf(s.groupId);
  if (s.status !== SubmissionStatus.GENERATED) throw badInput(`报送 ${id} 当前为 ${s.status}，只有待确认警告（GENERATED）的报送需要确认`);
  return audited(ctx.db, ctx.viewer, { operation: 'confirmSubmissionWarnings', entity: 'Submission', before: s, view: forAudit }, (em) =>
    transition(em.getRepository(Submission), id, SubmissionStatus.GENERATED, SubmissionStatus.VALIDATED, {
      warningsConfirmedBy: ctx.viewer.requireUser(),
      warningsConfirmationReason: text,
      updatedAt: now(),
    }),
  );
}

/** Sends once (validated, failed or interrupted); another process sending it already → as it is. */
export async function send(ctx: StatisticsContext, id: string) {
  const s = await find(ctx, id);
  requireReporter(ctx.viewer, s.groupId);
  if (s.status === SubmissionStatus.GENERATED) throw badInput(`报送 ${id} 有警告，须先由秘书处确认（confirmSubmissionWarnings）后才能发送`);
  if (![SubmissionStatus.VALIDATED, SubmissionStatus.FAILED, SubmissionStatus.SUBMITTED].includes(s.status))
    throw conflict(`报送 ${id} 当前为 ${s.status}，不能再发送（already sent）；如需更正请重新生成新版本`);
  const after = (await dispatch(ctx.db, readSubmissionConfig(), ctx.log, id)) ?? (await ctx.db.getRepository(Submission).findOneByOrFail({ id }));
  // The send is a network call between the dispatcher's own updates: its outcome is recorded once it is known.
  await ctx.db.transaction((em) =>
    recordAudit(em, ctx.viewer, { groupId: s.groupId, operation: 'sendSubmission', entity: 'Submission', id, before: forAudit(s), after: forAudit(after) }),
  );
  return after;
}

/** The secretariat records the platform's answer to a submission uploaded to a folder. */
export async function recordOutcome(ctx: StatisticsContext, id: string, accepted: boolean, message: string) {
  const s = await find(ctx, id);
  ctx.viewer.requireSecretariatOf(s.groupId);
  const text = requiredText(message, '平台回执或意见', 2000);
  if (s.status !== SubmissionStatus.SUBMITTED) throw badInput('只有已发送（SUBMITTED）的报送可以登记结果');
  const unlocked = { lockedBy: null, lockedUntil: null, updatedAt: now() };
  return audited(ctx.db, ctx.viewer, { operation: 'recordSubmissionOutcome', entity: 'Submission', before: s, view: forAudit }, (em) =>
    accepted
      ? transition(em.getRepository(Submission), id, SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED, { receipt: text, ...unlocked })
      : transition(em.getRepository(Submission), id, SubmissionStatus.SUBMITTED, SubmissionStatus.REJECTED, { platformMessage: text, ...unlocked }),
  );
}
