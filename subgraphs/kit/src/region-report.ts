import { badInput, forbidden } from './errors';
import { REGION_PATTERN, Viewer } from './identity';
import { MembersDirectory } from './directory';

/** The group types a roll-up may be narrowed to (members' `GroupType`): 行业型, 区域型. */
export const GROUP_TYPES = ['INDUSTRY', 'REGIONAL'] as const;

/** What a region's roll-up covers: the year, the region (行政区划 prefix) and, when narrowed, one group type. */
export interface RegionReportKey {
  year: number;
  region: string;
  groupType: string | null;
}

/**
 * 地区年度汇总 `RegionReport` (owned by statistics) is keyed by `id` = `year:region:groupType`
 * (groupType empty for every type): each subgraph contributes the same sections as to a group's
 * `AnnualReport`, summed over the groups of the region with one statement set over all of them
 * (`groupId IN (...)`).
 */
export const regionReportId = (key: RegionReportKey) => `${key.year}:${key.region}:${key.groupType ?? ''}`;

export function parseRegionReportId(id: string): RegionReportKey {
  const [year, region, groupType] = id.split(':');
  return { year: Number(year), region, groupType: groupType || null };
}

const ROLL_UP_ONLY = '只有主管部门可以查看地区汇总与集团排名 (authority of the region only)';

/**
 * Who reads a region's roll-up and ranking: an AUTHORITY for a region inside its own (its region
 * when none is given), and the subgraphs' service identity (every region: ''). A secretariat or a
 * member unit gets FORBIDDEN; a region outside the authority's own FORBIDDEN too, saying which.
 */
export function regionReportKey(viewer: Viewer, year: number, region: string | null | undefined, groupType: string | null | undefined): RegionReportKey {
  viewer.requireUser();
  if (!viewer.has('AUTHORITY')) throw forbidden(ROLL_UP_ONLY);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput(`年度应在 2000 到 2100 之间，当前为 ${year} (invalid year)`);
  if (region && !REGION_PATTERN.test(region)) throw badInput(`地区应为 2、4 或 6 位行政区划代码前缀，例如 37 或 3701，当前为「${region}」 (invalid region)`);
  const own = viewer.region ?? null;
  if (own === null) throw forbidden(ROLL_UP_ONLY);
  const chosen = region || own;
  if (!chosen.startsWith(own)) throw forbidden(`地区 ${chosen} 不在本主管部门的地区 ${own} 内 (region outside the authority's region)`);
  return { year, region: chosen, groupType: groupType ?? null };
}

/**
 * The groups a roll-up sums, as this viewer may read them: those registered in the key's region and
 * of its type (`groupsInRegion`), and for an authority only those of its own region (its `groupIds`).
 * Never empty in SQL: no group is `['']`, which matches no row.
 */
export async function regionReportGroups(
  viewer: Viewer,
  key: RegionReportKey,
  groupsInRegion: (region: string, type: string | null) => Promise<string[]>,
): Promise<string[] | null> {
  if (!viewer.readsEveryRegion && (!viewer.has('AUTHORITY') || !viewer.region || !key.region.startsWith(viewer.region))) return null;
  const groups = (await groupsInRegion(key.region, key.groupType)).filter((g) => viewer.readsEveryRegion || viewer.groupIds.includes(g));
  return groups.length ? groups : [''];
}

/** `regionReportGroups` for the roll-up entity `id`, the region's groups read through the members directory (resources, bases, statistics). */
export const regionGroupsOf = (ctx: { viewer: Viewer; loaders: { directory: MembersDirectory } }, report: { id: string }) =>
  regionReportGroups(ctx.viewer, parseRegionReportId(report.id), (region, type) => ctx.loaders.directory.groupsInRegion(region, type));
