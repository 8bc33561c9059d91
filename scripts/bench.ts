import { main } from '../bench';

/** `npm run bench`: the bench in bench/ (scenarios, fixtures, soak, report). */
main().catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
