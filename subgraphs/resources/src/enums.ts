import { registerEnumType } from 'type-graphql';
import { describeValues as describe } from '@zjjt/kit';

export enum ResourceKind {
  TRAINING_FACILITY = 'TRAINING_FACILITY',
  EQUIPMENT = 'EQUIPMENT',
  TEACHER_WORKSTATION = 'TEACHER_WORKSTATION',
  PART_TIME_TEACHER = 'PART_TIME_TEACHER',
  ORDER_CLASS = 'ORDER_CLASS',
  APPRENTICESHIP = 'APPRENTICESHIP',
  INTERNSHIP = 'INTERNSHIP',
  JOB_MONITORING_STATION = 'JOB_MONITORING_STATION',
  MASTER_STUDIO = 'MASTER_STUDIO',
  RD_SERVICE = 'RD_SERVICE',
  COURSE = 'COURSE',
  JOB_POSTING = 'JOB_POSTING',
}

export const KIND_LABEL: Record<ResourceKind, string> = {
  TRAINING_FACILITY: '实训基地/场地',
  EQUIPMENT: '设备',
  TEACHER_WORKSTATION: '教师实践工作站',
  PART_TIME_TEACHER: '兼职教师/企业导师',
  ORDER_CLASS: '订单班',
  APPRENTICESHIP: '学徒制岗位',
  INTERNSHIP: '实习岗位',
  JOB_MONITORING_STATION: '岗位监测站',
  MASTER_STUDIO: '技能大师工作室',
  RD_SERVICE: '技术服务/技术攻关',
  COURSE: '课程/教材资源',
  JOB_POSTING: '招聘岗位',
};

/** Kind-specific fields each kind requires (a 订单班 names its specialty, a 兼职教师 post its subject and hours …). */
export const KIND_REQUIRES: Partial<Record<ResourceKind, ('specialty' | 'subject' | 'hours' | 'occupation')[]>> = {
  ORDER_CLASS: ['specialty'],
  PART_TIME_TEACHER: ['subject', 'hours'],
  APPRENTICESHIP: ['occupation'],
  INTERNSHIP: ['occupation'],
  JOB_POSTING: ['occupation'],
  COURSE: ['subject'],
  RD_SERVICE: ['subject'],
  MASTER_STUDIO: ['occupation'],
};

export enum Visibility {
  GROUP = 'GROUP',
  PUBLIC = 'PUBLIC',
}

export enum ResourceStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum RequestStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  COMPLETED = 'COMPLETED',
}

export enum RequestDirection {
  INCOMING = 'INCOMING',
  OUTGOING = 'OUTGOING',
}

export const RESOURCE_STATUS_LABEL: Record<ResourceStatus, string> = { DRAFT: '草稿', PUBLISHED: '已发布', WITHDRAWN: '已撤回' };
export const REQUEST_STATUS_LABEL: Record<RequestStatus, string> = { PENDING: '待审核', APPROVED: '已同意', REJECTED: '已拒绝', COMPLETED: '已完成' };

registerEnumType(ResourceKind, { name: 'ResourceKind', description: '共享资源类型', valuesConfig: describe(KIND_LABEL) });
registerEnumType(Visibility, { name: 'Visibility', description: '可见范围', valuesConfig: describe({ GROUP: '集团内', PUBLIC: '门户公开' }) });
registerEnumType(ResourceStatus, { name: 'ResourceStatus', description: '资源状态', valuesConfig: describe(RESOURCE_STATUS_LABEL) });
registerEnumType(RequestStatus, { name: 'RequestStatus', description: '资源申请状态', valuesConfig: describe(REQUEST_STATUS_LABEL) });
registerEnumType(RequestDirection, {
  name: 'RequestDirection',
  description: '收到的申请 / 发出的申请',
  valuesConfig: describe({ INCOMING: '收到的申请（本单位是提供方）', OUTGOING: '发出的申请（本单位是申请方）' }),
});
