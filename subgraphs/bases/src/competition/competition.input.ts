import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { badInput, LocalDate, optionalText, requiredText } from '@zjjt/kit';
import { idNumberProblem, normaliseIdNumber, phoneProblem } from '../trainee/pii';
import { AwardLevel, CompetitionLevel, CompetitionRole, EntrantKind } from './competition.enums';

@InputType({ description: '登记技能大赛' })
export class CompetitionInput {
  @Field(() => ID) groupId!: string;
  @Field(() => String, { description: '大赛名称' }) name!: string;
  @Field(() => CompetitionLevel, { description: '级别' }) level!: CompetitionLevel;
  @Field(() => CompetitionRole, { description: '集团的角色：主办/组织、承办、参赛' }) role!: CompetitionRole;
  @Field(() => LocalDate, { description: '日期（决定所属年度）' }) heldOn!: string;
  @Field(() => String, { nullable: true, description: '地点' }) place?: string | null;
  @Field(() => [ID], { description: '参赛的成员单位（本集团正式成员）' }) participantIds!: string[];
}

export function validCompetition(input: CompetitionInput) {
  const year = Number(input.heldOn.slice(0, 4));
  if (year < 2000) throw badInput(`大赛日期 ${input.heldOn} 早于 2000 年，请核对（heldOn too early）`, { field: 'heldOn' });
  const participantIds = [...new Set(input.participantIds)];
  if (participantIds.length > 500) throw badInput('参赛单位最多 500 个（too many participating units）', { field: 'participantIds' });
  return {
    groupId: input.groupId,
    name: requiredText(input.name, '大赛名称', 200),
    level: input.level,
    role: input.role,
    heldOn: input.heldOn,
    year,
    place: optionalText(input.place, '地点', 200),
    participantIds,
  };
}

@InputType({ description: '登记参赛选手（身份证号、手机号加密保存，只以脱敏形式显示）' })
export class EntrantInput {
  @Field(() => ID) competitionId!: string;
  @Field(() => ID, { nullable: true, description: '所在单位：参赛单位登记本单位的（可不填）；秘书处须指定参赛单位' }) organizationId?: string | null;
  @Field(() => EntrantKind) kind!: EntrantKind;
  @Field(() => String, { description: '姓名' }) name!: string;
  @Field(() => String, { description: '身份证号（18 位）' }) idNumber!: string;
  @Field(() => String, { nullable: true, description: '手机号' }) phone?: string | null;
  @Field(() => String, { nullable: true, description: '赛项' }) event?: string | null;
}

/** Checks an entrant's personal data without ever repeating it in a message. */
export function validEntrant(input: EntrantInput) {
  const idNumber = normaliseIdNumber(input.idNumber);
  const idProblem = idNumberProblem(idNumber);
  if (idProblem) throw badInput(idProblem, { field: 'idNumber' });
  const phone = (input.phone ?? '').trim() || null;
  const problem = phone ? phoneProblem(phone) : null;
  if (problem) throw badInput(problem, { field: 'phone' });
  return { kind: input.kind, name: requiredText(input.name, '姓名', 50), idNumber, phone, event: optionalText(input.event, '赛项', 200) };
}

@InputType({ description: '登记大赛获奖：个人奖列一名选手，团体奖列团体名称与全部选手' })
export class AwardInput {
  @Field(() => ID) competitionId!: string;
  @Field(() => AwardLevel) level!: AwardLevel;
  @Field(() => String, { nullable: true, description: '赛项' }) event?: string | null;
  @Field(() => String, { nullable: true, description: '团体名称（团体奖必填）' }) team?: string | null;
  @Field(() => [ID], { description: '获奖选手（本大赛已登记的选手）' }) entrantIds!: string[];
}

export function validAward(input: AwardInput) {
  const entrantIds = [...new Set(input.entrantIds)];
  const team = optionalText(input.team, '团体名称', 200);
  if (!entrantIds.length) throw badInput('获奖须列出获奖选手（entrantIds）', { field: 'entrantIds' });
  if (entrantIds.length > 1 && !team) throw badInput('多名选手共同获奖请填写团体名称（team）；个人奖每人各登记一项', { field: 'team' });
  if (entrantIds.length > 50)
    throw badInput(`一项团体奖最多 50 名选手，当前 ${entrantIds.length} 名（too many entrants）：请删去多余的选手`, { field: 'entrantIds' });
  return { level: input.level, event: optionalText(input.event, '赛项', 200), team, entrantIds };
}

@InputType({ description: '技能大赛查询条件' })
export class CompetitionFilter {
  @Field(() => ID) groupId!: string;
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => CompetitionLevel, { nullable: true }) level?: CompetitionLevel | null;
  @Field(() => CompetitionRole, { nullable: true }) role?: CompetitionRole | null;
  @Field(() => [CompetitionRole], { nullable: true, description: '角色之一' }) roles?: CompetitionRole[] | null;
  @Field(() => AwardLevel, { nullable: true, description: '获奖等级（获奖查询）' }) awardLevel?: AwardLevel | null;
}

@ArgsType()
export class CompetitionPageArgs {
  @Field(() => CompetitionFilter) filter!: CompetitionFilter;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}
