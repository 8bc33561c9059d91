import { expect } from '@jest/globals';

/** The form of every message a person reads: Chinese first, then the English term in brackets. */
export const CJK = /[\u3400-\u9fff]/;
/** An English term in brackets after Chinese text: (… letters …) or （… letters …）. */
const ENGLISH_IN_BRACKETS = /[\u3400-\u9fff][^]*[(（][^()（）]*[A-Za-z]{2,}[^()（）]*[)）]/;

/** Why a text is not a message a person can act on, or null. */
export function messageProblem(text: string): string | null {
  if (!CJK.test(text)) return 'no Chinese text';
  const first = /[A-Za-z\u3400-\u9fff]/.exec(text.replace(/…/g, ''));
  if (first && !CJK.test(first[0])) return 'English before Chinese';
  if (!ENGLISH_IN_BRACKETS.test(text)) return 'no English term in brackets after the Chinese';
  return null;
}

/** Fails, showing the text and what is wrong with it, unless `text` is a message a person can act on. */
export function expectActionable(text: string): void {
  expect({ text, problem: messageProblem(text) }).toEqual({ text, problem: null });
}
