/** The GraphQL documents the bench measures. */

export const MEMBER_PAGE = /* GraphQL */ `
  query MemberPage($groupId: ID!) {
    group(id: $groupId) {
      members(first: 50, orderBy: { field: ROLE }) {
        totalCount
        edges {
          node {
            id role status joinedOn councilTerm { number }
            organization { id name uscc type region industry aboveDesignatedSize memberships { role status joinedOn group { name } } }
          }
        }
      }
    }
  }
`;

export const RESOURCE_PAGE = /* GraphQL */ `
  query ResourcePage {
    resources(first: 50) {
      totalCount
      edges { node { id kind title capacity capacityLeft periodStart periodEnd visibility provider { id name type region } } }
    }
  }
`;

export const MEMBERS_WITH_RESOURCES = /* GraphQL */ `
  query MembersWithResources($groupId: ID!) {
    group(id: $groupId) {
      members(first: 50, orderBy: { field: ROLE }) {
        edges { node { id role organization { id name type resources { id kind title capacityLeft } } } }
      }
    }
  }
`;

export const LEDGER_TOTALS = /* GraphQL */ `
  query LedgerTotals($baseId: ID!, $year: Int!) {
    trainingTotals(by: MONTH, filter: { year: $year, baseId: $baseId }) { key label sessions personTimes hours revenueWan }
  }
`;

export const ANNUAL_TRAINING = /* GraphQL */ `
  query AnnualTraining($groupId: ID!, $year: Int!) {
    annualReport(groupId: $groupId, year: $year) {
      training { personTimes distinctPersons hours revenueWan candidates passed byCategory { category personTimes } byTargetGroup { targetGroup personTimes } }
    }
  }
`;

export const MEMBERS_WITH_TRAINING = /* GraphQL */ `
  query MembersWithTraining($groupId: ID!, $year: Int!) {
    group(id: $groupId) {
      members(first: 50, orderBy: { field: ROLE }) {
        edges { node { organization { id name trainingSummary(year: $year) { sessions personTimes hours revenueWan candidates passed } } } }
      }
    }
  }
`;

/** The whole annual report: every section, the derived indicators, the targets and the filled national template. */
export const FULL_REPORT = /* GraphQL */ `
  query FullReport($groupId: ID!, $year: Int!) {
    annualReport(groupId: $groupId, year: $year) {
      membership { total enterprises schools }
      sharing { orderClassStudents investment investmentReceived serviceIncome }
      training { personTimes distinctPersons revenueWan candidates passed }
      returns { approved enrolledStudents }
      indicators { trainingPerStudent serviceIncomePerTeacherWan enterpriseSharePercent }
      targets { indicator actual completionPercent }
      filled(template: "NATIONAL_2025") { blocked fields { code value } errors { field } warnings { field } }
    }
  }
`;

/** The federation figure: the member page with each member's resources and training summary (members → resources, statistics). */
export const MEMBERS_FEDERATED = /* GraphQL */ `
  query MembersFederated($groupId: ID!, $year: Int!) {
    group(id: $groupId) {
      members(first: 50, orderBy: { field: ROLE }) {
        totalCount
        edges {
          node {
            id role
            organization { id name type resources { id kind title capacityLeft } trainingSummary(year: $year) { sessions personTimes hours revenueWan } }
          }
        }
      }
    }
  }
`;

/** The authority's province roll-up (the same sections as a group's report, summed); measured only when the supergraph has `regionReport`. */
export const ROLLUP = /* GraphQL */ `
  query Rollup($year: Int!, $region: String) {
    regionReport(year: $year, region: $region) {
      membership { total enterprises schools }
      sharing { orderClassStudents investment investmentReceived serviceIncome }
      training { personTimes distinctPersons candidates passed }
      returns { approved enrolledStudents }
      indicators { trainingPerStudent serviceIncomePerTeacherWan enterpriseSharePercent }
    }
  }
`;
