import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { StatisticsContext } from '../context';
import { Group } from '../stubs';
import { Submission, SubmissionStatus } from './submission.entity';

/**
 * The figures of an accepted report that the portal shows anonymous visitors: group totals only —
 * nothing per unit, nothing personal, no money. Chosen per template family by field code (a code
 * has one meaning in every version of a family), so an older accepted version reads the same.
 */
export const PUBLIC_FIELDS: Record<string, readonly { code: string; label: string; unit: string }[]> = {
  NATIONAL: [
    { code: 'JT0101', label: '成员单位总数', unit: '个' },
    { code: 'JT0102', label: '其中：企业', unit: '个' },
    { code: 'JT0105', label: '其中：院校', unit: '个' },
    { code: 'JT0201', label: '订单班学生数', unit: '人' },
    { code: 'JT0301', label: '社会培训', unit: '人次' },
    { code: 'JT0305', label: '技能鉴定通过人数', unit: '人' },
  ],
  SHANDONG: [
    { code: 'SD01', label: '成员单位数', unit: '个' },
    { code: 'SD02', label: '企业成员数', unit: '个' },
    { code: 'SD05', label: '年社会培训人次', unit: '人次' },
    { code: 'SD08', label: '职业技能等级认定通过人数', unit: '人' },
    { code: 'SD09', label: '订单班学生', unit: '人' },
  ],
};

/** `NATIONAL_2025` → `NATIONAL`: the family is the template code without its year. */
const familyOf = (template: string) => template.replace(/_\d{4}$/, '');

@ObjectType({ description: '门户公开的数字（一项）' })
export class PublicFigure {
  @Field(() => String, { description: '模板字段代码' }) code!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { description: '单位（个、人、人次）' }) unit!: string;
  @Field(() => String, { nullable: true, description: '报送的值；为空表示该字段当年未填报' }) value!: string | null;
}

@ObjectType({ description: '最近一次平台已接收的年度报送中公开的集团数字' })
export class PublicReportFigures {
  @Field(() => Int, { description: '年度' }) year!: number;
  @Field(() => String, { description: '模板' }) template!: string;
  @Field(() => String, { description: 'national | provincial' }) target!: string;
  @Field(() => GraphQLDateTimeISO, { description: '平台接收时间（记录的最后更新时间）' }) acceptedAt!: string;
  @Field(() => [PublicFigure]) figures!: PublicFigure[];
}

/** The public subset of a frozen payload: the family's public codes in their order, a code the payload lacks as null. */
export function publicFigures(s: Pick<Submission, 'year' | 'template' | 'target' | 'updatedAt' | 'payload'>): PublicReportFigures {
  const fields = (JSON.parse(s.payload) as { fields?: { code: string; value: string | null }[] }).fields ?? [];
  const byCode = new Map(fields.map((f) => [f.code, f.value]));
  return {
    year: s.year,
    template: s.template,
    target: s.target,
    acceptedAt: s.updatedAt,
    figures: (PUBLIC_FIELDS[familyOf(s.template)] ?? []).map((f) => ({ ...f, value: byCode.get(f.code) ?? null })),
  };
}

@Resolver(() => Group)
export class GroupPublicFiguresResolver {
  @FieldResolver(() => PublicReportFigures, {
    nullable: true,
    description:
      '门户公开数字：最近一次平台已接收（ACCEPTED）的年度报送中的集团合计（成员数、培训人次等；不含单位明细、个人信息与金额）；没有已接收的报送时为空',
  })
  async publicFigures(@Root() group: Group, @Ctx() ctx: StatisticsContext): Promise<PublicReportFigures | null> {
    if (!ctx.viewer.isAnonymous && !ctx.viewer.canRead(group.id)) return null;
    const last = await ctx.db.getRepository(Submission).findOne({
      where: { groupId: group.id, status: SubmissionStatus.ACCEPTED },
      order: { year: 'DESC', updatedAt: 'DESC', version: 'DESC' },
    });
    return last ? publicFigures(last) : null;
  }
}
