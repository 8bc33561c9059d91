import { DataSource, In } from 'typeorm';
import { loader, manyByKey, oneByKey, Viewer } from '@zjjt/kit';
import { Meeting, MeetingParticipant } from './meeting.entity';

/** Whether the viewer sees every meeting of the group: its secretariat, or an authority (read-only roll-ups). */
export const seesAllMeetings = (viewer: Viewer, groupId: string) => viewer.isSecretariatOf(groupId) || viewer.isAuthorityOf(groupId);

/**
 * Meetings as one viewer may see them: the group's secretariat all of them, a member unit those it was
 * invited to (in a group of its token), nobody else any — an unseen meeting is null, as an unknown id.
 */
export function meetingLoaders(db: DataSource, viewer: Viewer) {
  return {
    visibleMeetingById: loader<string, Meeting | null>(async (ids) => {
      const meetings = oneByKey(ids, await db.getRepository(Meeting).findBy({ id: In(ids) }), (m) => m.id);
      const asMember = meetings.filter((m): m is Meeting => !!m && !seesAllMeetings(viewer, m.groupId) && viewer.groupIds.includes(m.groupId));
      const invited =
        asMember.length && viewer.organizationId
          ? new Set(
              (await db.getRepository(MeetingParticipant).findBy({ meetingId: In(asMember.map((m) => m.id)), organizationId: viewer.organizationId })).map(
                (p) => p.meetingId,
              ),
            )
          : new Set<string>();
      return meetings.map((m) => (m && (seesAllMeetings(viewer, m.groupId) || invited.has(m.id)) ? m : null));
    }),
    participantsByMeetingId: loader<string, MeetingParticipant[]>(async (ids) =>
      manyByKey(ids, await db.getRepository(MeetingParticipant).find({ where: { meetingId: In(ids) }, order: { organizationId: 'ASC' } }), (p) => p.meetingId),
    ),
  };
}
