import { registerEnumType } from 'type-graphql';
import { describeValues as describe } from '@zjjt/kit';

/** 大赛级别; WorldSkills selection (世赛选拔) is a level of its own. */
export enum CompetitionLevel {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
  MUNICIPAL = 'MUNICIPAL',
  WORLDSKILLS_SELECTION = 'WORLDSKILLS_SELECTION',
}

/** The group's part in a competition. */
export enum CompetitionRole {
  ORGANIZER = 'ORGANIZER',
  HOST = 'HOST',
  PARTICIPANT = 'PARTICIPANT',
}

export enum EntrantKind {
  STUDENT = 'STUDENT',
  STAFF = 'STAFF',
}

export enum AwardLevel {
  FIRST = 'FIRST',
  SECOND = 'SECOND',
  THIRD = 'THIRD',
  EXCELLENCE = 'EXCELLENCE',
}

export const COMPETITION_LEVELS = Object.values(CompetitionLevel);
export const AWARD_LEVELS = Object.values(AwardLevel);
export const COMPETITION_LEVEL_LABEL: Record<CompetitionLevel, string> = {
  NATIONAL: '国家级',
  PROVINCIAL: '省级',
  MUNICIPAL: '市级',
  WORLDSKILLS_SELECTION: '世界技能大赛选拔',
};
export const AWARD_LEVEL_LABEL: Record<AwardLevel, string> = { FIRST: '一等奖', SECOND: '二等奖', THIRD: '三等奖', EXCELLENCE: '优秀奖' };

registerEnumType(CompetitionLevel, { name: 'CompetitionLevel', description: '大赛级别', valuesConfig: describe(COMPETITION_LEVEL_LABEL) });
registerEnumType(CompetitionRole, {
  name: 'CompetitionRole',
  description: '集团在大赛中的角色',
  valuesConfig: describe({ ORGANIZER: '主办/组织', HOST: '承办', PARTICIPANT: '参赛' }),
});
registerEnumType(EntrantKind, { name: 'EntrantKind', description: '参赛选手类别', valuesConfig: describe({ STUDENT: '学生', STAFF: '教职工/职工' }) });
registerEnumType(AwardLevel, { name: 'AwardLevel', description: '获奖等级', valuesConfig: describe(AWARD_LEVEL_LABEL) });
