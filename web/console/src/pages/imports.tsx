import { useState } from 'react';
import { download, gql, upload } from '../api';
import { ErrorBox, formatTime, Loading, Panel, useAction, useLoad, type ScreenProps } from '../ui';

interface Base {
  id: string;
  name: string;
  coBuilders: { role: string; organization: { id: string; name: string } | null }[];
}
interface LedgerImport {
  id: string;
  fileName: string;
  programs: number;
  sessions: number;
  certifications: number;
  trainees: number;
  importedAt: string;
}
type Outcome =
  | { kind: 'imported'; already: boolean; counts: LedgerImport }
  | { kind: 'rejected'; errorCount: number; errors: { sheet: string; row: number; reasons: string[] }[] }
  | { kind: 'failed'; message: string };

const counts = (i: LedgerImport) => `培训项目 ${i.programs} 个、班次 ${i.sessions} 个、鉴定批次 ${i.certifications} 个、学员 ${i.trainees} 人`;

/** The file route's answer as an outcome: imported, refused with its bad rows, or another error. */
function outcomeOf(status: number, body: any): Outcome {
  if (body?.status === 'IMPORTED' || body?.status === 'ALREADY_IMPORTED')
    return { kind: 'imported', already: body.status === 'ALREADY_IMPORTED', counts: body.import };
  if (body?.status === 'REJECTED') return { kind: 'rejected', errorCount: body.errorCount, errors: body.errors ?? [] };
  const message = body?.errors?.[0]?.message ?? body?.message ?? `导入失败：HTTP ${status}`;
  return { kind: 'failed', message: String(message) };
}

/** 台账导入: upload a base's ledger workbook, see its progress and, when refused, every bad row; the template; past imports. */
export function Imports({ groupId, org }: ScreenProps) {
  const bases = useLoad(
    async () =>
      (
        await gql<{ trainingBases: Base[] }>(`query($g: ID!) { trainingBases(groupId: $g) { id name coBuilders { role organization { id name } } } }`, {
          g: groupId,
        })
      ).trainingBases,
    [groupId],
  );
  const [baseId, setBaseId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const action = useAction();
  const own = (b: Base) => b.coBuilders.some((c) => c.organization?.id === org);
  const list = [...(bases.data ?? [])].sort((a, b) => Number(own(b)) - Number(own(a)));
  const chosen = baseId || list.find(own)?.id || list[0]?.id || '';
  const history = useLoad(
    async () =>
      chosen
        ? (
            await gql<{ ledgerImports: LedgerImport[] }>(
              `query($b: ID!) { ledgerImports(baseId: $b) { id fileName programs sessions certifications trainees importedAt } }`,
              { b: chosen },
            )
          ).ledgerImports
        : [],
    [chosen],
  );

  const start = () =>
    action.run(async () => {
      if (!file) return;
      setOutcome(null);
      setProgress(0);
      const answer = await upload(`/files/bases/imports?baseId=${encodeURIComponent(chosen)}&fileName=${encodeURIComponent(file.name)}`, file, setProgress);
      setProgress(null);
      setOutcome(outcomeOf(answer.status, answer.body));
      history.reload();
    });

  if (bases.loading && !bases.data) return <Loading />;
  return (
    <>
      <Panel
        title="导入培训台账"
        testId="import"
        actions={
          <button className="secondary" onClick={() => action.run(() => download('/files/bases/template.xlsx', '培训台账模板.xlsx'))}>
            下载模板
          </button>
        }
      >
        <ErrorBox error={bases.error} />
        <p className="muted">
          台账工作簿（.xlsx）有四个工作表：培训项目、培训班次、鉴定批次、学员名册。整本导入：有任何一行不合格则全部不导入，并列出每一行的原因。只有基地的共建单位可以导入。
        </p>
        <div className="review">
          <label>
            基地{' '}
            <select name="base" value={chosen} onChange={(e) => setBaseId(e.target.value)}>
              {list.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                  {own(b) ? '（本单位共建）' : ''}
                </option>
              ))}
            </select>
          </label>
          <input
            name="workbook"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <button onClick={start} disabled={action.busy || !file || !chosen}>
            上传并导入
          </button>
        </div>
        {progress !== null && (
          <div data-testid="upload-progress">
            <p>{progress < 1 ? `上传中 ${Math.round(progress * 100)}%` : '已上传，正在逐行校验并导入…'}</p>
            <div className="progressbar">
              <div style={{ width: `${Math.round(progress * 100)}%` }} />
            </div>
          </div>
        )}
        <ErrorBox error={action.error} />
        {outcome?.kind === 'imported' && (
          <div className="notice" data-testid="import-result">
            {outcome.already ? `这个文件已经导入过（${formatTime(outcome.counts.importedAt)}），没有重复导入。` : `导入成功：${counts(outcome.counts)}。`}
          </div>
        )}
        {outcome?.kind === 'failed' && <ErrorBox error={outcome.message} />}
        {outcome?.kind === 'rejected' && (
          <div data-testid="import-result">
            <div className="blocking">
              工作簿未导入：共 {outcome.errorCount} 行不合格{outcome.errors.length < outcome.errorCount && `（列出前 ${outcome.errors.length} 行）`}
              。请改正后重新上传整本工作簿。
            </div>
            <table className="list" data-testid="bad-rows">
              <thead>
                <tr>
                  <th>工作表</th>
                  <th>行号</th>
                  <th>原因</th>
                </tr>
              </thead>
              <tbody>
                {outcome.errors.map((e, n) => (
                  <tr key={n}>
                    <td>{e.sheet}</td>
                    <td>{e.row}</td>
                    <td>
                      {e.reasons.map((r, i) => (
                        <div key={i}>{r}</div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      <Panel title="导入记录" testId="import-history">
        {history.data?.length ? (
          <table className="list">
            <thead>
              <tr>
                <th>文件</th>
                <th>导入时间</th>
                <th>内容</th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((i) => (
                <tr key={i.id}>
                  <td>{i.fileName}</td>
                  <td>{formatTime(i.importedAt)}</td>
                  <td>{counts(i)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">{history.error ?? '该基地还没有导入记录。'}</p>
        )}
      </Panel>
    </>
  );
}
