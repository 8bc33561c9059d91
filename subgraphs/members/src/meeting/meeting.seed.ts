import { activeMember, at, DEMO, demoId, orgId } from '@zjjt/demo';
import { Meeting, MeetingParticipant } from './meeting.entity';
import { Attendance, MeetingKind } from './meeting.enums';

type Spec = [key: string, kind: MeetingKind, title: string, heldOn: string, place: string, organizers: string[], invited: [slug: string, Attendance][]];

/** sdjx's meetings of 2024 (a year no template asks them for, so no figure another test asserts moves). */
const SPECS: Spec[] = [
  [
    'sdjx-council-2024',
    MeetingKind.COUNCIL,
    '第三届理事会第二次会议（演示）',
    '2024-04-16',
    '济南示范职业技术学院',
    ['jnzy'],
    [
      ['jnzy', Attendance.ATTENDED],
      ['jnjgzb', Attendance.ATTENDED],
      ['dzktsb', Attendance.EXCUSED],
    ],
  ],
  [
    'sdjx-forum-2024',
    MeetingKind.FORUM,
    '装备制造产教融合论坛（演示）',
    '2024-10-24',
    '济南示范激光装备有限公司',
    ['jnjgzb'],
    [
      ['jnjgzb', Attendance.ATTENDED],
      ['jnzy', Attendance.ABSENT],
    ],
  ],
];

/** The demo's meetings and their invited units (every unit an active member of sdjx). */
export function meetingRows(): { meetings: Meeting[]; participants: MeetingParticipant[] } {
  const groupId = DEMO.groupId;
  const meetings: Meeting[] = [];
  const participants: MeetingParticipant[] = [];
  for (const [key, kind, title, heldOn, place, organizers, invited] of SPECS) {
    const id = demoId('meeting', key);
    const recordedAt = at(heldOn, 18);
    meetings.push({
      id,
      groupId,
      kind,
      title,
      heldOn,
      year: Number(heldOn.slice(0, 4)),
      place,
      organizerIds: organizers.map((slug) => orgId(activeMember(slug, 'sdjx').slug)),
      agenda: '一、通报年度工作；二、审议有关事项',
      minutes: '会议按议程进行，形成决议如下。',
      resolutions: ['通过年度工作报告'],
      attachments: [{ name: '会议纪要.pdf', url: `https://www.sdjx.example.cn/files/${key}.pdf` }],
      recordedBy: 'seed',
      recordedAt,
      updatedBy: 'seed',
      updatedAt: recordedAt,
    });
    for (const [slug, attendance] of invited)
      participants.push({
        id: demoId('meeting-participant', `${key}:${slug}`),
        meetingId: id,
        groupId,
        organizationId: orgId(activeMember(slug, 'sdjx').slug),
        attendance,
      });
  }
  return { meetings, participants };
}
