import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { EntityManager, In } from 'typeorm';
import { badInput, Connection, newestFirstPage, notFound, now, recordAudit } from '@zjjt/kit';
import { MembersContext } from '../context';
import { MembershipStatus } from '../enums';
import { Group } from '../group/group.entity';
import { Membership } from '../membership/membership.entity';
import { requireGroup } from '../membership/membership.service';
import { Organization } from '../organization/organization.entity';
import { Meeting, MeetingParticipant } from './meeting.entity';
import { MeetingInput, MeetingPageArgs, validMeeting } from './meeting.input';
import { seesAllMeetings } from './meeting.loaders';

export const MeetingConnection = Connection(Meeting, 'Meeting');

/**
 * Every organizer and invited unit must be an active member of the group; a unit of another group is
 * refused with the same words as an id the hub does not know.
 */
async function requireActiveMembers(em: EntityManager, groupId: string, ids: string[], field: string, label: string): Promise<void> {
  if (!ids.length) return;
  const active = new Set(
    (await em.getRepository(Membership).findBy({ groupId, organizationId: In(ids), status: MembershipStatus.ACTIVE })).map((m) => m.organizationId),
  );
  const missing = ids.filter((id) => !active.has(id));
  if (missing.length)
    throw badInput(`${label} ${missing.join('、')} 不是本集团的正式成员单位（not an active member unit of this group）：请从本集团成员中选择`, { field });
}

/** A meeting as the audit log shows it: its fields, and the invited units with their attendance in one line (`unit:ATTENDED`, `-` when not yet recorded). */
function forAudit(meeting: Meeting, participants: { organizationId: string; attendance: MeetingParticipant['attendance'] }[]): object {
  const { updatedBy: _u, recordedAt: _r, ...fields } = meeting;
  return {
    ...fields,
    participants: participants
      .map((p) => `${p.organizationId}:${p.attendance ?? '-'}`)
      .sort()
      .join(', '),
  };
}

@Resolver(() => Meeting)
export class MeetingResolver {
  @Query(() => MeetingConnection, { description: '会议/活动：秘书处见本集团全部，成员单位只见邀请了本单位的，按日期从新到旧' })
  async meetings(@Args(() => MeetingPageArgs) args: MeetingPageArgs, @Ctx() ctx: MembersContext) {
    const { viewer } = ctx;
    viewer.requireUser();
    if (!viewer.canRead(args.groupId)) throw notFound('集团', args.groupId);
    const f = args.filter ?? {};
    const query = ctx.db.getRepository(Meeting).createQueryBuilder('m').where('m.groupId = :groupId', { groupId: args.groupId });
    if (!seesAllMeetings(viewer, args.groupId))
      query.andWhere('m.id IN (SELECT p.meetingId FROM meeting_participant p WHERE p.organizationId = :viewerOrg)', { viewerOrg: viewer.organizationId ?? '' });
    if (f.kind) query.andWhere('m.kind = :kind', { kind: f.kind });
    if (f.year) query.andWhere('m.year = :year', { year: f.year });
    if (f.organizationId)
      query.andWhere('m.id IN (SELECT q.meetingId FROM meeting_participant q WHERE q.organizationId = :invited)', { invited: f.organizationId });
    return newestFirstPage(query, 'heldOn', args.first, args.after);
  }

  @Query(() => Meeting, { nullable: true, description: '会议/活动详情（看不到的与不存在的一样为空）' })
  meeting(@Arg('id', () => ID) id: string, @Ctx() ctx: MembersContext) {
    return ctx.loaders.visibleMeetingById.load(id);
  }

  @FieldResolver(() => Group, { nullable: true })
  group(@Root() m: Meeting, @Ctx() ctx: MembersContext) {
    return ctx.loaders.visibleGroupById.load(m.groupId);
  }

  @FieldResolver(() => [Organization], { description: '主办/承办单位' })
  async organizers(@Root() m: Meeting, @Ctx() ctx: MembersContext) {
    return (await ctx.loaders.visibleOrganizationById.loadMany(m.organizerIds)).filter((o) => o && !(o instanceof Error));
  }

  @FieldResolver(() => [MeetingParticipant], { description: '邀请的单位及出席情况' })
  participants(@Root() m: Meeting, @Ctx() ctx: MembersContext) {
    return ctx.loaders.participantsByMeetingId.load(m.id);
  }

