import { activeMember, at, DEMO, demoId, orgId } from '@zjjt/demo';
import { Sealer } from '../sealing';
import { idCheckCharacter, maskIdNumber, maskPhone } from '../trainee/pii';
import { Competition, CompetitionAward, CompetitionEntrant, CompetitionUnit } from './competition.entity';
import { AwardLevel, CompetitionLevel, CompetitionRole, EntrantKind } from './competition.enums';

/**
 * sdjx's 2024 competitions (a year no template asks them for, so no figure another test asserts moves): a
 * provincial contest the group organized, with a student of its higher vocational college and a fitter of its
 * laser-equipment member, and their awards. The entrants are fictional; their data is sealed like trainees'.
 */
export function competitionRows(seal: Sealer) {
  const groupId = DEMO.groupId;
  const college = orgId(activeMember('jnzy', 'sdjx').slug);
  const enterprise = orgId(activeMember('jnjgzb', 'sdjx').slug);
  const competitionId = demoId('competition', 'sdjx-provincial-2024');
  const competitions: Competition[] = [
    {
      id: competitionId,
      groupId,
      name: '山东省装备制造行业职业技能竞赛（演示）',
      level: CompetitionLevel.PROVINCIAL,
      role: CompetitionRole.ORGANIZER,
      heldOn: '2024-06-12',
      year: 2024,
      place: '济南示范职业技术学院',
      recordedBy: 'seed',
      recordedAt: at('2024-06-14', 9),
    },
  ];
  const units: CompetitionUnit[] = [college, enterprise].map((organizationId) => ({
    id: demoId('competition-unit', `sdjx-provincial-2024:${organizationId}`),
    competitionId,
    groupId,
    organizationId,
  }));
  const people: [key: string, organizationId: string, kind: EntrantKind, name: string, first17: string, phone: string | null][] = [
    ['student', college, EntrantKind.STUDENT, '刘晨阳', '37010220040517231', '13805310417'],
    ['staff', enterprise, EntrantKind.STAFF, '马志海', '37011219880923155', null],
  ];
  const entrants: CompetitionEntrant[] = people.map(([key, organizationId, kind, name, first17, phone]) => {
    const idNumber = first17 + idCheckCharacter(first17);
    return {
      id: demoId('competition-entrant', `sdjx-provincial-2024:${key}`),
      competitionId,
      groupId,
      organizationId,
      kind,
      name,
      event: '数控车削',
      idNumberSealed: seal.seal(idNumber),
      idNumberHash: seal.hash(idNumber),
      idNumberMasked: maskIdNumber(idNumber),
      phoneSealed: phone ? seal.seal(phone) : null,
      phoneMasked: phone ? maskPhone(phone) : null,
    };
  });
  const awards: CompetitionAward[] = [
    {
      id: demoId('competition-award', 'sdjx-2024:first'),
      competitionId,
      groupId,
      year: 2024,
      level: AwardLevel.FIRST,
      event: '数控车削',
      team: null,
      entrantIds: [entrants[0].id],
    },
    {
      id: demoId('competition-award', 'sdjx-2024:third'),
      competitionId,
      groupId,
      year: 2024,
      level: AwardLevel.THIRD,
      event: '数控车削',
      team: null,
      entrantIds: [entrants[1].id],
    },
  ];
  return { competitions, units, entrants, awards };
}
