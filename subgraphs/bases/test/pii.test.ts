import { createSealer } from '../src/sealing';
import { idCheckCharacter, idNumberProblem, maskIdNumber, maskPhone, phoneProblem } from '../src/trainee/pii';

describe('公民身份号码 (GB 11643)', () => {
  const valid = '11010519491231002X';

  it('computes the check character', () => {
    expect(idCheckCharacter(valid.slice(0, 17))).toBe('X');
    expect(idNumberProblem(valid)).toBeNull();
  });

  it('names what is wrong without repeating the number', () => {
    expect(idNumberProblem('110105194912310021')).toMatch(/校验位错误/);
    expect(idNumberProblem('11010519491231002')).toMatch(/18 位/);
    expect(idNumberProblem('110105194913310020')).toMatch(/出生日期/);
    expect(idNumberProblem('110105194912310021')).not.toContain('1101051949');
  });

  it('masks as 110***********002X and 138****1234', () => {
    expect(maskIdNumber(valid)).toBe('110***********002X');
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(phoneProblem('1381234123')).not.toBeNull();
  });
});

describe('sealing', () => {
  const env = { PII_KEY: Buffer.alloc(32, 7).toString('base64') };

  it('round-trips, never repeats a ciphertext, and hashes the same value the same way', () => {
    const sealer = createSealer(env, 'PII_KEY');
    const a = sealer.seal('11010519491231002X');
    const b = sealer.seal('11010519491231002X');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1101051949');
    expect(sealer.open(a)).toBe('11010519491231002X');
    expect(sealer.hash('11010519491231002X')).toBe(sealer.hash('11010519491231002X'));
    expect(() => sealer.open(`${a.slice(0, -4)}AAAA`)).toThrow();
  });

  it('never repeats an IV, across the pools of random bytes they are cut from', () => {
    const sealer = createSealer(env, 'PII_KEY');
    const sealed = Array.from({ length: 1000 }, (_, i) => sealer.seal(`1380000${String(i).padStart(4, '0')}`));
    expect(new Set(sealed.map((s) => Buffer.from(s, 'base64').subarray(0, 12).toString('hex'))).size).toBe(1000);
    expect(sealed.map((s) => sealer.open(s))).toEqual(Array.from({ length: 1000 }, (_, i) => `1380000${String(i).padStart(4, '0')}`));
  });

  it('refuses a missing or short key, naming the variable', () => {
    expect(() => createSealer({}, 'PII_KEY')).toThrow(/PII_KEY/);
    expect(() => createSealer({ PII_KEY: 'c2hvcnQ=' }, 'PII_KEY')).toThrow(/32 random bytes/);
  });
});
