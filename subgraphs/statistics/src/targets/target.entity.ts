import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Indicator } from '../enums';

/** 指标: a threshold for the group (organizationId null) or for one member, for a year. */
@ObjectType({ description: '指标' })
@Entity('target')
@Index('uq_target', ['groupId', 'year', 'indicator', 'scope'], { unique: true })
export class Target {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID) @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Field(() => Int) @Column({ type: 'int' }) year!: number;
  @Field(() => Indicator) @Column({ type: 'varchar', length: 32 }) indicator!: Indicator;
  /** 'GROUP', 'EACH_MEMBER' or an organization id: who the threshold applies to. */
  @Column({ type: 'varchar', length: 36 }) scope!: string;
  /** The threshold in hundredths, so 1.5 倍 or 0.75 万元 is exact. */
  @Column({ type: 'int' }) thresholdCents!: number;
  @Column({ type: 'varchar', length: 64 }) createdBy!: string;
}
