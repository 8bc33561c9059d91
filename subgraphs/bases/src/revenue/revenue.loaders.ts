import { DataSource } from 'typeorm';
import { loader, oneByKey, Viewer } from '@zjjt/kit';
import { CertificationBatch, TrainingSession } from '../ledger/ledger.entity';
import { applyScope, coBuiltBaseIds } from '../ledger/scope';

/**
 * The training sessions and certification batches revenue entries link to, one statement per page,
 * (`loader` never calls with no keys, so the IN list is never empty), as far as the viewer may read the training ledgers (the base's units, the group's secretariat).
 */
export function revenueLinkLoaders(db: DataSource, viewer: Viewer) {
  return {
    linkedSessionById: loader<string, TrainingSession | null>(async (ids) =>
      oneByKey(
        ids,
        await applyScope(db.getRepository(TrainingSession).createQueryBuilder('s'), viewer, 's', await coBuiltBaseIds(db, viewer))
          .andWhere('s.id IN (:...linkIds)', { linkIds: ids })
          .getMany(),
        (s) => s.id,
      ),
    ),
    linkedBatchById: loader<string, CertificationBatch | null>(async (ids) =>
      oneByKey(
        ids,
        await applyScope(db.getRepository(CertificationBatch).createQueryBuilder('c'), viewer, 'c', await coBuiltBaseIds(db, viewer))
          .andWhere('c.id IN (:...linkIds)', { linkIds: ids })
          .getMany(),
        (c) => c.id,
      ),
    ),
  };
}
