import { Brackets, DataSource } from 'typeorm';
import { badInput, containsPattern, LIKE_ESCAPE, newestFirstPage, Viewer } from '@zjjt/kit';
import { ResourceStatus, Visibility } from '../enums';
import { SharedResource } from './resource.entity';
import { ResourceSearchArgs } from './resource.input';

/**
 * Published resources the viewer may see, newest first, keyset-paginated: a group's users see
 * its resources, anonymous callers the PUBLIC ones. Two statements whatever the page size.
 */
export async function searchResources(db: DataSource, viewer: Viewer, args: ResourceSearchArgs) {
  const filter = args.filter ?? {};
  const query = db.getRepository(SharedResource).createQueryBuilder('r').where('r.status = :published', { published: ResourceStatus.PUBLISHED });

  if (filter.groupId) {
    query.andWhere('r.groupId = :groupId', { groupId: filter.groupId });
    if (!viewer.canRead(filter.groupId)) query.andWhere('r.visibility = :public', { public: Visibility.PUBLIC });
  } else if (viewer.readsEveryRegion) {
    // the service identity inside the trust boundary: all groups
  } else if (viewer.groupIds.length) {
    query.andWhere(
      new Brackets((b) =>
        b.where('r.groupId IN (:...groups)', { groups: [...viewer.groupIds] }).orWhere('r.visibility = :public', { public: Visibility.PUBLIC }),
      ),
    );
  } else {
    query.andWhere('r.visibility = :public', { public: Visibility.PUBLIC });
  }
  if (filter.kinds?.length) query.andWhere('r.kind IN (:...kinds)', { kinds: filter.kinds });
  if (filter.providerId) query.andWhere('r.providerId = :providerId', { providerId: filter.providerId });
  if (filter.providerTypes?.length) query.andWhere('r.providerType IN (:...types)', { types: filter.providerTypes });
  if (filter.region) {
    if (!/^\d{2,6}$/.test(filter.region))
      throw badInput(`地区筛选「${filter.region.slice(0, 20)}」应为 2–6 位行政区划代码前缀，例如 37 或 3702（region filter）`, { field: 'region' });
    query.andWhere('r.providerRegion LIKE :region', { region: `${filter.region}%` });
  }
  if (filter.from) query.andWhere('r.periodEnd >= :from', { from: filter.from });
  if (filter.to) query.andWhere('r.periodStart <= :to', { to: filter.to });
  if (filter.minCapacityLeft !== null && filter.minCapacityLeft !== undefined)
    query.andWhere('r.capacity - r.reserved >= :left', { left: filter.minCapacityLeft });
  const keyword = filter.keyword?.trim();
  if (keyword) {
    const columns = ['r.title', 'r.description', 'r.specialty', 'r.subject', 'r.occupation', 'r.providerName'];
    query.andWhere(new Brackets((b) => columns.forEach((c) => b.orWhere(`${c} LIKE :keyword ${LIKE_ESCAPE}`, { keyword: containsPattern(keyword) }))));
  }

  return newestFirstPage(query, 'publishedAt', args.first, args.after);
}
