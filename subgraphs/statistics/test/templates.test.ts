import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectEach } from '@zjjt/kit/testing';
import { assemble, fillTemplate } from '../src/templates/fill';
import { loadTemplates, templatesDir } from '../src/templates/loader';
import { evaluate } from '../src/templates/rules';
import { readPath, returnCategoriesOf, returnFiguresOf } from '../src/templates/catalog';
import { SOURCE_REGISTRY } from '../src/templates/sources';
import { unreportedBecause } from '../src/templates/unreported';
import { computeIndicators, unitFigures } from '../src/report/report.resolver';

describe('the rule engine', () => {
  it('reports every blocking error and warning at once', () => {
    const { errors, warnings } = evaluate([
      { code: 'graduates', label: '毕业生数', value: 100, rules: [{ kind: 'integer' }] },
      { code: 'employed', label: '就业人数', value: 120, rules: [{ kind: 'notAbove', field: 'graduates' }] },
      { code: 'students', label: '在校生数', value: -3, rules: [{ kind: 'nonNegative' }, { kind: 'integer' }] },
      { code: 'rate', label: '就业率', value: 101, rules: [{ kind: 'percentage' }] },
      { code: 'ratio', label: '培训人次/在校生', value: 45, rules: [{ kind: 'range', max: 20 }] },
      { code: 'teachers', label: '专任教师数', value: null, rules: [{ kind: 'required' }] },
    ]);
    expect(errors.map((e) => e.field)).toEqual(['employed', 'students', 'rate', 'teachers']);
    expect(errors[0].message).toBe('「就业人数」(120) 不能大于「毕业生数」(100)（employed above graduates）：请核对这两项');
    expect(warnings.map((w) => w.field)).toEqual(['ratio']);
  });
});

describe('templates', () => {
  it('loads the national and provincial templates, unverified', () => {
    const templates = loadTemplates(templatesDir());
    expect([...templates.keys()].sort()).toEqual(['NATIONAL_2023', 'NATIONAL_2025', 'SHANDONG_2025']);
    expectEach([...templates.values()], (t) => t.verified === false);
  });

  it('refuses a template that references a field that does not exist, naming it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-templates-'));
    const template = JSON.parse(fs.readFileSync(path.join(templatesDir(), 'NATIONAL_2025.json'), 'utf8'));
    template.fields[3].source = 'training.studentsTrained';
    fs.writeFileSync(path.join(dir, 'BROKEN.json'), JSON.stringify(template));
    expect(() => loadTemplates(dir)).toThrow(`模板 NATIONAL_2025 字段 JT0104（其中：500强企业）引用了不存在的数据项「training.studentsTrained」`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fills money as 万元 from exact yuan and reads lists by key', () => {
    const template = loadTemplates(templatesDir()).get('NATIONAL_2025')!;
    const data = {
      membership: { total: 10, enterprises: 6, aboveDesignatedSize: 2, fortune500: 0, schools: 3 },
      sharing: { investment: '1234567.89', investmentReceived: '1200000.00', equipmentValue: '5000.00', serviceIncome: '0.00' },
      training: { personTimes: 900, revenue: '55555.55', candidates: 20, passed: 18, byCategory: [{ category: 'EMPLOYEE_SKILLS', personTimes: 700 }] },
      returns: {},
      indicators: { enterpriseSharePercent: 60 },
    };
    const filled = fillTemplate(template, data);
    const value = (code: string) => filled.fields.find((f) => f.code === code)!.value;
    expect(value('JT0210')).toBe('123.46');
    expect(value('JT0303')).toBe('5.56');
    expect(value('JT0302')).toBe('700');
    expect(value('JT0106')).toBe('60.00'); // an indicator keeps two decimals, as annualReport.indicators answers it;
    expect(filled.blocked).toBe(true); // the returns are missing
    expect(filled.errors.some((e) => e.field === 'JT0401' && /必须填写/.test(e.message))).toBe(true);
    expect(readPath(data, 'training.byCategory.TEACHER_TRAINING.personTimes')).toBe(0);
  });

  it('warns when a figure moved more than its year-on-year limit from last year’s accepted value', () => {
    const template = loadTemplates(templatesDir()).get('NATIONAL_2025')!;
    const data = { membership: { total: 10 }, training: { personTimes: 1000, socialPersonTimes: 900 }, sharing: {}, returns: {}, indicators: {} };
    const filled = fillTemplate(template, data, {
      baseline: {
        kind: 'SUBMISSION',
        year: 2024,
        version: 1,
        values: new Map([
          ['JT0301', 500],
          ['JT0101', 9],
        ]),
      },
    });
    expect(filled.warnings.filter((w) => w.field === 'JT0301').map((w) => w.message)).toEqual([
      '「社会培训」为 900，比2024 年已报送（第 1 版）的 500 增加 80%，超过 50%，请核实（JT0301 year-on-year change）',
    ]);
    expect(filled.baseline).toEqual({ kind: 'SUBMISSION', year: 2024, version: 1 });
    expect(filled.warnings.some((w) => w.field === 'JT0101')).toBe(false);
  });
});

