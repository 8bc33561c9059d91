import { DataSource } from 'typeorm';
import { activeMember, at, DemoGroupCode as GroupCode, demoId, groupId, hoursAfter, isSchoolType, orgId, seedOnce } from '@zjjt/demo';
import { Cooperation, COUNT_FIELDS, CountField, MONEY_FIELDS, MoneyField } from './cooperation/cooperation.entity';
import { KIND_LABEL, KIND_REQUIRES, RequestStatus, ResourceKind, ResourceStatus, Visibility } from './enums';
import { Message } from './message/message.entity';
import { ResourceRequest } from './request/request.entity';
import { SharedResource } from './resource/resource.entity';

/**
 * Resources' part of the demo, for the two demo groups of @zjjt/demo (the units, their USCCs and
 * ids come from there; this seed keeps only what it loads into its own tables). Ids are derived:
 *   organization `<slug>` · group `<code>` · resource `<code>:<nn>` · resource-request `<code>:<nn>`
 *   cooperation `<code>:<year>:<nn>` · resource-message `<request key>:received|decided|completed`
 */
const {
  TRAINING_FACILITY,
  EQUIPMENT,
  TEACHER_WORKSTATION,
  PART_TIME_TEACHER,
  ORDER_CLASS,
  APPRENTICESHIP,
  INTERNSHIP,
  JOB_MONITORING_STATION,
  MASTER_STUDIO,
  RD_SERVICE,
  COURSE,
  JOB_POSTING,
} = ResourceKind;
const { GROUP, PUBLIC } = Visibility;

interface ResourceSpec {
  key: string;
  provider: string;
  kind: ResourceKind;
  title: string;
  description: string;
  capacity: number;
  period: [start: string, end: string];
  location: string;
  visibility: Visibility;
  /** Published on this date; a draft has none. */
  published: string | null;
  /** Withdrawn on this date. */
  withdrawn?: string;
  /** Last saved, for drafts. */
  saved?: string;
  specialty?: string;
  subject?: string;
  hours?: number;
  occupation?: string;
}

type Spec = Omit<ResourceSpec, 'key' | 'provider' | 'kind' | 'title' | 'capacity' | 'period' | 'location' | 'visibility' | 'published' | 'description'>;
const res = (
  key: string,
  provider: string,
  kind: ResourceKind,
  title: string,
  capacity: number,
  period: [string, string],
  visibility: Visibility,
  published: string | null,
  location: string,
  description: string,
  extra: Spec = {},
): ResourceSpec => ({ key, provider, kind, title, capacity, period, visibility, published, location, description, ...extra });

