import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Brackets, DataSource } from 'typeorm';
import { Logger, now, recordAudit, Viewer } from '@zjjt/kit';
import { filledWorkbook, FilledReport } from '../templates/fill';
import { SubmissionTarget } from '../templates/loader';
import { send } from './adapters';
import { SubmissionConfig } from './config';
import { Submission, SubmissionStatus } from './submission.entity';

const WORKER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** Rows a worker may pick up: ready to send, due for a retry, or sent by a worker that died before recording the answer. */
const SENDABLE = [SubmissionStatus.VALIDATED, SubmissionStatus.FAILED, SubmissionStatus.SUBMITTED];

/** Backoff doubling per attempt, capped, with jitter (half to full length) so retries do not pile up. */
export function retryDelay(config: SubmissionConfig, attempts: number): number {
  const full = Math.min(config.backoffCapMs, config.backoffMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(full / 2 + Math.random() * (full / 2));
}

/**
 * Sends one submission once, if this worker can claim it. The claim is an UPDATE guarded by
 * status, lock expiry and due time, so two workers never send the same row; the same UPDATE sets the
 * status to SUBMITTED, so a caller that lost the claim reads SUBMITTED (never the state before), and
 * a crash after the platform answered is resent with the same key.
 */
export async function dispatch(db: DataSource, config: SubmissionConfig, log: Logger, id: string): Promise<Submission | null> {
  const repo = db.getRepository(Submission);
  const at = now();
  const claimed = await repo
    .createQueryBuilder()
    .update()
    .set({ status: SubmissionStatus.SUBMITTED, lockedBy: WORKER, lockedUntil: now(config.lockMs) })
    .where('id = :id AND status IN (:...sendable)', { id, sendable: SENDABLE })
    .andWhere(new Brackets((b) => b.where('lockedUntil IS NULL').orWhere('lockedUntil < :now', { now: at })))
    .andWhere(new Brackets((b) => b.where('nextAttemptAt IS NULL').orWhere('nextAttemptAt <= :now', { now: at })))
    .execute();
  if (claimed.affected !== 1) return null;
  const submission = await repo.findOneByOrFail({ id });
  const adapter = config.adapters[submission.target as SubmissionTarget];
  const mine = { id, lockedBy: WORKER };
  if (!adapter) {
    await repo.update(mine, {
      status: SubmissionStatus.FAILED,
      lastError: `未配置 ${submission.target.toUpperCase()}_PLATFORM_URL 或 _OUTBOX_DIR`,
      lockedBy: null,
      lockedUntil: null,
      nextAttemptAt: now(retryDelay(config, submission.attempts + 1)),
      updatedAt: now(),
    });
    return repo.findOneByOrFail({ id });
  }
  const attempts = submission.attempts + 1;
  await repo.update(mine, { attempts, updatedAt: now() });
  const report = JSON.parse(submission.payload) as { report: FilledReport };
  const outcome = await send(adapter, submission, config.timeoutMs, () =>
    filledWorkbook(report.report, `${report.report.template.platform} ${submission.year} 年度报表`),
  );
  const done = { lockedBy: null, lockedUntil: null, updatedAt: now() };
  if (outcome.kind === 'accepted')
    await repo.update(mine, { ...done, status: SubmissionStatus.ACCEPTED, receipt: outcome.receipt, lastError: null, nextAttemptAt: null });
  else if (outcome.kind === 'uploaded')
    await repo.update(mine, {
      ...done,
      status: SubmissionStatus.SUBMITTED,
      receipt: outcome.receipt,
      lastError: null,
      nextAttemptAt: null,
      lockedUntil: '9999-12-31T00:00:00.000Z',
    });
  else if (outcome.kind === 'rejected')
    await repo.update(mine, { ...done, status: SubmissionStatus.REJECTED, platformMessage: outcome.message, nextAttemptAt: null });
  else if (attempts >= config.maxAttempts) {
    await repo.update(mine, { ...done, status: SubmissionStatus.DEAD, lastError: outcome.error, nextAttemptAt: null });
    await alert(config, log, submission, outcome.error);
  } else await repo.update(mine, { ...done, status: SubmissionStatus.FAILED, lastError: outcome.error, nextAttemptAt: now(retryDelay(config, attempts)) });
  log.info({ submissionId: id, status: outcome.kind, attempts }, 'submission attempt');
  return repo.findOneByOrFail({ id });
}

/** A submission that gave up: an error log line, and a POST to SUBMISSION_ALERT_URL when set. */
async function alert(config: SubmissionConfig, log: Logger, s: Submission, error: string) {
  log.error({ submissionId: s.id, groupId: s.groupId, year: s.year, template: s.template, error }, 'submission DEAD: gave up after retries');
  if (!config.alertUrl) return;
  await fetch(config.alertUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: `年报报送失败：${s.template} ${s.year}（报送 ${s.id}）多次重试后放弃：${error}` }),
    signal: AbortSignal.timeout(5000),
  }).catch((e) => log.warn({ error: (e as Error).message }, 'alert not delivered'));
}

/** A submission as the audit log shows it: its state and fingerprint, not the frozen payload. */
export function submissionForAudit(s: Submission) {
  return {
    template: s.template,
    year: s.year,
    version: s.version,
    status: s.status,
    payloadSha256: s.payloadSha256,
    idempotencyKey: s.idempotencyKey,
    attempts: s.attempts,
    receipt: s.receipt,
    platformMessage: s.platformMessage,
    warningsConfirmedBy: s.warningsConfirmedBy,
    warningsConfirmationReason: s.warningsConfirmationReason,
  };
}

/** Every so often, sends what is due: retries, and rows left SUBMITTED by a worker that died. */
export function startRetryLoop(db: DataSource, config: SubmissionConfig, log: Logger): { stop(): void } {
  if (!config.retryIntervalMs) return { stop: () => undefined };
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const at = now();
      const due = await db
        .getRepository(Submission)
        .createQueryBuilder('s')
        .select('s.id', 'id')
        .where('s.status IN (:...statuses)', { statuses: [SubmissionStatus.FAILED, SubmissionStatus.SUBMITTED] })
        .andWhere(new Brackets((b) => b.where('s.nextAttemptAt IS NULL').orWhere('s.nextAttemptAt <= :now', { now: at })))
        .andWhere('s.lockedUntil IS NOT NULL OR s.status = :failed', { failed: SubmissionStatus.FAILED })
        .andWhere(new Brackets((b) => b.where('s.lockedUntil IS NULL').orWhere('s.lockedUntil < :now', { now: at })))
        .limit(20)
        .getRawMany<{ id: string }>();
      for (const { id } of due) {
        const before = await db.getRepository(Submission).findOneByOrFail({ id });
        const after = await dispatch(db, config, log, id);
        // The hub retrying on its own is a service identity in the group's trail, not a person.
        const service = new Viewer('service:statistics', null, [before.groupId], ['REPORTER']);
        if (after)
          await db.transaction((em) =>
            recordAudit(em, service, {
              groupId: before.groupId,
              operation: 'retrySubmission',
              entity: 'Submission',
              id,
              before: submissionForAudit(before),
              after: submissionForAudit(after),
            }),
          );
      }
    } catch (error) {
      log.warn({ error: (error as Error).message }, 'retry loop: database unavailable, will try again');
    } finally {
      running = false;
    }
  };
  // A tick's own errors are caught inside it.
  const timer = setInterval(() => void tick(), config.retryIntervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
