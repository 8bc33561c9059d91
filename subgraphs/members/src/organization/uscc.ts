/** 统一社会信用代码 (GB 32100-2015): 18 characters from this alphabet, the last a check character. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += USCC_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Why a code is not a valid USCC, in words a secretariat understands; null when it is valid. */
export function usccProblem(code: string): string | null {
  if (code.length !== 18) return `统一社会信用代码「${code.slice(0, 40)}」应为 18 位，当前为 ${code.length} 位（USCC length）`;
  const bad = [...code].filter((c) => !USCC_ALPHABET.includes(c));
  if (bad.length) return `统一社会信用代码含有不允许的字符「${[...new Set(bad)].join('')}」，只能是数字和除 I、O、Z、S、V 外的大写字母（USCC characters）`;
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) return `统一社会信用代码 ${code} 校验位错误（USCC check character）：最后一位应为「${expected}」，请核对是否录入有误`;
  return null;
}

/** Normalises what a person typed: trims and upper-cases. */
export const normaliseUscc = (code: string) => code.trim().toUpperCase();
