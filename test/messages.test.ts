import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { CJK, messageProblem } from './message-rule';

/**
 * Every message a secretariat or a member unit can see is Chinese first, with the English term in
 * brackets (SECURITY.md and STYLE.md: errors a person can act on). This reads the sources of the
 * gateway, the contract and the subgraphs and checks each text that reaches a user:
 *
 * - the message argument of the kit's error helpers (`badInput`, `forbidden`, `conflict`, …), of
 *   `new GraphQLError`, of the HTTP routes' `jsonError` / `errorBody`, and of the workbook errors;
 * - a bad workbook row's reasons (`reasons.push`, `this.fail`) and every `*Problem` function's
 *   answer (身份证号, 手机号, 统一社会信用代码, a template rule), which become messages;
 * - `message:` and `problem:` properties, and any `new Error` written in Chinese (it is shown).
 *
 * A message made at run time from another message (an error passed on, a list of row problems) is
 * named in PASSED_ON with the reason it is checked where it is made.
 */
const root = path.join(__dirname, '..');
const SOURCES = [
  'gateway/src',
  'contract/src',
  'subgraphs/kit/src',
  'subgraphs/members/src',
  'subgraphs/resources/src',
  'subgraphs/bases/src',
  'subgraphs/statistics/src',
];

/** Calls whose argument at this index is a message. */
const SINKS: Record<string, number> = {
  badInput: 0,
  forbidden: 0,
  unauthenticated: 0,
  conflict: 0,
  rateLimited: 0,
  hubError: 1,
  notBefore: 2,
  refusal: 1,
  jsonError: 3,
  errorBody: 1,
  GraphQLError: 0,
  WorkbookError: 0,
  ImportLimitError: 4,
};

/** Messages passed on from where they were made (and checked there): `file: expression`. */
const PASSED_ON = new Set([
  'subgraphs/kit/src/errors.ts: message', // hubError's own parameter: its callers are checked
  'gateway/src/limits.ts: message', // refusal's own parameter: its callers are checked
  'contract/src/index.ts: message', // jsonError and errorBody's parameter: their callers are checked
  'subgraphs/kit/src/validate.ts: message', // notBefore(message): its callers pass checked literals
  'subgraphs/kit/src/directory.ts: error.message', // the members subgraph's own USCC message
  'subgraphs/bases/src/imports/routes.ts: (error as Error).message', // oneOf/date/year below, in Chinese
  'subgraphs/bases/src/imports/routes.ts: error.message', // a WorkbookError or ImportLimitError
  'subgraphs/bases/src/revenue/revenue.resolver.ts: error.message', // the directory's USCC message
  'gateway/src/limits.ts: finding.message', // the findings below
  'gateway/src/limits.ts: rule[1](limit)', // LIMIT_MESSAGES
  'gateway/src/limits.ts: message(limit)', // LIMIT_MESSAGES
  'gateway/src/server.ts: UNAVAILABLE_MESSAGE', // gateway/src/errors.ts
  'gateway/src/files.ts: UNAVAILABLE_MESSAGE', // gateway/src/errors.ts
  'subgraphs/bases/src/competition/competition.input.ts: idProblem', // idNumberProblem
  'subgraphs/bases/src/competition/competition.input.ts: problem', // phoneProblem
  'subgraphs/members/src/organization/organization.input.ts: problem', // usccProblem
  'subgraphs/bases/src/imports/importer.ts: idProblem', // cellIdNumber / idNumberProblem
  'subgraphs/bases/src/imports/importer.ts: phoneIssue', // phoneProblem
  'subgraphs/bases/src/imports/importer.ts: NOT_XLSX', // reader.ts
  'subgraphs/bases/src/imports/routes.ts: NOT_XLSX', // reader.ts
  'subgraphs/bases/src/imports/importer.ts: reasons', // each reasons.push is checked
  'gateway/src/limits.ts: REJECTION.costLimit[1](limit)', // REJECTION
  'subgraphs/bases/src/imports/reader.ts: message', // WorkbookError's parameter
  'subgraphs/bases/src/imports/limits.ts: message', // ImportLimitError's parameter
]);

interface Found {
  where: string;
  text: string;
}

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'migrations') walk(full);
      } else if (entry.name.endsWith('.ts') && entry.name !== 'seed.ts') out.push(full);
    }
  };
  for (const dir of SOURCES) walk(path.join(root, dir));
  return out;
}

/** An expression written as text: a literal, a template, a choice or a sum of them. */
const isText = (e: ts.Expression): boolean =>
  ts.isStringLiteralLike(e) ||
  ts.isTemplateExpression(e) ||
  (ts.isParenthesizedExpression(e) && isText(e.expression)) ||
  (ts.isConditionalExpression(e) && (isText(e.whenTrue) || isText(e.whenFalse))) ||
  (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken && (isText(e.left) || isText(e.right)));

