import type { ApolloServerPlugin } from '@apollo/server';
import type { Express, NextFunction, Request, Response } from 'express';
import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';
import type { GatewayContext } from './datasource';
import { mountWebApp } from './web';

export const INTROSPECTION_NEEDS_SIGN_IN = '查看接口结构须先登录：请在接口浏览器中填入令牌 (introspection needs a signed-in user)';

/** Whether an operation reads the schema (`__schema` or `__type`; `__typename` is an ordinary field). */
function readsSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
    },
  });
  return found;
}

/**
 * In production with the explorer on, introspection is open to signed-in users only: an anonymous
 * operation that reads the schema is refused (HTTP 200, `UNAUTHENTICATED`) before it runs.
 */
export function introspectionForSignedInUsers(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.claims) return;
      return {
        async didResolveOperation({ document }) {
          if (readsSchema(document)) throw new GraphQLError(INTROSPECTION_NEEDS_SIGN_IN, { extensions: { code: 'UNAUTHENTICATED', http: { status: 200 } } });
        },
      };
    },
  };
}

/**
 * Serves the explorer (web/explorer, built into dist/web/explorer) under /explorer/, and sends a
 * browser that opens the endpoint itself (a GET of `/` or `/graphql` that prefers HTML and carries
 * no query) there. Answers false when the page was not built.
 */
export function mountExplorer(app: Express): boolean {
  if (!mountWebApp(app, 'explorer')) return false;
  app.get(['/', '/graphql'], (req: Request, res: Response, next: NextFunction) => {
    if (req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html') return res.redirect(302, '/explorer/');
    next();
  });
  return true;
}
