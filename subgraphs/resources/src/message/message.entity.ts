import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { GraphQLDateTimeISO } from 'graphql-scalars';

/** 消息: what a unit is told about requests on its resources and its own requests. */
@ObjectType({ description: '消息' })
@Entity('resource_message')
@Index('ix_message_recipient', ['recipientId', 'createdAt'])
export class Message {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  recipientId!: string;

  @Field(() => String, { description: '标题' })
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field(() => String, { description: '内容' })
  @Column({ type: 'varchar', length: 1000 })
  body!: string;

  @Field(() => ID, { nullable: true, description: '相关资源申请' })
  @Column({ type: 'varchar', length: 36, nullable: true })
  requestId!: string | null;

  @Field(() => GraphQLDateTimeISO)
  @Column({ type: 'varchar', length: 24 })
  createdAt!: string;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: '已读时间' })
  @Column({ type: 'varchar', length: 24, nullable: true })
  readAt!: string | null;
}
