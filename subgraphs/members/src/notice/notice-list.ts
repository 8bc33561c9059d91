import { DataSource } from 'typeorm';
import { newestFirstPage } from '@zjjt/kit';
import { Notice } from './notice.entity';

/** A group's notices, newest first. */
export function listNotices(db: DataSource, groupId: string, first: number | null, after: string | null) {
  return newestFirstPage(db.getRepository(Notice).createQueryBuilder('n').where('n.groupId = :groupId', { groupId }), 'publishedAt', first, after);
}
