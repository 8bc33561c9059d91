import fs from 'node:fs';
import path from 'node:path';

/**
 * The contract is the one module both ends share: it depends on nothing but Node, everything else
 * imports it by name (@zjjt/contract), and the gateway imports nothing else from the subgraphs' side.
 */
const root = path.resolve(__dirname, '../..');

function typescriptFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : typescriptFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module specifier `file` imports (its text read unless given). */
const specifiers = (file: string, text = fs.readFileSync(file, 'utf8')) =>
  [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)'([^']+)'/g)].map((m) => m[1]);

/** The imports of `file` that land under `folder` by a relative path, as `file: specifier`. */
function pathImportsInto(folder: string, file: string, text?: string): string[] {
  const target = path.join(root, folder);
  return specifiers(file, text)
    .filter((s) => s.startsWith('.'))
    .filter((s) => {
      const resolved = path.resolve(path.dirname(file), s);
      return resolved === target || resolved.startsWith(target + path.sep);
    })
    .map((s) => `${path.relative(root, file)}: ${s}`);
}

describe('@zjjt/contract as the shared module', () => {
  it('depends on nothing but Node and itself', () => {
    const files = typescriptFiles(path.join(root, 'contract/src'));
    expect(files.length).toBeGreaterThan(1);
    expect(files.flatMap((file) => specifiers(file).filter((s) => !s.startsWith('node:') && !s.startsWith('./')))).toEqual([]);
  });

  it('is imported by name everywhere outside it', () => {
    const outside = ['gateway', 'scripts', 'test', 'subgraphs'].flatMap((dir) => typescriptFiles(path.join(root, dir)));
    expect(outside.length).toBeGreaterThan(100);
    expect(outside.flatMap((file) => pathImportsInto('contract', file))).toEqual([]);
  });

  it('is all the gateway shares with the subgraphs: the gateway imports nothing from subgraphs/', () => {
    const gateway = typescriptFiles(path.join(root, 'gateway'));
    expect(gateway.length).toBeGreaterThan(5);
    const imports = gateway.flatMap((file) => [
      ...pathImportsInto('subgraphs', file),
      ...specifiers(file)
        .filter((s) => s.startsWith('@zjjt/kit'))
        .map((s) => `${path.relative(root, file)}: ${s}`),
    ]);
    expect(imports).toEqual([]);
  });

  it('finds an import that reaches across by path', () => {
    const file = path.join(root, 'gateway/src/datasource.ts');
    const text =
      "import { SECRET_HEADER } from '../../contract/src';\nimport { Viewer } from '../../subgraphs/kit/src/identity';\nimport { Claims } from './auth';\n";
    expect(pathImportsInto('contract', file, text)).toEqual(['gateway/src/datasource.ts: ../../contract/src']);
    expect(pathImportsInto('subgraphs', file, text)).toEqual(['gateway/src/datasource.ts: ../../subgraphs/kit/src/identity']);
  });
});
