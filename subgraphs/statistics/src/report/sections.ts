import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Money } from '@zjjt/kit';

// Copies of the sections other subgraphs own, with only the fields this subgraph @requires, each
// @external (composition refuses the same field resolved in two subgraphs otherwise).

export enum ProgramCategory {
  EMPLOYEE_SKILLS = 'EMPLOYEE_SKILLS',
  EMPLOYMENT_ENTREPRENEURSHIP = 'EMPLOYMENT_ENTREPRENEURSHIP',
  REEMPLOYMENT = 'REEMPLOYMENT',
  STUDENT_CERTIFICATE = 'STUDENT_CERTIFICATE',
  TEACHER_TRAINING = 'TEACHER_TRAINING',
  OTHER = 'OTHER',
}
registerEnumType(ProgramCategory, { name: 'ProgramCategory', description: '培训类别' });

/** A field another subgraph resolves, copied here for @requires. */
export const external = () => Directive('@external');

@ObjectType()
export class MembershipSection {
  @external() @Field(() => Int) total!: number;
  @external() @Field(() => Int) enterprises!: number;
  @external() @Field(() => Int) aboveDesignatedSize!: number;
  @external() @Field(() => Int) fortune500!: number;
  @external() @Field(() => Int) schools!: number;
  @external() @Field(() => Int) joined!: number;
  @external() @Field(() => Int) exited!: number;
}

@ObjectType()
export class OrganizationSharingFigures {
  @external() @Field(() => ID) organizationId!: string;
  @external() @Field(() => Money) serviceIncome!: string;
}

@ObjectType()
export class SharingSection {
  @external() @Field(() => Int) cooperations!: number;
  @external() @Field(() => Int) orderClassStudents!: number;
  @external() @Field(() => Int) apprentices!: number;
  @external() @Field(() => Int) mutualTeachers!: number;
  @external() @Field(() => Int) mutualTeachingHours!: number;
  @external() @Field(() => Int, { nullable: true }) enterpriseTeachers!: number | null;
  @external() @Field(() => Int, { nullable: true }) enterpriseTeachingHours!: number | null;
  @external() @Field(() => Int) teacherPracticePersonTimes!: number;
  @external() @Field(() => Int) teacherPracticeDays!: number;
  @external() @Field(() => Int) coCourses!: number;
  @external() @Field(() => Int) coTextbooks!: number;
  @external() @Field(() => Int) coBases!: number;
  @external() @Field(() => Int) patents!: number;
  @external() @Field(() => Int) certificates1X!: number;
  @external() @Field(() => Money) investment!: string;
  @external() @Field(() => Money) investmentReceived!: string;
  @external() @Field(() => Money) equipmentValue!: string;
  @external() @Field(() => Money) serviceIncome!: string;
  @external() @Field(() => [OrganizationSharingFigures]) byOrganization!: OrganizationSharingFigures[];
}

@ObjectType()
export class CategoryFigures {
  @external() @Field(() => ProgramCategory) category!: ProgramCategory;
  @external() @Field(() => Int) personTimes!: number;
  @external() @Field(() => Int) sessions!: number;
}

@ObjectType()
export class OrganizationTrainingFigures {
  @external() @Field(() => ID) organizationId!: string;
  @external() @Field(() => Int) personTimes!: number;
  @external() @Field(() => Int) socialPersonTimes!: number;
  @external() @Field(() => Money) revenue!: string;
}

@ObjectType()
export class LedgerRowRef {
  @external() @Field(() => String) code!: string;
}

@ObjectType()
export class UnreportedFigure {
  @external() @Field(() => String) figure!: string;
  @external() @Field(() => [String]) affects!: string[];
  @external() @Field(() => [LedgerRowRef]) rows!: LedgerRowRef[];
  @external() @Field(() => Int) count!: number;
  @external() @Field(() => String) message!: string;
}

@ObjectType()
export class TrainingSection {
  @external() @Field(() => Int) personTimes!: number;
  @external() @Field(() => Int) socialPersonTimes!: number;
  @external() @Field(() => Int) inSchoolPersonTimes!: number;
  @external() @Field(() => Int) distinctPersons!: number;
  @external() @Field(() => Int) socialDistinctPersons!: number;
  @external() @Field(() => Int) socialSessions!: number;
  @external() @Field(() => Int) inSchoolSessions!: number;
  @external() @Field(() => Int) sessions!: number;
  @external() @Field(() => Int, { nullable: true }) hours!: number | null;
  @external() @Field(() => Money) revenue!: string;
  @external() @Field(() => Int) candidates!: number;
  @external() @Field(() => Int, { nullable: true }) passed!: number | null;
  @external() @Field(() => [CategoryFigures]) byCategory!: CategoryFigures[];
  @external() @Field(() => Int) certificationBatches!: number;
  @external() @Field(() => [OrganizationTrainingFigures]) byOrganization!: OrganizationTrainingFigures[];
  @external() @Field(() => [UnreportedFigure]) unreported!: UnreportedFigure[];
}

