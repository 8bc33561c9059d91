import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { SUBGRAPHS } from '../scripts/services';

// docker-compose.yml cannot be started here (no Docker daemon, no `docker compose`), so it is read as
// YAML and checked for what replicas behind a load balancer need (docs/operations.md#what-scales-how).
const ROOT = path.join(__dirname, '..');

type Service = {
  image?: string;
  build?: unknown;
  command?: string[];
  deploy?: { replicas?: number };
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
};

/** YAML merge keys (`<<: *anchor`) applied, as Compose does. */
function merged(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(merged);
  if (!value || typeof value !== 'object') return value;
  const { '<<': base, ...own } = value as Record<string, unknown>;
  const bases = base === undefined ? [] : Array.isArray(base) ? base : [base];
  return Object.assign({}, ...bases.map(merged), Object.fromEntries(Object.entries(own).map(([k, v]) => [k, merged(v)])));
}

const compose = merged(load(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'))) as { services: Record<string, Service> };
const services = compose.services;
const replicated = ['gateway', ...SUBGRAPHS.map((s) => s.name)];

describe('docker-compose.yml', () => {
  it('runs every service of the hub as several replicas, none on a host port of its own', () => {
    for (const name of replicated) {
      expect({ name, replicas: services[name]?.deploy?.replicas }).toEqual({ name, replicas: expect.any(Number) });
      expect(services[name].deploy!.replicas).toBeGreaterThanOrEqual(2);
      expect({ name, ports: services[name].ports }).toEqual({ name, ports: undefined });
    }
  });

  it('puts a load balancer in front of the gateway replicas, on the one published port', () => {
    const lb = services.lb;
    expect(lb.ports).toEqual(['4000:4000']);
    const config = lb.volumes!.find((v) => v.endsWith(':/etc/nginx/nginx.conf:ro'))!.split(':')[0];
    const nginx = fs.readFileSync(path.join(ROOT, config), 'utf8');
    expect(nginx).toMatch(/upstream gateway \{[^}]*server gateway:4000 resolve/);
    expect(nginx).toMatch(/listen 4000;/);
    expect(nginx).toMatch(/proxy_pass http:\/\/gateway;/);
    // The gateway believes lb's X-Forwarded-For, so its per-address limits see the client.
    expect(services.gateway.environment!.TRUST_PROXY).toBe('1');
  });

  it('shares the gateways’ rate limits in the Redis service, and every other service reaches what it names', () => {
    expect(services.gateway.environment!.REDIS_URL).toBe('redis://redis:6379');
    expect(services.redis.image).toMatch(/^redis:/);
    for (const [name, service] of Object.entries(services)) {
      expect({ name, image: service.image ?? service.build }).toEqual({ name, image: expect.anything() });
      for (const dependency of Object.keys(service.depends_on ?? {})) expect(Object.keys(services)).toContain(dependency);
      for (const [variable, value] of Object.entries(service.environment ?? {}))
        if (/_URL$/.test(variable) && /^(https?|redis|mysql):\/\/[a-z]/.test(value)) {
          const host = new URL(value.replace(/\$\{[^}]*\}/g, 'x')).hostname;
          expect({ name, variable, host: services[host] ? host : `no service ${host}` }).toEqual({ name, variable, host });
        }
    }
    for (const name of SUBGRAPHS.map((s) => s.name)) expect(services[name].environment!.DATABASE_URL).toMatch(/@mysql:3306\//);
  });
});
