import { DataSource } from 'typeorm';
import { Submission, SubmissionStatus } from './submission.entity';
import { versionFor } from '../templates/versions';
import { AssembledReportReader, AssembledReportUnavailable, sharedAssembledReportReader } from './assembled-report';

/** Where last year's figures for the year-on-year checks came from. */
export type BaselineKind = 'SUBMISSION' | 'COMPUTED';

export interface Baseline {
  kind: BaselineKind;
  year: number;
  /** The accepted submission's version (SUBMISSION only). */
  version: number | null;
  values: Map<string, number>;
}

const numeric = (fields: { code: string; value: string | null }[]) =>
  new Map(fields.filter((f) => f.value !== null && f.value !== '' && Number.isFinite(Number(f.value))).map((f) => [f.code, Number(f.value)]));

/**
 * Last year's figures by field code (templates keep their codes across years): the latest ACCEPTED
 * submission of the same group and target for year − 1; when there is none (a group's first year on
 * the hub), the report the hub computes for year − 1, read through the gateway with the service token
 * as freezeReport reads the current one. Null when neither can be had (the gateway cannot answer).
 */
export async function previousYearBaseline(
  db: DataSource,
  groupId: string,
  year: number,
  target: string,
  /** The template family: year − 1 is read in the version that applies to it (fields compared by code). */
  family: string,
  read: () => AssembledReportReader = sharedAssembledReportReader,
): Promise<Baseline | null> {
  const accepted = await db
    .getRepository(Submission)
    .findOne({ where: { groupId, year: year - 1, target, status: SubmissionStatus.ACCEPTED }, order: { version: 'DESC' } });
  if (accepted) {
    const payload = JSON.parse(accepted.payload) as { fields: { code: string; value: string | null }[] };
    return { kind: 'SUBMISSION', year: year - 1, version: accepted.version, values: numeric(payload.fields) };
  }
  if (!versionFor(family, year - 1)) return null; // no version of the family covers last year: nothing to compare with
  try {
    return { kind: 'COMPUTED', year: year - 1, version: null, values: numeric(await read()(groupId, year - 1, family)) };
  } catch (error) {
    if (error instanceof AssembledReportUnavailable) return null;
    throw error;
  }
}
