import { DataSource } from 'typeorm';
import { addDays, at, BulkWriter, formatCount, Province, ProvinceUnit, provinceId, workday } from '@zjjt/demo';
import { Cooperation } from './cooperation/cooperation.entity';
import { ResourceRequest } from './request/request.entity';
import { SharedResource } from './resource/resource.entity';
import { KIND_REQUIRES, RequestStatus, ResourceKind, ResourceStatus, Visibility } from './enums';

const OCCUPATIONS = ['数控车工', '焊工', '电工', '钳工', '汽车维修工', '工业机器人系统运维员', '电子商务师', '育婴员', '养老护理员', '中式烹调师'];
const SPECIALTIES = ['数控技术', '机电一体化技术', '汽车检测与维修技术', '工业机器人技术', '电子商务', '护理', '物流管理'];
const KINDS = Object.values(ResourceKind);
const REQUEST_STATUSES = Object.values(RequestStatus);

/**
 * Resources' part of the province dataset (@zjjt/demo `buildProvince`): shared resources offered by
 * active members (round-robin over the groups), requests on the published ones by other members of
 * the same group, and school–enterprise cooperation entries. Ids: shared-resource / resource-request / cooperation `n`.
 */
export async function loadProvince(db: DataSource, province: Province): Promise<string> {
  const { groups, counts } = province;
  const random = province.random('resources');
  const resources = await BulkWriter.open(db, SharedResource);
  const published: { id: string; group: number; provider: ProvinceUnit; kind: ResourceKind; periodStart: string; periodEnd: string }[] = [];
  for (let n = 1; n <= counts.resources; n += 1) {
    const gi = (n - 1) % groups.length;
    const provider = random.pick(groups[gi].active);
    const kind = random.pick(KINDS);
    const needs = KIND_REQUIRES[kind] ?? [];
    const x = random.next();
    const status = x < 0.85 ? ResourceStatus.PUBLISHED : x < 0.95 ? ResourceStatus.DRAFT : ResourceStatus.WITHDRAWN;
    const periodStart = workday(`2025-${String(random.int(1, 10)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`);
    const periodEnd = addDays(periodStart, random.int(30, 200));
    const id = provinceId('shared-resource', n);
    resources.add({
      id,
      groupId: groups[gi].id,
      providerId: provider.id,
      providerName: provider.name,
      providerType: provider.type,
      providerRegion: provider.region,
      kind,
      title: `${provider.name.replace('（演示）', '')}共享资源第${n}项（演示）`,
      description: null,
      capacity: random.int(5, 60),
      reserved: 0,
      periodStart,
      periodEnd,
      location: null,
      visibility: random.next() < 0.7 ? Visibility.GROUP : Visibility.PUBLIC,
      status,
      specialty: needs.includes('specialty') ? random.pick(SPECIALTIES) : null,
      subject: needs.includes('subject') ? random.pick(SPECIALTIES) : null,
      hours: needs.includes('hours') ? random.int(8, 64) : null,
      occupation: needs.includes('occupation') ? random.pick(OCCUPATIONS) : null,
      publishedAt: status === ResourceStatus.DRAFT ? null : at(addDays(periodStart, -20), 2),
      updatedAt: at(addDays(periodStart, -20), 2),
    });
    if (status === ResourceStatus.PUBLISHED) published.push({ id, group: gi, provider, kind, periodStart, periodEnd });
    await resources.flushIfFull();
  }
  await resources.close();

  const requests = await BulkWriter.open(db, ResourceRequest);
  for (let n = 1; n <= counts.requests; n += 1) {
    const resource = published[(n - 1) % published.length];
    const active = groups[resource.group].active;
    let requester = random.pick(active);
    if (requester === resource.provider) requester = active.find((u) => u !== resource.provider)!;
    const status = random.pick(REQUEST_STATUSES);
    const createdAt = at(addDays(resource.periodStart, -random.int(1, 15)), 3);
    const completed = status === RequestStatus.COMPLETED;
    requests.add({
      id: provinceId('resource-request', n),
      resourceId: resource.id,
      groupId: groups[resource.group].id,
      kind: resource.kind,
      providerId: resource.provider.id,
      requesterId: requester.id,
      quantity: random.int(1, 5),
      periodStart: resource.periodStart,
      periodEnd: resource.periodEnd,
      purpose: '共享使用（演示）',
      status,
      decisionReason: status === RequestStatus.REJECTED ? '时段已满' : null,
      outcomeParticipants: completed ? random.int(5, 40) : null,
      outcomeHours: completed ? random.int(8, 80) : null,
      outcomeNote: null,
      createdAt,
      decidedAt: status === RequestStatus.PENDING ? null : createdAt,
      completedAt: completed ? at(resource.periodEnd, 6) : null,
    });
    await requests.flushIfFull();
  }
  await requests.close();

  const cooperations = await BulkWriter.open(db, Cooperation);
  for (let n = 1; n <= counts.cooperations; n += 1) {
    const g = groups[(n - 1) % groups.length];
    const schools = g.active.filter((u) => u.school);
    const enterprises = g.active.filter((u) => u.enterprise);
    if (!schools.length || !enterprises.length) continue;
    const partner = random.pick(enterprises);
    const year = random.next() < 0.7 ? 2025 : 2024;
    cooperations.add({
      id: provinceId('cooperation', n),
      groupId: g.id,
      organizationId: random.pick(schools).id,
      partnerId: partner.id,
      partnerUscc: partner.uscc,
      year,
      projectName: `校企合作项目第${n}号（演示）`,
      orderClassStudents: random.int(0, 60),
      apprentices: random.int(0, 30),
      mutualTeachers: random.int(0, 8),
      mutualTeachingHours: random.int(0, 300),
      teacherPracticePersonTimes: random.int(0, 20),
      teacherPracticeDays: random.int(0, 120),
      coCourses: random.int(0, 3),
      coTextbooks: random.int(0, 2),
      coBases: random.int(0, 1),
      patents: random.int(0, 2),
      certificates1X: random.int(0, 40),
      investment: random.int(0, 500_000) * 100,
      investmentReceived: random.int(0, 300_000) * 100,
      equipmentValue: random.int(0, 800_000) * 100,
      serviceIncome: random.int(0, 200_000) * 100,
      enterpriseTeachers: random.int(0, 6),
      enterpriseTeachingHours: random.int(0, 200),
      recordedBy: 'seed',
      updatedAt: at(`${year}-12-15`, 2),
    });
    await cooperations.flushIfFull();
  }
  await cooperations.close();
  return `${formatCount(resources.written)} shared resources, ${formatCount(requests.written)} requests, ${formatCount(cooperations.written)} cooperation entries`;
}
