import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One accepted workbook; its SHA-256 makes a second upload of the same file change nothing. */
@ObjectType({ description: '台账导入记录' })
@Entity('ledger_import')
@Index('uq_import_file', ['baseId', 'fileSha256'], { unique: true })
export class LedgerImport {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID) @Column({ type: 'varchar', length: 36 }) baseId!: string;
  @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Column({ type: 'varchar', length: 36 }) organizationId!: string;
  @Field(() => String) @Column({ type: 'varchar', length: 64 }) fileSha256!: string;
  @Field(() => String) @Column({ type: 'varchar', length: 200 }) fileName!: string;
  @Field(() => Int) @Column({ type: 'int' }) programs!: number;
  @Field(() => Int) @Column({ type: 'int' }) sessions!: number;
  @Field(() => Int) @Column({ type: 'int' }) certifications!: number;
  @Field(() => Int) @Column({ type: 'int' }) trainees!: number;
  @Column({ type: 'varchar', length: 64 }) importedBy!: string;
  @Field(() => GraphQLDateTimeISO) @Column({ type: 'varchar', length: 24 }) importedAt!: string;
}
