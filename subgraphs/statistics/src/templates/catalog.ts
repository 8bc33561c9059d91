import { UnitCategory } from '@zjjt/kit';
import { RETURN_FIGURE_CATEGORIES, RETURN_FIGURES, ReturnFigure } from '../collection/collection.entity';
import { AwardLevel, MeetingKind, ProgramCategory, RevenueSource } from '../report/sections';
import { SOURCE_REGISTRY } from './sources';

/** Figures a template may use, by section; money fields are exact yuan text. */
const SECTIONS: Record<string, string[]> = {
  membership: ['total', 'enterprises', 'aboveDesignatedSize', 'fortune500', 'schools', 'joined', 'exited'],
  sharing: [
    'cooperations',
    'orderClassStudents',
    'apprentices',
    'mutualTeachers',
    'mutualTeachingHours',
    // 企业兼职教师: enterprise staff teaching in schools only (mutualTeachers counts both directions).
    'enterpriseTeachers',
    'enterpriseTeachingHours',
    'teacherPracticePersonTimes',
    'teacherPracticeDays',
    'coCourses',
    'coTextbooks',
    'coBases',
    'patents',
    'certificates1X',
    'investment',
    'investmentReceived',
    'equipmentValue',
    'serviceIncome',
  ],
  training: [
    'personTimes',
    'socialPersonTimes',
    'inSchoolPersonTimes',
    'distinctPersons',
    'socialDistinctPersons',
    'sessions',
    'hours',
    'revenue',
    'candidates',
    'passed',
    ...Object.values(ProgramCategory).map((c) => `byCategory.${c}.personTimes`),
  ],
  revenue: ['total', ...Object.values(RevenueSource).map((source) => `bySource.${source}.amount`)],
  activities: ['meetings', ...Object.values(MeetingKind).map((kind) => `meetingsByKind.${kind}.count`)],
  competitions: ['competitions', 'organized', 'hosted', 'awards', ...Object.values(AwardLevel).map((level) => `awardsByLevel.${level}.count`)],
  returns: ['approved', 'expected', ...Object.keys(RETURN_FIGURES)],
  indicators: [
    'trainingPerStudent',
    'serviceIncomePerTeacherWan',
    'enterpriseSharePercent',
    'employmentRatePercent',
    'passRatePercent',
    'employedInFieldPercent',
    'employedInGroupPercent',
    'coBuiltSpecialtyPercent',
    'certificateRatePercent',
  ],
};

/**
 * The annual-return figures a source is computed from: `returns.*`, and the indicators over them (the registry's derivedFrom). Such a
 * field is blocked while returns of the figures' unit types are missing (RETURN_FIGURE_CATEGORIES), unless
 * the secretariat has confirmed the gap.
 */
export function returnFiguresOf(source: string): ReturnFigure[] {
  const [section, figure] = source.split('.');
  if (section === 'returns') return figure in RETURN_FIGURES ? [figure as ReturnFigure] : [];
  // An indicator: the return figures among what the drill-down registry says it derives from (read at call time: the registry imports this module).
  return [...new Set((SOURCE_REGISTRY[source]?.derivedFrom ?? []).flatMap(returnFiguresOf))];
}

/** The unit categories whose returns a source needs (none for a source not computed from returns). */
export function returnCategoriesOf(source: string): UnitCategory[] {
  return [...new Set(returnFiguresOf(source).flatMap((f) => RETURN_FIGURE_CATEGORIES[f]))];
}

/** Every source path a template field may name. */
export const KNOWN_SOURCES = new Set(Object.entries(SECTIONS).flatMap(([section, fields]) => fields.map((f) => `${section}.${f}`)));

/** Money sources (yuan text) — a 万元 field converts them exactly. */
export const MONEY_SOURCES = new Set([
  'sharing.investment',
  'sharing.investmentReceived',
  'sharing.equipmentValue',
  'sharing.serviceIncome',
  'training.revenue',
  'revenue.total',
  ...Object.values(RevenueSource).map((source) => `revenue.bySource.${source}.amount`),
]);

/**
 * Reads a path from the report's data; a list is entered by the value of its items' key field
 * (`training.byCategory.EMPLOYEE_SKILLS.personTimes`). Undefined when the data is not there.
 */
export function readPath(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const segment of path.split('.')) {
    if (current === null || current === undefined) return undefined;
    if (Array.isArray(current)) {
      current = current.find((item) => Object.values(item as object).includes(segment));
      if (current === undefined) return 0; // no row for this key: nothing happened, which counts as 0
    } else current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
