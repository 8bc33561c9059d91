import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { LocalDate } from '@zjjt/kit';

/** 称号: e.g. 省级骨干职教集团, with who awarded it and when. */
@ObjectType({ description: '集团称号' })
@Entity('group_designation')
export class GroupDesignation {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('ix_designation_group')
  @Column({ type: 'varchar', length: 36 })
  groupId!: string;

  @Field(() => String, { description: '称号' })
  @Column({ type: 'varchar', length: 100 })
  title!: string;

  @Field(() => String, { description: '授予部门' })
  @Column({ type: 'varchar', length: 100 })
  issuer!: string;

  @Field(() => LocalDate, { description: '授予日期' })
  @Column({ type: 'varchar', length: 10 })
  awardedOn!: string;
}
