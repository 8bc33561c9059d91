import http from 'node:http';
import { collectWhenIdle, readIdleCollectMs } from '../src/idle';

describe('collectWhenIdle', () => {
  it('collects once after the last request has ended, and again only after another request', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    const collections: number[] = [];
    let collected = () => {};
    collectWhenIdle(server, 30, () => {
      collections.push(Date.now());
      collected();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
      const next = () => new Promise<void>((resolve) => (collected = resolve));
      await next(); // the one after start
      const ended: number[] = [];
      for (let i = 0; i < 2; i++) {
        const collection = next();
        await (await fetch(url)).text();
        ended.push(Date.now());
        await collection;
      }
      expect(collections).toHaveLength(3);
      // Each collection comes after the request before it ended (at least `ms` later).
      expect(collections[1]).toBeGreaterThanOrEqual(ended[0] + 25);
      expect(collections[2]).toBeGreaterThanOrEqual(ended[1] + 25);
    } finally {
      server.close();
    }
  });

  it('does nothing without a collector (node started without --expose-gc) or with 0 ms', () => {
    const server = http.createServer();
    collectWhenIdle(server, 30, undefined);
    collectWhenIdle(server, 0, () => {
      throw new Error('collected');
    });
    expect(server.listenerCount('request')).toBe(0);
  });

  it('reads IDLE_COLLECT_MS, and refuses what is not a whole number of milliseconds', () => {
    expect(readIdleCollectMs({})).toBe(2000);
    expect(readIdleCollectMs({ IDLE_COLLECT_MS: '0' })).toBe(0);
    expect(readIdleCollectMs({ IDLE_COLLECT_MS: '500' })).toBe(500);
    expect(() => readIdleCollectMs({ IDLE_COLLECT_MS: '2s' })).toThrow(/^IDLE_COLLECT_MS 应为.*\(IDLE_COLLECT_MS must be/);
  });
});
