import { Brackets, DataSource } from 'typeorm';
import { badInput, containsPattern, decodeCursor, LIKE_ESCAPE, pageSize, prefixPattern, toPage, Viewer } from '@zjjt/kit';
import { MemberSortField, MembershipStatus, SortDirection } from '../enums';
import { Organization } from '../organization/organization.entity';
import { Membership } from './membership.entity';
import { MemberListArgs } from './membership.input';

// A unit that has not consented to the group (see access.ts) shows the group nothing of itself, so
// it sorts as '' on the unit's own fields instead of betraying its name or code by its position.
const SORT_EXPRESSION: Record<MemberSortField, string> = {
  NAME: "CASE WHEN m.consent IS NULL THEN '' ELSE o.name END",
  USCC: "CASE WHEN m.consent IS NULL THEN '' ELSE o.uscc END",
  ROLE: 'm.roleRank',
  // Pending applications have no join date yet; '' sorts them first in both dialects.
  JOINED_ON: "COALESCE(m.joinedOn, '')",
};

/** What an anonymous caller may not sort or filter on: the portal shows names and types only. */
function refuseHiddenFields(filter: MemberListArgs['filter'], order: MemberSortField) {
  const hidden = [
    filter?.region ? 'region（地区）' : null,
    filter?.industry ? 'industry（行业）' : null,
    filter?.aboveDesignatedSize !== null && filter?.aboveDesignatedSize !== undefined ? 'aboveDesignatedSize（规模以上）' : null,
  ].filter(Boolean);
  if (hidden.length)
    throw badInput(
      `未登录用户不能按门户不公开的字段筛选：${hidden.join('、')}。请登录后再用这些条件，或去掉它们 (filter on fields anonymous callers cannot read: ${hidden.join(', ')})`,
      { field: 'filter' },
    );
  if (order === MemberSortField.USCC)
    throw badInput('未登录用户不能按统一社会信用代码排序（orderBy USCC）：门户不公开信用代码，请改按 NAME、ROLE 或 JOINED_ON 排序', { field: 'orderBy' });
}

/**
 * One page of a group's member list: two statements (page and count) whatever the page size;
 * organizations and terms are then batched by the loaders.
 */
export async function listMembers(db: DataSource, viewer: Viewer, groupId: string, args: MemberListArgs) {
  const limit = pageSize(args.first);
  const filter = args.filter ?? {};
  const order = args.orderBy ?? { field: MemberSortField.ROLE, direction: SortDirection.ASC };
  if (viewer.isAnonymous) refuseHiddenFields(filter, order.field);
  const sort = SORT_EXPRESSION[order.field];
  const direction = order.direction === SortDirection.DESC ? 'DESC' : 'ASC';

  const query = db
    .getRepository(Membership)
    .createQueryBuilder('m')
    .innerJoin(Organization, 'o', 'o.id = m.organizationId')
    .where('m.groupId = :groupId', { groupId });

  // Only the group's secretariat (and authorities) see pending, rejected and exited units.
  const seesAll = viewer.isSecretariatOf(groupId) || viewer.isAuthorityOf(groupId);
  const statuses = seesAll ? filter.statuses : [MembershipStatus.ACTIVE];
  if (statuses?.length) query.andWhere('m.status IN (:...statuses)', { statuses });
  // Memberships a group recorded for an existing unit that has not confirmed them: listed to the
  // group's secretariat (to follow them up), to no one else, and never matched on the unit's fields.
  const search = args.search?.trim();
  const onUnitFields = Boolean(
    filter.types?.length || filter.region || filter.industry || (filter.aboveDesignatedSize !== null && filter.aboveDesignatedSize !== undefined) || search,
  );
  if (!viewer.isAuthorityOf(groupId) && (!seesAll || onUnitFields)) query.andWhere('m.consent IS NOT NULL');
  if (filter.types?.length) query.andWhere('o.type IN (:...types)', { types: filter.types });
  if (filter.roles?.length) query.andWhere('m.role IN (:...roles)', { roles: filter.roles });
  if (filter.councilTermId) query.andWhere('m.councilTermId = :termId', { termId: filter.councilTermId });
  if (filter.region) {
    if (!/^\d{2,6}$/.test(filter.region))
      throw badInput(`地区筛选「${filter.region.slice(0, 20)}」应为 2–6 位行政区划代码前缀，例如 37 或 3701（region filter）`, { field: 'region' });
    query.andWhere('o.region LIKE :region', { region: `${filter.region}%` });
  }
  if (filter.industry) query.andWhere('o.industry = :industry', { industry: filter.industry.trim() });
  if (filter.aboveDesignatedSize !== null && filter.aboveDesignatedSize !== undefined) {
    query.andWhere('o.aboveDesignatedSize = :above', { above: filter.aboveDesignatedSize });
  }
  if (search) {
    const byName = `o.name LIKE :name ${LIKE_ESCAPE}`;
    // The portal shows names only, so anonymous search does not match credit codes.
    if (viewer.isAnonymous) query.andWhere(byName, { name: containsPattern(search) });
    else
      query.andWhere(
        new Brackets((b) =>
          b.where(byName, { name: containsPattern(search) }).orWhere(`o.uscc LIKE :uscc ${LIKE_ESCAPE}`, { uscc: prefixPattern(search.toUpperCase()) }),
        ),
      );
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
