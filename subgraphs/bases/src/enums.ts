import { registerEnumType } from 'type-graphql';
import { describeValues as describe } from '@zjjt/kit';

export enum BaseKind {
  TRAINING_BASE = 'TRAINING_BASE',
  COMPETITION_BASE = 'COMPETITION_BASE',
  PRACTICE_BASE = 'PRACTICE_BASE',
  ASSESSMENT_CENTER = 'ASSESSMENT_CENTER',
  RESEARCH_CENTER = 'RESEARCH_CENTER',
  MASTER_STUDIO = 'MASTER_STUDIO',
  WORKSTATION = 'WORKSTATION',
}
export enum CoBuilderRole {
  LEAD = 'LEAD',
  CO_BUILDER = 'CO_BUILDER',
}
export enum DesignationLevel {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
  MUNICIPAL = 'MUNICIPAL',
}
export enum ProgramCategory {
  EMPLOYEE_SKILLS = 'EMPLOYEE_SKILLS',
  EMPLOYMENT_ENTREPRENEURSHIP = 'EMPLOYMENT_ENTREPRENEURSHIP',
  REEMPLOYMENT = 'REEMPLOYMENT',
  STUDENT_CERTIFICATE = 'STUDENT_CERTIFICATE',
  TEACHER_TRAINING = 'TEACHER_TRAINING',
  OTHER = 'OTHER',
}
export enum TargetGroup {
  EMPLOYEES = 'EMPLOYEES',
  VETERANS = 'VETERANS',
  MIGRANT_WORKERS = 'MIGRANT_WORKERS',
  GRADUATES = 'GRADUATES',
  UNEMPLOYED = 'UNEMPLOYED',
  DISABLED = 'DISABLED',
  POVERTY_ALLEVIATED = 'POVERTY_ALLEVIATED',
  STUDENTS = 'STUDENTS',
  COMMUNITY_CORRECTION = 'COMMUNITY_CORRECTION',
  TEACHERS = 'TEACHERS',
  OTHER = 'OTHER',
}
export enum TrainingMode {
  ONLINE = 'ONLINE',
  OFFLINE = 'OFFLINE',
  BLENDED = 'BLENDED',
}
export enum CertificationLevel {
  LEVEL_5 = 'LEVEL_5',
  LEVEL_4 = 'LEVEL_4',
  LEVEL_3 = 'LEVEL_3',
  LEVEL_2 = 'LEVEL_2',
  LEVEL_1 = 'LEVEL_1',
  /** No level (e.g. 专项职业能力考核): stored as NULL, its own bucket in the figures. */
  UNGRADED = 'UNGRADED',
}
export enum PiiField {
  ID_NUMBER = 'ID_NUMBER',
  PHONE = 'PHONE',
}
export enum TotalsBy {
  MONTH = 'MONTH',
  CATEGORY = 'CATEGORY',
  TARGET_GROUP = 'TARGET_GROUP',
  MODE = 'MODE',
  BASE = 'BASE',
}

export const BASE_KIND_LABEL: Record<BaseKind, string> = {
  TRAINING_BASE: '培训基地',
  COMPETITION_BASE: '集训基地',
  PRACTICE_BASE: '实训基地',
  ASSESSMENT_CENTER: '技能鉴定/评价中心',
  RESEARCH_CENTER: '研究中心',
  MASTER_STUDIO: '技能大师工作室',
  WORKSTATION: '工作站',
};
export const CATEGORY_LABEL: Record<ProgramCategory, string> = {
  EMPLOYEE_SKILLS: '企业职工技能培训',
  EMPLOYMENT_ENTREPRENEURSHIP: '重点人群就业创业培训',
  REEMPLOYMENT: '失业人员再就业培训',
  STUDENT_CERTIFICATE: '在校生证书培训',
  TEACHER_TRAINING: '师资培训',
  OTHER: '其他',
};
export const TARGET_LABEL: Record<TargetGroup, string> = {
  EMPLOYEES: '企业职工',
  VETERANS: '退役军人',
  MIGRANT_WORKERS: '农民工/新型农民',
  GRADUATES: '高校毕业生',
  UNEMPLOYED: '失业人员',
  DISABLED: '残疾人',
  POVERTY_ALLEVIATED: '脱贫劳动力',
  STUDENTS: '在校生',
  COMMUNITY_CORRECTION: '社区矫正人员',
  TEACHERS: '教师',
  OTHER: '其他',
};
export const MODE_LABEL: Record<TrainingMode, string> = { ONLINE: '线上', OFFLINE: '线下', BLENDED: '线上线下混合' };
export const LEVEL_LABEL: Record<CertificationLevel, string> = {
  LEVEL_5: '初级',
  LEVEL_4: '中级',
  LEVEL_3: '高级',
  LEVEL_2: '技师',
  LEVEL_1: '高级技师',
  UNGRADED: '未分级',
};

/**
 * 社会培训: training of people who are not the school's own enrolled students — every category but
 * 在校生证书培训. 师资培训 counts: the ledgers record training a base delivered (teachers of member and
 * other schools, enterprise trainers); a school's in-house staff development is not a ledger row.
 */
export const IN_SCHOOL_CATEGORIES: readonly ProgramCategory[] = [ProgramCategory.STUDENT_CERTIFICATE];

registerEnumType(BaseKind, { name: 'BaseKind', description: '基地类型', valuesConfig: describe(BASE_KIND_LABEL) });
registerEnumType(CoBuilderRole, { name: 'CoBuilderRole', description: '共建角色', valuesConfig: describe({ LEAD: '牵头单位', CO_BUILDER: '共建单位' }) });
registerEnumType(DesignationLevel, {
  name: 'DesignationLevel',
  description: '认定级别',
  valuesConfig: describe({ NATIONAL: '国家级', PROVINCIAL: '省级', MUNICIPAL: '市级' }),
});
registerEnumType(ProgramCategory, { name: 'ProgramCategory', description: '培训类别', valuesConfig: describe(CATEGORY_LABEL) });
registerEnumType(TargetGroup, { name: 'TargetGroup', description: '培训对象', valuesConfig: describe(TARGET_LABEL) });
registerEnumType(TrainingMode, { name: 'TrainingMode', description: '培训方式', valuesConfig: describe(MODE_LABEL) });
registerEnumType(CertificationLevel, { name: 'CertificationLevel', description: '职业技能等级', valuesConfig: describe(LEVEL_LABEL) });
registerEnumType(PiiField, { name: 'PiiField', description: '个人信息字段', valuesConfig: describe({ ID_NUMBER: '身份证号', PHONE: '手机号' }) });
registerEnumType(TotalsBy, {
  name: 'TotalsBy',
  description: '汇总维度',
  valuesConfig: describe({ MONTH: '月份', CATEGORY: '培训类别', TARGET_GROUP: '培训对象', MODE: '培训方式', BASE: '基地' }),
});
