import { DataSource, In } from 'typeorm';
import { HubContext, MembersDirectory, loader, manyByKey, oneByKey, Viewer } from '@zjjt/kit';
import { canSeeCooperation, canSeeRequest, canSeeResource } from './access';
import { Cooperation } from './cooperation/cooperation.entity';
import { ResourceRequest } from './request/request.entity';
import { SharedResource } from './resource/resource.entity';

/** What the resources subgraph is given when it is built. */
export interface ResourcesDependencies {
  directory: MembersDirectory;
}

/** Per-request loaders; each batch is one `IN (...)` query and access is applied to its rows. */
export function createLoaders(db: DataSource, viewer: Viewer, { directory }: ResourcesDependencies) {
  return {
    /** The members directory this subgraph was built with, for writes. */
    directory,
    visibleResourceById: loader<string, SharedResource | null>(async (ids) =>
      oneByKey(ids, await db.getRepository(SharedResource).findBy({ id: In(ids) }), (r) => r.id).map((r) => (r && canSeeResource(viewer, r) ? r : null)),
    ),
    resourcesByProviderId: loader<string, SharedResource[]>(async (ids) => {
      const rows = await db.getRepository(SharedResource).find({ where: { providerId: In(ids) }, order: { publishedAt: 'DESC', id: 'DESC' } });
      return manyByKey(
        ids,
        rows.filter((r) => canSeeResource(viewer, r)),
        (r) => r.providerId,
      );
    }),
    /** Requests on each resource, newest first; only its provider reads them (`SharedResource.requests`). */
    requestsByResourceId: loader<string, ResourceRequest[]>(async (ids) =>
      manyByKey(
        ids,
        await db.getRepository(ResourceRequest).find({ where: { resourceId: In(ids) }, order: { createdAt: 'DESC', id: 'DESC' } }),
        (r) => r.resourceId,
      ),
    ),
    visibleRequestById: loader<string, ResourceRequest | null>(async (ids) =>
      oneByKey(ids, await db.getRepository(ResourceRequest).findBy({ id: In(ids) }), (r) => r.id).map((r) => (r && canSeeRequest(viewer, r) ? r : null)),
    ),
    visibleCooperationById: loader<string, Cooperation | null>(async (ids) =>
      oneByKey(ids, await db.getRepository(Cooperation).findBy({ id: In(ids) }), (c) => c.id).map((c) => (c && canSeeCooperation(viewer, c) ? c : null)),
    ),
    /** Ledger rows an organization recorded or is the partner in, as far as the viewer may see them. */
    cooperationsByOrganizationId: loader<string, Cooperation[]>(async (ids) => {
      const rows = await db
        .getRepository(Cooperation)
        .find({ where: [{ organizationId: In(ids) }, { partnerId: In(ids) }], order: { year: 'DESC', id: 'ASC' } });
      const visible = rows.filter((c) => canSeeCooperation(viewer, c));
      const recorded = manyByKey(ids, visible, (c) => c.organizationId);
      const partnered = manyByKey(ids, visible, (c) => c.partnerId);
      return ids.map((_, i) => [...recorded[i], ...partnered[i].filter((c) => c.organizationId !== c.partnerId)]);
    }),
  };
}

export type ResourcesLoaders = ReturnType<typeof createLoaders>;
export type ResourcesContext = HubContext<ResourcesLoaders>;