const RESOURCES: Record<GroupCode, ResourceSpec[]> = {
  sdjx: [
    res(
      '01',
      'jnjgzb',
      ORDER_CLASS,
      '激光智能装备订单班（2025级）',
      40,
      ['2025-09-01', '2026-07-10'],
      GROUP,
      '2025-03-18',
      '济南市历城区 激光装备产业园2号厂房',
      '面向智能制造装备技术专业招收订单班学生，企业工程师驻校授课并提供激光切割、焊接设备装调岗位实训。',
      { specialty: '智能制造装备技术' },
    ),
    res(
      '02',
      'jnskjc',
      ORDER_CLASS,
      '数控机床装调订单班',
      30,
      ['2025-09-01', '2026-06-30'],
      GROUP,
      '2025-04-15',
      '济南市历城区 数控机床总装车间',
      '按企业数控机床装配与调试岗位标准联合培养，第二学年进厂轮岗，考核合格优先录用。',
      { specialty: '数控技术' },
    ),
    res(
      '03',
      'sdzg',
      ORDER_CLASS,
      '重工智能焊接订单班',
      45,
      ['2025-09-01', '2026-07-15'],
      PUBLIC,
      '2025-05-06',
      '济南市历下区 山东示范重工结构件分厂',
      '围绕工程机械结构件机器人焊接岗位开设订单班，企业承担焊材与实训耗材并设立奖学金。',
      { specialty: '智能焊接技术' },
    ),
    res(
      '04',
      'jnsyqc',
      ORDER_CLASS,
      '商用车总装订单班（2026级）',
      35,
      ['2026-09-01', '2026-12-31'],
      GROUP,
      null,
      '济南市天桥区 商用车总装厂',
      '计划2026年秋季组建商用车总装与调试订单班，培养方案正在与合作院校商定。',
      { specialty: '汽车制造与试验技术', saved: '2026-01-22' },
    ),
    res(
      '05',
      'qlzxjc',
      PART_TIME_TEACHER,
      '重型机床装配工艺兼职教师',
      3,
      ['2025-03-01', '2025-12-31'],
      GROUP,
      '2025-02-20',
      '合作院校校内',
      '选派具有高级技师资格的装配工艺骨干到院校讲授重型机床装配工艺专题课程。',
      { subject: '机械制造工艺', hours: 64 },
    ),
    res(
      '06',
      'wfdl',
      PART_TIME_TEACHER,
      '柴油机构造与维修企业导师',
      4,
      ['2025-09-01', '2026-06-30'],
      GROUP,
      '2025-07-02',
      '合作院校校内或潍坊市奎文区 企业培训中心',
      '企业售后服务工程师担任企业导师，讲授柴油机拆装、故障诊断与维修案例。',
      { subject: '发动机构造与维修', hours: 48 },
    ),
    res(
      '07',
      'qdskxt',
      PART_TIME_TEACHER,
      '数控系统连接与调试兼职教师',
      2,
      ['2026-03-01', '2026-07-10'],
      GROUP,
      '2026-01-12',
      '合作院校校内',
      '由企业应用工程师讲授数控系统硬件连接、参数设置与PLC调试，配套提供实训台。',
      { subject: '数控系统连接与调试', hours: 72 },
    ),
    res(
      '08',
      'qlzxjc',
      APPRENTICESHIP,
      '现代学徒制车工岗位',
      20,
      ['2025-03-01', '2026-02-28'],
      GROUP,
      '2025-01-16',
      '济南市历城区 齐鲁示范重型机床有限公司（演示）机加工车间',
      '企业师傅一带二开展车工现代学徒制培养，学徒期间享受岗位津贴。',
      { occupation: '车工' },
    ),
    res(
      '09',
      'jndyjx',
      APPRENTICESHIP,
      '锻压设备装配钳工学徒岗位',
      12,
      ['2025-09-01', '2026-08-31'],
      GROUP,
      '2025-06-19',
      '济南市长清区 锻压机械装配车间',
      '在压力机总装岗位开展装配钳工学徒培养，完成学徒期可参加企业技能等级认定。',
      { occupation: '装配钳工' },
    ),
    res(
      '10',
      'zbdj',
      APPRENTICESHIP,
      '电机装配学徒岗位',
      15,
      ['2025-04-01', '2025-12-31'],
      GROUP,
      '2025-03-05',
      '淄博市张店区 电机装配车间',
      '中小型电机绕线、装配与试验岗位学徒培养。',
      { occupation: '电机装配工', withdrawn: '2025-05-20' },
    ),
    res(
      '11',
      'ytqczb',
      INTERNSHIP,
      '汽车装备生产线跟岗实习',
      50,
      ['2025-07-01', '2026-06-30'],
      PUBLIC,
      '2025-04-28',
      '烟台市芝罘区 汽车装备生产基地',
      '在汽车焊装、涂装生产线设备维护岗位安排跟岗实习，提供食宿和实习补贴。',
      { occupation: '汽车装调工' },
    ),
    res(
      '12',
      'qdqcpj',
      INTERNSHIP,
      '汽车零部件质量检验实习岗位',
      25,
      ['2025-09-01', '2026-01-31'],
      GROUP,
      '2025-06-10',
      '青岛市城阳区 零部件质检中心',
      '在来料检验、过程检验岗位安排实习，学习三坐标及量检具使用。',
      { occupation: '质检员' },
    ),
    res(
      '13',
      'jnjqr',
      INTERNSHIP,
      '工业机器人系统运维实习岗位',
      16,
      ['2025-03-01', '2025-12-31'],
      PUBLIC,
      '2025-02-14',
      '济南市历下区 机器人集成调试车间',
      '参与工业机器人工作站安装调试与售后运维，企业工程师全程指导。',
      { occupation: '工业机器人系统运维员' },
    ),
    res(
      '14',
      'zbby',
      INTERNSHIP,
      '泵类产品装配实习岗位',
      20,
      ['2026-03-01', '2026-08-31'],
      GROUP,
      '2025-12-09',
      '淄博市张店区 泵业装配车间',
      '离心泵、化工泵装配与试压岗位实习，按岗位技能要求分段考核。',
      { occupation: '装配钳工' },
    ),
    res(
      '15',
      'jnskjc',
      JOB_POSTING,
      '2026届毕业生招聘：数控车工',
      30,
      ['2025-10-01', '2026-06-30'],
      PUBLIC,
      '2025-09-25',
      '济南市历城区',
      '招聘数控技术、机械制造类专业2026届毕业生，入职后安排师带徒培养。',
      { occupation: '数控车工' },
    ),
    res(
      '16',
      'tasbd',
      JOB_POSTING,
      '变压器装配工招聘',
      10,
      ['2025-11-01', '2026-04-30'],
      GROUP,
      '2025-10-21',
      '泰安市泰山区',
      '招聘电气类、机电类专业毕业生从事变压器器身装配，缴纳五险一金。',
      { occupation: '变压器装配工' },
    ),
    res(
      '17',
      'lczc',
      JOB_POSTING,
      '轴承磨工招聘',
      8,
      ['2026-03-01', '2026-08-31'],
      GROUP,
      null,
      '聊城市东昌府区',
      '拟招聘轴承套圈磨削岗位技术工人，岗位要求待人力资源部门确认。',
      { occupation: '磨工', saved: '2026-02-03' },
    ),
    res(
      '18',
      'sdzg',
      MASTER_STUDIO,
      '焊接技能大师工作室跟师研修',
      10,
      ['2025-03-01', '2025-12-31'],
      GROUP,
      '2025-02-25',
      '济南市历下区 焊接技能大师工作室',
      '省级焊接技能大师带领团队开展疑难焊接工艺研修，接收院校骨干教师跟师学习。',
      { occupation: '焊工' },
    ),
    res(
      '19',
      'sdjxjs',
      MASTER_STUDIO,
      '数控车技能大师工作室开放研修',
      8,
      ['2025-09-01', '2026-07-10'],
      PUBLIC,
      '2025-08-20',
      '济南市历城区 山东省示范机械工程技师学院（演示）实训楼',
      '国家级技能大师工作室面向集团院校开放，开展数控车削竞赛集训与工艺攻关研修。',
      { occupation: '数控车工' },
    ),
    res(
      '20',
      'jnyyjx',
      MASTER_STUDIO,
      '液压装调技能大师工作室跟师研修',
      6,
      ['2026-01-05', '2026-06-30'],
      GROUP,
      '2025-12-18',
      '济宁市任城区 液压技术中心',
      '液压元件装配与调试技能大师指导研修，重点提升液压系统故障排查能力。',
      { occupation: '装配钳工' },
    ),
    res(
      '21',
      'sdjxjs',
      TRAINING_FACILITY,
      '智能制造公共实训基地',
      60,
      ['2025-03-01', '2026-08-31'],
      PUBLIC,
      '2025-02-10',
      '济南市历城区 山东省示范机械工程技师学院（演示）智能制造实训中心',
      '基地配备智能产线、数控加工和工业机器人实训区，可承接集团院校学生集中实训。',
    ),
    res(
      '22',
      'jnzy',
      TRAINING_FACILITY,
      '工业机器人实训中心开放共享',
      40,
      ['2025-03-01', '2025-12-31'],
      GROUP,
      '2025-02-18',
      '济南市历城区 济南示范职业技术学院（演示）工程训练中心',
      '实训中心有12套工业机器人工作站，周末和假期向集团成员单位开放。',
    ),
    res(
      '23',
      'qdgkjx',
      TRAINING_FACILITY,
      '港口起重机械拆装实训场地',
      30,
      ['2025-10-01', '2026-09-30'],
      GROUP,
      '2025-09-08',
      '青岛市黄岛区 港机培训基地',
      '提供门座起重机起升、变幅机构拆装实训场地和安全培训。',
    ),
    res(
      '24',
      'ytgcjx',
      TRAINING_FACILITY,
      '工程机械拆装实训车间',
      24,
      ['2026-03-01', '2026-12-31'],
      GROUP,
      null,
      '烟台市莱山区 工程机械再制造车间',
      '拟开放挖掘机、装载机整机拆装实训车间，开放时段待排产确定。',
      { saved: '2026-02-10' },
    ),
    res(
      '25',
      'jnjgzb',
      EQUIPMENT,
      '光纤激光切割机（6kW）共享使用',
      2,
      ['2025-06-01', '2026-05-31'],
      GROUP,
      '2025-05-22',
      '济南市历城区 激光装备产业园应用中心',
      '6kW光纤激光切割机按周共享使用，企业派工程师现场指导操作。',
    ),
    res(
      '26',
      'ytjmyq',
      EQUIPMENT,
      '三坐标测量机共享检测',
      3,
      ['2025-04-01', '2026-03-31'],
      PUBLIC,
      '2025-03-26',
      '烟台市莱山区 精密计量室',
      '向集团成员开放三坐标测量机，用于零件检测教学和技能大赛训练。',
    ),
    res(
      '27',
      'zbjdjs',
      EQUIPMENT,
      '五轴联动加工中心共享使用',
      2,
      ['2025-09-01', '2026-06-30'],
      GROUP,
      '2025-08-26',
      '淄博市张店区 淄博示范机电技师学院（演示）数控实训楼',
      '五轴联动加工中心可承接企业试制件加工和院校教师培训。',
    ),
    res(
      '28',
      'jnskjc',
      TEACHER_WORKSTATION,
      '数控装调教师企业实践工作站',
      10,
      ['2025-07-01', '2025-12-31'],
      GROUP,
      '2025-05-30',
      '济南市历城区 数控机床总装车间',
      '接收院校专业教师暑期驻厂实践，参与数控机床装配调试全过程。',
    ),
    res(
      '29',
      'wfnyzb',
      TEACHER_WORKSTATION,
      '农机装备教师实践工作站',
      6,
      ['2026-01-10', '2026-08-20'],
      GROUP,
      '2025-11-14',
      '潍坊市寒亭区 农业装备研发中心',
      '教师在拖拉机、收获机械研发与装配岗位开展企业实践，并合作开发教学案例。',
    ),
    res(
      '30',
      'qddq',
      TEACHER_WORKSTATION,
      '电器装配教师实践工作站',
      8,
      ['2025-07-01', '2025-08-31'],
      GROUP,
      '2025-05-12',
      '青岛市市北区 电器装配车间',
      '低压电器装配与检测岗位教师实践。',
      { withdrawn: '2025-06-23' },
    ),
    res(
      '31',
      'sdzg',
      JOB_MONITORING_STATION,
      '装备制造岗位需求监测站',
      12,
      ['2025-01-01', '2026-12-31'],
      GROUP,
      '2025-01-08',
      '济南市历下区 山东示范重工集团有限公司（演示）人力资源部',
      '按季度发布焊接、装配、机加工岗位需求和技能要求变化，院校可作为监测点加入。',
    ),
    res(
      '32',
      'jnsyqc',
      JOB_MONITORING_STATION,
      '汽车制造岗位技能需求监测站',
      10,
      ['2025-06-01', '2026-12-31'],
      PUBLIC,
      '2025-06-03',
      '济南市天桥区',
      '跟踪商用车制造岗位结构与新技术应用，每半年形成岗位技能需求报告。',
    ),
    res(
      '33',
      'sdjdzy',
      RD_SERVICE,
      '机械零件失效分析技术服务',
      5,
      ['2025-04-01', '2026-03-31'],
      GROUP,
      '2025-03-31',
      '济南市长清区 山东示范机电职业技术学院（演示）材料检测中心',
      '为成员企业提供断口分析、金相检验和热处理工艺改进服务。',
      { subject: '失效分析与热处理' },
    ),
    res(
      '34',
      'sdjxy',
      RD_SERVICE,
      '非标自动化设备设计技术攻关',
      4,
      ['2025-07-01', '2026-06-30'],
      PUBLIC,
      '2025-07-15',
      '济南市历下区',
      '承接上下料、检测等非标自动化设备方案设计与样机研制。',
      { subject: '机械设计' },
    ),
    res(
      '35',
      'jnjqr',
      COURSE,
      '工业机器人编程与调试在线课程',
      60,
      ['2025-03-01', '2026-07-31'],
      PUBLIC,
      '2025-02-27',
      '线上',
      '共享48学时工业机器人编程与调试课程资源，含虚拟仿真项目和企业真实案例。',
      { subject: '工业机器人编程' },
    ),
    res(
      '36',
      'zbzy',
      COURSE,
      '《液压与气动技术》活页式教材课程包',
      30,
      ['2025-09-01', '2026-07-10'],
      GROUP,
      '2025-08-15',
      '线上及淄博市张店区',
      '校企合作开发的活页式教材与微课资源包，供集团院校教学选用。',
      { subject: '液压与气动技术' },
    ),
    res(
      '37',
      'whskdj',
      COURSE,
      '数控刀具选用与刃磨课程',
      40,
      ['2026-02-23', '2026-07-10'],
      GROUP,
      '2026-02-05',
      '线上及威海市环翠区',
      '企业技术专家开发的数控刀具选用、刃磨与寿命管理课程，配套刀具实物教具。',
      { subject: '数控刀具技术' },
    ),
    res(
      '38',
      'lszn',
      APPRENTICESHIP,
      '智能装备电气装调学徒岗位',
      10,
      ['2025-09-01', '2026-08-31'],
      GROUP,
      '2025-07-24',
      '青岛市崂山区 智能装备总装车间',
      '在自动化装备电气装调岗位开展学徒培养，企业师傅负责电气图识读与接线调试指导。',
      { occupation: '电工' },
    ),
    res(
      '39',
      'dysyjx',
      INTERNSHIP,
      '石油机械装配实习岗位',
      18,
      ['2025-07-01', '2025-12-31'],
      GROUP,
      '2025-05-16',
      '东营市东营区 石油机械装配厂',
      '抽油机、井口装置装配岗位实习，提供住宿和实习补贴。',
      { occupation: '装配钳工' },
    ),
    res(
      '40',
      'qcjmjx',
      JOB_POSTING,
      '精密零件数控铣工招聘',
      6,
      ['2026-04-01', '2026-09-30'],
      GROUP,
      null,
      '济南市历下区',
      '拟招聘数控铣工，要求持有中级及以上职业技能等级证书。',
      { occupation: '数控铣工', saved: '2026-02-12' },
    ),
  ],
  qdzz: [
    res(
      '01',
      'qdjqr',
      ORDER_CLASS,
      '工业机器人应用订单班（2025级）',
      40,
      ['2025-09-01', '2026-07-10'],
      GROUP,
      '2025-04-08',
      '青岛市黄岛区 机器人应用中心',
      '面向工业机器人技术专业组建订单班，企业提供工作站并承担综合实训。',
      { specialty: '工业机器人技术' },
    ),
    res(
      '02',
      'qdgkjx',
      INTERNSHIP,
      '港口机械电气维修实习岗位',
      20,
      ['2025-07-01', '2026-06-30'],
      GROUP,
      '2025-05-20',
      '青岛市黄岛区 港机维修车间',
      '在港口起重机电气维修班组安排实习，学习变频驱动与PLC故障排查。',
      { occupation: '维修电工' },
    ),
    res(
      '03',
      'qdzy',
      TRAINING_FACILITY,
      '智能产线运维实训基地开放共享',
      30,
      ['2025-09-01', '2026-08-31'],
      GROUP,
      '2025-08-28',
      '青岛市崂山区 青岛示范职业技术学院（演示）智能制造学院',
      '智能产线运维实训基地面向集团成员开放，可开展产线调试与运维实训。',
    ),
    res(
      '04',
      'qddq',
      PART_TIME_TEACHER,
      '低压电器装配工艺企业导师',
      2,
      ['2026-03-01', '2026-07-10'],
      GROUP,
      '2026-01-06',
      '合作院校校内',
      '企业工艺工程师讲授低压电器装配工艺与质量控制。',
      { subject: '低压电器装配工艺', hours: 32 },
    ),
  ],
};

