// The hub's GraphQL explorer: GraphiQL bundled from the npm registry (its Monaco editor workers
// built by Vite beside the page), talking to this gateway only. The token lives in the tab's
// session storage and goes out as `Authorization: Bearer`; the documentation comes from the
// gateway's introspection with that token.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { EXAMPLE_OPERATIONS } from './examples';

const TOKEN_KEY = 'zjjt-hub.explorer.token';
const ENDPOINT = new URL('/graphql', window.location.href).href;
const TABS = EXAMPLE_OPERATIONS.map(({ query }) => ({ query }));

function Explorer() {
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [bearer, setBearer] = useState(token.trim());
  // The token is taken once typing pauses: every new one makes GraphiQL read the schema again.
  useEffect(() => {
    const settle = setTimeout(() => {
      const next = token.trim();
      if (next) sessionStorage.setItem(TOKEN_KEY, next);
      else sessionStorage.removeItem(TOKEN_KEY);
      setBearer(next);
    }, 300);
    return () => clearTimeout(settle);
  }, [token]);
  const fetcher = useMemo(() => createGraphiQLFetcher({ url: ENDPOINT, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} }), [bearer]);
  return (
    <>
      <header className="explorer-bar">
        <strong>zjjt-hub GraphQL 接口浏览器 (explorer)</strong>
        <label>
          令牌 (token)
          <input
            type="password"
            name="token"
            autoComplete="off"
            spellCheck={false}
            placeholder="粘贴 npm start 打印的令牌 (paste a token)"
            value={token}
            onChange={(event) => setToken(event.target.value)}
          />
        </label>
        <span className="explorer-note">{bearer ? '已登录：请求带 Authorization: Bearer' : '未登录：仅可查询公开数据 (anonymous)'}</span>
      </header>
      <main className="explorer-main">
        <GraphiQL fetcher={fetcher} defaultTabs={TABS} defaultEditorToolsVisibility={false} />
      </main>
    </>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Explorer />
  </StrictMode>,
);