describe('unknown is not zero', () => {
  const unreportedPassed = {
    figure: 'passed',
    affects: ['passed', 'byLevel.LEVEL_4.passed'],
    rows: [{ code: 'JD2025-02' }, { code: 'JD2025-07' }],
    count: 2,
    message: '「通过人数」未填报：鉴定批次 JD2025-02、JD2025-07 共 2 行缺少通过人数，依赖它的数字按未填报（空）计',
  };
  const data = {
    membership: { total: 10, enterprises: 6, aboveDesignatedSize: 2, fortune500: 0, schools: 3 },
    sharing: {},
    training: { personTimes: 900, socialPersonTimes: 700, inSchoolPersonTimes: 200, candidates: 20, passed: null, unreported: [unreportedPassed] },
    returns: {},
    indicators: { passRatePercent: null },
  };

  it('blocks a required field whose ledger rows lack the value, naming them; warns for a field that is not required', () => {
    const filled = fillTemplate(loadTemplates(templatesDir()).get('NATIONAL_2025')!, data);
    const passed = filled.errors.filter((e) => e.field === 'JT0305');
    expect(passed).toEqual([
      {
        field: 'JT0305',
        label: '技能鉴定通过人数',
        message: `「技能鉴定通过人数」必须填写，但台账未填报（JT0305 required, not in the ledgers）：${unreportedPassed.message}`,
      },
    ]);
    expect(filled.fields.find((f) => f.code === 'JT0503')).toMatchObject({ value: null, unreported: unreportedPassed.message });
    expect(filled.fields.find((f) => f.code === 'JT0401')).toMatchObject({ value: null, unreported: null });
    expect(filled.warnings.filter((w) => w.field === 'JT0503')).toEqual([
      { field: 'JT0503', label: '鉴定通过率', message: `「鉴定通过率」未填报，台账缺值，按空报送（JT0503 not in the ledgers）：${unreportedPassed.message}` },
    ]);
    expect(filled.blocked).toBe(true);
    // A field empty for another reason keeps its plain message.
    expect(filled.errors.find((e) => e.field === 'JT0401')!.message).toBe('「在校生数」必须填写（JT0401 required）');
    const shandong = fillTemplate(loadTemplates(templatesDir()).get('SHANDONG_2025')!, data);
    expect(shandong.errors.filter((e) => e.field === 'SD08').map((e) => e.message)).toEqual([
      `「职业技能等级认定通过人数」必须填写，但台账未填报（SD08 required, not in the ledgers）：${unreportedPassed.message}`,
    ]);
  });

  it('reports 社会培训 without the in-school students’ certificate training, nationally and in Shandong', () => {
    const national = fillTemplate(loadTemplates(templatesDir()).get('NATIONAL_2025')!, data);
    expect(national.fields.find((f) => f.code === 'JT0301')).toMatchObject({ label: '社会培训', source: 'training.socialPersonTimes', value: '700' });
    const shandong = fillTemplate(loadTemplates(templatesDir()).get('SHANDONG_2025')!, {
      ...data,
      training: { ...data.training, distinctPersons: 650, socialDistinctPersons: 500 },
    });
    const value = (code: string) => shandong.fields.find((f) => f.code === code)!.value;
    expect([value('SD05'), value('SD06')]).toEqual(['700', '500']);
  });

  it('gives the same issues from the field values and their reasons alone, as a freeze reassembles them', () => {
    const template = loadTemplates(templatesDir()).get('NATIONAL_2025')!;
    const filled = fillTemplate(template, data);
    const again = assemble(
      template,
      filled.fields.map((f) => f.value),
      { unreported: filled.fields.map((f) => f.unreported) },
    );
    expect(again.errors).toEqual(filled.errors);
    expect(again.warnings).toEqual(filled.warnings);
    expect(again.errors.some((e) => e.field === 'JT0305' && e.message.includes('JD2025-02'))).toBe(true);
  });
});

