import fs from 'node:fs';
import path from 'node:path';
import { reportFieldsMarkdown } from '../subgraphs/statistics/src/templates/fields-doc';
import { loadTemplates, templatesDir } from '../subgraphs/statistics/src/templates/loader';
import { ROOT } from './lib/secrets';

/** `npm run report-fields [-- --check]`: writes (or checks) docs/report-fields.md from the templates and the source registry. */
const file = path.join(ROOT, 'docs', 'report-fields.md');
const text = reportFieldsMarkdown(loadTemplates(templatesDir()));
if (process.argv.includes('--check')) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current !== text) {
    process.stderr.write('docs/report-fields.md is out of date: run npm run report-fields\n');
    process.exit(1);
  }
  process.stdout.write('docs/report-fields.md is up to date\n');
} else {
  fs.writeFileSync(file, text);
  process.stdout.write('wrote docs/report-fields.md\n');
}
