import { RETURN_FIGURES } from '../collection/collection.entity';
import { ProgramCategory } from '../report/sections';

/** Figures a template may use, by section; money fields are exact yuan text. */
const SECTIONS: Record<string, string[]> = {
  membership: ['total', 'enterprises', 'aboveDesignatedSize', 'fortune500', 'schools', 'joined', 'exited'],
  sharing: [
    'cooperations',
    'orderClassStudents',
    'apprentices',
    'mutualTeachers',
    'mutualTeachingHours',
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
  returns: ['approved', 'expected', ...Object.keys(RETURN_FIGURES)],
  indicators: ['trainingPerStudent', 'serviceIncomePerTeacherWan', 'enterpriseSharePercent', 'employmentRatePercent', 'passRatePercent'],
};

/** Every source path a template field may name. */
export const KNOWN_SOURCES = new Set(Object.entries(SECTIONS).flatMap(([section, fields]) => fields.map((f) => `${section}.${f}`)));

/** Money sources (yuan text) — a 万元 field converts them exactly. */
export const MONEY_SOURCES = new Set([
  'sharing.investment',
  'sharing.investmentReceived',
  'sharing.equipmentValue',
  'sharing.serviceIncome',
  'training.revenue',
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
