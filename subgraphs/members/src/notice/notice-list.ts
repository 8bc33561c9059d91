import { Brackets, DataSource } from 'typeorm';
import { decodeCursor, pageSize, toPage } from '../../../kit/src';
import { Notice } from './notice.entity';

/** A group's notices, newest first, keyset-paginated on (publishedAt, id). */
export async function listNotices(db: DataSource, groupId: string, first: number | null, after: string | null) {
  const limit = pageSize(first);
  const query = db.getRepository(Notice).createQueryBuilder('n').where('n.groupId = :groupId', { groupId });
  const totalCount = await query.clone().getCount();
  if (after) {
    const cursor = decodeCursor(after);
    query.andWhere(new Brackets((b) => b.where('n.publishedAt < :at').orWhere('(n.publishedAt = :at AND n.id < :id)')), { at: cursor.sortValue, id: cursor.id });
  }
  const rows = await query.orderBy('n.publishedAt', 'DESC').addOrderBy('n.id', 'DESC').limit(limit + 1).getMany();
  return toPage(rows, limit, (n) => n.publishedAt, totalCount);
}
