import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { declareStates } from '@zjjt/kit';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { BulletinKind, BulletinStatus } from '../enums';

@ObjectType({ description: '附件（名称与引用：下载地址或 /files/… 路径）' })
export class BulletinAttachment {
  @Field(() => String, { description: '文件名' })
  name!: string;

  @Field(() => String, { description: '引用（http/https 地址或 /files/… 路径）' })
  reference!: string;
}

/**
 * 集团简报 / 新闻 / 公告 on the group's portal. A draft (or an unpublished item) is seen only by the
 * group's secretariat; a published one by anyone who may see the group, anonymous visitors included.
 */
@ObjectType({ description: '门户内容：集团简报、新闻、公告' })
@Entity('bulletin')
@Index('ix_bulletin_group_published', ['groupId', 'status', 'publishedAt'])
@Index('ix_bulletin_group_changed', ['groupId', 'changedAt'])
export class Bulletin {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => ID)
  @Column({ type: 'varchar', length: 36 })
  groupId!: string;

  @Field(() => BulletinKind)
  @Column({ type: 'varchar', length: 16 })
  kind!: BulletinKind;

  @Field(() => String, { description: '标题' })
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field(() => String, { nullable: true, description: '封面摘要' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  cover!: string | null;

  @Field(() => String, { description: '正文' })
  @Column({ type: 'text' })
  body!: string;

  @Field(() => [BulletinAttachment])
  @Column({ type: 'simple-json' })
  attachments!: BulletinAttachment[];

  @Field(() => BulletinStatus)
  @Column({ type: 'varchar', length: 16 })
  status!: BulletinStatus;

  /** ISO-8601 UTC text (keyset pages compare alike on SQLite and MySQL); null until first published. */
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: '发布时间' })
  @Column({ type: 'varchar', length: 24, nullable: true })
  publishedAt!: string | null;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  /** Last write (create, edit, publish, unpublish): the order of the secretariat's own list. */
  @Field(() => GraphQLDateTimeISO, { description: '最近修改时间' })
  @Column({ type: 'varchar', length: 24 })
  changedAt!: string;

  @Column({ type: 'varchar', length: 64 })
  changedBy!: string;
}

const S = BulletinStatus;

/** Publish a draft; unpublish (withdraw from the portal) and publish again. */
export const BULLETIN_STATES = declareStates(Bulletin, {
  name: '门户内容',
  english: 'bulletin',
  labels: { DRAFT: '草稿', PUBLISHED: '已发布', UNPUBLISHED: '已撤回' },
  next: { DRAFT: [S.PUBLISHED], PUBLISHED: [S.UNPUBLISHED], UNPUBLISHED: [S.PUBLISHED] },
});
