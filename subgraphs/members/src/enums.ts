import { registerEnumType } from 'type-graphql';
import { describeValues as describe } from '@zjjt/kit';

export enum OrganizationType {
  HIGHER_VOCATIONAL = 'HIGHER_VOCATIONAL',
  SECONDARY_VOCATIONAL = 'SECONDARY_VOCATIONAL',
  TECHNICIAN_COLLEGE = 'TECHNICIAN_COLLEGE',
  UNDERGRADUATE = 'UNDERGRADUATE',
  ENTERPRISE = 'ENTERPRISE',
  INDUSTRY_ASSOCIATION = 'INDUSTRY_ASSOCIATION',
  GOVERNMENT = 'GOVERNMENT',
  RESEARCH_INSTITUTE = 'RESEARCH_INSTITUTE',
  OTHER = 'OTHER',
}

/**
 * 单位类别: the groupings of unit types the hub counts and checks by (院校 report school figures,
 * 企业 employee figures). Members owns it and answers it on `Organization.category`; the other
 * subgraphs read that answer (through the members directory), never a list of their own.
 */
export enum OrganizationCategory {
  SCHOOL = 'SCHOOL',
  ENTERPRISE = 'ENTERPRISE',
  OTHER = 'OTHER',
}

/** Every type in exactly one category; a new type does not compile until it is placed. */
export const CATEGORY_OF_TYPE: Record<OrganizationType, OrganizationCategory> = {
  HIGHER_VOCATIONAL: OrganizationCategory.SCHOOL,
  SECONDARY_VOCATIONAL: OrganizationCategory.SCHOOL,
  TECHNICIAN_COLLEGE: OrganizationCategory.SCHOOL,
  UNDERGRADUATE: OrganizationCategory.SCHOOL,
  ENTERPRISE: OrganizationCategory.ENTERPRISE,
  INDUSTRY_ASSOCIATION: OrganizationCategory.OTHER,
  GOVERNMENT: OrganizationCategory.OTHER,
  RESEARCH_INSTITUTE: OrganizationCategory.OTHER,
  OTHER: OrganizationCategory.OTHER,
};

export enum MembershipRole {
  CHAIR = 'CHAIR',
  VICE_CHAIR = 'VICE_CHAIR',
  SECRETARIAT_HOST = 'SECRETARIAT_HOST',
  STANDING_DIRECTOR = 'STANDING_DIRECTOR',
  DIRECTOR = 'DIRECTOR',
  MEMBER = 'MEMBER',
}

/** Council order, for sorting a member list by role. */
export const ROLE_RANK: Record<MembershipRole, number> = {
  CHAIR: 1,
  VICE_CHAIR: 2,
  SECRETARIAT_HOST: 3,
  STANDING_DIRECTOR: 4,
  DIRECTOR: 5,
  MEMBER: 6,
};

export enum MembershipStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  REJECTED = 'REJECTED',
  EXITED = 'EXITED',
}

export enum MembershipAction {
  REGISTERED = 'REGISTERED',
  APPLIED = 'APPLIED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  EXITED = 'EXITED',
  ROLE_CHANGED = 'ROLE_CHANGED',
  CONFIRMED = 'CONFIRMED',
}

/**
 * How the unit agreed to a group holding its master data. A membership a group records for a
 * unit that already existed has none (null) until the unit confirms it, and grants that group nothing.
 */
export enum MembershipConsent {
  /** The group registered the unit: the unit was created on the hub by this group's record. */
  REGISTERED = 'REGISTERED',
  /** The unit applied itself (`applyToJoin`). */
  APPLIED = 'APPLIED',
  /** The unit confirmed a membership the group recorded (`confirmMembership`). */
  CONFIRMED = 'CONFIRMED',
}

/** Who changed a unit's master data. */
export enum ChangeSource {
  UNIT = 'UNIT',
  SECRETARIAT = 'SECRETARIAT',
  CORRECTION = 'CORRECTION',
}

export enum CorrectionStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}

export enum GroupType {
  INDUSTRY = 'INDUSTRY',
  REGIONAL = 'REGIONAL',
}

export enum NoticeKind {
  NOTICE = 'NOTICE',
  DOCUMENT = 'DOCUMENT',
}

