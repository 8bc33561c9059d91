/**
 * One GraphQL call to the gateway as a client (bearer token), returning `data`; a GraphQL error
 * becomes an Error carrying the gateway's messages.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a caller that names no shape reads the answer as loose JSON
export async function callGateway<T = any>(url: string, query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => `${e.message}${e.extensions?.code ? ` [${e.extensions.code}]` : ''}`).join('；'));
  return body.data as T;
}
