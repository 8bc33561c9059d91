// The console is a client of the gateway like any other: GraphQL on /graphql and the file route
// /files/…, with the signed-in user's bearer token. The token is kept in sessionStorage (this
// browser tab only) until the hub has a sign-in of its own.

const TOKEN_KEY = 'zjjt-console-token';

export interface Session {
  token: string;
  sub: string;
  roles: string[];
  groups: string[];
  org: string | null;
}

/** The claims of a token, read only to choose the menu: the gateway checks the token on every call. */
export function readSession(token: string): Session | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = new TextDecoder().decode(Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as { sub?: unknown; roles?: unknown; groups?: unknown; org?: unknown };
    const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
    if (typeof claims.sub !== 'string') return null;
    return { token, sub: claims.sub, roles: strings(claims.roles), groups: strings(claims.groups), org: typeof claims.org === 'string' ? claims.org : null };
  } catch {
    return null;
  }
}

export const storedToken = () => sessionStorage.getItem(TOKEN_KEY);
export const storeToken = (token: string | null) => (token ? sessionStorage.setItem(TOKEN_KEY, token) : sessionStorage.removeItem(TOKEN_KEY));

/** An error the hub answered, with its message (Chinese first) and code. */
export class HubError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Called when the gateway answers 401: the token is invalid or expired. */
let onUnauthenticated: () => void = () => undefined;
export const setUnauthenticatedHandler = (handler: () => void) => (onUnauthenticated = handler);

const authorization = (): Record<string, string> => {
  const token = storedToken();
  return token ? { authorization: `Bearer ${token}` } : {};
};

/** One GraphQL operation; the first error of the answer is thrown as a HubError. */
export async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authorization() },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (response.status === 401) onUnauthenticated();
  const error = body.errors?.[0];
  if (error) throw new HubError(error.message, error.extensions?.code, response.status);
  if (!response.ok || !body.data) throw new HubError(`网关答复 HTTP ${response.status} (gateway error)`, undefined, response.status);
  return body.data;
}

/** Downloads a file of the file route (with the token) and saves it under `name`. */
export async function download(path: string, name: string): Promise<void> {
  const response = await fetch(path, { headers: authorization() });
  if (!response.ok) throw new HubError(`下载失败：HTTP ${response.status} (download failed)`, undefined, response.status);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Uploads a file to the file route, reporting progress (0–1); resolves with the status and the JSON answer. */
export function upload(path: string, file: Blob, onProgress: (share: number) => void): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    for (const [name, value] of Object.entries(authorization())) request.setRequestHeader(name, value);
    request.setRequestHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = { message: request.responseText };
      }
      resolve({ status: request.status, body });
    };
    request.onerror = () => reject(new HubError('上传中断：无法连接网关 (upload failed)'));
    request.send(file);
  });
}