  @Mutation(() => Meeting, { description: '秘书处登记会议/活动' })
  async recordMeeting(@Arg('input', () => MeetingInput) input: MeetingInput, @Ctx() ctx: MembersContext) {
    ctx.viewer.requireSecretariatOf(input.groupId);
    const user = ctx.viewer.requireUser();
    const { participants, ...values } = validMeeting(input);
    const at = now();
    const meeting: Meeting = { id: randomUUID(), ...values, recordedBy: user, recordedAt: at, updatedBy: user, updatedAt: at };
    await ctx.db.transaction(async (em) => {
      await this.checkUnits(em, values.groupId, values.organizerIds, participants);
      await em.getRepository(Meeting).insert(meeting);
      await this.replaceParticipants(em, meeting, participants);
      await recordAudit(em, ctx.viewer, {
        groupId: meeting.groupId,
        operation: 'recordMeeting',
        entity: 'Meeting',
        id: meeting.id,
        after: forAudit(meeting, participants),
      });
    });
    return meeting;
  }

  @Mutation(() => Meeting, { description: '秘书处修改会议/活动（含出席情况、纪要、决议、附件；整条替换）' })
  async updateMeeting(@Arg('id', () => ID) id: string, @Arg('input', () => MeetingInput) input: MeetingInput, @Ctx() ctx: MembersContext) {
    const existing = await this.editable(ctx, id);
    if (input.groupId !== existing.groupId) throw badInput('会议所属集团不能修改（groupId cannot change）', { field: 'groupId' });
    const { participants, ...values } = validMeeting(input);
    const updated: Meeting = { ...existing, ...values, updatedBy: ctx.viewer.requireUser(), updatedAt: now() };
    await ctx.db.transaction(async (em) => {
      const before = forAudit(existing, await em.getRepository(MeetingParticipant).findBy({ meetingId: id }));
      await this.checkUnits(em, existing.groupId, values.organizerIds, participants);
      const { id: _id, groupId: _g, recordedBy: _r, recordedAt: _a, ...changes } = updated;
      await em.getRepository(Meeting).update({ id }, changes);
      await em.getRepository(MeetingParticipant).delete({ meetingId: id });
      await this.replaceParticipants(em, updated, participants);
      await recordAudit(em, ctx.viewer, {
        groupId: existing.groupId,
        operation: 'updateMeeting',
        entity: 'Meeting',
        id,
        before,
        after: forAudit(updated, participants),
      });
    });
    ctx.loaders.participantsByMeetingId.clear(id);
    return ctx.db.getRepository(Meeting).findOneByOrFail({ id });
  }

  @Mutation(() => Boolean, { description: '秘书处删除登记错的会议/活动' })
  async deleteMeeting(@Arg('id', () => ID) id: string, @Ctx() ctx: MembersContext) {
    const existing = await this.editable(ctx, id);
    await ctx.db.transaction(async (em) => {
      const before = forAudit(existing, await em.getRepository(MeetingParticipant).findBy({ meetingId: id }));
      await em.getRepository(MeetingParticipant).delete({ meetingId: id });
      await em.getRepository(Meeting).delete({ id });
      await recordAudit(em, ctx.viewer, { groupId: existing.groupId, operation: 'deleteMeeting', entity: 'Meeting', id, before });
    });
    return true;
  }

  /** The meeting, for its group's secretariat; anyone else gets the answer an unknown id gets. */
  private async editable(ctx: MembersContext, id: string): Promise<Meeting> {
    ctx.viewer.requireUser();
    const meeting = await ctx.db.getRepository(Meeting).findOneBy({ id });
    if (!meeting || !ctx.viewer.groupIds.includes(meeting.groupId)) throw notFound('会议/活动', id);
    ctx.viewer.requireSecretariatOf(meeting.groupId);
    return meeting;
  }

  private async checkUnits(em: EntityManager, groupId: string, organizerIds: string[], participants: { organizationId: string }[]) {
    await requireGroup(em, groupId);
    await requireActiveMembers(em, groupId, organizerIds, 'organizerIds', '主办/承办单位');
    await requireActiveMembers(
      em,
      groupId,
      participants.map((p) => p.organizationId),
      'participants',
      '参会单位',
    );
  }

  private async replaceParticipants(
    em: EntityManager,
    meeting: Meeting,
    participants: { organizationId: string; attendance: MeetingParticipant['attendance'] }[],
  ) {
    if (!participants.length) return;
    await em.getRepository(MeetingParticipant).insert(
      participants.map((p) => ({
        id: randomUUID(),
        meetingId: meeting.id,
        groupId: meeting.groupId,
        organizationId: p.organizationId,
        attendance: p.attendance,
      })),
    );
  }
}

@Resolver(() => MeetingParticipant)
export class MeetingParticipantResolver {
  @FieldResolver(() => Organization, { nullable: true, description: '参会单位' })
  organization(@Root() p: MeetingParticipant, @Ctx() ctx: MembersContext) {
    return ctx.loaders.visibleOrganizationById.load(p.organizationId);
  }
}
