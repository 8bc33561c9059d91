import { registerEnumType } from 'type-graphql';
import { describeValues as describe } from '@zjjt/kit';

export enum RoundStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

export const ROUND_STATUS_LABEL: Record<RoundStatus, string> = { OPEN: '进行中', CLOSED: '已结束' };

export enum ReturnStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
}

export const RETURN_STATUS_LABEL: Record<ReturnStatus, string> = { DRAFT: '草稿', SUBMITTED: '已提交', APPROVED: '已审核通过', RETURNED: '已退回' };

/** What a target measures: a figure or indicator of the annual report (INDICATOR_SOURCE says which). */
export enum Indicator {
  TRAINING_PERSON_TIMES = 'TRAINING_PERSON_TIMES',
  SOCIAL_TRAINING_PERSON_TIMES = 'SOCIAL_TRAINING_PERSON_TIMES',
  TRAINING_PER_STUDENT = 'TRAINING_PER_STUDENT',
  SERVICE_INCOME_PER_TEACHER = 'SERVICE_INCOME_PER_TEACHER',
  ADMISSIONS = 'ADMISSIONS',
  ENROLLED_STUDENTS = 'ENROLLED_STUDENTS',
  GRADUATES = 'GRADUATES',
  EMPLOYMENT_RATE = 'EMPLOYMENT_RATE',
  EMPLOYED_IN_FIELD_RATE = 'EMPLOYED_IN_FIELD_RATE',
  EMPLOYED_IN_GROUP_RATE = 'EMPLOYED_IN_GROUP_RATE',
  CO_BUILT_SPECIALTY_SHARE = 'CO_BUILT_SPECIALTY_SHARE',
  CERTIFICATE_RATE = 'CERTIFICATE_RATE',
  PASS_RATE = 'PASS_RATE',
  ENTERPRISE_SHARE = 'ENTERPRISE_SHARE',
  INDUSTRIAL_COLLEGES = 'INDUSTRIAL_COLLEGES',
  CO_BUILT_SPECIALTIES = 'CO_BUILT_SPECIALTIES',
  STAFF_PRACTICE_RECEIVED = 'STAFF_PRACTICE_RECEIVED',
}

export const INDICATOR_LABEL: Record<Indicator, string> = {
  TRAINING_PERSON_TIMES: '培训人次',
  SOCIAL_TRAINING_PERSON_TIMES: '社会培训人次',
  TRAINING_PER_STUDENT: '社会培训人次 / 在校生数（倍）',
  SERVICE_INCOME_PER_TEACHER: '师均社会服务到账（万元）',
  ADMISSIONS: '招生数',
  ENROLLED_STUDENTS: '在校生数',
  GRADUATES: '毕业生数',
  EMPLOYMENT_RATE: '毕业生就业率（%）',
  EMPLOYED_IN_FIELD_RATE: '对口就业率（%）',
  EMPLOYED_IN_GROUP_RATE: '集团内企业就业占比（%）',
  CO_BUILT_SPECIALTY_SHARE: '校企共建专业占比（%）',
  CERTIFICATE_RATE: '毕业生获证率（%）',
  PASS_RATE: '鉴定通过率（%）',
  ENTERPRISE_SHARE: '企业成员占比（%）',
  INDUSTRIAL_COLLEGES: '产业学院数',
  CO_BUILT_SPECIALTIES: '校企共建专业数',
  STAFF_PRACTICE_RECEIVED: '接收企业员工实践人次',
};

/** The report path each target reads (the group's value; a unit's from its share of the ledgers and its own return). */
export const INDICATOR_SOURCE: Record<Indicator, string> = {
  TRAINING_PERSON_TIMES: 'training.personTimes',
  SOCIAL_TRAINING_PERSON_TIMES: 'training.socialPersonTimes',
  TRAINING_PER_STUDENT: 'indicators.trainingPerStudent',
  SERVICE_INCOME_PER_TEACHER: 'indicators.serviceIncomePerTeacherWan',
  ADMISSIONS: 'returns.admissions',
  ENROLLED_STUDENTS: 'returns.enrolledStudents',
  GRADUATES: 'returns.graduates',
  EMPLOYMENT_RATE: 'indicators.employmentRatePercent',
  EMPLOYED_IN_FIELD_RATE: 'indicators.employedInFieldPercent',
  EMPLOYED_IN_GROUP_RATE: 'indicators.employedInGroupPercent',
  CO_BUILT_SPECIALTY_SHARE: 'indicators.coBuiltSpecialtyPercent',
  CERTIFICATE_RATE: 'indicators.certificateRatePercent',
  PASS_RATE: 'indicators.passRatePercent',
  ENTERPRISE_SHARE: 'indicators.enterpriseSharePercent',
  INDUSTRIAL_COLLEGES: 'returns.industrialColleges',
  CO_BUILT_SPECIALTIES: 'returns.coBuiltSpecialties',
  STAFF_PRACTICE_RECEIVED: 'returns.staffPracticeReceived',
};

/** 指标完成状态: a unit without the figure is NO_DATA, never ranked. */
export enum TargetStatus {
  MET = 'MET',
  NOT_MET = 'NOT_MET',
  NO_DATA = 'NO_DATA',
}
export const TARGET_STATUS_LABEL: Record<TargetStatus, string> = { MET: '已完成', NOT_MET: '未完成', NO_DATA: '无数据（未填报，不参与排名）' };

registerEnumType(RoundStatus, { name: 'RoundStatus', description: '采集状态', valuesConfig: describe(ROUND_STATUS_LABEL) });
registerEnumType(ReturnStatus, { name: 'ReturnStatus', description: '年报状态', valuesConfig: describe(RETURN_STATUS_LABEL) });
registerEnumType(Indicator, { name: 'Indicator', description: '指标', valuesConfig: describe(INDICATOR_LABEL) });
registerEnumType(TargetStatus, { name: 'TargetStatus', description: '指标完成状态', valuesConfig: describe(TARGET_STATUS_LABEL) });
