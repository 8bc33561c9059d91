import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '@zjjt/kit';
import { RequestDirection, RequestStatus } from '../enums';

@InputType({ description: '资源申请' })
export class RequestInput {
  @Field(() => ID) resourceId!: string;
  @Field(() => Int, { description: '数量' }) quantity!: number;
  @Field(() => LocalDate) periodStart!: string;
  @Field(() => LocalDate) periodEnd!: string;
  @Field(() => String, { description: '用途' }) purpose!: string;
}

@InputType({ description: '完成情况' })
export class OutcomeInput {
  @Field(() => Int, { description: '实际参与人数' }) participants!: number;
  @Field(() => Int, { nullable: true, description: '实际课时/学时' }) hours?: number | null;
  @Field(() => String, { nullable: true, description: '成效说明' }) note?: string | null;
}

@ArgsType()
export class RequestListArgs {
  @Field(() => RequestDirection, { description: '收到的（本单位是提供方）或发出的' }) direction!: RequestDirection;
  @Field(() => [RequestStatus], { nullable: true }) statuses?: RequestStatus[] | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}
