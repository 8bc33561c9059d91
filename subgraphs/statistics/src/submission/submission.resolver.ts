import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { StatisticsContext } from '../context';
import { FilledField, ReportIssue } from '../templates/fill';
import { Submission } from './submission.entity';
import { ReportCompleteness } from '../collection/completeness';
import * as submissions from './submission.service';

@ObjectType({ description: '与上一版已接收报送相比的变化' })
class FieldChange {
  @Field(() => String) code!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => String, { nullable: true }) to!: string | null;
}

@ObjectType({ description: '冻结报表的结果' })
class FreezeResult {
  @Field(() => Submission) submission!: Submission;
  @Field(() => Boolean, { description: '数据与上一版相同：不新建、不重发' }) unchanged!: boolean;
}

@Resolver(() => Submission)
export class SubmissionResolver {
  @Query(() => [Submission], { description: '报送历史（秘书处、填报机器人、主管部门）' })
  submissions(@Arg('groupId', () => ID) groupId: string, @Arg('year', () => Int, { nullable: true }) year: number | null, @Ctx() ctx: StatisticsContext) {
    return submissions.submissionsOf(ctx, groupId, year);
  }

  @FieldResolver(() => [ReportIssue], { description: '需确认的警告' })
  warningList(@Root() s: Submission) {
    return submissions.warningsOf(s);
  }

  @FieldResolver(() => [FieldChange], { description: '与上一版已接收报送相比的变化' })
  changes(@Root() s: Submission) {
    return submissions.changesOf(s);
  }

  @FieldResolver(() => [FilledField], { description: '报送的字段' })
  fields(@Root() s: Submission) {
    return submissions.fieldsOf(s);
  }

  @FieldResolver(() => String, { nullable: true, description: '报表说明：冻结时有效的缺报确认理由，随报表报送' })
  note(@Root() s: Submission) {
    return submissions.noteOfSubmission(s);
  }

  @FieldResolver(() => ReportCompleteness, { nullable: true, description: '冻结时的年报完整性' })
  completeness(@Root() s: Submission) {
    return submissions.completenessOf(s);
  }

  @Mutation(() => FreezeResult, {
    description:
      '冻结报表：经网关读取枢纽此刻计算的 annualReport.filled（不取调用方提交的数值），存报送内容、SHA-256 与幂等键；有阻断错误时拒绝；数据未变则不新建',
  })
  freezeReport(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('year', () => Int) year: number,
    @Arg('template', () => String) templateCode: string,
    @Arg('filledReport', () => String, {
      nullable: true,
      description: '可选：调用方读到的 annualReport.filled 的 JSON，仅用于核对——任何字段与枢纽当前计算值不同即拒绝（CONFLICT）；冻结的数据始终由枢纽计算',
    })
    json: string | null,
    @Ctx() ctx: StatisticsContext,
  ): Promise<FreezeResult> {
    return submissions.freeze(ctx, groupId, year, templateCode, json);
  }

  @Mutation(() => Submission, { description: '秘书处确认警告（记录确认人与理由），之后才能发送' })
  confirmSubmissionWarnings(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: StatisticsContext) {
    return submissions.confirmWarnings(ctx, id, reason);
  }

  @Mutation(() => Submission, { description: '发送一次（已校验、失败待重试或中断的报送）；另一进程正在发送时原样返回' })
  sendSubmission(@Arg('id', () => ID) id: string, @Ctx() ctx: StatisticsContext) {
    return submissions.send(ctx, id);
  }

  @Mutation(() => Submission, { description: '秘书处登记上传平台的结果（上传目录方式）' })
  recordSubmissionOutcome(
    @Arg('id', () => ID) id: string,
    @Arg('accepted', () => Boolean) accepted: boolean,
    @Arg('message', () => String) message: string,
    @Ctx() ctx: StatisticsContext,
  ) {
    return submissions.recordOutcome(ctx, id, accepted, message);
  }
}
