import fs from 'node:fs';
import path from 'node:path';
import { AdapterConfig } from './config';
import { Submission } from './submission.entity';

/** What a platform said: accepted (with its receipt), rejected for good (4xx), or try again later. */
export type Outcome =
  { kind: 'accepted'; receipt: string } | { kind: 'uploaded'; receipt: string } | { kind: 'rejected'; message: string } | { kind: 'retry'; error: string };

/** Sends one frozen payload with its idempotency key; never throws. */
export async function send(adapter: NonNullable<AdapterConfig>, submission: Submission, timeoutMs: number, workbook: () => Promise<Buffer>): Promise<Outcome> {
  if (adapter.kind === 'outbox') {
    try {
      const base = `${submission.template}-${submission.groupId}-${submission.year}-v${submission.version}-${submission.idempotencyKey}`;
      fs.mkdirSync(adapter.dir, { recursive: true });
      fs.writeFileSync(path.join(adapter.dir, `${base}.json`), submission.payload);
      fs.writeFileSync(path.join(adapter.dir, `${base}.xlsx`), await workbook());
      return { kind: 'uploaded', receipt: `已写入上传目录：${base}.xlsx` };
    } catch (error) {
      return { kind: 'retry', error: `outbox: ${(error as Error).message}`.slice(0, 500) };
    }
  }
  try {
    const response = await fetch(adapter.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': submission.idempotencyKey,
        ...(adapter.token ? { authorization: `Bearer ${adapter.token}` } : {}),
      },
      body: submission.payload,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = (await response.text()).slice(0, 4000);
    if (response.ok) return { kind: 'accepted', receipt: text };
    if (response.status >= 400 && response.status < 500)
      return { kind: 'rejected', message: `报送平台拒收（rejected by the platform, HTTP ${response.status}）：${text}` };
    return { kind: 'retry', error: `HTTP ${response.status}` };
  } catch (error) {
    const e = error as Error;
    return { kind: 'retry', error: e.name === 'TimeoutError' ? `平台在 ${timeoutMs} ms 内未答复 (timeout)` : `连接平台失败 (${e.message})`.slice(0, 500) };
  }
}
