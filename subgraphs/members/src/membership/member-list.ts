import { Brackets, DataSource } from 'typeorm';
import { badInput, containsPattern, decodeCursor, LIKE_ESCAPE, pageSize, prefixPattern, toPage, Viewer } from '../../../kit/src';
import { MemberSortField, MembershipStatus, SortDirection } from '../enums';
import { Organization } from '../organization/organization.entity';
import { Membership } from './membership.entity';
import { MemberListArgs } from './membership.input';

const SORT_EXPRESSION: Record<MemberSortField, string> = {
  NAME: 'o.name',
  USCC: 'o.uscc',
  ROLE: 'm.roleRank',
  // Pending applications have no join date yet; '' sorts them first in both dialects.
  JOINED_ON: "COALESCE(m.joinedOn, '')",
};


/**
 * One page of a group's member list: two statements (page and count) whatever the page size;
 * organizations and terms are then batched by the loaders.
 */
export async function listMembers(db: DataSource, viewer: Viewer, groupId: string, args: MemberListArgs) {
  const limit = pageSize(args.first);
  const filter = args.filter ?? {};
  const order = args.orderBy ?? { field: MemberSortField.ROLE, direction: SortDirection.ASC };
  const sort = SORT_EXPRESSION[order.field];
  const direction = order.direction === SortDirection.DESC ? 'DESC' : 'ASC';

  const query = db
    .getRepository(Membership)
    .createQueryBuilder('m')
    .innerJoin(Organization, 'o', 'o.id = m.organizationId')
    .where('m.groupId = :groupId', { groupId });

  // Only the group's secretariat (and authorities) see pending, rejected and exited units.
  const seesAll = viewer.isSecretariatOf(groupId) || viewer.has('AUTHORITY');
  const statuses = seesAll ? filter.statuses : [MembershipStatus.ACTIVE];
  if (statuses?.length) query.andWhere('m.status IN (:...statuses)', { statuses });
  if (filter.types?.length) query.andWhere('o.type IN (:...types)', { types: filter.types });
  if (filter.roles?.length) query.andWhere('m.role IN (:...roles)', { roles: filter.roles });
  if (filter.councilTermId) query.andWhere('m.councilTermId = :termId', { termId: filter.councilTermId });
  if (filter.region) {
    if (!/^\d{2,6}$/.test(filter.region)) throw badInput('地区筛选应为 2–6 位行政区划代码前缀，例如 37 或 3701');
    query.andWhere('o.region LIKE :region', { region: `${filter.region}%` });
  }
  if (filter.industry) query.andWhere('o.industry = :industry', { industry: filter.industry.trim() });
  if (filter.aboveDesignatedSize !== null && filter.aboveDesignatedSize !== undefined) {
    query.andWhere('o.aboveDesignatedSize = :above', { above: filter.aboveDesignatedSize });
  }
  const search = args.search?.trim();
  if (search) {
    const byName = `o.name LIKE :name ${LIKE_ESCAPE}`;
    // The portal shows names only, so anonymous search does not match credit codes.
    if (viewer.isAnonymous) query.andWhere(byName, { name: containsPattern(search) });
    else query.andWhere(new Brackets((b) => b.where(byName, { name: containsPattern(search) }).orWhere(`o.uscc LIKE :uscc ${LIKE_ESCAPE}`, { uscc: prefixPattern(search.toUpperCase()) })));
  }

  const totalCount = await query.clone().getCount();

  if (args.after) {
    const cursor = decodeCursor(args.after);
    const cmp = direction === 'ASC' ? '>' : '<';
    query.andWhere(new Brackets((b) => b.where(`${sort} ${cmp} :cursorValue`).orWhere(`(${sort} = :cursorValue AND m.id ${cmp} :cursorId)`)), {
      cursorValue: cursor.sortValue,
      cursorId: cursor.id,
    });
  }
  const { entities, raw } = await query
    .addSelect(sort, 'sort_value')
    .orderBy(sort, direction)
    .addOrderBy('m.id', direction)
    .limit(limit + 1)
    .getRawAndEntities();
  const sortValues = new Map(entities.map((m, i) => [m.id, raw[i].sort_value as string | number]));
  return toPage(entities, limit, (m) => sortValues.get(m.id) ?? null, totalCount);
}
