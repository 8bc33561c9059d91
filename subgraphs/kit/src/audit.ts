import { randomUUID } from 'node:crypto';
import { Args, ArgsType, ClassType, Ctx, Directive, Field, FieldResolver, ID, InputType, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { Column, DataSource, Entity, EntityManager, Index, PrimaryColumn, Table, TableColumnOptions } from 'typeorm';
import { badInput } from './errors';
import { Viewer } from './identity';
import { MAX_PAGE_SIZE, PageInfo, newestFirstPage } from './pagination';
import { now } from './clock';

// 操作日志: every write in a group, recorded by the subgraph that owns the data in the same
// transaction as the write, read by the group's secretariat through `Group.<subgraph>Audit`.
// The types below are defined once here and declared `@shareable`, so the four subgraphs expose
// the same `AuditEntry` type; each adds its own field on `Group` (see docs/security.md).

/** The table every subgraph migrates (`auditTableMigration`). */
export const AUDIT_TABLE = 'audit_entry';
/** Writes are recorded with these fields ignored: bookkeeping, not a change anyone made. */
const IGNORED_FIELDS = new Set(['updatedAt']);
const MAX_VALUE_LENGTH = 500;

@Directive('@shareable')
@ObjectType({ description: '操作日志中一个字段的变化（个人信息已脱敏）' })
export class AuditFieldChange {
  @Field(() => String, { description: '字段' }) field!: string;
  @Field(() => String, { nullable: true, description: '原值（新建时为空）' }) from!: string | null;
  @Field(() => String, { nullable: true, description: '新值（删除时为空）' }) to!: string | null;
}

/** One write: who (user, unit, roles; a service identity for the reporting bot), what, when, before → after. */
@Directive('@shareable')
@ObjectType({ description: '操作日志（谁、何时、做了什么、哪些字段由什么改为什么）' })
@Entity(AUDIT_TABLE)
@Index('ix_audit_group_at', ['groupId', 'at'])
export class AuditEntry {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID, { description: '集团' }) @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Field(() => String, { description: '时间（UTC，ISO-8601）' }) @Column({ type: 'varchar', length: 24 }) at!: string;
  @Field(() => String, { description: '操作人（用户 id；服务身份为 service:<名称>）' }) @Column({ type: 'varchar', length: 64 }) userId!: string;
  @Field(() => ID, { nullable: true, description: '操作人所在单位（秘书处、服务身份可为空）' })
  @Column({ type: 'varchar', length: 36, nullable: true })
  organizationId!: string | null;
  /** Comma-separated roles of the viewer at the time of the write. */
  @Column({ type: 'varchar', length: 200 }) roleList!: string;
  @Field(() => Boolean, { description: '是否由服务身份（上报机器人）执行' }) @Column({ type: 'boolean' }) byService!: boolean;
  @Field(() => String, { description: '操作（mutation 名称，如 updateResource）' }) @Column({ type: 'varchar', length: 64 }) operation!: string;
  @Field(() => String, { description: '对象类型（如 SharedResource）' }) @Column({ type: 'varchar', length: 64 }) entityType!: string;
  @Field(() => ID, { description: '对象 id' }) @Column({ type: 'varchar', length: 64 }) entityId!: string;
  /** JSON list of AuditFieldChange, already masked. */
  @Column({ type: 'text' }) changeList!: string;

  @Field(() => [String], { description: '操作时的角色' })
  roles(): string[] {
    return this.roleList ? this.roleList.split(',') : [];
  }

  @Field(() => [AuditFieldChange], { description: '变化的字段：原值 → 新值' })
  changes(): AuditFieldChange[] {
    return JSON.parse(this.changeList) as AuditFieldChange[];
  }
}

@Directive('@shareable')
@ObjectType({ description: '操作日志分页条目' })
export class AuditEntryEdge {
  @Field(() => String) cursor!: string;
  @Field(() => AuditEntry) node!: AuditEntry;
}

@Directive('@shareable')
@ObjectType({ description: '操作日志（新的在前）' })
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge]) edges!: AuditEntryEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: '符合条件的总数' }) totalCount!: number;
}

@InputType({ description: '操作日志筛选（都可省略）' })
export class AuditFilter {
  @Field(() => String, { nullable: true, description: '起始时间（含，ISO-8601，如 2026-01-01 或 2026-01-01T08:00:00Z）' }) from?: string | null;
  @Field(() => String, { nullable: true, description: '截止时间（不含）' }) to?: string | null;
  @Field(() => String, { nullable: true, description: '操作人（用户 id 或 service:<名称>）' }) userId?: string | null;
  @Field(() => ID, { nullable: true, description: '操作人所在单位' }) organizationId?: string | null;
  @Field(() => String, { nullable: true, description: '对象类型' }) entityType?: string | null;
  @Field(() => ID, { nullable: true, description: '对象 id' }) entityId?: string | null;
  @Field(() => String, { nullable: true, description: '操作（mutation 名称）' }) operation?: string | null;
}

