import { registerEnumType } from 'type-graphql';
import { describeValues as describe } from '@zjjt/kit';

/**
 * 社会服务到账的来源 (source of social-service revenue received), in the terms of the groups' own
 * statements and the policy documents (DOMAIN: 社会服务到账). Each received amount has exactly one.
 */
export enum RevenueSource {
  TRAINING = 'TRAINING',
  CERTIFICATION = 'CERTIFICATION',
  EXAMS = 'EXAMS',
  TECHNICAL_SERVICE = 'TECHNICAL_SERVICE',
  PRODUCTION = 'PRODUCTION',
  PROJECT_FUNDING = 'PROJECT_FUNDING',
  CONTINUING_EDUCATION = 'CONTINUING_EDUCATION',
  OTHER = 'OTHER',
}

export const REVENUE_SOURCE_LABEL: Record<RevenueSource, string> = {
  TRAINING: '社会培训（按培训项目）',
  CERTIFICATION: '社会鉴定（技能鉴定/职业技能等级评价）',
  EXAMS: '社会考试',
  TECHNICAL_SERVICE: '横向科研课题技术服务',
  PRODUCTION: '实习工厂生产收入',
  PROJECT_FUNDING: '项目/基地经费（如国家高技能人才培训基地）',
  CONTINUING_EDUCATION: '专本培训（学历继续教育）',
  OTHER: '其他社会服务',
};

/** Every source in a fixed order: the report lists all of them. */
export const REVENUE_SOURCES = Object.values(RevenueSource);

registerEnumType(RevenueSource, { name: 'RevenueSource', description: '社会服务到账来源', valuesConfig: describe(REVENUE_SOURCE_LABEL) });

export enum RevenueAuditAction {
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerEnumType(RevenueAuditAction, { name: 'RevenueAuditAction', description: '到账台账变更：UPDATE 更正，DELETE 删除' });
