import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Ratio } from '@zjjt/kit';
import { StatisticsContext } from '../context';
import { ReturnStatus } from '../enums';
import { Organization, organizationRef } from '../stubs';
import { AnnualReturn, CollectionRound } from './collection.entity';
import { AnnualReturnInput, OpenRoundInput } from './collection.input';
import * as collection from './collection.service';

@ObjectType({ description: '年报提交情况' })
class RoundProgress {
  @Field(() => Int) expected!: number;
  @Field(() => Int) submitted!: number;
  @Field(() => Int) approved!: number;
  @Field(() => [Organization], { nullable: 'items', description: '尚未提交（草稿或被退回）的成员单位' }) notSubmitted!: Organization[];
}

@Resolver(() => AnnualReturn)
export class AnnualReturnResolver {
  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() r: AnnualReturn) {
    return organizationRef(r.organizationId);
  }

  @FieldResolver(() => Ratio, { nullable: true, description: '双师型教师比例（%）' })
  dualQualifiedPercent(@Root() r: AnnualReturn) {
    return collection.dualQualifiedPercent(r);
  }

  @Query(() => AnnualReturn, { nullable: true, description: '本单位某年的年报' })
  myAnnualReturn(@Arg('groupId', () => ID) groupId: string, @Arg('year', () => Int) year: number, @Ctx() ctx: StatisticsContext) {
    return collection.myReturn(ctx, groupId, year);
  }

  @Mutation(() => AnnualReturn, { description: '成员单位保存年报草稿（单位取自登录身份）：只改所传字段，未传的保持原值，传 null 清空' })
  saveAnnualReturn(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('year', () => Int) year: number,
    @Arg('input', () => AnnualReturnInput) input: AnnualReturnInput,
    @Ctx() ctx: StatisticsContext,
  ) {
    return collection.saveReturn(ctx, groupId, year, input);
  }

  @Mutation(() => AnnualReturn, { description: '成员单位提交年报（校验全部规则）' })
  submitAnnualReturn(@Arg('groupId', () => ID) groupId: string, @Arg('year', () => Int) year: number, @Ctx() ctx: StatisticsContext) {
    return collection.submitReturn(ctx, groupId, year);
  }

  @Mutation(() => AnnualReturn, { description: '秘书处审核通过年报' })
  approveAnnualReturn(@Arg('id', () => ID) id: string, @Ctx() ctx: StatisticsContext) {
    return collection.approveReturn(ctx, id);
  }

  @Mutation(() => AnnualReturn, { description: '秘书处退回年报（须填写意见）' })
  returnAnnualReturn(@Arg('id', () => ID) id: string, @Arg('comment', () => String) comment: string, @Ctx() ctx: StatisticsContext) {
    return collection.returnReturn(ctx, id, comment);
  }
}

@Resolver(() => CollectionRound)
export class CollectionRoundResolver {
  @Query(() => CollectionRound, { nullable: true, description: '某年的数据采集' })
  collectionRound(@Arg('groupId', () => ID) groupId: string, @Arg('year', () => Int) year: number, @Ctx() ctx: StatisticsContext) {
    return collection.roundOf(ctx, groupId, year);
  }

  @FieldResolver(() => [AnnualReturn], { description: '年报：秘书处见全部，成员单位见本单位' })
  returns(
    @Root() round: CollectionRound,
    @Arg('statuses', () => [ReturnStatus], { nullable: true }) statuses: ReturnStatus[] | null,
    @Ctx() ctx: StatisticsContext,
  ) {
    return collection.returnsOf(ctx, round, statuses);
  }

  @FieldResolver(() => RoundProgress, { nullable: true, description: '提交进度（秘书处）' })
  async progress(@Root() round: CollectionRound, @Ctx() ctx: StatisticsContext): Promise<RoundProgress | null> {
    const progress = await collection.progressOf(ctx, round);
    return progress && { ...progress, notSubmitted: progress.notSubmitted.map(organizationRef) };
  }

  @Mutation(() => CollectionRound, { description: '秘书处开启年度数据采集：为每个正式成员单位建立年报' })
  openCollectionRound(@Arg('input', () => OpenRoundInput) input: OpenRoundInput, @Ctx() ctx: StatisticsContext) {
    return collection.openRound(ctx, input);
  }

  @Mutation(() => CollectionRound, { description: '秘书处结束采集（之后不能再修改或提交）' })
  closeCollectionRound(@Arg('id', () => ID) id: string, @Ctx() ctx: StatisticsContext) {
    return collection.closeRound(ctx, id);
  }
}
