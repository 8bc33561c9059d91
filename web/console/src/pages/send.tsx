import { useEffect, useState } from 'react';
import { gql } from '../api';
import { loadFilled, TemplatePicker, type Issue } from '../report-data';
import { ErrorBox, formatTime, Loading, Panel, SUBMISSION_STATUS, Tag, useAction, useLoad, type ScreenProps } from '../ui';

interface Submission {
  id: string;
  template: string;
  target: string;
  version: number;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  platformMessage: string | null;
  receipt: string | null;
  warningsConfirmedBy: string | null;
  warningsConfirmationReason: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  note: string | null;
  warningList: Issue[];
  changes: { code: string; label: string; from: string | null; to: string | null }[];
  fields: { code: string; label: string; value: string | null }[];
}

const SUBMISSION = `id template target version status attempts nextAttemptAt lastError platformMessage receipt warningsConfirmedBy warningsConfirmationReason
  createdBy createdAt updatedAt note warningList { field label message } changes { code label from to } fields { code label value }`;

/** States in which the hub is still working on a submission: the page follows them until they settle. */
const MOVING = new Set(['SUBMITTED', 'FAILED']);
const FAMILY_TARGET: Record<string, string> = { NATIONAL: 'national', SHANDONG: 'provincial' };

/** 确认报送: freeze the report, confirm its warnings with reasons, send it, follow it to the receipt; every version's history. */
export function Send({ groupId, year }: ScreenProps) {
  const [template, setTemplate] = useState('NATIONAL');
  const filled = useLoad(() => loadFilled(groupId, year, template), [groupId, year, template]);
  const history = useLoad(
    async () =>
      (await gql<{ submissions: Submission[] }>(`query($g: ID!, $y: Int!) { submissions(groupId: $g, year: $y) { ${SUBMISSION} } }`, { g: groupId, y: year }))
        .submissions,
    [groupId, year],
  );
  const [message, setMessage] = useState<string | null>(null);
  const action = useAction();
  const mine = (history.data ?? []).filter((s) => s.target === FAMILY_TARGET[template]).sort((a, b) => b.version - a.version);
  const latest = mine[0];

  // Follow a submission the hub is still sending (or retrying) until the platform's answer.
  const moving = latest && MOVING.has(latest.status);
  useEffect(() => {
    if (!moving) return;
    const timer = setInterval(history.reload, 2000);
    return () => clearInterval(timer);
  }, [moving, history.reload]);

  const freeze = () =>
    action.run(async () => {
      const { freezeReport } = await gql<{ freezeReport: { unchanged: boolean; submission: Submission } }>(
        `mutation($g: ID!, $y: Int!, $t: String!) { freezeReport(groupId: $g, year: $y, template: $t) { unchanged submission { id version status } } }`,
        { g: groupId, y: year, t: template },
      );
      setMessage(
        freezeReport.unchanged
          ? `数据与第 ${freezeReport.submission.version} 版相同，没有生成新版本`
          : `已冻结为第 ${freezeReport.submission.version} 版（${SUBMISSION_STATUS[freezeReport.submission.status]}）`,
      );
      history.reload();
    });

  if ((filled.loading && !filled.data) || (history.loading && !history.data)) return <Loading />;
  const f = filled.data;
  return (
    <>
      <Panel title={`${year} 年度报送`} testId="freeze" actions={<TemplatePicker value={template} onChange={setTemplate} />}>
        <ErrorBox error={filled.error ?? history.error} />
        {f && (
          <>
            <p>
              当前数据：{f.template.code}，{f.fields.length} 个字段；阻断错误 {f.errors.length} 项，警告 {f.warnings.length} 项
              {f.note && `；报表说明：${f.note}`}
            </p>
            {f.blocked ? (
              <div className="blocking">有阻断错误，不能冻结报送。请在「年度报表」中查看各字段的错误（如缺报年报须催报、审核或确认缺报）。</div>
            ) : (
              <button onClick={freeze} disabled={action.busy}>
                冻结报表
              </button>
            )}
            <span className="muted small"> 冻结时由枢纽重新计算并校验全部字段，存下报送内容与 SHA-256；数据未变则不生成新版本。</span>
          </>
        )}
        {message && <div className="notice">{message}</div>}
        <ErrorBox error={action.error} />
      </Panel>
      {latest && <Current key={`${latest.id}-${latest.status}`} submission={latest} previous={mine[1]} onChanged={history.reload} />}
      <Panel title="版本历史" testId="history">
        {mine.length === 0 ? (
          <p className="muted">该模板本年度还没有报送版本。</p>
        ) : (
          <table className="list">
            <thead>
              <tr>
                <th>版本</th>
                <th>模板</th>
                <th>状态</th>
                <th>生成</th>
                <th>警告确认</th>
                <th>平台回执</th>
                <th>变化</th>
              </tr>
            </thead>
            <tbody>
              {mine.map((s) => (
                <tr key={s.id} data-version={s.version}>
                  <td>第 {s.version} 版</td>
                  <td>{s.template}</td>
                  <td>
                    <Tag kind={s.status}>{SUBMISSION_STATUS[s.status]}</Tag>
                  </td>
                  <td>
                    {formatTime(s.createdAt)} {s.createdBy}
                  </td>
                  <td>{s.warningsConfirmedBy ? `${s.warningsConfirmedBy}：${s.warningsConfirmationReason}` : s.warningList.length ? '待确认' : '无警告'}</td>
                  <td>{s.receipt ?? s.platformMessage ?? '—'}</td>
                  <td>{s.changes.length ? `${s.changes.length} 个字段（与上一版已接收的相比）` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </>
  );
}

/** The latest version: its warnings to confirm (a reason for each), its difference from the version before, send, and its state. */
function Current({ submission: s, previous, onChanged }: { submission: Submission; previous?: Submission; onChanged: () => void }) {
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const action = useAction();
  const allGiven = s.warningList.every((_w, i) => reasons[i]?.trim());
  const confirm = () =>
    action.run(async () => {
      // The hub keeps one confirmation per version: each warning's reason goes into it, by field.
      const reason = s.warningList.map((w, i) => `${w.field} ${w.label}：${reasons[i].trim()}`).join('；');
      await gql(`mutation($id: ID!, $r: String!) { confirmSubmissionWarnings(id: $id, reason: $r) { id } }`, { id: s.id, r: reason });
      onChanged();
    });
  const send = () =>
    action.run(async () => {
      await gql(`mutation($id: ID!) { sendSubmission(id: $id) { id status } }`, { id: s.id });
      onChanged();
    });
  // The difference from the version before (whatever its state), field by field.
  const before = new Map((previous?.fields ?? []).map((f) => [f.code, f.value]));
  const diff = previous ? s.fields.filter((f) => before.get(f.code) !== f.value).map((f) => ({ ...f, from: before.get(f.code) ?? null })) : [];
  return (
    <Panel title={`第 ${s.version} 版（${s.template}）`} testId="current">
      <p>
        状态 <Tag kind={s.status}>{SUBMISSION_STATUS[s.status]}</Tag>
        {s.receipt && <span data-testid="receipt"> 平台回执：{s.receipt}</span>}
        {s.attempts > 0 && <span className="muted"> · 已发送 {s.attempts} 次</span>}
        {s.nextAttemptAt && <span className="muted"> · 下次重试 {formatTime(s.nextAttemptAt)}</span>}
      </p>
      {s.lastError && <div className="warning">最近一次失败：{s.lastError}</div>}
      {s.platformMessage && <div className="blocking">平台意见：{s.platformMessage}</div>}
      {s.status === 'GENERATED' && (
        <>
          <h3>须确认的警告（{s.warningList.length} 项）：逐项说明理由后才能发送</h3>
          <table className="list" data-testid="warnings">
            <tbody>
              {s.warningList.map((w, i) => (
                <tr key={i} data-field={w.field}>
                  <td className="code">{w.field}</td>
                  <td>
                    <div className="warning">{w.message}</div>
                  </td>
                  <td style={{ width: '35%' }}>
                    <textarea
                      name={`reason-${w.field}`}
                      rows={2}
                      placeholder="确认理由"
                      value={reasons[i] ?? ''}
                      onChange={(e) => setReasons({ ...reasons, [i]: e.target.value })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button onClick={confirm} disabled={action.busy || !allGiven}>
            确认警告
          </button>
        </>
      )}
      {s.warningsConfirmedBy && (
        <p className="muted">
          警告已由 {s.warningsConfirmedBy} 确认：{s.warningsConfirmationReason}
        </p>
      )}
      {['VALIDATED', 'FAILED', 'DEAD'].includes(s.status) && (
        <button onClick={send} disabled={action.busy}>
          发送到平台
        </button>
      )}
      {s.status === 'VALIDATED' && <span className="muted small"> 也可等待填报机器人按计划发送。</span>}
      <ErrorBox error={action.error} />
      <h3>与上一版的差异</h3>
      {!previous ? (
        <p className="muted">这是本年度该模板的第一版。</p>
      ) : diff.length === 0 ? (
        <p className="muted">与第 {previous.version} 版相比没有字段变化。</p>
      ) : (
        <table className="list" data-testid="diff">
          <thead>
            <tr>
              <th>代码</th>
              <th>指标名称</th>
              <th>第 {previous.version} 版</th>
              <th>第 {s.version} 版</th>
            </tr>
          </thead>
          <tbody>
            {diff.map((d) => (
              <tr key={d.code}>
                <td className="code">{d.code}</td>
                <td>{d.label}</td>
                <td>{d.from ?? '未填报'}</td>
                <td>{d.value ?? '未填报'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
