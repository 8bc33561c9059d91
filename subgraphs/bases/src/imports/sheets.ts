import { CATEGORY_LABEL, CertificationLevel, LEVEL_LABEL, MODE_LABEL, ProgramCategory, TARGET_LABEL, TargetGroup, TrainingMode } from '../enums';

/** The workbook the hub reads and writes: four sheets, in this order, with these headers. */
export const SHEETS = {
  programs: {
    name: '培训项目',
    headers: ['项目编号', '项目名称', '培训类别', '培训对象', '培训方式', '委托/合作单位', '委托单位统一社会信用代码', '是否补贴性培训', '年度'],
  },
  sessions: { name: '培训班次', headers: ['班次编号', '项目编号', '开班日期', '结业日期', '培训人次', '课时', '到账金额（元）'] },
  // 收费（元） came later: a workbook from the earlier template, without it, still reads (see REQUIRED_HEADERS).
  certifications: { name: '鉴定批次', headers: ['批次编号', '工种', '等级', '参加人数', '通过人数', '鉴定日期', '收费（元）'] },
  trainees: { name: '学员名册', headers: ['班次编号', '姓名', '身份证号', '手机号'] },
} as const;

export type SheetKey = keyof typeof SHEETS;

/** How many leading headers a sheet must have; the trailing ones may be left out (filled in as empty). */
export const REQUIRED_HEADERS: Record<SheetKey, number> = { programs: 9, sessions: 7, certifications: 6, trainees: 4 };
export const SHEET_ORDER: SheetKey[] = ['programs', 'sessions', 'certifications', 'trainees'];

const reverse = <E extends string>(labels: Record<E, string>) => new Map(Object.entries(labels).map(([k, v]) => [v as string, k as E]));
export const CATEGORY_BY_LABEL = reverse<ProgramCategory>(CATEGORY_LABEL);
export const MODE_BY_LABEL = reverse<TrainingMode>(MODE_LABEL);
export const TARGET_BY_LABEL = new Map<string, TargetGroup>([...reverse<TargetGroup>(TARGET_LABEL), ['师资', TargetGroup.TEACHERS]]);
export const LEVEL_BY_LABEL = new Map<string, CertificationLevel>([
  ...reverse<CertificationLevel>(LEVEL_LABEL),
  ['五级', CertificationLevel.LEVEL_5],
  ['四级', CertificationLevel.LEVEL_4],
  ['三级', CertificationLevel.LEVEL_3],
  ['二级', CertificationLevel.LEVEL_2],
  ['一级', CertificationLevel.LEVEL_1],
]);

/** The allowed values, written into the template's 说明 sheet. */
export const INSTRUCTIONS: [string, string][] = [
  ['培训类别', Object.values(CATEGORY_LABEL).join('、')],
  [
    '培训对象',
    `${Object.values(TARGET_LABEL).join('、')}（「师资」同「教师」）。可填多个，用顿号分隔；第一个为主要培训对象：按培训对象统计时，项目的人次只计入主要对象，各对象之和等于培训人次`,
  ],
  ['培训方式', Object.values(MODE_LABEL).join('、')],
  ['等级', `${Object.values(LEVEL_LABEL).join('、')}（或 五级…一级）；不分等级的（如专项职业能力考核）留空，记为「未分级」`],
  ['课时、通过人数', '不知道时留空：留空表示「未填报」，不是 0。报表中依赖它的数字（年课时、通过人数、通过率）显示为未填报，并列出缺少数值的班次或批次编号'],
  ['收费（元）', '鉴定批次的收费，以元为单位，最多两位小数；可留空（未填报）。早期模板没有这一列，也可导入'],
  ['日期', 'Excel 日期单元格，或文本 2025-03-01、2025/3/1、2025年3月1日'],
  ['到账金额（元）', '以元为单位，最多两位小数'],
  ['是否补贴性培训', '是 / 否'],
  [
    '身份证号',
    '18 位，末位为校验码；同一班次内不能重复。请先把此列的单元格格式设为「文本」再录入，否则表格软件会把它变成数字（显示为 1.23457E+17 这样的科学计数法）而丢失后几位，这样的行不能导入',
  ],
  ['数字', '可为数字单元格或文本，全角数字（０-９）与首尾空格均可'],
  ['导入规则', '整份工作簿全部正确才会导入；有错误时列出所有错误行，不导入任何数据。同一文件重复上传不会重复导入。'],
];