interface RequestSpec {
  key: string;
  resource: string;
  requester: string;
  quantity: number;
  period: [start: string, end: string];
  purpose: string;
  created: string;
  decided?: string;
  rejected?: string;
  /** Completed on this date: participants, hours, note. */
  completed?: [date: string, participants: number, hours: number | null, note: string];
}

/** All in sdjx, by member schools on other units' published resources. */
const REQUESTS: RequestSpec[] = [
  // Completed in 2025.
  {
    key: '01',
    resource: '05',
    requester: 'jnzy',
    quantity: 1,
    period: ['2025-03-10', '2025-06-30'],
    purpose: '机械制造及自动化专业《机械制造工艺》课程聘请企业导师讲授装配工艺专题。',
    created: '2025-02-26',
    decided: '2025-03-03',
    completed: ['2025-07-08', 45, 64, '企业导师完成16次装配工艺专题授课，学生完成主轴箱装配综合项目。'],
  },
  {
    key: '02',
    resource: '21',
    requester: 'jnjdzz',
    quantity: 30,
    period: ['2025-04-07', '2025-04-18'],
    purpose: '2023级数控技术应用专业学生智能产线集中实训两周。',
    created: '2025-03-12',
    decided: '2025-03-17',
    completed: ['2025-04-25', 30, 80, '30名学生完成智能产线认知与数控加工实训，考核合格率97%。'],
  },
  {
    key: '03',
    resource: '21',
    requester: 'lygyzz',
    quantity: 20,
    period: ['2025-06-09', '2025-06-20'],
    purpose: '机电技术应用专业学生工业机器人与智能产线集中实训。',
    created: '2025-05-08',
    decided: '2025-05-13',
    completed: ['2025-06-27', 19, 80, '19名学生完成实训（1名因病缺训），其中6人取得工业机器人操作初级证书。'],
  },
  {
    key: '04',
    resource: '22',
    requester: 'dzzz',
    quantity: 24,
    period: ['2025-05-12', '2025-05-23'],
    purpose: '工业机器人技术应用专业学生工作站编程实训。',
    created: '2025-04-09',
    decided: '2025-04-14',
    completed: ['2025-05-30', 24, 64, '学生完成搬运、码垛工作站编程任务，为技能大赛选拔储备选手。'],
  },
  {
    key: '05',
    resource: '13',
    requester: 'sdjdzy',
    quantity: 8,
    period: ['2025-07-01', '2025-12-19'],
    purpose: '工业机器人技术专业2023级学生岗位实习。',
    created: '2025-03-20',
    decided: '2025-03-27',
    completed: ['2025-12-26', 8, 960, '8名学生完成24周岗位实习，3人与企业签订就业协议。'],
  },
  {
    key: '06',
    resource: '08',
    requester: 'sdjxjs',
    quantity: 10,
    period: ['2025-03-03', '2025-12-26'],
    purpose: '数控加工（车工方向）高级工班现代学徒制试点。',
    created: '2025-01-22',
    decided: '2025-02-05',
    completed: ['2025-12-30', 10, 1200, '10名学徒全部出师，9人取得车工高级工证书。'],
  },
  {
    key: '07',
    resource: '18',
    requester: 'zbjdjs',
    quantity: 4,
    period: ['2025-04-01', '2025-07-31'],
    purpose: '焊接专业骨干教师跟师研修，提升机器人焊接与疑难焊接工艺教学能力。',
    created: '2025-03-06',
    decided: '2025-03-11',
    completed: ['2025-08-05', 4, 240, '4名教师完成跟师研修，合作开发焊接工艺教学案例5个。'],
  },
  {
    key: '08',
    resource: '28',
    requester: 'jngj',
    quantity: 3,
    period: ['2025-07-14', '2025-08-22'],
    purpose: '数控专业教师暑期企业实践。',
    created: '2025-06-09',
    decided: '2025-06-12',
    completed: ['2025-08-29', 3, 240, '3名教师完成6周驻厂实践，参与2台数控车床装配调试。'],
  },
  {
    key: '09',
    resource: '28',
    requester: 'wfgcjs',
    quantity: 2,
    period: ['2025-07-21', '2025-08-15'],
    purpose: '机械设备装配与自动控制专业教师企业实践。',
    created: '2025-06-16',
    decided: '2025-06-19',
    completed: ['2025-08-20', 2, 160, '2名教师完成企业实践并形成装调工艺实践报告。'],
  },
  {
    key: '10',
    resource: '35',
    requester: 'lygyzz',
    quantity: 45,
    period: ['2025-03-10', '2025-07-04'],
    purpose: '2024级机电技术应用专业《工业机器人编程》课程混合式教学。',
    created: '2025-03-04',
    decided: '2025-03-06',
    completed: ['2025-07-10', 43, 48, '43名学生完成线上学习与仿真项目，课程平均成绩82分。'],
  },
  // Approved, not yet completed.
  {
    key: '11',
    resource: '01',
    requester: 'sdjdzy',
    quantity: 12,
    period: ['2025-09-01', '2026-07-10'],
    purpose: '智能制造装备技术专业2025级组建激光装备订单班。',
    created: '2025-04-02',
    decided: '2025-04-10',
  },
  {
    key: '12',
    resource: '06',
    requester: 'wfzy',
    quantity: 1,
    period: ['2025-09-08', '2026-01-16'],
    purpose: '汽车检测与维修技术专业聘请企业导师讲授柴油机维修。',
    created: '2025-07-15',
    decided: '2025-07-22',
  },
  {
    key: '13',
    resource: '02',
    requester: 'jngj',
    quantity: 20,
    period: ['2025-09-01', '2026-06-30'],
    purpose: '数控加工专业高级工班组建数控机床装调订单班。',
    created: '2025-05-08',
    decided: '2025-05-20',
  },
  {
    key: '14',
    resource: '03',
    requester: 'zbzy',
    quantity: 30,
    period: ['2025-09-01', '2026-07-15'],
    purpose: '智能焊接技术专业2025级学生进入重工焊接订单班。',
    created: '2025-05-19',
    decided: '2025-05-28',
  },
  {
    key: '15',
    resource: '11',
    requester: 'ytqczy',
    quantity: 25,
    period: ['2026-03-02', '2026-06-26'],
    purpose: '汽车制造与试验技术专业学生跟岗实习。',
    created: '2025-11-18',
    decided: '2025-11-25',
  },
  {
    key: '16',
    resource: '25',
    requester: 'jnzy',
    quantity: 1,
    period: ['2026-03-09', '2026-04-30'],
    purpose: '激光加工技术课程教学与技能大赛集训使用激光切割机。',
    created: '2026-01-13',
    decided: '2026-01-16',
  },
  {
    key: '17',
    resource: '31',
    requester: 'sdjxjs',
    quantity: 1,
    period: ['2025-03-01', '2026-12-31'],
    purpose: '作为岗位需求监测点，按季度提交毕业生就业岗位数据。',
    created: '2025-01-15',
    decided: '2025-01-20',
  },
  {
    key: '18',
    resource: '36',
    requester: 'dzzz',
    quantity: 20,
    period: ['2025-09-01', '2026-01-16'],
    purpose: '机电技术应用专业《液压与气动》课程选用活页式教材。',
    created: '2025-08-21',
    decided: '2025-08-26',
  },
  // Rejected.
  {
    key: '19',
    resource: '01',
    requester: 'dzzz',
    quantity: 20,
    period: ['2025-09-01', '2026-07-10'],
    purpose: '机电技术应用专业学生报名激光装备订单班。',
    created: '2025-04-22',
    decided: '2025-04-29',
    rejected: '本期订单班面向高职智能制造装备技术专业，贵校学生为中职层次，专业层次不符，建议申请我公司实习岗位。',
  },
  {
    key: '20',
    resource: '25',
    requester: 'zbjdjs',
    quantity: 2,
    period: ['2025-07-01', '2025-07-31'],
    purpose: '暑期教师培训使用激光切割机。',
    created: '2025-06-10',
    decided: '2025-06-13',
    rejected: '7月设备已排满生产任务，请调整到10月以后再申请。',
  },
  {
    key: '21',
    resource: '26',
    requester: 'wfgcjs',
    quantity: 3,
    period: ['2025-05-06', '2025-05-30'],
    purpose: '精密测量技能大赛集训。',
    created: '2025-04-10',
    decided: '2025-04-15',
    rejected: '该时段设备处于年度计量校准期，暂停对外开放，请改期申请。',
  },
  {
    key: '22',
    resource: '12',
    requester: 'lygyzz',
    quantity: 25,
    period: ['2025-09-01', '2026-01-31'],
    purpose: '机械加工技术专业学生岗位实习。',
    created: '2025-06-20',
    decided: '2025-06-30',
    rejected: '实习岗位要求学生年满18周岁，申请名单中部分学生未满18周岁，请调整名单后重新申请。',
  },
  // Pending.
  {
    key: '23',
    resource: '21',
    requester: 'dzzz',
    quantity: 8,
    period: ['2026-03-02', '2026-03-13'],
    purpose: '数控技术应用专业学生智能产线集中实训。',
    created: '2026-01-20',
  },
  {
    key: '24',
    resource: '07',
    requester: 'jnzy',
    quantity: 1,
    period: ['2026-03-02', '2026-06-26'],
    purpose: '数控技术专业《数控系统连接与调试》课程聘请兼职教师。',
    created: '2026-01-19',
  },
  {
    key: '25',
    resource: '14',
    requester: 'zbjdjs',
    quantity: 12,
    period: ['2026-03-02', '2026-06-30'],
    purpose: '机械设备装配与自动控制专业学生岗位实习。',
    created: '2025-12-22',
  },
  {
    key: '26',
    resource: '15',
    requester: 'sdjxjs',
    quantity: 15,
    period: ['2026-01-05', '2026-06-30'],
    purpose: '推荐2026届数控加工专业毕业生应聘数控车工岗位。',
    created: '2025-10-28',
  },
  {
    key: '27',
    resource: '19',
    requester: 'jngj',
    quantity: 3,
    period: ['2026-03-02', '2026-06-26'],
    purpose: '选派数控车竞赛选手参加大师工作室集训。',
    created: '2026-01-08',
  },
  {
    key: '28',
    resource: '23',
    requester: 'ytqczy',
    quantity: 20,
    period: ['2026-04-13', '2026-04-24'],
    purpose: '机械制造及自动化专业学生起重机械拆装实训。',
    created: '2026-01-27',
  },
  {
    key: '29',
    resource: '29',
    requester: 'wfzy',
    quantity: 2,
    period: ['2026-07-06', '2026-08-14'],
    purpose: '智能制造装备技术专业教师暑期企业实践。',
    created: '2026-02-03',
  },
  {
    key: '30',
    resource: '37',
    requester: 'jnjdzz',
    quantity: 35,
    period: ['2026-03-02', '2026-07-03'],
    purpose: '数控技术应用专业《数控刀具》课程选用共享课程资源。',
    created: '2026-02-10',
  },
  {
    key: '31',
    resource: '25',
    requester: 'sdjdzy',
    quantity: 1,
    period: ['2026-05-06', '2026-05-29'],
    purpose: '激光加工工艺教学改革项目试制样件。',
    created: '2026-02-06',
  },
];

