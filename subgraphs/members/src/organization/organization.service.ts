import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { now, recordAudit, Viewer } from '@zjjt/kit';
import { consented } from '../access';
import { Membership } from '../membership/membership.entity';
import { ChangeSource } from '../enums';
import { OrganizationChange } from './organization-change.entity';
import { Organization } from './organization.entity';

/** The master data of a unit that can change (never the USCC), in the order an audit lists it. */
export const MASTER_FIELDS = [
  'name',
  'type',
  'region',
  'industry',
  'aboveDesignatedSize',
  'fortune500',
  'website',
  'contactPerson',
  'contactPhone',
  'contactEmail',
  'address',
] as const;
export type MasterField = (typeof MASTER_FIELDS)[number];
export type MasterData = Pick<Organization, MasterField>;

const BOOLEAN_FIELDS = new Set<MasterField>(['aboveDesignatedSize', 'fortune500']);

/** A field's value as the audit and a correction store it: text, booleans as `true`/`false`. */
export const asText = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** The stored text of a field back to its column's type. */
export const fromText = (field: MasterField, value: string | null): unknown => (BOOLEAN_FIELDS.has(field) ? value === 'true' : value);

/** The fields of `next` that differ from `current`, in MASTER_FIELDS order. */
export function diffMasterData(current: Organization, next: Partial<MasterData>): { field: MasterField; oldValue: string | null; newValue: string | null }[] {
  return MASTER_FIELDS.filter((field) => field in next && asText(next[field]) !== asText(current[field])).map((field) => ({
    field,
    oldValue: asText(current[field]),
    newValue: asText(next[field]),
  }));
}

export interface ChangeAuthor {
  viewer: Viewer;
  via: ChangeSource;
  /** The group that edited directly or proposed the correction; null when the unit acted on its own. */
  groupId: string | null;
  correctionId?: string | null;
  /** The mutation, for the audit log; by default named after `via`. */
  operation?: string;
}

/** Contact fields are personal data: the audit log keeps their shape only. */
export const PERSONAL_MASTER_FIELDS = ['contactPerson', 'contactPhone', 'contactEmail'] as const;

/**
 * Writes a unit's changed master data and one audit row per changed field in the caller's
 * transaction, so there is never a change without its row. Returns how many fields changed.
 */
export async function changeMasterData(em: EntityManager, organizationId: string, next: Partial<MasterData>, author: ChangeAuthor): Promise<number> {
  const current = await em.findOneByOrFail(Organization, { id: organizationId });
  const changes = diffMasterData(current, next);
  if (!changes.length) return 0;
  const at = now();
  const values = Object.fromEntries(changes.map((c) => [c.field, next[c.field]]));
  await em.update(Organization, { id: organizationId }, { ...values, updatedBy: author.viewer.userId });
  await em.insert(
    OrganizationChange,
    changes.map((c) => ({
      id: randomUUID(),
      organizationId,
      ...c,
      via: author.via,
      changedBy: author.viewer.userId ?? 'system',
      changedByOrganizationId: author.viewer.organizationId,
      changedByGroupId: author.groupId,
      correctionId: author.correctionId ?? null,
      at,
    })),
  );
  // Master data is shared by every group the unit belongs to by its consent (those whose secretariat
  // reads it): each of their trails records the change. A group that only typed the unit's USCC into
  // an application learns nothing of it here either.
  const groupIds = [...new Set((await em.findBy(Membership, { organizationId })).filter(consented).map((m) => m.groupId))];
  const before = Object.fromEntries(changes.map((c) => [c.field, current[c.field]]));
  const operation = author.operation ?? (author.via === ChangeSource.CORRECTION ? 'acceptOrganizationCorrection' : 'updateOrganization');
  for (const groupId of groupIds) {
    await recordAudit(em, author.viewer, {
      groupId,
      operation,
      entity: 'Organization',
      id: organizationId,
      before,
      after: values,
      mask: PERSONAL_MASTER_FIELDS,
    });
  }
  return changes.length;
}
