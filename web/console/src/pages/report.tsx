import { useState } from 'react';
import { gql } from '../api';
import { loadFilled, SECTIONS, TemplatePicker, type Completeness, type Field, type Filled, type Issue } from '../report-data';
import { CATEGORY, ErrorBox, formatTime, Loading, Panel, useAction, useLoad, type ScreenProps } from '../ui';

/** 报表: the filled template as the official form, each value's source, its issues beside it. */
export function Report({ groupId, year, secretariat }: ScreenProps) {
  const [template, setTemplate] = useState('NATIONAL');
  const filled = useLoad(() => loadFilled(groupId, year, template), [groupId, year, template]);
  const [openCode, setOpenCode] = useState<string | null>(null);
  const picker = <TemplatePicker value={template} onChange={setTemplate} />;
  if (filled.loading && !filled.data) return <Loading />;
  if (filled.error)
    return (
      <Panel title="年度报表" actions={picker}>
        <ErrorBox error={filled.error} />
      </Panel>
    );
  const f = filled.data;
  if (!f)
    return (
      <Panel title="年度报表" actions={picker}>
        没有本集团该年度的报表。
      </Panel>
    );
  const opened = f.fields.find((x) => x.code === openCode);
  return (
    <>
      {f.completeness && (
        <CompletenessPanel groupId={groupId} year={year} completeness={f.completeness} note={f.note} secretariat={secretariat} onChanged={filled.reload} />
      )}
      <div className={opened ? 'split wide' : ''}>
        <Panel title={`${year} 年度报表 · ${f.template.code}`} actions={picker} testId="report-form">
          <FormSummary filled={f} />
          <FormTable filled={f} openCode={openCode} onOpen={setOpenCode} />
        </Panel>
        {opened && <DrillDownPanel key={opened.code} field={opened} />}
      </div>
    </>
  );
}

export function FormSummary({ filled }: { filled: Filled }) {
  return (
    <>
      <p className="muted">
        {filled.template.platform} · {filled.template.verified ? '已与平台正式表单核对' : '模板为草案，尚未与平台正式表单核对'}
        {filled.template.chosenBecause && ` · ${filled.template.chosenBecause}`}
      </p>
      <p data-testid="issue-summary">
        {filled.blocked ? <span className="tag tag-REJECTED">有阻断错误，不能报送</span> : <span className="tag tag-APPROVED">无阻断错误</span>} 阻断错误{' '}
        {filled.errors.length} 项，警告 {filled.warnings.length} 项
        {filled.baseline && (
          <span className="muted">
            {' '}
            · 同比基数：{filled.baseline.year} 年
            {filled.baseline.kind === 'SUBMISSION' ? `已接收报送（第 ${filled.baseline.version} 版）` : '按台账计算（无已接收报送）'}
          </span>
        )}
      </p>
    </>
  );
}

const issuesOf = (issues: Issue[], code: string) => issues.filter((i) => i.field === code);

/** The form: fields by section with code, label, unit and value; the field's errors and warnings beside it. */
export function FormTable({ filled, openCode, onOpen }: { filled: Filled; openCode?: string | null; onOpen?: (code: string) => void }) {
  const sections: { section: string; fields: Field[] }[] = [];
  for (const field of filled.fields) {
    const section = field.drillDown?.section ?? field.source.split('.')[0];
    const last = sections[sections.length - 1];
    if (last?.section === section) last.fields.push(field);
    else sections.push({ section, fields: [field] });
  }
  return (
    <table className="form">
      <thead>
        <tr>
          <th>代码</th>
          <th>指标名称</th>
          <th>单位</th>
          <th>填报值</th>
          <th>校验</th>
        </tr>
      </thead>
      <tbody>
        {sections.map(({ section, fields }, index) => [
          <tr key={`s${index}`} className="section">
            <th colSpan={5}>
              {'一二三四五六七八九十'[index] ?? index + 1}、{SECTIONS[section] ?? section}
            </th>
          </tr>,
          ...fields.map((field) => (
            <tr
              key={field.code}
              data-code={field.code}
              className={`${onOpen ? 'clickable' : ''} ${field.code === openCode ? 'selected' : ''}`}
              onClick={() => onOpen?.(field.code)}
              title={field.drillDown ? `${field.drillDown.definition}（点击查看来源）` : field.source}
            >
              <td className="code">{field.code}</td>
              <td>{field.label}</td>
              <td>{field.unit}</td>
              <td className="value">{field.value ?? <span className="muted">未填报</span>}</td>
              <td>
                {issuesOf(filled.errors, field.code).map((i, n) => (
                  <div key={`e${n}`} className="blocking" title={i.message}>
                    {i.message}
                  </div>
                ))}
                {issuesOf(filled.warnings, field.code).map((i, n) => (
                  <div key={`w${n}`} className="warning" title={i.message}>
                    {i.message}
                  </div>
                ))}
              </td>
            </tr>
          )),
        ])}
      </tbody>
    </table>
  );
}

