import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { gql, readSession, setUnauthenticatedHandler, storeToken, storedToken, type Session } from './api';
import { ErrorBox, useLoad, type ScreenProps } from './ui';
import { Progress } from './pages/progress';
import { MyReturn } from './pages/my-return';
import { Report } from './pages/report';
import { Charts, MyTargets } from './pages/charts';
import { Send } from './pages/send';
import { Imports } from './pages/imports';
import './console.css';

interface Screen {
  path: string;
  label: string;
  /** Who sees it in the menu: the secretariat, member units, or both. */
  for: ('secretariat' | 'member')[];
  render: (props: ScreenProps) => React.ReactNode;
}

const SCREENS: Screen[] = [
  { path: 'progress', label: '采集进度', for: ['secretariat'], render: (p) => <Progress {...p} /> },
  { path: 'report', label: '年度报表', for: ['secretariat'], render: (p) => <Report {...p} /> },
  { path: 'charts', label: '统计图', for: ['secretariat'], render: (p) => <Charts {...p} /> },
  { path: 'send', label: '确认报送', for: ['secretariat'], render: (p) => <Send {...p} /> },
  { path: 'my-return', label: '本单位年报', for: ['member'], render: (p) => <MyReturn {...p} /> },
  { path: 'my-targets', label: '指标完成', for: ['member'], render: (p) => <MyTargets {...p} /> },
  { path: 'imports', label: '台账导入', for: ['secretariat', 'member'], render: (p) => <Imports {...p} /> },
];

const currentPath = () => window.location.hash.replace(/^#\/?/, '').split('?')[0];

function SignIn({ onSignIn, error }: { onSignIn: (token: string) => void; error?: string }) {
  const [token, setToken] = useState('');
  return (
    <main className="signin">
      <h1>年报审核台</h1>
      <p className="muted">职教集团数据枢纽 · 秘书处审核与报送、成员单位填报</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSignIn(token.trim());
        }}
      >
        <label>
          登录凭证（访问令牌）
          <textarea name="token" rows={4} value={token} onChange={(e) => setToken(e.target.value)} placeholder="粘贴管理员发放的访问令牌（JWT）" />
        </label>
        <ErrorBox error={error} />
        <button type="submit" disabled={!token.trim()}>
          登录
        </button>
      </form>
      <p className="muted small">凭证只保存在本浏览器标签页（sessionStorage），关闭标签页即退出。</p>
    </main>
  );
}

function App() {
  const [session, setSession] = useState<Session | null>(() => {
    const token = storedToken();
    return token ? readSession(token) : null;
  });
  const [signInError, setSignInError] = useState<string>();
  const [path, setPath] = useState(currentPath());
  const [groupIndex, setGroupIndex] = useState(0);
  const [year, setYear] = useState(new Date().getFullYear() - 1);

  useEffect(() => {
    const onHash = () => setPath(currentPath());
    window.addEventListener('hashchange', onHash);
    setUnauthenticatedHandler(() => {
      storeToken(null);
      setSession(null);
      setSignInError('登录凭证无效或已过期，请重新登录 (invalid or expired token)');
    });
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const groupId = session?.groups[groupIndex] ?? '';
  const group = useLoad(
    async () => (groupId ? (await gql<{ group: { name: string } | null }>(`query($id: ID!) { group(id: $id) { name } }`, { id: groupId })).group : null),
    [groupId, session?.token],
  );

  if (!session) {
    return (
      <SignIn
        error={signInError}
        onSignIn={(token) => {
          const next = readSession(token);
          if (!next) return setSignInError('这不是有效的访问令牌（JWT）(not a token)，请粘贴完整的令牌');
          if (!next.groups.length) return setSignInError('该令牌不属于任何集团 (token has no group)');
          storeToken(token);
          setSignInError(undefined);
          setSession(next);
        }}
      />
    );
  }

  const secretariat = session.roles.includes('SECRETARIAT');
  const role = secretariat ? 'secretariat' : 'member';
  const menu = SCREENS.filter((s) => s.for.includes(role));
  const screen = menu.find((s) => s.path === path) ?? menu[0];
  const groupName = (id: string) => (id === groupId && group.data?.name) || `集团 ${id.slice(0, 8)}`;

  return (
    <div className="app">
      <header className="top">
        <h1>年报审核台</h1>
        <label>
          集团
          <select value={groupIndex} onChange={(e) => setGroupIndex(Number(e.target.value))}>
            {session.groups.map((id, i) => (
              <option key={id} value={i}>
                {groupName(id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          年度
          <input name="year" type="number" value={year} min={2000} max={2100} onChange={(e) => Number(e.target.value) && setYear(Number(e.target.value))} />
        </label>
        <span className="who">
          {secretariat ? '秘书处' : '成员单位'} · {session.sub}
        </span>
        <button
          className="link"
          onClick={() => {
            storeToken(null);
            setSession(null);
          }}
        >
          退出
        </button>
      </header>
      <nav className="menu">
        {menu.map((s) => (
          <a key={s.path} href={`#/${s.path}`} className={s === screen ? 'active' : ''}>
            {s.label}
          </a>
        ))}
      </nav>
      <main className="content">{screen && groupId && screen.render({ groupId, year, secretariat, org: session.org })}</main>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
