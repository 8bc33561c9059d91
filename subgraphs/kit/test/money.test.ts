import { cappedAmount, divideRounded, fenToWan, fenToYuan, figureToFen, formatYuan, MAX_ROW_FEN, Money, yuanToFen } from '@zjjt/kit';

describe('money: input rules for one amount, output rules for any sum', () => {
  it('formats sums beyond a float’s exact range to the fen', () => {
    expect(fenToYuan('9999999999999991')).toBe('99999999999999.91');
    expect(fenToYuan(9999999999999991n)).toBe('99999999999999.91');
    expect(fenToYuan(12345)).toBe('123.45');
    expect(fenToYuan(-5)).toBe('-0.05');
    expect(Money.serialize('9999999999999991')).toBe('99999999999999.91');
    expect(() => fenToYuan(1.5)).toThrow(RangeError);
  });

  it('reads back a formatted figure of any size, but keeps input rules for input', () => {
    expect(figureToFen('99999999999999.91')).toBe(9999999999999991n);
    expect(figureToFen('12.5')).toBe(1250n);
    expect(() => figureToFen('1,000')).toThrow(RangeError);
    expect(() => yuanToFen('99999999999999.91')).toThrow(/invalid amount/);
    expect(yuanToFen('125000.5')).toBe(12500050);
  });

  it('rounds 万元 half up once, also per head', () => {
    expect(fenToWan(1234567)).toBe('1.23');
    expect(fenToWan(1235000)).toBe('1.24');
    expect(fenToWan('9999999999999991')).toBe('10000000000.00');
    expect(fenToWan(45_000_000n, 450)).toBe('0.10'); // 450,000 元 over 450 teachers: 1,000 元 each
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
  });

  it('caps one row at 10 亿元 with a message that says the limit', () => {
    expect(cappedAmount(MAX_ROW_FEN, '企业投入')).toBe(MAX_ROW_FEN);
    expect(() => cappedAmount(MAX_ROW_FEN + 1, '企业投入')).toThrow(
      '金额过大（amount too large）：企业投入单笔不得超过 1,000,000,000.00 元，当前为 1,000,000,000.01 元',
    );
    expect(formatYuan(123456789)).toBe('1,234,567.89');
  });
});
