import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '@zjjt/kit';
import { BaseKind, CoBuilderRole, DesignationLevel } from '../enums';

@InputType({ description: '共建单位' })
export class CoBuilderInput {
  @Field(() => String, { description: '统一社会信用代码（须为本平台登记的单位）' }) uscc!: string;
  @Field(() => CoBuilderRole, { defaultValue: CoBuilderRole.CO_BUILDER }) role!: CoBuilderRole;
}

@InputType({ description: '基地认定' })
export class BaseDesignationInput {
  @Field(() => DesignationLevel) level!: DesignationLevel;
  @Field(() => String) title!: string;
  @Field(() => String) issuer!: string;
  @Field(() => LocalDate) awardedOn!: string;
}

@InputType({ description: '登记联合培训基地' })
export class TrainingBaseInput {
  @Field(() => ID) groupId!: string;
  @Field(() => String) name!: string;
  @Field(() => BaseKind) kind!: BaseKind;
  @Field(() => [String], { description: '工种/领域' }) occupations!: string[];
  @Field(() => Int, { description: '容量（工位/人）' }) capacity!: number;
  @Field(() => LocalDate, { nullable: true, description: '建成（设立）日期，不晚于今天；不填则取登记日期' }) establishedOn?: string | null;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [CoBuilderInput], { description: '共建单位，恰有一个牵头单位' }) coBuilders!: CoBuilderInput[];
  @Field(() => [BaseDesignationInput], { nullable: true }) designations?: BaseDesignationInput[] | null;
}
