import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTemplate } from '../template';

/**
 * Once per jest run: a temporary folder for the whole run (TMPDIR, so every temporary database,
 * workbook and spool file of every project lands in it and goes with it), and the demo databases
 * seeded once; every startTestHub copies them.
 */
export default async function globalSetup(): Promise<void> {
  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-test-run-'));
  process.env.ZJJT_TEST_RUN_DIR = run;
  process.env.TMPDIR = run;
  await createTemplate();
}
