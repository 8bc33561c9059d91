import { buildProvince, DEMO_UNITS, provinceCounts, seededRandom } from '@zjjt/demo';
import { usccCheckCharacter, usccProblem } from '../src/organization/uscc';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // A published example code whose check character is known.
  const valid = '91350100M000100Y43';

  it('accepts a code with the right check character', () => {
    expect(usccCheckCharacter(valid.slice(0, 17))).toBe('3');
    expect(usccProblem(valid)).toBeNull();
  });

  it('names the wrong length', () => {
    expect(usccProblem('91350100M000100Y4')).toMatch(/18 位，当前为 17 位/);
  });

  it('names the characters that are not allowed', () => {
    expect(usccProblem('91350100M000100YI3')).toMatch(/不允许的字符「I」/);
    expect(usccProblem('91350100m000100Y43')).toMatch(/不允许的字符「m」/);
  });

  it('says which check character was expected', () => {
    expect(usccProblem('91350100M000100Y44')).toMatch(/最后一位应为「3」/);
  });
});

describe('the demo units’ codes (@zjjt/demo)', () => {
  it('are 68 valid USCCs, all different, each with the registration prefix of its type', () => {
    expect(DEMO_UNITS).toHaveLength(68);
    expect(DEMO_UNITS.map((u) => [u.slug, usccProblem(u.uscc)]).filter(([, problem]) => problem !== null)).toEqual([]);
    expect(new Set(DEMO_UNITS.map((u) => u.uscc)).size).toBe(68);
    const prefix = (type: string) => ({ ENTERPRISE: '91', INDUSTRY_ASSOCIATION: '51', GOVERNMENT: '11' })[type] ?? '12';
    expect(DEMO_UNITS.filter((u) => !u.uscc.startsWith(prefix(u.type) + u.region)).map((u) => u.slug)).toEqual([]);
  });
});

describe('the province dataset’s codes (@zjjt/demo buildProvince)', () => {
  it('are 4,000 valid USCCs, all different, each with the registration prefix of its type and its region', () => {
    const { units } = buildProvince(provinceCounts(1), (part) => seededRandom(`province:${part}`), usccCheckCharacter);
    expect(units).toHaveLength(4000);
    expect(units.map((u) => [u.id, usccProblem(u.uscc)]).filter(([, problem]) => problem !== null)).toEqual([]);
    expect(new Set(units.map((u) => u.uscc)).size).toBe(4000);
    const prefix = (type: string) => ({ ENTERPRISE: '91', INDUSTRY_ASSOCIATION: '51', GOVERNMENT: '11' })[type] ?? '12';
    expect(units.filter((u) => !u.uscc.startsWith(prefix(u.type) + u.region) || !u.region.startsWith('37')).map((u) => u.id)).toEqual([]);
  });
});
