import { useState } from 'react';
import { gql } from '../api';
import { RETURN_FIELDS, RETURN_FIGURES, returnState } from '../returns';
import { CATEGORY, ErrorBox, formatTime, Loading, ORG_TYPE, Panel, RETURN_STATUS, Tag, useAction, useLoad, type ScreenProps } from '../ui';

interface Org {
  id: string;
  name: string;
  type: string;
  category: string;
}
interface Return extends Record<string, unknown> {
  id: string;
  status: string;
  reviewComment: string | null;
  submittedAt: string | null;
  reviewedBy: string | null;
  organization: Org | null;
}
interface Round {
  id: string;
  year: number;
  dueOn: string;
  status: string;
  progress: { expected: number; submitted: number; approved: number; notSubmitted: ({ id: string; name: string } | null)[] } | null;
  overdue: { id: string }[] | null;
  returns: Return[];
}

const ROUND = `query($g: ID!, $y: Int!) { collectionRound(groupId: $g, year: $y) {
  id year dueOn status
  progress { expected submitted approved notSubmitted { id name } }
  overdue { id }
  returns { ${RETURN_FIELDS} organization { id name type category } }
} }`;

/** At most ten names, then the count. */
const names = (units: { name: string }[]) =>
  units
    .slice(0, 10)
    .map((o) => o.name)
    .join('、') + (units.length > 10 ? ` 等 ${units.length} 家` : '');

