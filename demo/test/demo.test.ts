import fs from 'node:fs';
import path from 'node:path';
import { activeMember, DEMO, DEMO_GROUPS, DEMO_UNITS, demoId, isActiveMember, orgId, seededRandom, workday } from '@zjjt/demo';

const root = path.resolve(__dirname, '../..');

function typescriptFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : typescriptFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Demo USCCs written into `text`, as `file: code`: a copy of the demo's units outside the demo package. */
function copiedCodes(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  return DEMO_UNITS.filter((u) => text.includes(u.uscc)).map((u) => `${path.relative(root, file)}: ${u.uscc}`);
}

describe('@zjjt/demo, the one place of the demo data', () => {
  it('derives the same ids as every seed always has', () => {
    expect(demoId('group', 'sdjx')).toBe('f6760a77-74b4-5227-5284-93a281560392');
    expect(DEMO.groupId).toBe(demoId('group', 'sdjx'));
    expect(DEMO.memberOrgId).toBe(orgId('jnjgzb'));
    expect(DEMO.secretariatOrgId).toBe(orgId('sdjxxh'));
    expect(DEMO.secondGroupSecretariatOrgId).toBe(orgId('qdznxh'));
  });

  it('lists every unit once, and every membership names a unit', () => {
    expect(DEMO_UNITS).toHaveLength(68);
    expect(new Set(DEMO_UNITS.map((u) => u.slug)).size).toBe(68);
    const slugs = new Set(DEMO_UNITS.map((u) => u.slug));
    const members = DEMO_GROUPS.flatMap((g) => g.members.map((m) => m.org));
    expect(members).toHaveLength(70);
    expect(members.filter((slug) => !slugs.has(slug))).toEqual([]);
    expect(DEMO_UNITS.filter((u) => !members.includes(u.slug)).map((u) => u.slug)).toEqual([]);
  });

  it('knows who is an active member of which group', () => {
    expect(isActiveMember('qdgkjx', 'sdjx') && isActiveMember('qdgkjx', 'qdzz')).toBe(true);
    expect(isActiveMember('hzdj', 'sdjx')).toBe(false); // exited
    expect(isActiveMember('taqcpj', 'sdjx')).toBe(false); // rejected
    expect(isActiveMember('whdj', 'sdjx')).toBe(false); // pending
    expect(() => activeMember('qdzy', 'sdjx')).toThrow('demo unit qdzy is not an active member of sdjx');
    expect(activeMember('jnjgzb', 'sdjx')).toMatchObject({ name: '济南示范激光装备有限公司（演示）', uscc: '913701120ERR2BNFLP', type: 'ENTERPRISE' });
  });

  it('draws the same numbers from the same seed, and starts classes on working days', () => {
    const draw = (seed: string) => Array.from({ length: 5 }, seededRandom(seed).next);
    expect(draw('bases-demo:sdjx:pxjd')).toEqual(draw('bases-demo:sdjx:pxjd'));
    expect(draw('bases-demo:sdjx:pxjd')).not.toEqual(draw('bases-demo:sdjx:jxjd'));
    expect(workday('2025-01-25')).toBe('2025-01-27'); // a Saturday
    expect(workday('2025-01-28')).toBe('2025-02-05'); // 春节 until 4 February
  });

  it('is the only place the demo units are written down', () => {
    const outside = ['gateway', 'scripts', 'bench', 'bot', 'test', 'subgraphs'].flatMap((dir) => typescriptFiles(path.join(root, dir)));
    expect(outside.length).toBeGreaterThan(100);
    expect(outside.flatMap((file) => copiedCodes(file))).toEqual([]);
  });

  it('finds a copied unit', () => {
    const file = path.join(root, 'subgraphs/bases/src/seed.ts');
    expect(copiedCodes(file, "const USCC = { qlzxjc: '91370112051DDJC7UX' };")).toEqual(['subgraphs/bases/src/seed.ts: 91370112051DDJC7UX']);
  });

  it('imports no subgraph', () => {
    const imports = typescriptFiles(path.join(root, 'demo/src')).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]).filter((s) => !s.startsWith('./') && !s.startsWith('node:')),
    );
    expect(imports.length).toBeGreaterThan(0);
    expect([...new Set(imports)].sort()).toEqual(['@zjjt/kit', 'typeorm']);
  });
});
