import fs from 'node:fs';
import { dropTemplate } from '../template';

/** Removes the seeded template (folder, and databases on MySQL/MariaDB) and the run's temporary folder. */
export default async function globalTeardown(): Promise<void> {
  await dropTemplate();
  if (process.env.ZJJT_TEST_RUN_DIR) fs.rmSync(process.env.ZJJT_TEST_RUN_DIR, { recursive: true, force: true });
}
