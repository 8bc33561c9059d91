import { Field, ObjectType } from 'type-graphql';
import { badInput } from '@zjjt/kit';
import { ReportTemplateData, templates } from './loader';

/** The template version a report year uses, and why (said in the answer). */
export interface TemplateChoice {
  template: ReportTemplateData;
  chosenBecause: string;
}

/** A family's versions, oldest first. */
export function versionsOf(family: string, all = templates()): ReportTemplateData[] {
  return [...all.values()].filter((t) => t.family === family).sort((a, b) => a.appliesFrom - b.appliesFrom);
}

/** The last report year a version applies to: the year before the family's next version, or null (still current). */
export function appliesUntil(template: ReportTemplateData, all = templates()): number | null {
  const next = versionsOf(template.family, all).find((v) => v.appliesFrom > template.appliesFrom);
  return next ? next.appliesFrom - 1 : null;
}

/** The version of a family for a report year: the one starting that year, or else the latest that started earlier; undefined before the first. */
export function versionFor(family: string, year: number, all = templates()): ReportTemplateData | undefined {
  return versionsOf(family, all)
    .filter((v) => v.appliesFrom <= year)
    .pop();
}

const families = (all: Map<string, ReportTemplateData>) => [...new Set([...all.values()].map((t) => t.family))].sort();

/**
 * The one check of which template a report year uses, for `filled` and `freezeReport` alike. `code` is a
 * family (`NATIONAL`: its version for the year) or a version code (`NATIONAL_2025`: accepted only when it
 * is the version that applies to the year). A year before the family's first version, or a version that
 * does not apply to the year, is refused saying which to ask for instead.
 */
export function chooseTemplate(code: string, year: number, all = templates()): TemplateChoice {
  const asked = all.get(code);
  const family = asked?.family ?? (families(all).includes(code) ? code : undefined);
  if (!family) {
    throw badInput(`没有模板 ${code} (unknown template)；可用模板族：${families(all).join('、')}；版本：${[...all.keys()].sort().join('、')}`);
  }
  const versions = versionsOf(family, all);
  const applies = versionFor(family, year, all);
  if (!applies) {
    throw badInput(
      `模板族 ${family} 最早的版本 ${versions[0].code} 自 ${versions[0].appliesFrom} 年度起适用，没有适用于 ${year} 年度的版本 (no template version for the year)；请改报 ${versions[0].appliesFrom} 年度及以后，或先添加该年度的模板文件`,
    );
  }
  if (asked && asked.code !== applies.code) {
    throw badInput(
      `模板 ${asked.code} 不适用于 ${year} 年度 (template version does not apply to the year)：${year} 年度适用 ${applies.code}（自 ${applies.appliesFrom} 年度起）；请改用 ${applies.code}，或用模板族 ${family} 自动选择`,
    );
  }
  const until = appliesUntil(applies, all);
  const span = until === null ? `自 ${applies.appliesFrom} 年度起适用，是该模板族的最新版本` : `适用于 ${applies.appliesFrom}–${until} 年度`;
  const chosenBecause =
    applies.appliesFrom === year
      ? `${applies.code} 是模板族 ${family} 为 ${year} 年度制定的版本（${span}）`
      : `模板族 ${family} 没有 ${year} 年度的版本，沿用此前最近的版本 ${applies.code}（${span}）`;
  return { template: applies, chosenBecause: asked ? `按请求的版本 ${asked.code}：${chosenBecause}` : `按模板族 ${family} 选择：${chosenBecause}` };
}

@ObjectType({ description: '与平台正式表单的核对记录' })
export class TemplateCheck {
  @Field(() => String, { description: '核对人' }) by!: string;
  @Field(() => String, { description: '核对日期' }) on!: string;
}

@ObjectType({ description: '模板字段清单的出处' })
export class TemplateProvenanceInfo {
  @Field(() => String, { description: '来源文件' }) document!: string;
  @Field(() => String, { nullable: true, description: '网址' }) url!: string | null;
  @Field(() => String, { nullable: true, description: '文号' }) notice!: string | null;
  @Field(() => String, { description: '文件日期' }) date!: string;
  @Field(() => TemplateCheck, { nullable: true, description: '与平台正式表单的核对（谁、何时）；为空表示尚未核对' }) checked!: TemplateCheck | null;
}

/** The provenance of a template as the API shows it. */
export const provenanceInfo = (t: ReportTemplateData): TemplateProvenanceInfo => ({
  document: t.provenance.document,
  url: t.provenance.url ?? null,
  notice: t.provenance.notice ?? null,
  date: t.provenance.date,
  checked: t.provenance.checked ?? null,
});