/** 采集进度: the round of the year, every unit's return, review and reminders (secretariat). */
export function Progress({ groupId, year }: ScreenProps) {
  const round = useLoad(async () => (await gql<{ collectionRound: Round | null }>(ROUND, { g: groupId, y: year })).collectionRound, [groupId, year]);
  const [typeFilter, setTypeFilter] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const [reminder, setReminder] = useState<string | null>(null);
  const action = useAction();

  if (round.loading && !round.data) return <Loading />;
  if (round.error) return <ErrorBox error={round.error} />;
  const r = round.data;
  if (!r) return <OpenRound groupId={groupId} year={year} onOpened={round.reload} />;

  const types = [...new Set(r.returns.map((x) => x.organization?.type).filter((t): t is string => !!t))];
  const shown = r.returns.filter((x) => !typeFilter || x.organization?.type === typeFilter);
  const overdue = new Set((r.overdue ?? []).map((o) => o.id));
  const opened = r.returns.find((x) => x.id === openId);
  const counts = r.returns.reduce<Record<string, number>>((all, x) => ({ ...all, [returnState(x)]: (all[returnState(x)] ?? 0) + 1 }), {});

  const remind = () =>
    action.run(async () => {
      const { sendReminder } = await gql<{ sendReminder: { reminded: { name: string }[]; skipped: { name: string }[]; intervalHours: number } }>(
        `mutation($id: ID!) { sendReminder(roundId: $id) { reminded { name } skipped { name } intervalHours } }`,
        { id: r.id },
      );
      setReminder(
        sendReminder.reminded.length
          ? `已向 ${sendReminder.reminded.length} 家单位发送催报：${names(sendReminder.reminded)}` +
              (sendReminder.skipped.length ? `；${sendReminder.skipped.length} 家在 ${sendReminder.intervalHours} 小时内已催报过，本次跳过` : '')
          : `没有需要催报的单位（${sendReminder.skipped.length} 家在 ${sendReminder.intervalHours} 小时内已催报过）`,
      );
    });

  return (
    <>
      <Panel
        testId="round"
        title={`${r.year} 年度数据采集`}
        actions={
          r.status === 'OPEN' && (
            <button onClick={remind} disabled={action.busy || !r.progress?.notSubmitted.length}>
              催报未提交单位
            </button>
          )
        }
      >
        <div className="stats">
          <div>
            <b>{r.progress?.expected ?? r.returns.length}</b>应报单位
          </div>
          <div>
            <b>{r.progress?.submitted ?? '—'}</b>已提交
          </div>
          <div>
            <b>{r.progress?.approved ?? '—'}</b>已通过
          </div>
          <div>
            <b>{r.progress?.notSubmitted.length ?? '—'}</b>未提交
          </div>
          <div>
            <b>{overdue.size}</b>已逾期
          </div>
        </div>
        <p className="muted">
          截止日期 {r.dueOn} · {r.status === 'OPEN' ? '进行中' : '已结束'} ·{' '}
          {Object.entries(counts)
            .map(([state, n]) => `${RETURN_STATUS[state]} ${n}`)
            .join('，')}
        </p>
        {reminder && (
          <div className="notice" data-testid="reminder-result">
            {reminder}
          </div>
        )}
        <ErrorBox error={action.error} />
      </Panel>
      <div className="split">
        <Panel
          title="成员单位年报"
          actions={
            <label>
              单位类型
              <select name="unit-type" value={typeFilter} onChange={(e) => setTypeFilter(e.target.value)}>
                <option value="">全部</option>
                {types.map((t) => (
                  <option key={t} value={t}>
                    {ORG_TYPE[t] ?? t}
                  </option>
                ))}
              </select>
            </label>
          }
        >
          <table className="list" data-testid="returns">
            <thead>
              <tr>
                <th>单位</th>
                <th>类型</th>
                <th>状态</th>
                <th>提交时间</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {shown.map((x) => (
                <tr key={x.id} className={x.id === openId ? 'selected' : ''} data-unit={x.organization?.name}>
                  <td>{x.organization?.name ?? '（单位信息不可见）'}</td>
                  <td>{x.organization ? `${ORG_TYPE[x.organization.type] ?? x.organization.type}（${CATEGORY[x.organization.category]}）` : '—'}</td>
                  <td>
                    <Tag kind={returnState(x)}>{RETURN_STATUS[returnState(x)]}</Tag>
                    {x.organization && overdue.has(x.organization.id) && <Tag kind="overdue">逾期</Tag>}
                  </td>
                  <td>{formatTime(x.submittedAt)}</td>
                  <td>
                    <button className="link" onClick={() => setOpenId(x.id)}>
                      查看
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
        {opened && <ReturnReview key={opened.id} value={opened} onChanged={round.reload} />}
      </div>
    </>
  );
}

/** One return: its figures, and approve or return it with a comment. */
function ReturnReview({ value, onChanged }: { value: Return; onChanged: () => void }) {
  const [comment, setComment] = useState('');
  const action = useAction();
  const review = (mutation: string, variables: Record<string, unknown>) =>
    action.run(async () => {
      await gql(mutation, variables);
      onChanged();
    });
  return (
    <Panel title={`年报：${value.organization?.name ?? ''}`} testId="return-detail">
      <p>
        状态 <Tag kind={returnState(value)}>{RETURN_STATUS[returnState(value)]}</Tag>
        {value.reviewedBy && <span className="muted"> · 审核人 {value.reviewedBy}</span>}
      </p>
      {value.reviewComment && <div className="notice">退回意见：{value.reviewComment}</div>}
      <table className="figures">
        <tbody>
          {RETURN_FIGURES.map(([key, label]) => (
            <tr key={key}>
              <th>{label}</th>
              <td>{value[key] === null || value[key] === undefined ? <span className="muted">未填</span> : String(value[key] as number)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {value.status === 'SUBMITTED' && (
        <div className="review">
          <button onClick={() => review(`mutation($id: ID!) { approveAnnualReturn(id: $id) { id } }`, { id: value.id })} disabled={action.busy}>
            审核通过
          </button>
          <textarea name="comment" rows={2} placeholder="退回意见（必填）：请写明需修改之处" value={comment} onChange={(e) => setComment(e.target.value)} />
          <button
            className="secondary"
            onClick={() => review(`mutation($id: ID!, $c: String!) { returnAnnualReturn(id: $id, comment: $c) { id } }`, { id: value.id, c: comment })}
            disabled={action.busy || !comment.trim()}
          >
            退回修改
          </button>
        </div>
      )}
      <ErrorBox error={action.error} />
    </Panel>
  );
}

function OpenRound({ groupId, year, onOpened }: { groupId: string; year: number; onOpened: () => void }) {
  const [dueOn, setDueOn] = useState(`${year + 1}-03-31`);
  const action = useAction();
  return (
    <Panel title={`${year} 年度数据采集`} testId="round">
      <p>本年度尚未开启数据采集。开启后，每个正式成员单位都会有一份待填的年报。</p>
      <label>
        截止日期 <input name="due-on" type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
      </label>{' '}
      <button
        disabled={action.busy}
        onClick={() =>
          action.run(async () => {
            await gql(`mutation($input: OpenRoundInput!) { openCollectionRound(input: $input) { id } }`, { input: { groupId, year, dueOn } });
            onOpened();
          })
        }
      >
        开启数据采集
      </button>
      <ErrorBox error={action.error} />
    </Panel>
  );
}