describe('what an indicator derives from is said once, in the drill-down registry', () => {
  it('培训人次/在校生 divides social training; 师均社会服务到账 the revenue ledger; both read the returns they need from the registry', () => {
    expect(SOURCE_REGISTRY['indicators.trainingPerStudent'].derivedFrom).toEqual(['training.socialPersonTimes', 'returns.enrolledStudents']);
    expect(SOURCE_REGISTRY['indicators.serviceIncomePerTeacherWan'].derivedFrom).toEqual(['revenue.total', 'returns.fullTimeTeachers']);
    expect(returnFiguresOf('indicators.trainingPerStudent')).toEqual(['enrolledStudents']);
    expect(returnFiguresOf('indicators.serviceIncomePerTeacherWan')).toEqual(['fullTimeTeachers']);
    expect(returnFiguresOf('indicators.employmentRatePercent').sort()).toEqual(['employedGraduates', 'graduates']);
    expect(returnCategoriesOf('indicators.passRatePercent')).toEqual([]);
    expect(returnCategoriesOf('returns.employees')).toEqual(['ENTERPRISE']);
  });

  it('an indicator is unreported when the social person-times it divides are, not when all person-times are', () => {
    const unreportedSocial = { figure: 'socialPersonTimes', affects: ['socialPersonTimes'], message: '「社会培训人次」未填报' };
    const data = { training: { personTimes: 900, socialPersonTimes: null, unreported: [unreportedSocial] }, returns: {} };
    expect(unreportedBecause(data, 'indicators.trainingPerStudent')).toBe('「社会培训人次」未填报');
    const onlyAll = { training: { personTimes: null, socialPersonTimes: 700, unreported: [{ ...unreportedSocial, affects: ['personTimes'] }] }, returns: {} };
    expect(unreportedBecause(onlyAll, 'indicators.trainingPerStudent')).toBeNull();
  });
});

describe('the indicators, for the group and a unit, by one formula', () => {
  const returns = { enrolledStudents: 1000, fullTimeTeachers: 400, graduates: 500, employedGraduates: 480, employedInField: 384, certifiedGraduates: 450 };

  it('师均社会服务到账 is null when nothing was recorded in the revenue ledger (not reported), exact in 万元 otherwise', () => {
    const training = { socialPersonTimes: 2000, passed: 8, candidates: 10 };
    expect(computeIndicators({ training, revenue: { total: null } }, returns).serviceIncomePerTeacherWan).toBeNull();
    expect(computeIndicators({ training, revenue: { total: '4000000.00' } }, returns)).toMatchObject({
      serviceIncomePerTeacherWan: 1, // 400 万元 / 400 teachers
      trainingPerStudent: 2,
      employmentRatePercent: 96,
      employedInFieldPercent: 80,
      certificateRatePercent: 90,
      coBuiltSpecialtyPercent: null, // no 开设专业数: not reported
    });
  });

  it('a unit: its own ledger share and return; 0 revenue when the group recorded some but none for it, null when the group recorded none', () => {
    const report = {
      groupId: 'g',
      year: 2025,
      training: { byOrganization: [{ organizationId: 'a', personTimes: 900, socialPersonTimes: 600, revenue: '0.00' }] } as never,
      revenue: { entries: 1, total: '100.00', bySource: [], byOrganization: [{ organizationId: 'b', amount: '100.00' }] },
    };
    const unit = { ...Object.fromEntries(Object.keys(returns).map((k) => [k, null])), ...returns } as never;
    const a = unitFigures(report, unit, 'a');
    expect(a.training).toEqual({ personTimes: 900, socialPersonTimes: 600 });
    expect(a.revenue.total).toBe('0');
    expect(a.indicators).toMatchObject({ trainingPerStudent: 0.6, serviceIncomePerTeacherWan: 0 });
    const none = unitFigures({ ...report, revenue: { ...report.revenue, total: null } }, unit, 'a');
    expect(none.indicators.serviceIncomePerTeacherWan).toBeNull();
    // No approved return: every return figure and the indicators over them are not reported.
    expect(unitFigures(report, undefined, 'a').indicators).toMatchObject({ trainingPerStudent: null, employmentRatePercent: null });
  });
});
