import fs from 'node:fs';
import path from 'node:path';

/** The kit is the package @zjjt/kit: code outside it imports the package, never the kit's files by path. */
const root = path.resolve(__dirname, '../../..');
const kitSources = path.join(root, 'subgraphs/kit/src');

function typescriptFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : typescriptFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every relative import in `file` (its text read unless given) that lands in the kit's sources, as `file: specifier`. */
function kitPathImports(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)'(\.[^']*)'/g)].map((m) => m[1]);
  return specifiers
    .filter((specifier) => {
      const target = path.resolve(path.dirname(file), specifier);
      return target === kitSources || target.startsWith(kitSources + path.sep);
    })
    .map((specifier) => `${path.relative(root, file)}: ${specifier}`);
}

describe('@zjjt/kit as a package', () => {
  it('is imported by name everywhere outside the kit', () => {
    const outside = [
      'gateway',
      'scripts',
      'test',
      'demo',
      'bench',
      'bot',
      ...['members', 'resources', 'bases', 'statistics'].map((s) => `subgraphs/${s}`),
    ].flatMap((dir) => typescriptFiles(path.join(root, dir)));
    expect(outside.length).toBeGreaterThan(100);
    expect(outside.flatMap((file) => kitPathImports(file))).toEqual([]);
  });

  it('finds an import that reaches into the kit by path', () => {
    const file = path.join(root, 'subgraphs/bases/src/base/base.resolver.ts');
    const text = "import { demoId } from '../../../kit/src/ids';\nimport { Sealer } from '../sealing';\nimport { x } from '@zjjt/kit';\n";
    expect(kitPathImports(file, text)).toEqual(['subgraphs/bases/src/base/base.resolver.ts: ../../../kit/src/ids']);
  });
});
