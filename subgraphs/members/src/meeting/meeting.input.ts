import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { badInput, LocalDate, optionalText, requiredText, today } from '@zjjt/kit';
import { AttachmentInput } from '../notice/notice.input';
import { url } from '../validate';
import { Attendance, MeetingKind } from './meeting.enums';

@InputType({ description: '参会单位' })
export class MeetingParticipantInput {
  @Field(() => ID, { description: '本集团的正式成员单位' }) organizationId!: string;
  @Field(() => Attendance, { nullable: true, description: '出席情况（会后登记；未登记留空）' }) attendance?: Attendance | null;
}

@InputType({ description: '登记或修改会议/活动（修改时整条替换）' })
export class MeetingInput {
  @Field(() => ID) groupId!: string;
  @Field(() => MeetingKind, { description: '类别' }) kind!: MeetingKind;
  @Field(() => String, { description: '名称，如「第二届理事会第三次会议」' }) title!: string;
  @Field(() => LocalDate, { description: '日期' }) heldOn!: string;
  @Field(() => String, { nullable: true, description: '地点' }) place?: string | null;
  @Field(() => [ID], { nullable: true, description: '主办/承办单位（本集团的正式成员单位）' }) organizerIds?: string[] | null;
  @Field(() => [MeetingParticipantInput], { nullable: true, description: '邀请的成员单位及出席情况' }) participants?: MeetingParticipantInput[] | null;
  @Field(() => String, { nullable: true, description: '议程' }) agenda?: string | null;
  @Field(() => String, { nullable: true, description: '纪要' }) minutes?: string | null;
  @Field(() => [String], { nullable: true, description: '决议，每条一项' }) resolutions?: string[] | null;
  @Field(() => [AttachmentInput], { nullable: true, description: '附件：名称与下载地址（http/https），平台不在此保存文件' }) attachments?:
    AttachmentInput[] | null;
}

const MAX_UNITS = 500;

/** The checks that need no database; the units' membership is checked by the resolver. */
export function validMeeting(input: MeetingInput) {
  const heldOn = input.heldOn;
  const year = Number(heldOn.slice(0, 4));
  if (year < 2000) throw badInput(`会议日期 ${heldOn} 早于 2000 年，请核对（heldOn too early）`, { field: 'heldOn' });
  const organizerIds = [...new Set(input.organizerIds ?? [])];
  if (organizerIds.length > 20) throw badInput('主办/承办单位最多 20 个（too many organizers）', { field: 'organizerIds' });
  const participants = input.participants ?? [];
  if (participants.length > MAX_UNITS) throw badInput(`参会单位最多 ${MAX_UNITS} 个（too many participants）`, { field: 'participants' });
  const seen = new Set<string>();
  for (const p of participants) {
    if (seen.has(p.organizationId))
      throw badInput(`参会单位 ${p.organizationId} 重复列出（duplicate participant），每个单位只列一次`, { field: 'participants' });
    seen.add(p.organizationId);
  }
  // A meeting ahead of us has nobody present or absent yet.
  if (heldOn > today() && participants.some((p) => p.attendance))
    throw badInput(`会议日期 ${heldOn} 尚未到：会后再登记出席情况（attendance after the meeting）`, { field: 'participants' });
  const resolutions = (input.resolutions ?? []).map((r) => requiredText(r, '决议', 2000));
  if (resolutions.length > 50) throw badInput('决议最多 50 条（too many resolutions）', { field: 'resolutions' });
  const attachments = input.attachments ?? [];
  if (attachments.length > 20) throw badInput('附件最多 20 个（too many attachments）', { field: 'attachments' });
  return {
    groupId: input.groupId,
    kind: input.kind,
    title: requiredText(input.title, '会议名称', 200),
    heldOn,
    year,
    place: optionalText(input.place, '地点', 200),
    organizerIds,
    participants: participants.map((p) => ({ organizationId: p.organizationId, attendance: p.attendance ?? null })),
    agenda: optionalText(input.agenda, '议程', 20000),
    minutes: optionalText(input.minutes, '纪要', 50000),
    resolutions,
    attachments: attachments.map((a) => ({
      name: requiredText(a.name, '附件名称', 200),
      url: url(requiredText(a.url, '附件地址', 200), '附件地址') as string,
    })),
  };
}

@InputType({ description: '会议/活动查询条件' })
export class MeetingFilter {
  @Field(() => MeetingKind, { nullable: true }) kind?: MeetingKind | null;
  @Field(() => Int, { nullable: true, description: '年度' }) year?: number | null;
  @Field(() => ID, { nullable: true, description: '邀请了该单位的' }) organizationId?: string | null;
}

@ArgsType()
export class MeetingPageArgs {
  @Field(() => ID) groupId!: string;
  @Field(() => MeetingFilter, { nullable: true }) filter?: MeetingFilter | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}