/** bases' RevenueSource, the same name and values (composition merges the two). */
export enum RevenueSource {
  TRAINING = 'TRAINING',
  CERTIFICATION = 'CERTIFICATION',
  EXAMS = 'EXAMS',
  TECHNICAL_SERVICE = 'TECHNICAL_SERVICE',
  PRODUCTION = 'PRODUCTION',
  PROJECT_FUNDING = 'PROJECT_FUNDING',
  CONTINUING_EDUCATION = 'CONTINUING_EDUCATION',
  OTHER = 'OTHER',
}
registerEnumType(RevenueSource, { name: 'RevenueSource', description: '社会服务到账来源' });

@ObjectType()
export class RevenueSourceFigures {
  @external() @Field(() => RevenueSource) source!: RevenueSource;
  @external() @Field(() => Int) entries!: number;
  @external() @Field(() => Money, { nullable: true }) amount!: string | null;
}

@ObjectType()
export class OrganizationRevenueFigures {
  @external() @Field(() => ID) organizationId!: string;
  @external() @Field(() => Money) amount!: string;
}

/** 社会服务到账 (bases' revenue ledger): `total` is null when nothing was recorded for the year. */
@ObjectType()
export class RevenueSection {
  @external() @Field(() => Int) entries!: number;
  @external() @Field(() => Money, { nullable: true }) total!: string | null;
  @external() @Field(() => [RevenueSourceFigures]) bySource!: RevenueSourceFigures[];
  @external() @Field(() => [OrganizationRevenueFigures]) byOrganization!: OrganizationRevenueFigures[];
}

/** members' MeetingKind, the same name and values (composition merges the two). */
export enum MeetingKind {
  COUNCIL = 'COUNCIL',
  STANDING_COUNCIL = 'STANDING_COUNCIL',
  GENERAL_ASSEMBLY = 'GENERAL_ASSEMBLY',
  WORKING_MEETING = 'WORKING_MEETING',
  FORUM = 'FORUM',
  TRAINING = 'TRAINING',
  EXCHANGE = 'EXCHANGE',
}
registerEnumType(MeetingKind, { name: 'MeetingKind', description: '会议/活动类别' });

@ObjectType()
export class MeetingKindCount {
  @external() @Field(() => MeetingKind) kind!: MeetingKind;
  @external() @Field(() => Int) count!: number;
}

/** 会议与活动 (members): counts by kind. */
@ObjectType()
export class ActivitiesSection {
  @external() @Field(() => Int) meetings!: number;
  @external() @Field(() => [MeetingKindCount]) meetingsByKind!: MeetingKindCount[];
}

/** bases' AwardLevel, the same name and values. */
export enum AwardLevel {
  FIRST = 'FIRST',
  SECOND = 'SECOND',
  THIRD = 'THIRD',
  EXCELLENCE = 'EXCELLENCE',
}
registerEnumType(AwardLevel, { name: 'AwardLevel', description: '获奖等级' });

@ObjectType()
export class AwardLevelCount {
  @external() @Field(() => AwardLevel) level!: AwardLevel;
  @external() @Field(() => Int) count!: number;
}

/** 技能大赛 (bases): competitions organized and hosted, awards by level. */
@ObjectType()
export class CompetitionSection {
  @external() @Field(() => Int) competitions!: number;
  @external() @Field(() => Int) organized!: number;
  @external() @Field(() => Int) hosted!: number;
  @external() @Field(() => Int) awards!: number;
  @external() @Field(() => [AwardLevelCount]) awardsByLevel!: AwardLevelCount[];
}

/** What @requires asks the gateway to bring from the other subgraphs (the fields declared above). */
export const REQUIRED_SECTIONS =
  'membership { total enterprises aboveDesignatedSize fortune500 schools joined exited } ' +
  'sharing { cooperations orderClassStudents apprentices mutualTeachers mutualTeachingHours enterpriseTeachers enterpriseTeachingHours teacherPracticePersonTimes teacherPracticeDays coCourses coTextbooks coBases patents certificates1X investment investmentReceived equipmentValue serviceIncome byOrganization { organizationId serviceIncome } } ' +
  'training { personTimes distinctPersons sessions hours revenue candidates passed certificationBatches byCategory { category personTimes sessions } byOrganization { organizationId personTimes socialPersonTimes revenue } ' +
  'socialPersonTimes inSchoolPersonTimes socialDistinctPersons socialSessions inSchoolSessions unreported { figure affects rows { code } count message } } ' +
  'revenue { entries total bySource { source entries amount } byOrganization { organizationId amount } } ' +
  'activities { meetings meetingsByKind { kind count } } ' +
  'competitions { competitions organized hosted awards awardsByLevel { level count } }';

/** The statistics subgraph's view of the report entity: key fields and the other sections. */
@Directive('@key(fields: "groupId year")')
@ObjectType({ description: '集团年度报告' })
export class AnnualReport {
  @Field(() => ID) groupId!: string;
  @Field(() => Int) year!: number;
  @external() @Field(() => MembershipSection, { nullable: true }) membership?: MembershipSection | null;
  @external() @Field(() => SharingSection, { nullable: true }) sharing?: SharingSection | null;
  @external() @Field(() => TrainingSection, { nullable: true }) training?: TrainingSection | null;
  @external() @Field(() => RevenueSection, { nullable: true }) revenue?: RevenueSection | null;
  @external() @Field(() => ActivitiesSection, { nullable: true }) activities?: ActivitiesSection | null;
  @external() @Field(() => CompetitionSection, { nullable: true }) competitions?: CompetitionSection | null;
}
