// Builds every page under web/<app>/ (an index.html and its sources) with Vite into
// dist/web/<app>/, which the gateway serves under /<app>/ (gateway/src/web.ts). Everything a page
// needs is bundled from the npm registry at build time: nothing is loaded from outside when it runs.
// A page whose bundle is newer than its sources and the lock file is not built again.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webDir = path.join(root, 'web');

const newest = (target) => {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(target).map((entry) => newest(path.join(target, entry))));
};

const apps = fs.existsSync(webDir) ? fs.readdirSync(webDir).filter((app) => fs.existsSync(path.join(webDir, app, 'index.html'))) : [];
for (const app of apps) {
  const source = path.join(webDir, app);
  const outDir = path.join(root, 'dist', 'web', app);
  const built = path.join(outDir, 'index.html');
  const sourcesChanged = Math.max(newest(source), newest(path.join(root, 'package-lock.json')));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs > sourcesChanged) continue;
  await build({
    root: source,
    base: `/${app}/`,
    logLevel: 'warn',
    configFile: fs.existsSync(path.join(source, 'vite.config.mjs')) ? path.join(source, 'vite.config.mjs') : false,
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  });
  console.log(`web: built ${app} into dist/web/${app}`);
}
