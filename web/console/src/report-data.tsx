import { gql } from './api';

/** The template families a report is filled in. */
const TEMPLATES: [string, string][] = [
  ['NATIONAL', '全国平台（国家模板）'],
  ['SHANDONG', '山东省平台（省级模板）'],
];

export const TemplatePicker = ({ value, onChange }: { value: string; onChange: (family: string) => void }) => (
  <label>
    模板
    <select name="template" value={value} onChange={(e) => onChange(e.target.value)}>
      {TEMPLATES.map(([code, label]) => (
        <option key={code} value={code}>
          {label}
        </option>
      ))}
    </select>
  </label>
);

export interface Issue {
  field: string;
  label: string;
  message: string;
}
export interface DrillDown {
  section: string;
  figure: string;
  definition: string;
  formula: string;
  ledger: string | null;
  rowCount: number | null;
  column: string | null;
  rowSelection: string | null;
  query: string | null;
  variables: string | null;
  derivedFrom: string[];
}
export interface Field {
  code: string;
  label: string;
  unit: string;
  source: string;
  value: string | null;
  unreported: string | null;
  drillDown: DrillDown | null;
}
export interface Completeness {
  round: boolean;
  expected: number;
  approved: number;
  missing: number;
  complete: boolean;
  gapConfirmed: boolean;
  byCategory: { category: string; expected: number; approved: number; missing: number }[];
  missingUnits: { organizationId: string; name: string | null; category: string; status: string }[];
  confirmation: { reason: string; confirmedBy: string; confirmedAt: string; holds: boolean; uncovered: number } | null;
}
export interface Filled {
  template: { code: string; platform: string; target: string; verified: boolean; chosenBecause: string | null; note: string | null };
  fields: Field[];
  errors: Issue[];
  warnings: Issue[];
  blocked: boolean;
  note: string | null;
  baseline: { kind: string; year: number; version: number | null } | null;
  completeness: Completeness | null;
}

const COMPLETENESS = `round expected approved missing complete gapConfirmed byCategory { category expected approved missing }
  missingUnits { organizationId name category status } confirmation { reason confirmedBy confirmedAt holds uncovered }`;

const FILLED = `query($g: ID!, $y: Int!, $t: String!) { annualReport(groupId: $g, year: $y) { id filled(template: $t) {
  template { code platform target verified chosenBecause note }
  fields { code label unit source value unreported
    drillDown { section figure definition formula ledger rowCount column rowSelection query variables derivedFrom } }
  errors { field label message } warnings { field label message } blocked note
  baseline { kind year version }
  completeness { ${COMPLETENESS} }
} } }`;

/** The report filled in a template family, as the hub computes it now. */
export const loadFilled = async (groupId: string, year: number, template: string) =>
  (await gql<{ annualReport: { filled: Filled } | null }>(FILLED, { g: groupId, y: year, t: template })).annualReport?.filled ?? null;

/** The report's sections (the drill-down's `section`), in Chinese. */
export const SECTIONS: Record<string, string> = {
  membership: '成员情况',
  sharing: '资源共享与校企合作',
  training: '培训与鉴定',
  revenue: '社会服务到账',
  activities: '会议与活动',
  competitions: '技能大赛',
  returns: '成员年报汇总',
  indicators: '派生指标',
};
