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

/** What a target measures. */
export enum Indicator {
  TRAINING_PERSON_TIMES = 'TRAINING_PERSON_TIMES',
  TRAINING_PER_STUDENT = 'TRAINING_PER_STUDENT',
  SERVICE_INCOME_PER_TEACHER = 'SERVICE_INCOME_PER_TEACHER',
}

export const INDICATOR_LABEL: Record<Indicator, string> = {
  TRAINING_PERSON_TIMES: '培训人次',
  TRAINING_PER_STUDENT: '培训人次 / 在校生数（倍）',
  SERVICE_INCOME_PER_TEACHER: '师均社会服务到账（万元）',
};

registerEnumType(RoundStatus, { name: 'RoundStatus', description: '采集状态', valuesConfig: describe(ROUND_STATUS_LABEL) });
registerEnumType(ReturnStatus, { name: 'ReturnStatus', description: '年报状态', valuesConfig: describe(RETURN_STATUS_LABEL) });
registerEnumType(Indicator, { name: 'Indicator', description: '指标', valuesConfig: describe(INDICATOR_LABEL) });
