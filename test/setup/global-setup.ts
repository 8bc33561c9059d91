import { createTemplate } from '../template';

/** Seeds the demo databases once for the whole run; every startTestHub copies them. */
export default async function globalSetup(): Promise<void> {
  await createTemplate();
}