export enum MemberSortField {
  NAME = 'NAME',
  USCC = 'USCC',
  ROLE = 'ROLE',
  JOINED_ON = 'JOINED_ON',
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

export const ORGANIZATION_TYPE_LABEL: Record<OrganizationType, string> = {
  HIGHER_VOCATIONAL: '高职院校',
  SECONDARY_VOCATIONAL: '中职学校',
  TECHNICIAN_COLLEGE: '技工院校',
  UNDERGRADUATE: '本科院校',
  ENTERPRISE: '企业',
  INDUSTRY_ASSOCIATION: '行业协会',
  GOVERNMENT: '政府部门',
  RESEARCH_INSTITUTE: '科研机构',
  OTHER: '其他',
};

export const ROLE_LABEL: Record<MembershipRole, string> = {
  CHAIR: '理事长单位',
  VICE_CHAIR: '副理事长单位',
  SECRETARIAT_HOST: '秘书处所在单位',
  STANDING_DIRECTOR: '常务理事单位',
  DIRECTOR: '理事单位',
  MEMBER: '成员单位',
};

export const CORRECTION_STATUS_LABEL: Record<CorrectionStatus, string> = { PENDING: '待单位确认', ACCEPTED: '已接受', DECLINED: '已拒绝' };

export const STATUS_LABEL: Record<MembershipStatus, string> = {
  PENDING: '待审核',
  ACTIVE: '正式成员',
  REJECTED: '已驳回',
  EXITED: '已退出',
};

registerEnumType(OrganizationType, { name: 'OrganizationType', description: '单位类型', valuesConfig: describe(ORGANIZATION_TYPE_LABEL) });
registerEnumType(OrganizationCategory, {
  name: 'OrganizationCategory',
  description: '单位类别（由单位类型决定）',
  valuesConfig: describe({ SCHOOL: '院校（高职、中职、技工、本科）', ENTERPRISE: '企业', OTHER: '其他单位（行业协会、政府部门、科研机构等）' }),
});
registerEnumType(MembershipRole, { name: 'MembershipRole', description: '成员角色', valuesConfig: describe(ROLE_LABEL) });
registerEnumType(MembershipStatus, { name: 'MembershipStatus', description: '成员资格状态', valuesConfig: describe(STATUS_LABEL) });
registerEnumType(MembershipAction, {
  name: 'MembershipAction',
  description: '成员资格变更',
  valuesConfig: describe({
    REGISTERED: '登记入会',
    APPLIED: '提交入会申请',
    APPROVED: '批准入会',
    REJECTED: '驳回申请',
    EXITED: '退出',
    ROLE_CHANGED: '角色变更',
    CONFIRMED: '单位确认',
  }),
});
registerEnumType(MembershipConsent, {
  name: 'MembershipConsent',
  description: '单位对成员资格的同意方式（为空表示集团登记的已有单位尚待单位确认）',
  valuesConfig: describe({ REGISTERED: '由本集团登记创建', APPLIED: '单位自行申请', CONFIRMED: '单位已确认' }),
});
registerEnumType(ChangeSource, {
  name: 'OrganizationChangeSource',
  description: '单位信息变更来源',
  valuesConfig: describe({ UNIT: '单位自行修改', SECRETARIAT: '登记集团秘书处直接修改', CORRECTION: '单位接受的更正建议' }),
});
registerEnumType(CorrectionStatus, { name: 'CorrectionStatus', description: '更正建议状态', valuesConfig: describe(CORRECTION_STATUS_LABEL) });
registerEnumType(GroupType, { name: 'GroupType', description: '集团类型', valuesConfig: describe({ INDUSTRY: '行业型', REGIONAL: '区域型' }) });
registerEnumType(NoticeKind, { name: 'NoticeKind', description: '消息类别', valuesConfig: describe({ NOTICE: '通知', DOCUMENT: '文件' }) });
registerEnumType(MemberSortField, { name: 'MemberSortField', description: '成员列表排序字段' });
registerEnumType(SortDirection, { name: 'SortDirection' });

/** 门户发布内容的类别. */
export enum BulletinKind {
  BULLETIN = 'BULLETIN',
  NEWS = 'NEWS',
  NOTICE = 'NOTICE',
}

/** A bulletin is a draft until published; unpublishing hides it again (it keeps its first publication time). */
export enum BulletinStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  UNPUBLISHED = 'UNPUBLISHED',
}

/** A join inquiry from the portal: new until the secretariat turns it into a join application or declines it. */
export enum JoinInquiryStatus {
  NEW = 'NEW',
  CONVERTED = 'CONVERTED',
  DECLINED = 'DECLINED',
}

registerEnumType(BulletinKind, {
  name: 'BulletinKind',
  description: '门户内容类别',
  valuesConfig: describe({ BULLETIN: '集团简报', NEWS: '新闻', NOTICE: '公告' }),
});
registerEnumType(BulletinStatus, {
  name: 'BulletinStatus',
  description: '发布状态',
  valuesConfig: describe({ DRAFT: '草稿', PUBLISHED: '已发布', UNPUBLISHED: '已撤回' }),
});
registerEnumType(JoinInquiryStatus, {
  name: 'JoinInquiryStatus',
  description: '入会咨询状态',
  valuesConfig: describe({ NEW: '待处理', CONVERTED: '已转为入会申请', DECLINED: '已婉拒' }),
});
