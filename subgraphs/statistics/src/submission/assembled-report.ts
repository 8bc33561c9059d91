import { SignJWT } from 'jose';
import { ConfigError, readGatewaySecret } from '@zjjt/kit';

// The contract of a service token; its verifier is gateway/src/service-tokens.ts.
/** The audience the gateway requires of a service token. */
const SERVICE_TOKEN_AUDIENCE = 'zjjt-hub-gateway';
/** Well under the gateway's 60 s cap: the token is minted for one call. */
const SERVICE_TOKEN_SECONDS = 30;

/** A field of the filled template as the hub computes it: code and value text (and, when empty, the ledger rows that lack it). */
export interface ComputedField {
  code: string;
  value: string | null;
  unreported?: string | null;
}

/** The gateway could not give the assembled report (down, a subgraph missing, refused): nothing is frozen. */
export class AssembledReportUnavailable extends Error {}

const QUERY = /* GraphQL */ `
  query FreezeSource($g: ID!, $y: Int!, $t: String!) {
    annualReport(groupId: $g, year: $y) { filled(template: $t) { fields { code value unreported } } }
  }
`;

/**
 * Reads `annualReport.filled` through the gateway (GATEWAY_URL) as the hub assembles it at this
 * moment, under a service identity: an HS256 token signed with this subgraph's own gateway secret
 * (STATISTICS_GATEWAY_SECRET, else GATEWAY_SECRET), `iss: statistics`, REPORTER of that one group,
 * valid 30 s. These are the figures a freeze stores — never a client's copy.
 */
export function assembledReportReader(env: NodeJS.ProcessEnv = process.env, timeoutMs = 8000) {
  const url = env.GATEWAY_URL || 'http://127.0.0.1:4000/graphql';
  if (!/^https?:\/\/\S+$/.test(url)) throw new ConfigError(`GATEWAY_URL must be the gateway's http(s) GraphQL URL, got "${url}"`);
  const key = new TextEncoder().encode(readGatewaySecret(env, 'statistics'));
  return async function filled(groupId: string, year: number, template: string): Promise<ComputedField[]> {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ roles: ['REPORTER'], groups: [groupId] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('statistics')
      .setSubject('service:statistics')
      .setAudience(SERVICE_TOKEN_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + SERVICE_TOKEN_SECONDS)
      .sign(key);
    let body: { data?: { annualReport: { filled: { fields: ComputedField[] } | null } | null }; errors?: { message: string }[] };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: QUERY, variables: { g: groupId, y: year, t: template } }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = (await response.json()) as typeof body;
      if (!response.ok && !body.errors?.length) throw new Error(`gateway answered ${response.status}`);
    } catch (error) {
      throw new AssembledReportUnavailable(`gateway: ${(error as Error).message}`);
    }
    // Any error means a section may be missing (a subgraph down): never freeze a partial report.
    if (body.errors?.length) throw new AssembledReportUnavailable(`gateway: ${body.errors.map((e) => e.message).join('; ')}`);
    const fields = body.data?.annualReport?.filled?.fields;
    if (!fields) throw new AssembledReportUnavailable('gateway: no filled report');
    return fields;
  };
}

export type AssembledReportReader = ReturnType<typeof assembledReportReader>;

let shared: AssembledReportReader | undefined;

/** The process's one reader, made from process.env on first use (checked at start). */
export function sharedAssembledReportReader(): AssembledReportReader {
  shared ??= assembledReportReader();
  return shared;
}
