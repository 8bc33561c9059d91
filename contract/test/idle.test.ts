import http from 'node:http';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { collectWhenIdle, readIdleCollectMs } from '../src/idle';

describe('collectWhenIdle', () => {
  it('collects once after the last request in flight has ended, never while one is, and again only after another', async () => {
    // What happened, in order: requests beginning and ending (as the server saw them) and collections.
    const events: string[] = [];
    let collected = () => {};
    const server = http.createServer((req, res) => {
      events.push(`begin ${req.url}`);
      res.once('close', () => events.push(`end ${req.url}`));
      // "/slow" stays open for several idle periods: no collection may come while it is in flight.
      if (req.url === '/slow') setTimeout(() => res.end('ok'), 200);
      else res.end('ok');
    });
    // Each collection is two calls: a plain one, then V8's "last resort" one.
    collectWhenIdle(server, 30, (options) => {
      if (!options) return;
      expect(options).toEqual({ type: 'major', execution: 'sync', flavor: 'last-resort' });
      events.push('collect');
      collected();
    });
    const next = () => new Promise<void>((resolve) => (collected = resolve));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      await next(); // the one after start
      for (const path of ['/a', '/slow', '/b']) {
        const collection = next();
        await (await fetch(url + path)).text();
        await collection;
      }
      expect(events).toEqual(['collect', 'begin /a', 'end /a', 'collect', 'begin /slow', 'end /slow', 'collect', 'begin /b', 'end /b', 'collect']);
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
    expect(() => readIdleCollectMs({ IDLE_COLLECT_MS: '2s' })).toThrow(/^空闲回收间隔 IDLE_COLLECT_MS 应为.*\(IDLE_COLLECT_MS must be/);
  });
});

describe('compactingCollection', () => {
  it('gives back the pages of a heap whose live objects were spread over them (this Node, --expose-gc)', () => {
    // A heap of 2 M objects of which every 20th stays: an ordinary full collection keeps nearly all its pages.
    const script = `
      const { compactingCollection } = require(${JSON.stringify(path.resolve(__dirname, '../dist/idle.js'))});
      const keep = []; let junk = [];
      for (let i = 0; i < 2e6; i++) { const o = { a: i, b: 'x' + i }; if (i % 20 === 0) keep.push(o); else junk.push(o); }
      junk = null;
      gc();
      const before = process.memoryUsage().heapTotal;
      compactingCollection(gc);
      console.log(JSON.stringify({ before, after: process.memoryUsage().heapTotal, kept: keep.length }));
    `;
    // The built module (npm test builds first), as the services load it.
    const out = execFileSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
    const { before, after, kept } = JSON.parse(out) as { before: number; after: number; kept: number };
    expect(kept).toBe(100_000);
    expect(before).toBeGreaterThan(100 * 2 ** 20);
    expect(after).toBeLessThan(before / 3);
  });
});
