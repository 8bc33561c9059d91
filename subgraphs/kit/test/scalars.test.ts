import { Kind } from 'graphql';
import { Ratio, Wan } from '@zjjt/kit';

describe('Wan and Ratio: two decimals as text, like Money and like a filled report field', () => {
  it('answers every value with exactly two decimals, whatever its size', () => {
    expect(Ratio.serialize(5.1)).toBe('5.10');
    expect(Ratio.serialize(94)).toBe('94.00');
    expect(Ratio.serialize(-12.5)).toBe('-12.50');
    expect(Wan.serialize('1450')).toBe('1450.00');
    expect(Wan.serialize('1.2')).toBe('1.20');
    // A 万元 sum the hub formatted is passed through digit for digit (no float on the way).
    expect(Wan.serialize('99999999999.99')).toBe('99999999999.99');
  });

  it('takes a JSON number or decimal text with at most two decimals', () => {
    expect(Ratio.parseValue(65.5)).toBe(65.5);
    expect(Ratio.parseValue('65.50')).toBe(65.5);
    expect(Ratio.parseLiteral({ kind: Kind.FLOAT, value: '0.25' }, {})).toBe(0.25);
    expect(Ratio.parseLiteral({ kind: Kind.STRING, value: '80' }, {})).toBe(80);
  });

  it('refuses more decimals or non-numbers with a message that says the form', () => {
    expect(() => Ratio.parseValue(65.555)).toThrow('比率（百分比或倍数）应为最多两位小数的数，例如 "85.50" (invalid ratio: 65.555)');
    expect(() => Wan.parseValue('1,000')).toThrow(/金额（万元）应为最多两位小数的数.*\(invalid amount in 万元/);
    expect(() => Ratio.parseValue(true)).toThrow(/invalid ratio/);
    expect(() => Ratio.serialize('85%')).toThrow(TypeError);
  });
});