@ArgsType()
export class AuditArgs {
  @Field(() => AuditFilter, { nullable: true }) filter?: AuditFilter | null;
  @Field(() => Int, { nullable: true, description: `每页条数（最多 ${MAX_PAGE_SIZE}）` }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

/**
 * A value for the log: 身份证号-like and mobile-like digit runs masked as everywhere else in the hub.
 * Only a run standing on its own counts: digits inside a hash, a key or an id (next to a letter,
 * a digit or a hyphen) are not personal data and stay as they are.
 */
export function maskPersonalDigits(text: string): string {
  return text.replace(/(?<![0-9A-Za-z-])\d{10,}[\dXx](?![0-9A-Za-z-])/g, (run) => {
    if (run.length === 11) return `${run.slice(0, 3)}****${run.slice(7)}`;
    return `${run.slice(0, 3)}${'*'.repeat(run.length - 7)}${run.slice(-4)}`;
  });
}

/** A personal field named in `mask` (a contact person, a phone, an e-mail): only its shape survives. */
export function maskPersonalValue(text: string): string {
  if (/^1\d{10}$/.test(text)) return `${text.slice(0, 3)}****${text.slice(7)}`;
  if (/^\d{17}[\dXx]$/.test(text)) return `${text.slice(0, 3)}${'*'.repeat(11)}${text.slice(14)}`;
  const at = text.indexOf('@');
  if (at > 0) return `${text[0]}***${text.slice(at)}`;
  return `${[...text][0] ?? ''}**`;
}

function show(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}

/**
 * The fields that differ between `before` and `after` (either may be null: created, deleted),
 * as shown in the log: personal fields named in `mask` reduced to their shape, every other text
 * with 身份证号/mobile-like digit runs masked, long values cut.
 */
export function diffForAudit(before: object | null | undefined, after: object | null | undefined, mask: readonly string[] = []): AuditFieldChange[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !IGNORED_FIELDS.has(f) && typeof (a[f] ?? b[f]) !== 'function');
  const changes: AuditFieldChange[] = [];
  for (const field of fields) {
    const from = show(b[field]);
    const to = show(a[field]);
    if (from === to) continue;
    const masked = (v: string | null) => (v === null ? null : mask.includes(field) ? maskPersonalValue(v) : maskPersonalDigits(v));
    changes.push({ field, from: masked(from), to: masked(to) });
  }
  return changes;
}

export interface AuditRecord {
  /** The group whose trail the write belongs to. */
  groupId: string;
  /** The mutation, e.g. `updateResource`. */
  operation: string;
  /** The entity type, e.g. `SharedResource`. */
  entity: string;
  /** The entity's id. */
  id: string;
  /** The row before the write (null when created) and after it (null when deleted). */
  before?: object | null;
  after?: object | null;
  /** Fields holding personal data: recorded by shape only. */
  mask?: readonly string[];
}

/**
 * Records one write in the audit log of `groupId`. Call it with the transaction's entity manager,
 * after the write, so the entry and the write commit or roll back together. The actor is the
 * viewer: a user (id, unit, roles) or a service identity (`service:<name>`, e.g. the reporting bot).
 */
export async function recordAudit(manager: EntityManager, viewer: Viewer, record: AuditRecord): Promise<AuditEntry> {
  const userId = viewer.userId ?? 'anonymous';
  const entry = Object.assign(new AuditEntry(), {
    id: randomUUID(),
    groupId: record.groupId,
    at: now(),
    userId,
    organizationId: viewer.organizationId,
    roleList: viewer.roles.join(','),
    byService: isService(viewer),
    operation: record.operation,
    entityType: record.entity,
    entityId: record.id,
    changeList: JSON.stringify(diffForAudit(record.before, record.after, record.mask)),
  });
  await manager.getRepository(AuditEntry).insert(entry);
  return entry;
}

/**
 * A service identity, not a person: a token a subgraph signs for itself (`service:<name>`), or the
 * reporting bot's token — REPORTER of a group, of no unit, with no other role.
 */
export function isService(viewer: Viewer): boolean {
  if (viewer.userId?.startsWith('service:')) return true;
  return viewer.roles.length > 0 && viewer.roles.every((r) => r === 'REPORTER') && viewer.organizationId === null;
}

/** Accepts `2026-01-01` or a full ISO-8601 time; answers the sortable UTC form stored in `at`. */
function instant(value: string, name: string): string {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(time)) throw badInput(`操作日志筛选的 ${name} 不是有效时间，请用 2026-01-01 或 2026-01-01T08:00:00Z (invalid ${name})`);
  return new Date(time).toISOString();
}