type Counts = [
  orderClassStudents: number,
  apprentices: number,
  mutualTeachers: number,
  mutualTeachingHours: number,
  teacherPracticePersonTimes: number,
  teacherPracticeDays: number,
  coCourses: number,
  coTextbooks: number,
  coBases: number,
  patents: number,
  certificates1X: number,
];
/** Money in yuan: investment, of which received, of which equipment; service income. */
type Yuan = [investment: number, investmentReceived: number, equipmentValue: number, serviceIncome: number];
type LedgerRow = [recorder: string, partner: string, projectName: string, counts: Counts, yuan: Yuan, recorded: string];

/**
 * Which way the demo's 互兼互聘 teachers went: of every three appointments one (rounded down) is a school
 * teacher appointed by the enterprise, the others enterprise staff teaching in the school (企业兼职教师),
 * with the hours shared in proportion.
 */
function enterpriseSide(f: Record<CountField, number>) {
  const teachers = f.mutualTeachers - Math.floor(f.mutualTeachers / 3);
  const hours = f.mutualTeachers ? Math.round((f.mutualTeachingHours * teachers) / f.mutualTeachers) : 0;
  return { enterpriseTeachers: teachers, enterpriseTeachingHours: f.mutualTeachingHours ? hours : 0 };
}

/** sdjx cooperation ledgers; each pair of units appears once a year. */
const LEDGERS: Record<number, LedgerRow[]> = {
  2025: [
    ['sdjxjs', 'qlzxjc', '重型机床车工现代学徒制联合培养', [0, 10, 3, 192, 6, 90, 2, 1, 1, 0, 24], [850000, 600000, 500000, 0], '2025-12-30'],
    ['sdjxjs', 'sdzg', '焊接实训基地共建与岗位需求监测', [0, 0, 2, 96, 4, 40, 1, 0, 1, 1, 30], [1200000, 1200000, 900000, 80000], '2026-01-06'],
    ['sdjxjs', 'jnjqr', '工业机器人实训室共建', [0, 0, 1, 48, 2, 20, 1, 0, 0, 0, 36], [450000, 450000, 420000, 0], '2026-01-06'],
    ['jngj', 'jnskjc', '数控机床装调订单班', [20, 0, 2, 128, 3, 45, 1, 1, 0, 0, 20], [300000, 200000, 150000, 0], '2026-01-08'],
    ['jngj', 'jnsyqc', '商用车维修职工技能培训', [0, 0, 1, 40, 2, 14, 0, 0, 0, 0, 18], [60000, 60000, 0, 45000], '2026-01-09'],
    ['zbjdjs', 'sdzg', '焊接技能大师工作室跟师研修', [0, 0, 1, 32, 4, 60, 0, 1, 0, 0, 0], [0, 0, 0, 0], '2025-12-18'],
    ['zbjdjs', 'zbdj', '电机装配实训室共建', [0, 6, 1, 64, 2, 30, 1, 0, 1, 0, 12], [380000, 380000, 380000, 0], '2025-12-19'],
    ['zbjdjs', 'zbby', '泵类装配岗位实习', [0, 0, 0, 0, 1, 15, 0, 0, 0, 0, 0], [20000, 20000, 0, 0], '2025-12-19'],
    ['wfgcjs', 'wfdl', '柴油机装配订单班', [35, 0, 2, 120, 3, 45, 2, 1, 0, 0, 28], [520000, 400000, 260000, 0], '2026-01-12'],
    ['wfgcjs', 'jnskjc', '数控装调教师企业实践', [0, 0, 0, 0, 2, 26, 0, 0, 0, 0, 0], [0, 0, 0, 0], '2026-01-12'],
    ['wfgcjs', 'wfnyzb', '农机装备维修现代学徒制', [0, 12, 2, 96, 2, 30, 1, 0, 0, 0, 10], [150000, 150000, 90000, 0], '2026-01-13'],
    ['jnzy', 'qlzxjc', '企业导师进课堂（机械制造工艺）', [0, 0, 1, 64, 0, 0, 1, 0, 0, 0, 0], [0, 0, 0, 0], '2026-01-15'],
    ['jnzy', 'jnjgzb', '激光加工技术服务与设备共享', [0, 0, 1, 32, 2, 20, 1, 0, 0, 1, 0], [200000, 200000, 180000, 120000], '2026-01-15'],
    ['jnzy', 'jndlsb', '电力设备运维实训合作', [0, 0, 1, 48, 1, 10, 0, 0, 0, 0, 15], [80000, 50000, 50000, 0], '2026-01-16'],
    ['sdjdzy', 'jnjgzb', '激光智能装备订单班', [12, 0, 2, 96, 2, 30, 2, 1, 0, 0, 12], [360000, 360000, 240000, 0], '2026-01-20'],
    ['sdjdzy', 'jnjqr', '工业机器人运维岗位实习', [0, 0, 0, 0, 1, 20, 0, 0, 0, 0, 8], [30000, 30000, 0, 0], '2026-01-20'],
    ['sdjdzy', 'jndyjx', '锻压设备失效分析技术服务', [0, 0, 0, 0, 3, 24, 0, 0, 0, 2, 0], [0, 0, 0, 260000], '2026-01-21'],
    ['zbzy', 'sdzg', '重工智能焊接订单班', [30, 0, 3, 160, 4, 56, 2, 1, 1, 0, 30], [1500000, 1100000, 980000, 0], '2026-01-22'],
    ['zbzy', 'zbcl', '齿轮加工课程与教材共建', [0, 0, 1, 40, 2, 16, 2, 1, 0, 0, 0], [50000, 50000, 0, 0], '2026-01-22'],
    ['zbzy', 'lzhgzb', '化工装备密封结构改进技术攻关', [0, 0, 0, 0, 2, 18, 0, 0, 0, 1, 0], [0, 0, 0, 180000.5], '2026-01-23'],
    ['ytqczy', 'ytqczb', '汽车装调订单班', [40, 0, 2, 112, 3, 42, 1, 0, 0, 0, 35], [680000, 500000, 300000, 0], '2026-01-26'],
    ['ytqczy', 'ytgcjx', '工程机械维修现代学徒制', [0, 8, 1, 72, 2, 28, 1, 0, 0, 0, 8], [120000, 120000, 80000, 0], '2026-01-26'],
    ['ytqczy', 'ytjmyq', '精密测量实训基地共建', [0, 0, 1, 24, 1, 12, 1, 0, 1, 0, 20], [420000, 300000, 400000, 0], '2026-01-27'],
    ['wfzy', 'wfdl', '发动机维修企业导师与教师实践', [0, 0, 2, 96, 2, 20, 1, 1, 0, 0, 0], [0, 0, 0, 0], '2026-02-02'],
    ['wfzy', 'wfcyj', '柴油机配件生产岗位实习', [0, 0, 0, 0, 1, 10, 0, 0, 0, 0, 0], [15000.8, 15000.8, 0, 0], '2026-02-02'],
    ['jnjdzz', 'jndlsb', '电工订单班', [28, 0, 1, 60, 2, 20, 1, 0, 0, 0, 25], [240000, 180000, 120000, 0], '2026-02-03'],
    ['lygyzz', 'lyjxzz', '机械加工订单班', [32, 0, 1, 64, 1, 15, 1, 0, 1, 0, 30], [560000, 560000, 450000, 0], '2026-02-04'],
    ['lygyzz', 'lydqsb', '电气设备装配岗位实习', [0, 0, 0, 0, 1, 7, 0, 0, 0, 0, 0], [0, 0, 0, 0], '2026-02-04'],
    ['dzzz', 'dzktsb', '空调设备安装维修订单班', [26, 0, 1, 48, 2, 14, 1, 0, 0, 0, 22], [180000, 120000, 100000, 0], '2026-02-05'],
    ['qlzxjc', 'jnjdzz', '数控车工职工技能提升培训', [0, 0, 2, 80, 0, 0, 0, 0, 0, 0, 40], [0, 0, 0, 36000], '2026-01-28'],
    ['jnskjc', 'jnzy', '数控系统联合实验室', [0, 0, 2, 64, 2, 30, 1, 1, 1, 3, 0], [2000000, 1500000, 1600000, 350000], '2026-01-29'],
    ['ytqczb', 'sdjdzy', '汽车装备电气调试岗位实习', [0, 0, 0, 0, 1, 12, 0, 0, 0, 0, 0], [45000, 45000, 0, 0], '2026-01-29'],
    ['qdgkjx', 'sdjxjs', '港口机械维修人才培养', [0, 5, 2, 72, 2, 21, 1, 0, 0, 0, 16], [300000, 300000, 260000, 0], '2026-01-30'],
    ['tasbd', 'jnzy', '输变电设备检测技术服务', [0, 0, 1, 16, 0, 0, 0, 0, 0, 1, 0], [100000, 60000, 0, 150000], '2026-02-06'],
    ['whskdj', 'wfgcjs', '数控刀具刃磨教学资源共建', [0, 0, 1, 24, 1, 5, 1, 1, 0, 0, 45], [90000, 90000, 85000, 0], '2026-02-06'],
  ],
  2024: [
    ['sdjxjs', 'qlzxjc', '重型机床车工现代学徒制联合培养', [0, 8, 2, 160, 4, 60, 1, 1, 0, 0, 20], [600000, 600000, 350000, 0], '2025-01-20'],
    ['jngj', 'jnskjc', '数控机床装调订单班', [18, 0, 2, 112, 2, 30, 1, 0, 0, 0, 18], [250000, 250000, 120000, 0], '2025-01-21'],
    ['zbzy', 'sdzg', '重工智能焊接订单班', [28, 0, 2, 128, 3, 45, 1, 1, 1, 0, 26], [1800000, 1800000, 1400000, 0], '2025-02-17'],
    ['wfgcjs', 'wfdl', '柴油机装配订单班', [30, 0, 2, 100, 2, 30, 1, 0, 0, 0, 24], [400000, 320000, 200000, 0], '2025-02-18'],
    ['sdjdzy', 'jndyjx', '锻压设备失效分析技术服务', [0, 0, 0, 0, 2, 16, 0, 0, 0, 1, 0], [0, 0, 0, 210000], '2025-03-03'],
  ],
};

