import { expectEach } from '@zjjt/kit/testing';
import type { ReportCompleteness } from '../src/collection/completeness';
import { assemble, completenessErrors } from '../src/templates/fill';
import { ReportTemplateData } from '../src/templates/loader';

const template: ReportTemplateData = {
  code: 'TEST_2025',
  family: 'TEST',
  platform: '测试平台',
  target: 'national',
  appliesFrom: 2025,
  year: 2025,
  version: 1,
  verified: false,
  provenance: { document: '单元测试用模板', date: '2025-01-01', checked: null },
  fields: [
    { code: 'F1', label: '成员单位总数', unit: '个', source: 'membership.total', rules: [] },
    { code: 'F2', label: '在校生数', unit: '人', source: 'returns.enrolledStudents', rules: [] },
    { code: 'F3', label: '企业职工数', unit: '人', source: 'returns.employees', rules: [] },
    { code: 'F4', label: '毕业生就业率', unit: '%', source: 'indicators.employmentRatePercent', rules: [] },
    { code: 'F5', label: '鉴定通过率', unit: '%', source: 'indicators.passRatePercent', rules: [] },
  ],
};

const schools = Array.from({ length: 12 }, (_, i) => ({
  organizationId: `org-school-${i}`,
  name: `学校${i + 1}`,
  category: 'SCHOOL' as const,
  status: '草稿',
}));

function completeness(over: Partial<ReportCompleteness> = {}): ReportCompleteness {
  return {
    round: true,
    expected: 20,
    approved: 8,
    missing: 12,
    complete: false,
    byCategory: [
      { category: 'SCHOOL', expected: 15, approved: 3, missing: 12 },
      { category: 'ENTERPRISE', expected: 5, approved: 5, missing: 0 },
    ],
    missingUnits: schools,
    confirmation: null,
    gapConfirmed: false,
    ...over,
  };
}

describe('completeness of the returns behind a filled template', () => {
  it('blocks only the fields computed from returns of the unit types with missing returns, naming at most 10 units and the count', () => {
    const errors = completenessErrors(template, completeness());
    expect(errors.map((e) => e.field)).toEqual(['F2', 'F4']);
    expectEach(
      errors,
      (e) => e.message.includes('院校应报 15 家、缺 12 家的年报未审核通过（returns missing）：学校1、学校2') && e.message.endsWith('（confirmReturnGaps）'),
    );
    expect(errors[0].message).toContain('学校10 等 12 家');
    expect(errors[0].message).not.toContain('学校11');
  });

  it('names no unit a viewer may not see, and still gives the count', () => {
    const [error] = completenessErrors(template, completeness({ missingUnits: [] }));
    expect(error.message).toBe(
      '「在校生数」由院校年报汇总，院校应报 15 家、缺 12 家的年报未审核通过（returns missing）。请催报并审核通过，或由秘书处确认缺报并说明理由（confirmReturnGaps）',
    );
  });

  it('a confirmed gap blocks nothing and becomes the note; a complete report needs none', () => {
    const confirmation = {
      id: 'gap-1',
      groupId: 'group-1',
      year: 2025,
      reason: '12 所学校未报，已催报三次',
      expected: 20,
      approved: 8,
      missingUnitIds: '[]',
      confirmedBy: 'sec-1',
      confirmedAt: '2026-03-01T00:00:00.000Z',
      missing: 12,
      holds: true,
      uncovered: 0,
    };
    const confirmed = assemble(template, ['20', '9000', '100', '95', '90'], { completeness: completeness({ confirmation, gapConfirmed: true }) });
    expect(confirmed).toMatchObject({ errors: [], blocked: false, note: '12 所学校未报，已催报三次' });
    const lapsed = assemble(template, ['20', '9000', '100', '95', '90'], {
      completeness: completeness({ confirmation: { ...confirmation, holds: false, uncovered: 1 } }),
    });
    expect(lapsed).toMatchObject({ blocked: true, note: null });
    expect(lapsed.errors.map((e) => e.field)).toEqual(['F2', 'F4']);
    const complete = completeness({
      approved: 20,
      missing: 0,
      complete: true,
      missingUnits: [],
      byCategory: [{ category: 'SCHOOL', expected: 20, approved: 20, missing: 0 }],
    });
    expect(assemble(template, ['20', '9000', '100', '95', '90'], { completeness: complete })).toMatchObject({ errors: [], note: null });
  });
});
