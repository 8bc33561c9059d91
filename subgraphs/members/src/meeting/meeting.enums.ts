import { registerEnumType } from 'type-graphql';
import { describeValues as describe } from '@zjjt/kit';

/** 会议与活动的类别 (集团管理). */
export enum MeetingKind {
  COUNCIL = 'COUNCIL',
  STANDING_COUNCIL = 'STANDING_COUNCIL',
  GENERAL_ASSEMBLY = 'GENERAL_ASSEMBLY',
  WORKING_MEETING = 'WORKING_MEETING',
  FORUM = 'FORUM',
  TRAINING = 'TRAINING',
  EXCHANGE = 'EXCHANGE',
}

export const MEETING_KINDS = Object.values(MeetingKind);

export const MEETING_KIND_LABEL: Record<MeetingKind, string> = {
  COUNCIL: '理事会',
  STANDING_COUNCIL: '常务理事会',
  GENERAL_ASSEMBLY: '会员大会',
  WORKING_MEETING: '工作会议',
  FORUM: '论坛',
  TRAINING: '培训',
  EXCHANGE: '交流活动',
};

/** An invited unit's attendance; null until the secretariat records it. */
export enum Attendance {
  ATTENDED = 'ATTENDED',
  ABSENT = 'ABSENT',
  EXCUSED = 'EXCUSED',
}

registerEnumType(MeetingKind, { name: 'MeetingKind', description: '会议/活动类别', valuesConfig: describe(MEETING_KIND_LABEL) });
registerEnumType(Attendance, { name: 'Attendance', description: '出席情况', valuesConfig: describe({ ATTENDED: '出席', ABSENT: '缺席', EXCUSED: '请假' }) });
