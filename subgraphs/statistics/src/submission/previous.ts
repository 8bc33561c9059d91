import { DataSource } from 'typeorm';
import { Submission, SubmissionStatus } from './submission.entity';

/**
 * Last year's figures as the platform accepted them, by field code: the latest ACCEPTED
 * submission of the same group and target for year − 1 (templates keep their codes across years).
 */
export async function previousYearValues(db: DataSource, groupId: string, year: number, target: string): Promise<Map<string, number>> {
  const accepted = await db
    .getRepository(Submission)
    .findOne({ where: { groupId, year: year - 1, target, status: SubmissionStatus.ACCEPTED }, order: { version: 'DESC' } });
  if (!accepted) return new Map();
  const payload = JSON.parse(accepted.payload) as { fields: { code: string; value: string | null }[] };
  return new Map(payload.fields.filter((f) => f.value !== null && Number.isFinite(Number(f.value))).map((f) => [f.code, Number(f.value)]));
}
