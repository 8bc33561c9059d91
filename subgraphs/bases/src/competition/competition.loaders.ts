import { DataSource, In } from 'typeorm';
import { loader, manyByKey, Viewer } from '@zjjt/kit';
import { CompetitionAward, CompetitionEntrant, CompetitionUnit } from './competition.entity';

/** The group's secretariat and authorities see every competition of a group, its entrants (masked) included. */
export const seesAllCompetitions = (viewer: Viewer, groupId: string) => viewer.isSecretariatOf(groupId) || viewer.isAuthorityOf(groupId);

/** Per-request loaders of the competitions ledger; one `IN (...)` statement per batch. */
export function competitionLoaders(db: DataSource) {
  return {
    competitionUnitIds: loader<string, string[]>(async (ids) =>
      manyByKey(
        ids,
        await db.getRepository(CompetitionUnit).find({ where: { competitionId: In(ids) }, order: { organizationId: 'ASC' } }),
        (u) => u.competitionId,
      ).map((units) => units.map((u) => u.organizationId)),
    ),
    entrantsByCompetitionId: loader<string, CompetitionEntrant[]>(async (ids) =>
      manyByKey(
        ids,
        await db.getRepository(CompetitionEntrant).find({ where: { competitionId: In(ids) }, order: { name: 'ASC', id: 'ASC' } }),
        (e) => e.competitionId,
      ),
    ),
    awardsByCompetitionId: loader<string, CompetitionAward[]>(async (ids) =>
      manyByKey(
        ids,
        await db.getRepository(CompetitionAward).find({ where: { competitionId: In(ids) }, order: { level: 'ASC', id: 'ASC' } }),
        (a) => a.competitionId,
      ),
    ),
  };
}