/**
 * The audit trail of a group, newest first, for the group's secretariat only (a member unit, the
 * bot, another group and anonymous callers are refused): filtered by time range, user, unit, entity and operation, with sealed cursors.
 */
export async function auditTrail(db: DataSource, viewer: Viewer, groupId: string, args: AuditArgs) {
  viewer.requireSecretariatOf(groupId);
  const f = args.filter ?? {};
  const query = db.getRepository(AuditEntry).createQueryBuilder('a').where('a.groupId = :groupId', { groupId });
  if (f.from) query.andWhere('a.at >= :from', { from: instant(f.from, 'from') });
  if (f.to) query.andWhere('a.at < :to', { to: instant(f.to, 'to') });
  if (f.userId) query.andWhere('a.userId = :userId', { userId: f.userId });
  if (f.organizationId) query.andWhere('a.organizationId = :organizationId', { organizationId: f.organizationId });
  if (f.entityType) query.andWhere('a.entityType = :entityType', { entityType: f.entityType });
  if (f.entityId) query.andWhere('a.entityId = :entityId', { entityId: f.entityId });
  if (f.operation) query.andWhere('a.operation = :operation', { operation: f.operation });
  return newestFirstPage(query, 'at', args.first, args.after);
}

const column = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});

/** The audit table as a migration creates it (the same on SQLite and MySQL/MariaDB). */
export function auditTable(): Table {
  return new Table({
    name: AUDIT_TABLE,
    columns: [
      column('id', 36),
      column('groupId', 36),
      column('at', 24),
      column('userId', 64),
      column('organizationId', 36, true),
      column('roleList', 200),
      { name: 'byService', type: 'boolean' },
      column('operation', 64),
      column('entityType', 64),
      column('entityId', 64),
      { name: 'changeList', type: 'text' },
    ].map((c) => (c.name === 'id' ? { ...c, isPrimary: true } : c)),
    indices: [{ name: 'ix_audit_group_at', columnNames: ['groupId', 'at'] }],
  });
}

/**
 * The resolver adding a group's trail in this subgraph to `Group` (the members subgraph's entity,
 * a key-only stub elsewhere) under `field` (`membersAudit`, `resourcesAudit`, …): federation
 * cannot merge one root list from four subgraphs, so each answers for the data it owns.
 */
export function groupAuditResolver(group: ClassType<{ id: string }>, field: string, owner: string) {
  @Resolver(() => group)
  class GroupAuditResolver {
    @FieldResolver(() => AuditEntryConnection, {
      name: field,
      nullable: true,
      description: `操作日志：${owner}（仅本集团秘书处可读；按时间、操作人、单位、对象、操作筛选）`,
    })
    auditTrail(@Root() g: { id: string }, @Args(() => AuditArgs) args: AuditArgs, @Ctx() ctx: { db: DataSource; viewer: Viewer }) {
      return auditTrail(ctx.db, ctx.viewer, g.id, args);
    }
  }
  Object.defineProperty(GroupAuditResolver, 'name', { value: `Group${field[0].toUpperCase()}${field.slice(1)}Resolver` });
  return GroupAuditResolver;
}

/** What `withAudit` and `audited` record: the operation, the entity type, the row before, the personal fields. */
export interface AuditSpec<T> {
  operation: string;
  entity: string;
  /** The row before the write; null or absent for a creation. */
  before?: T | null;
  mask?: readonly string[];
  /** The fields worth recording, when a row holds bulk (a frozen payload): applied to before and after. */
  view?: (row: T) => object;
}

/**
 * Runs `write` inside the caller's transaction and records it: `before` (null for a creation) and
 * the row `write` returns, in the trail of the returned row's group. The one-liner for a mutation:
 * `ctx.db.transaction((em) => withAudit(em, ctx.viewer, { operation: 'updateX', entity: 'X', before }, () => save(em)))`.
 */
export async function withAudit<T extends { id: string; groupId: string }>(
  manager: EntityManager,
  viewer: Viewer,
  spec: AuditSpec<T>,
  write: () => Promise<T>,
): Promise<T> {
  const after = await write();
  const view = spec.view ?? ((row: T) => row);
  await recordAudit(manager, viewer, {
    groupId: after.groupId,
    operation: spec.operation,
    entity: spec.entity,
    id: after.id,
    before: spec.before ? view(spec.before) : null,
    after: view(after),
    mask: spec.mask,
  });
  return after;
}

/** `withAudit` in a transaction of its own: `audited(ctx.db, ctx.viewer, { operation, entity, before }, (em) => write(em))`. */
export function audited<T extends { id: string; groupId: string }>(
  db: DataSource,
  viewer: Viewer,
  spec: AuditSpec<T>,
  write: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return db.transaction((manager) => withAudit(manager, viewer, spec, () => write(manager)));
}
