import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectEach } from '@zjjt/kit/testing';
import { KNOWN_SOURCES } from '../src/templates/catalog';
import { reportFieldsMarkdown } from '../src/templates/fields-doc';
import { loadTemplates, templatesDir } from '../src/templates/loader';
import { drillDown, LEDGERS, SOURCE_REGISTRY } from '../src/templates/sources';
import { appliesUntil, chooseTemplate } from '../src/templates/versions';

const all = loadTemplates(templatesDir());
const national2025 = () => JSON.parse(fs.readFileSync(path.join(templatesDir(), 'NATIONAL_2025.json'), 'utf8'));

/** Loads the given template files from a folder of their own. */
function loadOnly(files: Record<string, unknown>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-versions-'));
  try {
    for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), JSON.stringify(data));
    return loadTemplates(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('templates versioned by report year', () => {
  it('chooses the version of the year, or the latest earlier one, and says why', () => {
    const chosen = (code: string, year: number) => {
      const c = chooseTemplate(code, year, all);
      return [c.template.code, c.chosenBecause];
    };
    expect(chosen('NATIONAL', 2023)).toEqual([
      'NATIONAL_2023',
      '按模板族 NATIONAL 选择：NATIONAL_2023 是模板族 NATIONAL 为 2023 年度制定的版本（适用于 2023–2024 年度）',
    ]);
    expect(chosen('NATIONAL', 2024)).toEqual([
      'NATIONAL_2023',
      '按模板族 NATIONAL 选择：模板族 NATIONAL 没有 2024 年度的版本，沿用此前最近的版本 NATIONAL_2023（适用于 2023–2024 年度）',
    ]);
    expect(chosen('NATIONAL', 2025)[0]).toBe('NATIONAL_2025');
    expect(chosen('NATIONAL', 2027)).toEqual([
      'NATIONAL_2025',
      '按模板族 NATIONAL 选择：模板族 NATIONAL 没有 2027 年度的版本，沿用此前最近的版本 NATIONAL_2025（自 2025 年度起适用，是该模板族的最新版本）',
    ]);
    expect(chosen('NATIONAL_2025', 2026)[1]).toMatch(/^按请求的版本 NATIONAL_2025：/);
    expect(chosen('SHANDONG', 2025)[0]).toBe('SHANDONG_2025');
    expect(appliesUntil(all.get('NATIONAL_2023')!, all)).toBe(2024);
    expect(appliesUntil(all.get('NATIONAL_2025')!, all)).toBeNull();
  });

  it('refuses a year before the family’s first version and a version that does not apply to the year', () => {
    expect(() => chooseTemplate('NATIONAL', 2020, all)).toThrow(
      '模板族 NATIONAL 最早的版本 NATIONAL_2023 自 2023 年度起适用，没有适用于 2020 年度的版本 (no template version for the year)',
    );
    expect(() => chooseTemplate('NATIONAL_2025', 2020, all)).toThrow('没有适用于 2020 年度的版本');
    expect(() => chooseTemplate('NATIONAL_2025', 2024, all)).toThrow(
      '模板 NATIONAL_2025 不适用于 2024 年度 (template version does not apply to the year)：2024 年度适用 NATIONAL_2023（自 2023 年度起）；请改用 NATIONAL_2023，或用模板族 NATIONAL 自动选择',
    );
    expect(() => chooseTemplate('NATIONAL_2023', 2025, all)).toThrow('模板 NATIONAL_2023 不适用于 2025 年度');
    expect(() => chooseTemplate('SHANDONG_2025', 2024, all)).toThrow('模板族 SHANDONG 最早的版本 SHANDONG_2025 自 2025 年度起适用');
    expect(() => chooseTemplate('NATIONAL_2024', 2024, all)).toThrow('没有模板 NATIONAL_2024 (unknown template)；可用模板族：NATIONAL、SHANDONG');
  });

  it('keeps the codes across versions, the earlier one with fewer fields', () => {
    const older = all.get('NATIONAL_2023')!.fields.map((f) => f.code);
    const newer = all.get('NATIONAL_2025')!.fields.map((f) => f.code);
    expect(older.length).toBeLessThan(newer.length);
    expectEach(older, (code) => newer.includes(code), older.length);
  });

  it('gives a field code one meaning in every version of a family (year-on-year compares by code)', () => {
    const byCode = new Map<string, Set<string>>();
    for (const t of all.values())
      for (const f of t.fields) byCode.set(`${t.family}.${f.code}`, (byCode.get(`${t.family}.${f.code}`) ?? new Set()).add(f.source));
    expectEach([...byCode.entries()], ([, sources]) => sources.size === 1, byCode.size);
  });

  it('records where every field list came from, and verified only with who checked it and when', () => {
    expectEach([...all.values()], (t) => Boolean(t.provenance.document) && /^\d{4}-\d{2}-\d{2}$/.test(t.provenance.date), 3);
    const noProvenance = { ...national2025(), provenance: undefined };
    expect(() => loadOnly({ 'N.json': noProvenance })).toThrow('provenance.document and provenance.date (YYYY-MM-DD) are required');
    const verifiedUnchecked = { ...national2025(), verified: true };
    expect(() => loadOnly({ 'N.json': verifiedUnchecked })).toThrow('verified must be true exactly when provenance.checked says who checked it and when');
    const checked = { ...national2025(), verified: true, provenance: { ...national2025().provenance, checked: { by: '秘书处 王某', on: '2026-03-01' } } };
    expect(loadOnly({ 'N.json': checked }).get('NATIONAL_2025')!.verified).toBe(true);
  });

  it('adding a year is adding a file; two versions of a family starting the same year are refused', () => {
    const next = { ...national2025(), code: 'NATIONAL_2027', appliesFrom: 2027 };
    const loaded = loadOnly({ 'NATIONAL_2025.json': national2025(), 'NATIONAL_2027.json': next });
    expect(chooseTemplate('NATIONAL', 2026, loaded).template.code).toBe('NATIONAL_2025');
    expect(chooseTemplate('NATIONAL', 2028, loaded).template.code).toBe('NATIONAL_2027');
    const clash = { ...national2025(), code: 'NATIONAL_2025B' };
    expect(() => loadOnly({ 'A.json': national2025(), 'B.json': clash })).toThrow('模板族 NATIONAL: two versions apply from the same year');
  });
});

describe('the drill-down registry', () => {
  it('has an entry for every source a template may name, each with a definition, a formula and a ledger or inputs', () => {
    const sources = [...KNOWN_SOURCES];
    expect(sources.filter((s) => !SOURCE_REGISTRY[s])).toEqual([]);
    expectEach(
      sources,
      (s) => {
        const e = SOURCE_REGISTRY[s];
        return (
          Boolean(e.definition && e.formula) &&
          (e.ledger ? e.ledger in LEDGERS && Boolean(e.rows) : (e.derivedFrom ?? []).every((d) => KNOWN_SOURCES.has(d)) && e.derivedFrom!.length > 0)
        );
      },
      KNOWN_SOURCES.size,
    );
    expect(Object.keys(SOURCE_REGISTRY).filter((s) => !KNOWN_SOURCES.has(s))).toEqual([]);
  });

  it('makes a field’s drill-down concrete: rows counted by the owning subgraph, a query with variables', () => {
    const data = { training: { sessions: 12, personTimes: 900, byCategory: [{ category: 'EMPLOYEE_SKILLS', personTimes: 700, sessions: 5 }] } };
    const d = drillDown('training.byCategory.EMPLOYEE_SKILLS.personTimes', 700, data, 'g-1', 2025);
    expect(d).toMatchObject({
      section: 'training',
      figure: 'byCategory.EMPLOYEE_SKILLS.personTimes',
      ledger: '培训班次台账 (trainingSessions)',
      rowCount: 5,
      column: 'personTimes',
    });
    expect(JSON.parse(d.variables!)).toEqual({ filter: { groupId: 'g-1', year: 2025, category: 'EMPLOYEE_SKILLS' }, first: 100 });
    expect(d.query).toContain('trainingSessions(filter: $filter, first: $first, after: $after)');
    expect(drillDown('training.personTimes', 900, data, 'g-1', 2025).rowCount).toBe(12);
    expect(drillDown('indicators.passRatePercent', 90, data, 'g-1', 2025)).toMatchObject({
      ledger: null,
      rowCount: null,
      query: null,
      derivedFrom: ['training.passed', 'training.candidates'],
    });
  });
});

describe('docs/report-fields.md', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'report-fields.md'), 'utf8');

  it('lists every field of every template with its definition and source', () => {
    const rows = [...all.values()].flatMap((t) => t.fields.map((f) => ({ t, f })));
    expectEach(
      rows,
      ({ f }) => doc.includes(`| ${f.code} | ${f.label} | ${f.unit} | ${SOURCE_REGISTRY[f.source].definition} | \`${f.source}\` |`),
      rows.length,
    );
  });

  it('is what npm run report-fields writes from the templates and the registry', () => {
    expect(doc).toBe(reportFieldsMarkdown(all));
  });
});
