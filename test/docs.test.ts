import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectEach } from '@zjjt/kit/testing';

/**
 * The README and docs/ must not go stale: every repository path they name exists, every folder
 * and file the layout lists exists, and every `npm run <script>` they show is in package.json.
 * A path under a folder .gitignore names (data/, dist/, bench/results/) is something the hub writes
 * at run time, so it is not looked for.
 */
const root = path.join(__dirname, '..');

/** Backticked names that look like paths but are not files of this repository. */
const NOT_REPOSITORY_PATHS = new Set([
  'xl/sharedStrings.xml', // the shared-strings part inside an .xlsx zip
]);

const FILE_EXTENSIONS = /\.(ts|js|json|md|yml|yaml|xlsx|graphql|sh|example)$/;

export function docFiles(dir = root): string[] {
  const docs = path.join(dir, 'docs');
  const inDocs = fs.existsSync(docs)
    ? fs
        .readdirSync(docs)
        .filter((f) => f.endsWith('.md'))
        .map((f) => path.join(docs, f))
    : [];
  return [path.join(dir, 'README.md'), ...inDocs];
}

function ignoredPrefixes(dir: string): string[] {
  return fs
    .readFileSync(path.join(dir, '.gitignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.endsWith('/') && !l.startsWith('#'));
}

/** Every file path of the repository (relative, with /), skipping ignored folders and .git. */
function repositoryFiles(dir: string): string[] {
  const skip = new Set(['.git', ...ignoredPrefixes(dir).map((p) => p.replace(/\/$/, ''))]);
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (skip.has(child)) continue;
      if (entry.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out;
}

function isRepositoryPathCandidate(token: string): boolean {
  if (/\s/.test(token) || token.includes('://') || token.startsWith('/') || token.startsWith('@') || token.startsWith('-')) return false;
  if (NOT_REPOSITORY_PATHS.has(token)) return false;
  if (token.startsWith('<') || /^[A-Z][A-Z0-9_]+\//.test(token)) return false; // a run-time location: <DATA_DIR>/…, DATA_DIR/…
  if (/^\.[\w-]+(\.[\w-]+)+$/.test(token)) return true; // .env.example
  if (token.includes('/')) return /^[\w.<>*-][\w.<>*/\u4e00-\u9fff-]*$/.test(token);
  return /^[\w.-]+$/.test(token) && FILE_EXTENSIONS.test(token) && !/^\.[\w]+$/.test(token);
}

/** Paths a markdown file names: backticked paths, link targets, and the layout block's entries. */
export function namedPaths(markdown: string): { backticked: string[]; links: string[]; layout: string[] } {
  const withoutFences = markdown.replace(/```[\s\S]*?```/g, '');
  const backticked = [...withoutFences.matchAll(/`([^`]+)`/g)].map((m) => m[1]).filter(isRepositoryPathCandidate);
  const links = [...withoutFences.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((t) => !/^[a-z]+:/.test(t) && !t.startsWith('#'))
    .map((t) => decodeURIComponent(t.replace(/#.*$/, '')));
  // The layout is a fenced block whose lines start with a folder ("gateway/src/   index.ts, …");
  // each folder must exist, and each file or folder name listed after it must exist inside it.
  const layout: string[] = [];
  for (const block of markdown.matchAll(/```text\n([\s\S]*?)```/g)) {
    // An indented line continues the folder above it.
    const entries: [string, string][] = [];
    for (const line of block[1].split('\n')) {
      const m = /^(\.?[\w.*<>-]+(?:\/[\w.*<>-]+)*\/)\s*(.*)$/.exec(line);
      if (m) entries.push([m[1], m[2]]);
      else if (/^\s+\S/.test(line) && entries.length) entries[entries.length - 1][1] += ' ' + line.trim();
    }
    for (const [folder, described] of entries) {
      layout.push(folder);
      const rest = described.replace(/\([^)]*\)/g, ''); // comments in brackets
      for (const item of rest.split(/[,;\s]+/)) {
        if (/^[\w-]+(\.[\w-]+)*\.(ts|json|md|graphql)$/.test(item) || /^[\w-]+\/$/.test(item)) layout.push(folder + item);
      }
    }
  }
  return { backticked, links, layout };
}

/** Paths that do not exist: a `<placeholder>` or `*` segment must match at least one file. */
export function missingPaths(dir: string, files: string[]): string[] {
  const all = repositoryFiles(dir);
  const ignored = ignoredPrefixes(dir);
  const missing: string[] = [];
  for (const file of files) {
    const { backticked, links, layout } = namedPaths(fs.readFileSync(file, 'utf8'));
    const rel = path.relative(dir, file);
    const fromFile = links.map((l) =>
      path
        .relative(dir, path.join(path.dirname(file), l))
        .split(path.sep)
        .join('/'),
    );
    for (const named of [...backticked, ...layout, ...fromFile]) {
      // A bare file name ("imports.test.ts") names a file somewhere in the repository.
      const bare = !named.includes('/');
      const p = named.replace(/\/$/, '');
      if (ignored.some((prefix) => (p + '/').startsWith(prefix))) continue;
      const pattern = new RegExp(
        (bare ? '(^|/)' : '^') +
          p
            .split(/(<[^>]+>|\*)/)
            .map((part, i) => (i % 2 ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
            .join('') +
          (bare ? '$' : '(/.*)?$'),
      );
      if (!all.some((f) => pattern.test(f))) missing.push(`${rel}: ${p}`);
    }
  }
  return [...new Set(missing)];
}

/** `npm run <script>` (and `npm start`, `npm test`) that package.json does not define. */
export function missingScripts(dir: string, files: string[]): string[] {
  const scripts = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).scripts ?? {};
  const missing: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/npm (?:run(?:-script)? ([\w:-]+)|(start|test)\b)/g)) {
      const name = m[1] ?? m[2];
      if (!(name in scripts)) missing.push(`${path.relative(dir, file)}: npm run ${name}`);
    }
  }
  return [...new Set(missing)];
}

describe('the README and docs/', () => {
  const files = docFiles();

  it('are the README and one file per topic', () => {
    const names = files.map((f) => path.relative(root, f)).sort();
    expect(names).toEqual(
      [
        'README.md',
        'docs/architecture.md',
        'docs/bases.md',
        'docs/clients.md',
        'docs/console.md',
        'docs/members.md',
        'docs/messages.md',
        'docs/operations.md',
        'docs/report-fields.md',
        'docs/reporting.md',
        'docs/resources.md',
        'docs/security.md',
        'docs/statistics.md',
        'docs/testing.md',
      ].sort(),
    );
  });

  it('name only repository paths that exist', () => {
    const named = files.flatMap((f) => {
      const { backticked, links, layout } = namedPaths(fs.readFileSync(f, 'utf8'));
      return [...backticked, ...links, ...layout];
    });
    // The check has something to check: the README's layout and the docs name many files.
    expect(named.length).toBeGreaterThan(50);
    expect(missingPaths(root, files)).toEqual([]);
  });

  it('lay out every top-level folder and every subgraph of the tree', () => {
    const layout = namedPaths(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).layout;
    const folders = [
      ...new Set(
        repositoryFiles(root)
          .filter((f) => f.includes('/'))
          .map((f) => f.split('/')[0]),
      ),
    ];
    const subgraphs = fs.readdirSync(path.join(root, 'subgraphs')).map((name) => `subgraphs/${name}`);
    expect(folders.length).toBeGreaterThan(5);
    expect(subgraphs.length).toBeGreaterThan(4);
    const unlisted = [...folders, ...subgraphs].filter((folder) => !layout.some((entry) => entry.startsWith(`${folder}/`)));
    expect(unlisted).toEqual([]);
  });

  it('name every test file in docs/testing.md', () => {
    const testing = fs.readFileSync(path.join(root, 'docs', 'testing.md'), 'utf8');
    const tests = repositoryFiles(root).filter((f) => f.endsWith('.test.ts'));
    expect(tests.length).toBeGreaterThan(20);
    expect(tests.filter((f) => !testing.includes(`\`${f}\``))).toEqual([]);
  });

  it("give the README's report fields the source the national template gives them", () => {
    const template = JSON.parse(fs.readFileSync(path.join(root, 'subgraphs', 'statistics', 'templates', 'NATIONAL_2025.json'), 'utf8')) as {
      fields: { code: string; label: string; source: string }[];
    };
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| (JT\d{4}) (\S+) \| .* \| `([\w.]+)`/gm)].map(([, code, label, source]) => ({ code, label, source }));
    expectEach(rows, (row) => template.fields.some((f) => f.code === row.code && f.label === row.label && f.source === row.source), 7);
  });

  it('show only npm scripts that package.json defines', () => {
    const shown = files.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/npm (run [\w:-]+|start|test)\b/g)]);
    expect(shown.length).toBeGreaterThan(10);
    expect(missingScripts(root, files)).toEqual([]);
  });

  it('refer to nothing outside the repository', () => {
    const outside = files.flatMap((f) => {
      const text = fs.readFileSync(f, 'utf8');
      return [...text.matchAll(/(?:^|[\s`(])(\.\.\/[^\s`)]*)/g)]
        .map((m) => m[1])
        .filter((ref) => path.relative(root, path.resolve(path.dirname(f), ref)).startsWith('..'))
        .map((ref) => `${path.relative(root, f)}: ${ref}`);
    });
    expect(outside).toEqual([]);
  });

  it('would catch a wrong path, a wrong layout entry and a missing script', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-check-'));
    try {
      fs.writeFileSync(path.join(tmp, '.gitignore'), 'data/\n');
      fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ scripts: { start: 'x' } }));
      fs.mkdirSync(path.join(tmp, 'src'));
      fs.writeFileSync(path.join(tmp, 'src', 'a.ts'), '');
      fs.writeFileSync(
        path.join(tmp, 'README.md'),
        ['`src/a.ts` `src/b.ts` `data/x.sqlite` [docs](docs/none.md) `npm start`, `npm run nope`', '```text', 'src/   a.ts, c.ts', 'lib/   d.ts', '```'].join(
          '\n',
        ),
      );
      const readme = [path.join(tmp, 'README.md')];
      expect(missingPaths(tmp, readme).sort()).toEqual([
        'README.md: docs/none.md',
        'README.md: lib',
        'README.md: lib/d.ts',
        'README.md: src/b.ts',
        'README.md: src/c.ts',
      ]);
      expect(missingScripts(tmp, readme)).toEqual(['README.md: npm run nope']);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