const fen = (yuan: number) => Math.round(yuan * 100);

/** The working hour of the n-th record, so timestamps vary without randomness. */
const hourOf = (n: number) => 1 + ((n * 5) % 8);
const minuteOf = (n: number) => (n * 13) % 60;

interface Rows {
  resources: SharedResource[];
  requests: ResourceRequest[];
  messages: Message[];
  cooperations: Cooperation[];
}

function buildRows(): Rows {
  const rows: Rows = { resources: [], requests: [], messages: [], cooperations: [] };
  const byKey = new Map<string, SharedResource>();
  let n = 0;

  for (const code of ['sdjx', 'qdzz'] as const) {
    for (const spec of RESOURCES[code]) {
      n += 1;
      const { name, type, region } = activeMember(spec.provider, code);
      const missing = (KIND_REQUIRES[spec.kind] ?? []).filter((field) => spec[field] === undefined);
      if (missing.length) throw new Error(`demo resource ${code}:${spec.key} lacks ${missing.join(', ')}`);
      const publishedAt = spec.published ? at(spec.published, hourOf(n), minuteOf(n)) : null;
      const status = !spec.published ? ResourceStatus.DRAFT : spec.withdrawn ? ResourceStatus.WITHDRAWN : ResourceStatus.PUBLISHED;
      const updated = spec.withdrawn ?? spec.saved;
      const resource: SharedResource = {
        id: demoId('resource', `${code}:${spec.key}`),
        groupId: groupId(code),
        providerId: orgId(spec.provider),
        providerName: name,
        providerType: type,
        providerRegion: region,
        kind: spec.kind,
        title: spec.title,
        description: spec.description,
        capacity: spec.capacity,
        reserved: 0,
        periodStart: spec.period[0],
        periodEnd: spec.period[1],
        location: spec.location,
        visibility: spec.visibility,
        status,
        specialty: spec.specialty ?? null,
        subject: spec.subject ?? null,
        hours: spec.hours ?? null,
        occupation: spec.occupation ?? null,
        publishedAt,
        updatedAt: updated ? at(updated, hourOf(n + 3), minuteOf(n + 3)) : publishedAt!,
      };
      rows.resources.push(resource);
      byKey.set(`${code}:${spec.key}`, resource);
    }
  }

  const message = (key: string, recipientId: string, title: string, body: string, requestId: string, createdAt: string) => {
    const i = rows.messages.length;
    // Older news has mostly been read; the newest mostly not.
    const read = createdAt < '2026-01-01' ? i % 6 !== 5 : i % 3 === 0;
    rows.messages.push({
      id: demoId('resource-message', key),
      recipientId,
      title,
      body,
      requestId,
      createdAt,
      readAt: read ? hoursAfter(createdAt, 2 + (i % 20)) : null,
    });
  };

  for (const spec of REQUESTS) {
    n += 1;
    const key = `sdjx:${spec.key}`;
    const resource = byKey.get(`sdjx:${spec.resource}`)!;
    const requesterId = orgId(spec.requester);
    if (!isSchoolType(activeMember(spec.requester, 'sdjx').type) || resource.status !== ResourceStatus.PUBLISHED || resource.providerId === requesterId) {
      throw new Error(`demo request ${key}: a school asks for another unit's published resource`);
    }
    if (spec.period[0] < resource.periodStart || spec.period[1] > resource.periodEnd || spec.period[0] > spec.period[1])
      throw new Error(`demo request ${key}: period outside the resource's`);
    const createdAt = at(spec.created, hourOf(n), minuteOf(n));
    const decidedAt = spec.decided ? at(spec.decided, hourOf(n + 2), minuteOf(n + 2)) : null;
    const completedAt = spec.completed ? at(spec.completed[0], hourOf(n + 4), minuteOf(n + 4)) : null;
    if (createdAt < resource.publishedAt! || (decidedAt && decidedAt <= createdAt) || (completedAt && completedAt <= decidedAt!))
      throw new Error(`demo request ${key}: events out of order`);
    const status = spec.completed
      ? RequestStatus.COMPLETED
      : spec.rejected
        ? RequestStatus.REJECTED
        : decidedAt
          ? RequestStatus.APPROVED
          : RequestStatus.PENDING;
    if (status === RequestStatus.APPROVED || status === RequestStatus.COMPLETED) resource.reserved += spec.quantity;

    const request: ResourceRequest = {
      id: demoId('resource-request', key),
      resourceId: resource.id,
      groupId: resource.groupId,
      kind: resource.kind,
      providerId: resource.providerId,
      requesterId,
      quantity: spec.quantity,
      periodStart: spec.period[0],
      periodEnd: spec.period[1],
      purpose: spec.purpose,
      status,
      decisionReason: spec.rejected ?? null,
      outcomeParticipants: spec.completed?.[1] ?? null,
      outcomeHours: spec.completed?.[2] ?? null,
      outcomeNote: spec.completed?.[3] ?? null,
      createdAt,
      decidedAt,
      completedAt,
    };
    rows.requests.push(request);

    // The same words the request resolver writes.
    message(
      `${key}:received`,
      resource.providerId,
      `收到资源申请：${resource.title}`,
      `有成员单位申请「${resource.title}」（${KIND_LABEL[resource.kind]}）${spec.quantity} 个名额/单位，用途：${spec.purpose}`,
      request.id,
      createdAt,
    );
    if (decidedAt && spec.rejected)
      message(`${key}:decided`, requesterId, '资源申请未通过', `您的资源申请未获同意，原因：${spec.rejected}`, request.id, decidedAt);
    else if (decidedAt)
      message(`${key}:decided`, requesterId, '资源申请已同意', `您的资源申请（${spec.quantity} 个名额/单位）已获同意。`, request.id, decidedAt);
    if (completedAt)
      message(`${key}:completed`, resource.providerId, '资源使用已完成', `申请单位已登记完成：实际参与 ${spec.completed![1]} 人。`, request.id, completedAt);
  }

  for (const request of rows.requests) {
    const resource = rows.resources.find((r) => r.id === request.resourceId)!;
    // What was left when it was asked for: approvals decided before then.
    const left =
      resource.capacity -
      rows.requests
        .filter(
          (r) =>
            r.resourceId === resource.id && (r.status === RequestStatus.APPROVED || r.status === RequestStatus.COMPLETED) && r.decidedAt! < request.createdAt,
        )
        .reduce((sum, r) => sum + r.quantity, 0);
    if (request.quantity < 1 || request.quantity > left || resource.reserved > resource.capacity)
      throw new Error(`demo request ${request.id}: quantity ${request.quantity} over the ${left} left`);
  }

  for (const [year, ledgers] of Object.entries(LEDGERS)) {
    const seen = new Set<string>();
    ledgers.forEach(([recorder, partner, projectName, counts, yuan, recorded], i) => {
      n += 1;
      const recorderType = activeMember(recorder, 'sdjx').type;
      const { type: partnerType, uscc: partnerUscc } = activeMember(partner, 'sdjx');
      const pair = [recorder, partner].sort().join('+');
      if (seen.has(pair) || isSchoolType(recorderType) === isSchoolType(partnerType))
        throw new Error(`demo ledger ${year} ${pair}: a school with an enterprise, once a year`);
      seen.add(pair);
      const figures = Object.fromEntries(COUNT_FIELDS.map((field, j) => [field, counts[j]])) as Record<CountField, number>;
      const money = Object.fromEntries(MONEY_FIELDS.map((field, j) => [field, fen(yuan[j])])) as Record<MoneyField, number>;
      if (money.investmentReceived > money.investment || money.equipmentValue > money.investment)
        throw new Error(`demo ledger ${year} ${pair}: received or equipment over investment`);
      rows.cooperations.push({
        id: demoId('cooperation', `sdjx:${year}:${String(i + 1).padStart(2, '0')}`),
        groupId: groupId('sdjx'),
        organizationId: orgId(recorder),
        partnerId: orgId(partner),
        partnerUscc,
        year: Number(year),
        projectName,
        ...figures,
        ...enterpriseSide(figures),
        ...money,
        recordedBy: 'seed',
        updatedAt: at(recorded, hourOf(n), minuteOf(n)),
      });
    });
  }
  return rows;
}

