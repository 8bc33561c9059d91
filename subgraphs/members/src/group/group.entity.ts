import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { isoDatetime, LocalDate } from '@zjjt/kit';
import { GroupType } from '../enums';

/** 职教集团: the tenant. Its profile is public (the portal); everything under it is members-only. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '职教集团' })
@Entity('member_group')
export class Group {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String, { description: '集团代码（门户网址用）' })
  @Column({ type: 'varchar', length: 32, unique: true })
  code!: string;

  @Field(() => String, { description: '集团名称' })
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Field(() => String, { nullable: true, description: '简称' })
  @Column({ type: 'varchar', length: 50, nullable: true })
  shortName!: string | null;

  @Field(() => GroupType, { description: '集团类型' })
  @Column({ type: 'varchar', length: 16 })
  type!: GroupType;

  @Column({ type: 'varchar', length: 36, nullable: true })
  leadOrganizationId!: string | null;

  @Field(() => String, { nullable: true, description: '批准部门' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  approvingAuthority!: string | null;

  @Field(() => LocalDate, { nullable: true, description: '成立日期' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  foundedOn!: string | null;

  @Field(() => String, { nullable: true, description: '所在地区（GB/T 2260 六位代码）' })
  @Column({ type: 'varchar', length: 6, nullable: true })
  region!: string | null;

  @Field(() => String, { nullable: true, description: '简介' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** 入会须知 shown on the portal (served by GroupPortalResolver). */
  @Column({ type: 'text', nullable: true })
  joinInstructions!: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 3, transformer: isoDatetime })
  createdAt!: string;

  @UpdateDateColumn({ type: 'datetime', precision: 3, transformer: isoDatetime })
  updatedAt!: string;
}
