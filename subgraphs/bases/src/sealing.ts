// The sealer lives in the kit: members seals the contact data of portal join inquiries with the same scheme.
export { createSealer } from '@zjjt/kit';
export type { Sealer } from '@zjjt/kit';
