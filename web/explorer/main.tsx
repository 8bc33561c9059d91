// The hub's GraphQL explorer: GraphiQL bundled from the npm registry (its Monaco editor workers
// built by Vite beside the page), talking to this gateway only. The token lives in the tab's
// session storage and goes out as `Authorization: Bearer`; the documentation comes from the
// gateway's introspection with that token.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { EXAMPLE_OPERATIONS } from './examples';

const TOKEN_KEY = 'zjjt-hub.explorer.token';
const ENDPOINT = new URL('/graphql', window.location.href).href;
const TABS = EXAMPLE_OPERATIONS.map(({ query }) => ({ query }));

function Explorer() {
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const bearer = token.trim();
  // A new fetcher when the token changes: GraphiQL then reads the schema again with it.
  const fetcher = useMemo(() => createGraphiQLFetcher({ url: ENDPOINT, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} }), [bearer]);
  const changeToken = (value: string) => {
    setToken(value);
    if (value.trim()) sessionStorage.setItem(TOKEN_KEY, value.trim());
    else sessionStorage.removeItem(TOKEN_KEY);
  };
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
            onChange={(event) => changeToken(event.target.value)}
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