const resourceId = (key: string) => demoId('resource', key);
const requestId = (key: string) => demoId('resource-request', key);

/** Ids tests and scripts can rely on. */
export const RESOURCES_DEMO = {
  groupId: groupId('sdjx'),
  /** 激光智能装备订单班: PUBLISHED, GROUP, capacity 40 with 12 reserved, provided by members' DEMO.memberOrgId (jnjgzb). */
  orderClassResourceId: resourceId('sdjx:01'),
  orderClassProviderId: orgId('jnjgzb'),
  /** 汽车装备生产线跟岗实习: PUBLISHED, PUBLIC, capacity 50 with 25 reserved. */
  publicResourceId: resourceId('sdjx:11'),
  draftResourceId: resourceId('sdjx:04'),
  withdrawnResourceId: resourceId('sdjx:10'),
  /** On jnjgzb's laser cutter: PENDING from 山东示范机电职业技术学院 (sdjdzy). */
  pendingRequestId: requestId('sdjx:31'),
  /** On jnjgzb's laser cutter: APPROVED for members' DEMO.schoolOrgId (jnzy), which may complete it. */
  approvedRequestId: requestId('sdjx:16'),
};

/** Fills an empty resources database with the demo data; false (and nothing written) when any resource exists. */
export function seedDemo(db: DataSource): Promise<boolean> {
  return seedOnce(db, SharedResource, () => {
    const rows = buildRows();
    return [
      [SharedResource, rows.resources],
      [ResourceRequest, rows.requests],
      [Message, rows.messages],
      [Cooperation, rows.cooperations],
    ];
  });
}