/** What one file's user-facing messages are, as texts (an interpolation shown as …), and what it passes on. */
function scan(file: string): { messages: Found[]; passedOn: string[] } {
  const rel = path.relative(root, file).split(path.sep).join('/');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const constants = new Map<string, ts.Expression>();
  const visitConstants = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) constants.set(node.name.text, node.initializer);
    ts.forEachChild(node, visitConstants);
  };
  visitConstants(source);

  const messages: Found[] = [];
  const passedOn: string[] = [];
  const where = (node: ts.Node) => `${rel}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

  /** The texts an expression can be; null parts are passed on (reported). */
  const texts = (expr: ts.Expression, seen = new Set<string>()): string[] => {
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [expr.text];
    if (ts.isTemplateExpression(expr)) return [expr.head.text + expr.templateSpans.map((s) => `…${s.literal.text}`).join('')];
    if (ts.isParenthesizedExpression(expr)) return texts(expr.expression, seen);
    if (ts.isConditionalExpression(expr)) return [...texts(expr.whenTrue, seen), ...texts(expr.whenFalse, seen)];
    if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = texts(expr.left, seen);
      const right = texts(expr.right, seen);
      return left.flatMap((l) => right.map((r) => l + r));
    }
    if (ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === 'maskPersonalText') return texts(expr.arguments[0], seen);
    if (ts.isIdentifier(expr) && constants.has(expr.text) && !seen.has(expr.text)) {
      const init = constants.get(expr.text)!;
      if (isText(init)) return texts(init, new Set([...seen, expr.text]));
    }
    if (expr.kind === ts.SyntaxKind.NullKeyword) return [];
    passedOn.push(`${rel}: ${expr.getText(source)}`);
    return [];
  };
  const add = (expr: ts.Expression | undefined, node: ts.Node) => {
    if (!expr) return;
    if (ts.isArrayLiteralExpression(expr)) return expr.elements.forEach((e) => add(e, node));
    for (const text of texts(expr)) messages.push({ where: where(node), text });
  };
  const returnsOf = (body: ts.Node) => {
    if (!ts.isBlock(body)) return add(body as ts.Expression, body);
    const visit = (node: ts.Node) => {
      if (ts.isReturnStatement(node) && node.expression) add(node.expression, node);
      if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
    };
    ts.forEachChild(body, visit);
  };
  /** Null answers (no problem) are not messages. */
  const withoutNull = (expr: ts.Expression): ts.Expression | undefined => (expr.kind === ts.SyntaxKind.NullKeyword ? undefined : expr);

  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      const args = node.arguments ?? ts.factory.createNodeArray();
      if (name in SINKS) add(args[SINKS[name]], node);
      else if (name === 'push' && ts.isPropertyAccessExpression(callee) && callee.expression.getText(source) === 'reasons') args.forEach((a) => add(a, node));
      else if (name === 'fail' && ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) add(args[2], node);
      else if (ts.isNewExpression(node) && name === 'Error' && args[0] && CJK.test(args[0].getText(source))) add(args[0], node);
    }
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && ['message', 'problem'].includes(node.name.text)) {
      const value = node.initializer;
      if (isText(value) || (ts.isIdentifier(value) && constants.has(value.text) && isText(constants.get(value.text)!))) add(value, node);
    }
    const fn =
      (ts.isFunctionDeclaration(node) && node.name?.text) ||
      (ts.isVariableDeclaration(node) && node.initializer && ts.isArrowFunction(node.initializer) && ts.isIdentifier(node.name) && node.name.text);
    if (fn && /Problem$/.test(fn)) {
      const body = ts.isFunctionDeclaration(node) ? node.body : (node.initializer as ts.ArrowFunction).body;
      if (body) {
        if (ts.isBlock(body)) returnsOf(body);
        else if (ts.isConditionalExpression(body) || ts.isParenthesizedExpression(body)) {
          const inner = ts.isParenthesizedExpression(body) ? body.expression : body;
          if (ts.isConditionalExpression(inner)) [inner.whenTrue, inner.whenFalse].forEach((b) => add(withoutNull(b), b));
          else add(withoutNull(inner), inner);
        } else add(withoutNull(body), body);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { messages: messages.filter((m) => !/^…*$/.test(m.text) && m.text !== 'null'), passedOn };
}

const results = sourceFiles().map(scan);

test('the scan finds the hub’s messages (helpers, routes, workbook rows, template rules, gateway)', () => {
  const where = new Set(results.flatMap((r) => r.messages.map((m) => m.where.split(':')[0])));
  for (const file of [
    'subgraphs/kit/src/validate.ts',
    'subgraphs/bases/src/imports/importer.ts',
    'subgraphs/bases/src/imports/routes.ts',
    'subgraphs/bases/src/trainee/pii.ts',
    'subgraphs/members/src/organization/uscc.ts',
    'subgraphs/statistics/src/templates/rules.ts',
    'subgraphs/statistics/src/collection/collection.service.ts',
    'gateway/src/server.ts',
    'gateway/src/limits.ts',
  ])
    expect(where).toContain(file);
  expect(results.flatMap((r) => r.messages).length).toBeGreaterThan(250);
});

test('every user-facing message is Chinese first with the English term in brackets', () => {
  const bad = results
    .flatMap((r) => r.messages)
    .flatMap((m) => {
      const problem = messageProblem(m.text);
      return problem ? [`${m.where} ${problem}: ${m.text}`] : [];
    });
  expect(bad).toEqual([]);
});

test('messages passed on at run time are only those named (each is checked where it is made)', () => {
  const passed = new Set(results.flatMap((r) => r.passedOn));
  expect([...passed].filter((p) => !PASSED_ON.has(p)).sort()).toEqual([]);
});

test('the check refuses what the old messages were', () => {
  expect(messageProblem('只能在本人所属的集团登记基地')).toBe('no English term in brackets after the Chinese');
  expect(messageProblem('token has no subject')).toBe('no Chinese text');
  expect(messageProblem('USCC 无效（invalid）')).toBe('English before Chinese');
  expect(messageProblem('只能在本人所属的集团登记基地 (group not yours)')).toBeNull();
  expect(messageProblem('搜索词过长（search text too long）：最多 …个字')).toBeNull();
});
