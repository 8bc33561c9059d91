import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { NoticeKind } from '../enums';

@ObjectType({ description: '附件' })
export class Attachment {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  url!: string;
}

/** 通知/文件 published by the secretariat to its group. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '通知/文件' })
@Entity('notice')
@Index('ix_notice_group_published', ['groupId', 'publishedAt'])
export class Notice {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  groupId!: string;

  @Field(() => NoticeKind)
  @Column({ type: 'varchar', length: 16 })
  kind!: NoticeKind;

  @Field(() => String, { description: '标题' })
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field(() => String, { nullable: true, description: '文号' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  documentNumber!: string | null;

  @Field(() => String, { description: '正文' })
  @Column({ type: 'text' })
  body!: string;

  @Field(() => [Attachment])
  @Column({ type: 'simple-json' })
  attachments!: Attachment[];

  /** ISO-8601 UTC text, so keyset pages compare the same way on SQLite and MySQL. */
  @Field(() => GraphQLDateTimeISO, { description: '发布时间' })
  @Column({ type: 'varchar', length: 24 })
  publishedAt!: string;

  @Column({ type: 'varchar', length: 64 })
  publishedBy!: string;
}
