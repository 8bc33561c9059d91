import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { HubError } from './api';

/** What every screen is given: the group, the report year and who is signed in. */
export interface ScreenProps {
  groupId: string;
  year: number;
  secretariat: boolean;
  org: string | null;
}

/** Loads data with `load` whenever `deps` change; `reload` loads again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error: error.message, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}

/** Runs an action (a mutation) from a button, keeping its error and a busy flag for the button. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<unknown>): void => {
    setBusy(true);
    setError(null);
    action()
      .catch((e: unknown) => setError(e instanceof HubError || e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  return { busy, error, run, setError };
}

export const ErrorBox = ({ error }: { error?: string | null }) =>
  error ? (
    <div className="error" role="alert">
      {error}
    </div>
  ) : null;
export const Loading = () => <div className="muted">加载中…</div>;

export function Panel({ title, actions, children, testId }: { title: ReactNode; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="panel" data-testid={testId}>
      <header>
        <h2>{title}</h2>
        {actions && <div className="actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

export const RETURN_STATUS: Record<string, string> = {
  NOT_STARTED: '未填写',
  DRAFT: '草稿',
  SUBMITTED: '已提交',
  RETURNED: '已退回',
  APPROVED: '已通过',
};

export const CATEGORY: Record<string, string> = { SCHOOL: '院校', ENTERPRISE: '企业', OTHER: '其他单位' };

export const ORG_TYPE: Record<string, string> = {
  HIGHER_VOCATIONAL: '高职院校',
  SECONDARY_VOCATIONAL: '中职学校',
  TECHNICIAN_COLLEGE: '技工院校',
  UNDERGRADUATE: '本科院校',
  ENTERPRISE: '企业',
  INDUSTRY_ASSOCIATION: '行业协会',
  GOVERNMENT: '政府部门',
  RESEARCH_INSTITUTE: '科研机构',
  OTHER: '其他',
};

export const SUBMISSION_STATUS: Record<string, string> = {
  GENERATED: '待确认警告',
  VALIDATED: '已校验，待发送',
  SUBMITTED: '已发送，待平台答复',
  ACCEPTED: '平台已接收',
  REJECTED: '平台拒收',
  FAILED: '发送失败，自动重试中',
  DEAD: '多次失败，已告警',
};

export const Tag = ({ kind, children }: { kind: string; children: ReactNode }) => <span className={`tag tag-${kind}`}>{children}</span>;

export const formatTime = (iso?: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');
