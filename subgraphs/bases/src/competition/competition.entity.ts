import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { LocalDate } from '@zjjt/kit';
import { AwardLevel, CompetitionLevel, CompetitionRole, EntrantKind } from './competition.enums';

/** 技能大赛 the group organized, hosted or took part in. */
@ObjectType({ description: '技能大赛' })
@Entity('competition')
@Index('ix_competition_group_year', ['groupId', 'year'])
export class Competition {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID) @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Field(() => String, { description: '大赛名称' }) @Column({ type: 'varchar', length: 200 }) name!: string;
  @Field(() => CompetitionLevel, { description: '级别' }) @Column({ type: 'varchar', length: 24 }) level!: CompetitionLevel;
  @Field(() => CompetitionRole, { description: '集团的角色' }) @Column({ type: 'varchar', length: 16 }) role!: CompetitionRole;
  @Field(() => LocalDate, { description: '日期' }) @Column({ type: 'varchar', length: 10 }) heldOn!: string;
  @Field(() => Int, { description: '年度（按日期）' }) @Column({ type: 'int' }) year!: number;
  @Field(() => String, { nullable: true, description: '地点' }) @Column({ type: 'varchar', length: 200, nullable: true }) place!: string | null;
  @Field(() => String, { description: '登记人（用户）' }) @Column({ type: 'varchar', length: 64 }) recordedBy!: string;
  @Field(() => String, { description: '登记时间（UTC）' }) @Column({ type: 'varchar', length: 24 }) recordedAt!: string;
}

/** A member unit taking part in a competition (the units concerned: they see it and their own entrants). */
@Entity('competition_unit')
@Index('uq_competition_unit', ['competitionId', 'organizationId'], { unique: true })
@Index('ix_competition_unit_org', ['organizationId'])
export class CompetitionUnit {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) competitionId!: string;
  @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Column({ type: 'varchar', length: 36 }) organizationId!: string;
}

/**
 * 参赛选手. 身份证号 and phone are sealed as trainees' are (AES-GCM, keyed hash for duplicates) and
 * answered only in their masked forms.
 */
@ObjectType({ description: '参赛选手（身份证号、手机号均为脱敏显示）' })
@Entity('competition_entrant')
@Index('uq_competition_entrant_person', ['competitionId', 'idNumberHash'], { unique: true })
@Index('ix_competition_entrant_org', ['competitionId', 'organizationId'])
export class CompetitionEntrant {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) competitionId!: string;
  @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Field(() => ID, { description: '所在单位' }) @Column({ type: 'varchar', length: 36 }) organizationId!: string;
  @Field(() => EntrantKind, { description: '学生或教职工' }) @Column({ type: 'varchar', length: 8 }) kind!: EntrantKind;
  @Field(() => String, { description: '姓名' }) @Column({ type: 'varchar', length: 50 }) name!: string;
  @Field(() => String, { nullable: true, description: '赛项' }) @Column({ type: 'varchar', length: 200, nullable: true }) event!: string | null;
  @Column({ type: 'varchar', length: 80 }) idNumberSealed!: string;
  @Column({ type: 'varchar', length: 64 }) idNumberHash!: string;
  @Field(() => String, { description: '身份证号（脱敏）' }) @Column({ type: 'varchar', length: 18 }) idNumberMasked!: string;
  @Column({ type: 'varchar', length: 80, nullable: true }) phoneSealed!: string | null;
  @Field(() => String, { nullable: true, description: '手机号（脱敏）' }) @Column({ type: 'varchar', length: 11, nullable: true }) phoneMasked!: string | null;
}

/** An award of a competition, to one entrant or to a team of entrants (counted once). */
@ObjectType({ description: '大赛获奖（个人或团体，一项奖计一次）' })
@Entity('competition_award')
@Index('ix_competition_award_group', ['groupId', 'year'])
@Index('ix_competition_award_competition', ['competitionId'])
export class CompetitionAward {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID, { description: '大赛' }) @Column({ type: 'varchar', length: 36 }) competitionId!: string;
  @Column({ type: 'varchar', length: 36 }) groupId!: string;
  /** The competition's year, kept here so the report counts awards with one GROUP BY. */
  @Field(() => Int, { description: '年度' }) @Column({ type: 'int' }) year!: number;
  @Field(() => AwardLevel, { description: '获奖等级' }) @Column({ type: 'varchar', length: 16 }) level!: AwardLevel;
  @Field(() => String, { nullable: true, description: '赛项' }) @Column({ type: 'varchar', length: 200, nullable: true }) event!: string | null;
  @Field(() => String, { nullable: true, description: '团体名称（团体奖）；个人奖为空' }) @Column({ type: 'varchar', length: 200, nullable: true }) team!:
    string | null;
  /** The entrants the award went to (one for a personal award). */
  @Column({ type: 'simple-json' }) entrantIds!: string[];
}
