import { DataSource, In } from 'typeorm';
import { HubContext, MembersDirectory, loader, manyByKey, oneByKey, Viewer } from '@zjjt/kit';
import { BaseCoBuilder, BaseDesignation, TrainingBase } from './base/base.entity';
import { TrainingProgram } from './ledger/ledger.entity';
import { trainingSummaryLoader } from './report/training';
import { revenueLinkLoaders } from './revenue/revenue.loaders';
import { competitionLoaders } from './competition/competition.loaders';

/** What the bases subgraph is given when it is built. */
export interface BasesDependencies {
  directory: MembersDirectory;
}

/** Per-request loaders; each batch is one `IN (...)` query. */
export function createLoaders(db: DataSource, viewer: Viewer, { directory }: BasesDependencies) {
  const coBuildersByBaseId = loader<string, BaseCoBuilder[]>(async (ids) =>
    manyByKey(ids, await db.getRepository(BaseCoBuilder).findBy({ baseId: In(ids) }), (c) => c.baseId),
  );
  const coBuilderOrganizationIds = {
    load: async (baseId: string) => (await coBuildersByBaseId.load(baseId)).map((c) => c.organizationId),
  };
  return {
    /** The members directory this subgraph was built with, for writes. */
    directory,
    /** Bases are seen by their group's users and by authorities. */
    visibleBaseById: loader<string, TrainingBase | null>(async (ids) =>
      oneByKey(ids, await db.getRepository(TrainingBase).findBy({ id: In(ids) }), (b) => b.id).map((b) => (b && viewer.canRead(b.groupId) ? b : null)),
    ),
    coBuildersByBaseId,
    trainingSummary: trainingSummaryLoader(db, viewer),
    programById: loader<string, TrainingProgram | null>(async (ids) =>
      oneByKey(ids, await db.getRepository(TrainingProgram).findBy({ id: In(ids) }), (p) => p.id),
    ),
    coBuilderOrganizationIds,
    ...revenueLinkLoaders(db, viewer),
    ...competitionLoaders(db),
    designationsByBaseId: loader<string, BaseDesignation[]>(async (ids) =>
      manyByKey(ids, await db.getRepository(BaseDesignation).find({ where: { baseId: In(ids) }, order: { awardedOn: 'ASC' } }), (d) => d.baseId),
    ),
    /** Bases an organization co-builds, as far as the viewer may see them. */
    basesByOrganizationId: loader<string, TrainingBase[]>(async (ids) => {
      const links = await db.getRepository(BaseCoBuilder).findBy({ organizationId: In(ids) });
      const bases = links.length ? await db.getRepository(TrainingBase).findBy({ id: In([...new Set(links.map((l) => l.baseId))]) }) : [];
      const visible = new Map(bases.filter((b) => viewer.canRead(b.groupId)).map((b) => [b.id, b]));
      return manyByKey(
        ids,
        links.filter((l) => visible.has(l.baseId)),
        (l) => l.organizationId,
      ).map((ls) => ls.map((l) => visible.get(l.baseId)!));
    }),
    /**
     * Ledgers and (masked) trainees: the base's units, its group's secretariat, authorities.
     * The reporting bot reads figures only, never rosters.
     */
    async canSeeTrainees(base: TrainingBase): Promise<boolean> {
      if (viewer.isSecretariatOf(base.groupId) || viewer.isAuthorityOf(base.groupId)) return true;
      return viewer.organizationId !== null && (await coBuilderOrganizationIds.load(base.id)).includes(viewer.organizationId);
    },
  };
}

export type BasesLoaders = ReturnType<typeof createLoaders>;
export type BasesContext = HubContext<BasesLoaders>;
