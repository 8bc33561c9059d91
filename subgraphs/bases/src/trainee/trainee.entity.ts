import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { PiiField } from '../enums';

/**
 * 学员. 身份证号 and phone are stored sealed (AES-GCM), with a keyed hash for lookup and
 * duplicates, and their masked forms; answers only ever use the masked forms.
 */
@ObjectType({ description: '学员（身份证号、手机号均为脱敏显示）' })
@Entity('trainee')
@Index('uq_trainee_session_person', ['sessionId', 'idNumberHash'], { unique: true })
@Index('ix_trainee_person', ['idNumberHash'])
@Index('ix_trainee_base', ['baseId'])
export class Trainee {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) baseId!: string;
  @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Column({ type: 'varchar', length: 36 }) sessionId!: string;
  @Field(() => String, { description: '姓名' }) @Column({ type: 'varchar', length: 50 }) name!: string;
  @Column({ type: 'varchar', length: 80 }) idNumberSealed!: string;
  @Column({ type: 'varchar', length: 64 }) idNumberHash!: string;
  @Field(() => String, { description: '身份证号（脱敏）' }) @Column({ type: 'varchar', length: 18 }) idNumberMasked!: string;
  @Column({ type: 'varchar', length: 80, nullable: true }) phoneSealed!: string | null;
  @Field(() => String, { nullable: true, description: '手机号（脱敏）' }) @Column({ type: 'varchar', length: 11, nullable: true }) phoneMasked!: string | null;
  @Column({ type: 'varchar', length: 36 }) importId!: string;
}

/** Who saw a trainee's personal information unmasked, when and why. Rows are only added. */
@ObjectType({ description: '个人信息查看记录' })
@Entity('pii_reveal_audit')
@Index('ix_reveal_trainee', ['traineeId'])
@Index('ix_reveal_group', ['groupId', 'at'])
export class RevealAudit {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID) @Column({ type: 'varchar', length: 36 }) traineeId!: string;
  @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Field(() => PiiField) @Column({ type: 'varchar', length: 16 }) field!: PiiField;
  @Field(() => String, { description: '查看原因' }) @Column({ type: 'varchar', length: 500 }) reason!: string;
  @Field(() => String, { description: '查看人' }) @Column({ type: 'varchar', length: 64 }) actorUserId!: string;
  @Field(() => GraphQLDateTimeISO) @Column({ type: 'varchar', length: 24 }) at!: string;
}