/** Column names of the ledgers the drill-down lists, in Chinese. */
const COLUMNS: Record<string, string> = {
  id: 'id',
  code: '编号',
  category: '类别',
  startsOn: '开班日期',
  personTimes: '人次',
  hours: '课时',
  revenue: '到账（元）',
  occupation: '职业（工种）',
  level: '等级',
  assessedOn: '鉴定日期',
  candidates: '参加人数',
  passed: '通过人数',
  source: '来源',
  receivedOn: '到账日期',
  counterparty: '付款方',
  amount: '金额（元）',
  status: '状态',
  joinedOn: '加入日期',
  exitedOn: '退出日期',
  projectName: '项目名称',
  partnerUscc: '合作方信用代码',
  kind: '类别',
  title: '名称',
  heldOn: '日期',
  name: '名称',
  role: '角色',
  'organization.name': '单位',
  'organization.type': '单位类型',
  'organization.category': '单位类别',
};

/** Enum values the ledgers answer with, in Chinese. */
const VALUES: Record<string, string> = {
  EMPLOYEE_SKILLS: '企业职工技能培训',
  EMPLOYMENT_ENTREPRENEURSHIP: '重点人群就业创业培训',
  REEMPLOYMENT: '失业人员再就业培训',
  STUDENT_CERTIFICATE: '在校生证书培训',
  TEACHER_TRAINING: '师资培训',
  OTHER: '其他',
  ACTIVE: '正式成员',
  EXITED: '已退出',
  APPROVED: '已审核通过',
};

/** The rows of a drill-down answer: the first list found in it, each row flattened one level. */
function rowsOf(data: unknown): { rows: Record<string, unknown>[]; total: number | null } {
  let total: number | null = null;
  const find = (value: unknown): unknown[] | null => {
    if (Array.isArray(value)) return value;
    if (!value || typeof value !== 'object') return null;
    const object = value as Record<string, unknown>;
    if (typeof object.totalCount === 'number') total = object.totalCount;
    if (Array.isArray(object.edges)) return object.edges.map((e: { node: unknown }) => e.node);
    for (const child of Object.values(object)) {
      const found = find(child);
      if (found) return found;
    }
    return null;
  };
  const list = find(data) ?? [];
  const rows = list.map((item) => {
    const row: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) for (const [inner, v] of Object.entries(value)) row[`${key}.${inner}`] = v;
      else row[key] = value;
    }
    return row;
  });
  return { rows, total: total ?? rows.length };
}

