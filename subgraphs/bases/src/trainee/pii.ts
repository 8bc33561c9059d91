/** 公民身份号码 (GB 11643-1999): 17 digits and a check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Why a 身份证号 is not valid, without repeating the number (messages may reach logs); null when valid. */
export function idNumberProblem(value: string): string | null {
  if (!/^\d{17}[\dX]$/.test(value)) return '身份证号应为 18 位：17 位数字加 1 位数字或 X（ID number format）';
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > 31) return '身份证号中的出生日期不正确（ID number birth date），请核对';
  if (idCheckCharacter(value.slice(0, 17)) !== value[17]) return '身份证号校验位错误（ID number check digit），请核对是否录入有误';
  return null;
}

export const normaliseIdNumber = (value: string) => value.trim().toUpperCase();

/** Mainland mobile number: 11 digits starting with 1. */
export const phoneProblem = (value: string) => (/^1[3-9]\d{9}$/.test(value) ? null : '手机号应为 11 位数字，以 1 开头（mobile phone format）');

/** 370***********123X: the first three and the last four characters. */
export const maskIdNumber = (value: string) => `${value.slice(0, 3)}${'*'.repeat(11)}${value.slice(14)}`;

/** 138****1234. */
export const maskPhone = (value: string) => `${value.slice(0, 3)}****${value.slice(7)}`;

/**
 * Free text (a cell quoted in an error, a header row, a reader's message) with every run of 11 or
 * more digits — a 身份证号 (with its X), a mobile number, an old 15-digit ID — masked like the
 * fields themselves: the first three and the last four characters kept.
 */
export const maskPersonalText = (text: string) =>
  text.replace(/\d{10,}[\dXx]/g, (run) => {
    if (run.length === 18) return maskIdNumber(run);
    if (run.length === 11) return maskPhone(run);
    return `${run.slice(0, 3)}${'*'.repeat(run.length - 7)}${run.slice(-4)}`;
  });
