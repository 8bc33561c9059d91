import { DataSource } from 'typeorm';
import { addDays, at, BulkWriter, formatCount, Province, provinceId } from '@zjjt/demo';
import { CouncilTerm } from './group/council-term.entity';
import { Group } from './group/group.entity';
import { Membership } from './membership/membership.entity';
import { Organization } from './organization/organization.entity';
import { GroupType, MembershipConsent, MembershipRole, MembershipStatus, OrganizationType, ROLE_RANK } from './enums';

const INDUSTRIES = [
  '通用设备制造业',
  '专用设备制造业',
  '汽车制造业',
  '电气机械和器材制造业',
  '化学原料和化学制品制造业',
  '软件和信息技术服务业',
  '农副食品加工业',
];

/**
 * Members' part of the province dataset (@zjjt/demo `buildProvince`): the units, the groups with one
 * council term each, and every membership. Ids: organization / group / council-term / membership `n`.
 */
export async function loadProvince(db: DataSource, province: Province): Promise<string> {
  const { units, groups, home } = province;
  const organizations = await BulkWriter.open(db, Organization);
  for (const [i, u] of units.entries()) {
    const created = at(groups[home[i]].foundedOn, 1);
    organizations.add({
      id: u.id,
      name: u.name,
      uscc: u.uscc,
      type: u.type as OrganizationType,
      region: u.region,
      industry: u.school ? '职业教育' : u.enterprise ? INDUSTRIES[i % INDUSTRIES.length] : '社会团体',
      aboveDesignatedSize: u.enterprise && i % 3 === 0,
      fortune500: u.enterprise && i % 97 === 0,
      website: null,
      address: `山东省示范路${(i % 900) + 100}号（${u.region}）`,
      contactPerson: null,
      contactPhone: null,
      contactEmail: null,
      updatedBy: 'seed',
      createdByGroupId: groups[home[i]].id,
      createdBy: 'seed',
      createdAt: created,
      updatedAt: created,
    });
    await organizations.flushIfFull();
  }
  await organizations.close();

  const groupRows = await BulkWriter.open(db, Group);
  const terms = await BulkWriter.open(db, CouncilTerm);
  groups.forEach((g, gi) => {
    const created = at(g.foundedOn, 1);
    groupRows.add({
      id: g.id,
      code: g.code,
      name: g.name,
      shortName: null,
      type: g.type as GroupType,
      leadOrganizationId: g.members[0].unit.id,
      approvingAuthority: '山东省教育厅',
      foundedOn: g.foundedOn,
      region: g.region,
      description: null,
      joinInstructions: null,
      createdAt: created,
      updatedAt: created,
    });
    terms.add({ id: provinceId('council-term', gi + 1), groupId: g.id, number: 1, startsOn: g.foundedOn, endsOn: null });
  });
  await groupRows.close();
  await terms.close();

  const memberships = await BulkWriter.open(db, Membership);
  let n = 0;
  for (const [gi, g] of groups.entries()) {
    for (const [i, m] of g.members.entries()) {
      n += 1;
      const joinedOn = i < 5 ? g.foundedOn : addDays(g.foundedOn, 30 + ((i * 53) % 1200));
      const pending = m.status === 'PENDING';
      const exited = m.status === 'EXITED';
      const role = m.role as MembershipRole;
      memberships.add({
        id: provinceId('membership', n),
        groupId: g.id,
        organizationId: m.unit.id,
        role,
        roleRank: ROLE_RANK[role],
        status: m.status as MembershipStatus,
        councilTermId: pending ? null : provinceId('council-term', gi + 1),
        appliedOn: addDays(joinedOn, -14),
        joinedOn: pending ? null : joinedOn,
        exitedOn: exited ? '2024-12-30' : null,
        exitReason: exited ? '单位业务调整，不再参加集团活动' : null,
        rejectionReason: null,
        statement: pending ? '申请加入集团，参与产教融合与人才培养。' : null,
        // A unit another group registered agreed to this one: it applied, or confirmed the record.
        consent: home[m.unit.index] === gi ? MembershipConsent.REGISTERED : i % 2 ? MembershipConsent.APPLIED : MembershipConsent.CONFIRMED,
        createdAt: at(joinedOn, 2),
        updatedAt: at(joinedOn, 2),
      });
      await memberships.flushIfFull();
    }
  }
  await memberships.close();
  return `${formatCount(units.length)} units, ${formatCount(groups.length)} groups, ${formatCount(memberships.written)} memberships`;
}