/** Where a value comes from: definition, formula, ledger, and the ledger rows listed through the gateway. */
export function DrillDownPanel({ field }: { field: Field }) {
  const d = field.drillDown;
  const [rows, setRows] = useState<{ rows: Record<string, unknown>[]; total: number | null } | null>(null);
  const action = useAction();
  const list = () =>
    action.run(async () => {
      if (!d?.query) return;
      setRows(rowsOf(await gql(d.query, d.variables ? (JSON.parse(d.variables) as Record<string, unknown>) : {})));
    });
  const columns = rows?.rows[0] ? Object.keys(rows.rows[0]).filter((c) => c !== 'id') : [];
  return (
    <Panel title={`来源：${field.code} ${field.label}`} testId="drill-down">
      <div className="drill">
        <p>
          <b>填报值</b> {field.value ?? '未填报'} {field.unit}
        </p>
        {field.unreported && <div className="warning">{field.unreported}</div>}
        {d ? (
          <>
            <p>
              <b>口径</b> {d.definition}
            </p>
            <p>
              <b>公式</b> {d.formula}
            </p>
            <p>
              <b>数据项</b> {SECTIONS[d.section] ?? d.section} · <code>{field.source}</code>
            </p>
            {d.ledger && (
              <p>
                <b>台账</b> {d.ledger}，{d.rowCount ?? '—'} 行{d.column && `，取「${d.column}」列`}
                {d.rowSelection && `；${d.rowSelection}`}
              </p>
            )}
            {d.derivedFrom.length > 0 && (
              <p>
                <b>由以下数据项计算</b> {d.derivedFrom.join('、')}
              </p>
            )}
            {d.query && (
              <button onClick={list} disabled={action.busy}>
                列出台账行
              </button>
            )}
          </>
        ) : (
          <p className="muted">没有来源明细。</p>
        )}
        <ErrorBox error={action.error} />
        {rows && (
          <>
            <p data-testid="drill-rows">
              共 {rows.total} 行{Math.min(rows.rows.length, 50) < (rows.total ?? 0) && `，显示前 ${Math.min(rows.rows.length, 50)} 行`}
            </p>
            <div style={{ overflowX: 'auto' }}>
              <table className="list">
                <thead>
                  <tr>
                    {columns.map((c) => (
                      <th key={c}>{COLUMNS[c] ?? c}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.rows.slice(0, 50).map((row, n) => (
                    <tr key={n}>
                      {columns.map((c) => (
                        <td key={c}>{row[c] === null || row[c] === undefined ? '—' : (VALUES[String(row[c] as string)] ?? String(row[c] as string))}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
    </Panel>
  );
}

/** The returns behind the report: expected, approved, missing units; the secretariat may confirm the gap with a reason. */
function CompletenessPanel({
  groupId,
  year,
  completeness: c,
  note,
  secretariat,
  onChanged,
}: {
  groupId: string;
  year: number;
  completeness: Completeness;
  note: string | null;
  secretariat: boolean;
  onChanged: () => void;
}) {
  const [reason, setReason] = useState('');
  const action = useAction();
  return (
    <Panel title="年报完整性" testId="completeness">
      <div className="stats">
        <div>
          <b>{c.expected}</b>应报单位
        </div>
        <div>
          <b>{c.approved}</b>已审核通过
        </div>
        <div>
          <b>{c.missing}</b>缺报
        </div>
        <div>
          <b>{c.expected ? Math.round((c.approved / c.expected) * 100) : 100}%</b>完整度
        </div>
      </div>
      <p className="muted">
        {c.round ? '按本年度数据采集的应报单位' : '本年度未开启数据采集，按当前正式成员'} ·{' '}
        {c.byCategory.map((x) => `${CATEGORY[x.category]} 应报 ${x.expected}、通过 ${x.approved}、缺 ${x.missing}`).join('；')}
      </p>
      {c.missingUnits.length > 0 && (
        <details>
          <summary>缺报单位（{c.missingUnits.length} 家）</summary>
          <p>{c.missingUnits.map((u) => `${u.name ?? '（不可见）'}（${u.status}）`).join('、')}</p>
        </details>
      )}
      {c.confirmation && (
        <div className={c.gapConfirmed ? 'notice' : 'warning'}>
          缺报已由 {c.confirmation.confirmedBy} 于 {formatTime(c.confirmation.confirmedAt)} 确认：{c.confirmation.reason}
          {!c.confirmation.holds && `（确认已失效：又有 ${c.confirmation.uncovered} 家单位缺报，须重新确认）`}
        </div>
      )}
      {note && <p className="muted">报表说明：{note}</p>}
      {secretariat && !c.complete && !c.gapConfirmed && (
        <div className="review">
          <textarea
            name="gap-reason"
            rows={2}
            placeholder="缺报确认理由（随报表报送，作为报表说明）"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button
            disabled={action.busy || !reason.trim()}
            onClick={() =>
              action.run(async () => {
                await gql(`mutation($g: ID!, $y: Int!, $r: String!) { confirmReturnGaps(groupId: $g, year: $y, reason: $r) { id } }`, {
                  g: groupId,
                  y: year,
                  r: reason,
                });
                onChanged();
              })
            }
          >
            确认缺报
          </button>
        </div>
      )}
      <ErrorBox error={action.error} />
    </Panel>
  );
}
