import { dropTemplate } from '../template';

/** Removes the seeded template (folder, and databases on MySQL/MariaDB). */
export default async function globalTeardown(): Promise<void> {
  await dropTemplate();
}
