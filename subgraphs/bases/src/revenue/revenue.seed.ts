import { at, demoId, demoUnit, groupId, orgId } from '@zjjt/demo';
import { CertificationBatch, TrainingSession } from '../ledger/ledger.entity';
import { RevenueSource } from './revenue.enums';
import { RevenueEntry } from './revenue.entity';

const { TRAINING, CERTIFICATION, EXAMS, TECHNICAL_SERVICE, PRODUCTION, PROJECT_FUNDING, CONTINUING_EDUCATION } = RevenueSource;

type Spec = [key: string, org: string, source: RevenueSource, receivedOn: string, yuan: number, counterparty: string, uscc: string | null, title: string];

/**
 * sdjx's 2025 社会服务到账, the shape of a college's statement (production, base funding, 横向 technical
 * service, 专本, certification and exam fees, training) for its technician college, and a little for a
 * higher vocational college. Payers are outside units unless a USCC names a demo member.
 */
const SPECS: Spec[] = [
  ['jsscl-1', 'sdjxjs', PRODUCTION, '2025-06-30', 1_860_000, '济南示范精密零部件加工客户（演示）', null, '实习工厂零件加工（上半年）'],
  ['jsscl-2', 'sdjxjs', PRODUCTION, '2025-12-10', 1_340_000, '济南示范精密零部件加工客户（演示）', null, '实习工厂零件加工（下半年）'],
  ['jsjd', 'sdjxjs', PROJECT_FUNDING, '2025-04-18', 2_000_000, '山东省人力资源和社会保障厅（演示）', null, '国家级高技能人才培训基地建设经费'],
  ['jshx', 'sdjxjs', TECHNICAL_SERVICE, '2025-09-05', 865_000, demoUnit('qlzxjc').name, demoUnit('qlzxjc').uscc, '数控机床主轴故障诊断技术服务（横向课题）'],
  ['jszb', 'sdjxjs', CONTINUING_EDUCATION, '2025-10-20', 420_000, '山东示范理工大学继续教育学院（演示）', null, '专本贯通学历继续教育'],
  ['jsjd-fee', 'sdjxjs', CERTIFICATION, '2025-07-15', 186_400, '参评考生（个人缴费，演示）', null, '职业技能等级认定评价费'],
  ['jsks', 'sdjxjs', EXAMS, '2025-11-08', 95_000, '济南市人事考试中心（演示）', null, '社会考试考务承办费'],
  ['jspx', 'sdjxjs', TRAINING, '2025-05-28', 128_600, '企业职工培训委托单位（演示）', null, '数控技能提升培训'],
  ['zyhx', 'jnzy', TECHNICAL_SERVICE, '2025-08-22', 350_000, '济南示范智能装备科技公司（演示）', null, '产线视觉检测技术服务'],
  ['zypx', 'jnzy', TRAINING, '2025-03-31', 60_000, '济南市示范人才服务中心（演示）', null, '电子商务企业家培训'],
];

/**
 * The demo's revenue entries; the certification fee and one training payment are linked to a 2025
 * batch and session the technician college ran (the first of each in the ledgers, when there is one).
 */
export function revenueRows(sessions: TrainingSession[], batches: CertificationBatch[]): RevenueEntry[] {
  const group = groupId('sdjx');
  const session = sessions.find((s) => s.groupId === group && s.year === 2025 && s.organizationId === orgId('sdjxjs'));
  const batch = batches.find((b) => b.groupId === group && b.year === 2025 && b.organizationId === orgId('sdjxjs'));
  return SPECS.map(([key, org, source, receivedOn, yuan, counterparty, uscc, title]) => ({
    id: demoId('revenue-entry', `sdjx:${key}`),
    groupId: group,
    organizationId: orgId(org),
    source,
    receivedOn,
    year: Number(receivedOn.slice(0, 4)),
    amount: yuan * 100,
    counterparty,
    counterpartyUscc: uscc,
    title,
    sessionId: source === TRAINING && org === 'sdjxjs' ? (session?.id ?? null) : null,
    certificationBatchId: source === CERTIFICATION ? (batch?.id ?? null) : null,
    recordedBy: 'seed',
    recordedAt: at(receivedOn, 3),
    updatedBy: 'seed',
    updatedAt: at(receivedOn, 3),
  }));
}
