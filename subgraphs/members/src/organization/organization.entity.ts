import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { isoDatetime } from '@zjjt/kit';
import { OrganizationType } from '../enums';

/**
 * 单位: a legal unit identified by its 统一社会信用代码. Fields with @Field are public to the group's
 * members; the rest (contact, address) are served by field resolvers that check access.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: '单位' })
@Entity('organization')
export class Organization {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String, { description: '单位名称' })
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 18, unique: true })
  uscc!: string;

  @Field(() => OrganizationType, { description: '单位类型' })
  @Column({ type: 'varchar', length: 32 })
  type!: OrganizationType;

  @Column({ type: 'varchar', length: 6 })
  region!: string;

  @Column({ type: 'varchar', length: 50 })
  industry!: string;

  @Column({ type: 'boolean', default: false })
  aboveDesignatedSize!: boolean;

  @Column({ type: 'boolean', default: false })
  fortune500!: boolean;

  @Column({ type: 'varchar', length: 200, nullable: true })
  website!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  contactPerson!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  contactPhone!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  contactEmail!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  updatedBy!: string | null;

  /** The group whose registration (or recorded application) created the unit on the hub; null for a unit that came by itself. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  createdByGroupId!: string | null;

  /** The user who created the unit on the hub. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 3, transformer: isoDatetime })
  createdAt!: string;

  @UpdateDateColumn({ type: 'datetime', precision: 3, transformer: isoDatetime })
  updatedAt!: string;
}
