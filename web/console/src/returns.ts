/** The figures of an annual return (成员年报), in the order of the form. */
export const RETURN_FIGURES: [string, string][] = [
  ['enrolledStudents', '在校生数'],
  ['fullTimeTeachers', '专任教师数'],
  ['dualQualifiedTeachers', '双师型教师数'],
  ['graduates', '毕业生数'],
  ['employedGraduates', '就业人数'],
  ['employees', '企业职工数'],
  ['specialties', '开设专业数'],
  ['internsReceived', '接收实习学生数'],
  ['admissions', '招生数'],
  ['employedInGroup', '集团内企业就业人数'],
  ['employedInField', '对口就业人数'],
  ['certifiedGraduates', '获证毕业生数'],
  ['coBuiltSpecialties', '校企共建专业数'],
  ['industrialColleges', '产业学院数'],
  ['coDevelopedCourses', '校企共同开发课程数'],
  ['coDevelopedTextbooks', '校企共同开发教材数'],
  ['staffPracticeReceived', '接收企业员工实践人次'],
];

export const RETURN_FIELDS = `id status reviewComment submittedAt reviewedBy reviewedAt updatedAt ${RETURN_FIGURES.map(([key]) => key).join(' ')}`;

/** A draft with no figure yet is shown as not started (未填写). */
export const returnState = (r: Record<string, unknown>) =>
  r.status === 'DRAFT' && RETURN_FIGURES.every(([key]) => r[key] === null || r[key] === undefined) ? 'NOT_STARTED' : String(r.status);
