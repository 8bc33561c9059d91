import path from 'node:path';
import { ROOT } from './lib/secrets';
import { writeLedgerWorkbook } from './lib/ledger-workbook';

/** `npm run sample-workbook`: writes samples/培训台账示例-2025.xlsx, a small valid ledger workbook. */
async function main() {
  const file = path.join(ROOT, 'samples', '培训台账示例-2025.xlsx');
  const { trainees } = await writeLedgerWorkbook(file, {
    prefix: 'SAMPLE-',
    year: 2025,
    programs: 3,
    sessionsPerProgram: 2,
    traineesPerSession: 8,
    certifications: 3,
  });
  process.stdout.write(`wrote ${path.relative(ROOT, file)} (${trainees} trainees)\n`);
}

void main();
