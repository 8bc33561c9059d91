import DataLoader from 'dataloader';
import { DataSource, In, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { Submission } from './submission/submission.entity';
import { HubContext, loader, manyByKey, MembersDirectory, oneByKey, requestDirectory, Viewer } from '@zjjt/kit';
import { AnnualReturn, CollectionRound } from './collection/collection.entity';
import { GroupNoticeRecipient } from './group-notices/group-notice.entity';
import { regionReturnsSection, returnsSection, ReturnsSection } from './collection/returns-section';
import { completenessOfMany, Completeness } from './collection/completeness';
import { ReturnStatus } from './enums';
import { Target } from './targets/target.entity';

const split = (key: string) => ({ groupId: key.split('|')[0], year: Number(key.split('|')[1]) });

/** What the statistics subgraph is given when it is built. */
export interface StatisticsDependencies {
  directory: MembersDirectory;
}

/** Per-request loaders, keyed by `groupId|year`. */
export function createLoaders(db: DataSource, viewer: Viewer, dependencies: StatisticsDependencies) {
  // A group's active members are read once per request (a report's completeness and its per-member targets).
  const directory = requestDirectory(dependencies.directory);
  return {
    /** The members directory this subgraph was built with, as this request reads it. */
    directory,
    returnsSection: new DataLoader<string, ReturnsSection>((keys) => Promise.all(keys.map((k) => returnsSection(db, split(k).groupId, split(k).year)))),
    /** A region's approved returns, each unit once, keyed by regionReturnsKey (`year|groupId,…`): read once for its returns and its indicators. */
    regionReturnsSection: new DataLoader<string, ReturnsSection>((keys) =>
      Promise.all(
        keys.map((k) => {
          const [year, groups] = k.split('|');
          return regionReturnsSection(db, groups ? groups.split(',') : [], Number(year));
        }),
      ),
    ),
    approvedReturnsByGroupYear: new DataLoader<string, Map<string, AnnualReturn>>((keys) =>
      Promise.all(
        keys.map(
          async (k) => new Map((await db.getRepository(AnnualReturn).findBy({ ...split(k), status: ReturnStatus.APPROVED })).map((r) => [r.organizationId, r])),
        ),
      ),
    ),
    /** How complete each report is (expected units, approved returns, missing units, the gap confirmation). */
    completeness: new DataLoader<string, Completeness>((keys) => completenessOfMany(db, directory, keys.map(split))),
    /** A year's submissions of several groups (a ranking page), each group's by template then newest version first: one statement. */
    submissionsByGroupYear: new DataLoader<string, Submission[]>(async (keys) => {
      const rows = await db.getRepository(Submission).find({
        select: { groupId: true, year: true, template: true, target: true, version: true, status: true },
        where: { groupId: In(keys.map((k) => split(k).groupId)), year: In([...new Set(keys.map((k) => split(k).year))]) },
        order: { template: 'ASC', version: 'DESC' },
      });
      return keys.map((k) => rows.filter((r) => `${r.groupId}|${r.year}` === k));
    }),
    roundById: loader<string, CollectionRound | null>(async (ids) =>
      oneByKey(ids, await db.getRepository(CollectionRound).findBy({ id: In(ids) }), (r) => r.id),
    ),
    /** Every recipient of each notice, by unit id. */
    receiptsByNoticeId: loader<string, GroupNoticeRecipient[]>(async (ids) =>
      manyByKey(ids, await db.getRepository(GroupNoticeRecipient).find({ where: { noticeId: In(ids) }, order: { organizationId: 'ASC' } }), (r) => r.noticeId),
    ),
    /** The viewer's unit's own copy of each notice (null when it is not a recipient, or the viewer has no unit). */
    ownReceiptByNoticeId: loader<string, GroupNoticeRecipient | null>(async (ids) =>
      viewer.organizationId
        ? oneByKey(ids, await db.getRepository(GroupNoticeRecipient).findBy({ noticeId: In(ids), organizationId: viewer.organizationId }), (r) => r.noticeId)
        : ids.map(() => null),
    ),
    targetsByGroupYear: new DataLoader<string, Target[]>((keys) =>
      Promise.all(
        keys.map((k) => {
          // The targets whose years (year..toYear) include the year.
          const { groupId, year } = split(k);
          return db.getRepository(Target).find({
            where: { groupId, year: LessThanOrEqual(year), toYear: MoreThanOrEqual(year) },
            order: { indicator: 'ASC', scope: 'ASC', year: 'ASC' },
          });
        }),
      ),
    ),
  };
}

export type StatisticsLoaders = ReturnType<typeof createLoaders>;
export type StatisticsContext = HubContext<StatisticsLoaders>;
