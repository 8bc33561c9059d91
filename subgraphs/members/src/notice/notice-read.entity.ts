import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { isoDatetime } from '@zjjt/kit';

/** A member unit has read a notice (read receipts are per unit, the first reader counts). */
@Entity('notice_read')
@Index('uq_notice_read', ['noticeId', 'organizationId'], { unique: true })
export class NoticeRead {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  noticeId!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 64 })
  readBy!: string;

  @Column({ type: 'datetime', precision: 3, transformer: isoDatetime })
  readAt!: string;
}
