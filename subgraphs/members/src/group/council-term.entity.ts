import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { LocalDate } from '@zjjt/kit';

/** 理事会届次: the council elected for a term (第二届, from 2018-06). */
@Directive('@key(fields: "id")')
@ObjectType({ description: '理事会届次' })
@Entity('council_term')
@Index('uq_term_group_number', ['groupId', 'number'], { unique: true })
export class CouncilTerm {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  groupId!: string;

  @Field(() => Int, { description: '届次（第几届）' })
  @Column({ type: 'int' })
  number!: number;

  @Field(() => LocalDate, { description: '开始日期' })
  @Column({ type: 'varchar', length: 10 })
  startsOn!: string;

  @Field(() => LocalDate, { nullable: true, description: '结束日期' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  endsOn!: string | null;
}
