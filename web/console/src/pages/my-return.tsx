import { useState } from 'react';
import { gql } from '../api';
import { RETURN_FIELDS, RETURN_FIGURES, returnState } from '../returns';
import { ErrorBox, formatTime, Loading, Panel, RETURN_STATUS, Tag, useAction, useLoad, type ScreenProps } from '../ui';

/** 本单位年报: a member unit fills, saves and submits its own return (the unit from the token). */
export function MyReturn({ groupId, year }: ScreenProps) {
  const mine = useLoad(
    async () =>
      (
        await gql<{ myAnnualReturn: Record<string, any> | null }>(`query($g: ID!, $y: Int!) { myAnnualReturn(groupId: $g, year: $y) { ${RETURN_FIELDS} } }`, {
          g: groupId,
          y: year,
        })
      ).myAnnualReturn,
    [groupId, year],
  );
  const [edits, setEdits] = useState<Record<string, string>>({});
  const action = useAction();
  if (mine.loading && !mine.data) return <Loading />;
  if (mine.error) return <ErrorBox error={mine.error} />;
  const r = mine.data;
  if (!r) return <Panel title={`${year} 年度年报`}>本年度尚未开启数据采集，或本单位不在应报单位中。</Panel>;
  const editable = r.status === 'DRAFT' || r.status === 'RETURNED';
  const input = Object.fromEntries(Object.entries(edits).map(([key, text]) => [key, text.trim() === '' ? null : Number(text)]));
  const save = () =>
    action.run(async () => {
      await gql(`mutation($g: ID!, $y: Int!, $input: AnnualReturnInput!) { saveAnnualReturn(groupId: $g, year: $y, input: $input) { id } }`, {
        g: groupId,
        y: year,
        input,
      });
      setEdits({});
      mine.reload();
    });
  const submit = () =>
    action.run(async () => {
      if (Object.keys(edits).length)
        await gql(`mutation($g: ID!, $y: Int!, $input: AnnualReturnInput!) { saveAnnualReturn(groupId: $g, year: $y, input: $input) { id } }`, {
          g: groupId,
          y: year,
          input,
        });
      await gql(`mutation($g: ID!, $y: Int!) { submitAnnualReturn(groupId: $g, year: $y) { id } }`, { g: groupId, y: year });
      setEdits({});
      mine.reload();
    });
  return (
    <Panel title={`${year} 年度本单位年报`} testId="my-return">
      <p>
        状态 <Tag kind={returnState(r)}>{RETURN_STATUS[returnState(r)]}</Tag> <span className="muted">最近保存 {formatTime(r.updatedAt)}</span>
      </p>
      {r.reviewComment && <div className="notice">秘书处退回意见：{r.reviewComment}</div>}
      <table className="figures">
        <tbody>
          {RETURN_FIGURES.map(([key, label]) => (
            <tr key={key}>
              <th>{label}</th>
              <td>
                {editable ? (
                  <input
                    name={key}
                    inputMode="numeric"
                    value={edits[key] ?? (r[key] ?? '').toString()}
                    onChange={(e) => setEdits({ ...edits, [key]: e.target.value })}
                  />
                ) : (
                  (r[key] ?? '未填').toString()
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editable && (
        <div className="review">
          <button className="secondary" onClick={save} disabled={action.busy || !Object.keys(edits).length}>
            保存草稿
          </button>
          <button onClick={submit} disabled={action.busy}>
            提交年报
          </button>
        </div>
      )}
      <ErrorBox error={action.error} />
    </Panel>
  );
}
