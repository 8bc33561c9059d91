import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../scripts/lib/launch';

const ROOT = path.resolve(__dirname, '..');

/** Runs a compiled service until it exits (or 20 s pass) and returns its code and output. */
function runUntilExit(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', script)], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const secret = 'g'.repeat(40);
/** Members seals join inquiries' contact data and checks its key at start. */
const PII_KEY = Buffer.alloc(32, 5).toString('base64');

describe('services fail fast with a message naming what is wrong', () => {
  it('a subgraph without GATEWAY_SECRET', async () => {
    const { code, output } = await runUntilExit('subgraphs/members/src/index.js', { PII_KEY });
    expect(code).toBe(1);
    expect(output).toMatch(/GATEWAY_SECRET is required/);
  });

  it('members without PII_KEY (it seals the contact data of portal join inquiries)', async () => {
    const { code, output } = await runUntilExit('subgraphs/members/src/index.js', { GATEWAY_SECRET: secret });
    expect(code).toBe(1);
    expect(output).toMatch(/PII_KEY is required/);
  });

  it('a subgraph whose database is down names the database, not its password', async () => {
    const closed = await freePort();
    const { code, output } = await runUntilExit('subgraphs/members/src/index.js', {
      GATEWAY_SECRET: secret,
      PII_KEY,
      MEMBERS_DATABASE_URL: `mysql://hub:s3cret-pw@127.0.0.1:${closed}/zjjt_members`,
    });
    expect(code).toBe(1);
    expect(output).toContain(`无法连接数据库 mysql://hub@127.0.0.1:${closed}/zjjt_members`);
    expect(output).not.toContain('s3cret-pw');
  });

  it('a gateway without a way to verify tokens', async () => {
    const { code, output } = await runUntilExit('gateway/src/index.js', { GATEWAY_SECRET: secret });
    expect(code).toBe(1);
    expect(output).toMatch(/JWT_SECRET .* or JWKS_URL/);
  });
});
