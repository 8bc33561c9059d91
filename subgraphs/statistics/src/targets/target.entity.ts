import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Indicator } from '../enums';

/** 指标: a threshold for the group, each member or one member, for a year or the years fromYear (column `year`)..toYear. */
@ObjectType({ description: '指标' })
@Entity('target')
@Index('uq_target', ['groupId', 'year', 'indicator', 'scope'], { unique: true })
export class Target {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID) @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Field(() => Int, { description: '起始年度（同 fromYear，保留以兼容）' }) @Column({ type: 'int' }) year!: number;
  /** The last year the target applies to (= year for a one-year target). */
  @Field(() => Int, { description: '截止年度（含）' }) @Column({ type: 'int' }) toYear!: number;
  @Field(() => Indicator) @Column({ type: 'varchar', length: 32 }) indicator!: Indicator;
  /** 'GROUP', 'EACH_MEMBER' or an organization id: who the threshold applies to. */
  @Column({ type: 'varchar', length: 36 }) scope!: string;
  /** The threshold in hundredths, so 1.5 倍 or 0.75 万元 is exact. */
  @Column({ type: 'int' }) thresholdCents!: number;
  @Column({ type: 'varchar', length: 64 }) createdBy!: string;
}
