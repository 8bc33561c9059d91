import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { ClassType, Directive, Field, ObjectType, Int } from 'type-graphql';
import { Brackets, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

let cursorKey: Buffer | null = null;

/**
 * The key that seals cursors, derived from the gateway secret(s) the subgraph already holds
 * (`GATEWAY_SECRET`, `<NAME>_GATEWAY_SECRET`): the same on every replica of a service, so a cursor
 * from one replica pages on another. Without one — a test building a subgraph in-process — a
 * random key for the process.
 */
function key(): Buffer {
  if (!cursorKey) {
    const secrets = Object.entries(process.env)
      .filter(([name, value]) => value && (name === 'GATEWAY_SECRET' || name.endsWith('_GATEWAY_SECRET')))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, value]) => value as string);
    cursorKey = secrets.length ? createHmac('sha256', secrets.join('\n')).update('zjjt:cursor').digest() : randomBytes(32);
  }
  return cursorKey;
}

/**
 * Keyset cursor: the sort value and the id of the last row of a page, sealed with AES-256-GCM. A
 * cursor carries sort values (a USCC, a name) that the caller may not be allowed to read, so it
 * must be unreadable; and it is authenticated, so a hand-made cursor cannot probe the sort column.
 */
export function encodeCursor(sortValue: string | number | null, id: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify([sortValue, id]), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

function openCursor(cursor: string): string {
  const data = Buffer.from(cursor, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key(), data.subarray(0, 12));
  decipher.setAuthTag(data.subarray(12, 28));
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
}

export function decodeCursor(cursor: string): { sortValue: string | number | null; id: string } {
  try {
    if (cursor.length > 1000) throw new Error('too long');
    const parsed = JSON.parse(openCursor(cursor));
    const valid =
      Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string' && (parsed[0] === null || ['string', 'number'].includes(typeof parsed[0]));
    if (valid) {
      return { sortValue: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the user-facing error
  }
  throw badInput('分页游标无效，请从第一页重新查询 (invalid cursor "after")');
}

/** Validates `first`: at least 1, at most MAX_PAGE_SIZE. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`每页条数 first 须在 1 到 ${MAX_PAGE_SIZE} 之间 (first must be 1..${MAX_PAGE_SIZE})`);
  }
  return first;
}

// Every subgraph has connections; the shared PageInfo type must be shareable for composition.
@Directive('@shareable')
@ObjectType({ description: '分页信息' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** Builds `<Name>Edge` and `<Name>Connection` object types for a node type. */
export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: '符合条件的总数' })
    totalCount!: number;
  }
  return ConnectionType;
}

/**
 * An edge whose cursor is sealed when a client first reads it: sealing (AES-GCM with a fresh IV)
 * costs more than the row itself, and most pages are read without their cursors.
 */
class LazyEdge<T> implements Edge<T> {
  private sealed: string | null = null;

  constructor(
    readonly node: T,
    private readonly sortValue: string | number | null,
    private readonly id: string,
  ) {}

  get cursor(): string {
    return (this.sealed ??= encodeCursor(this.sortValue, this.id));
  }
}

/**
 * Turns `limit + 1` rows fetched in order into a page: the extra row only says a next page exists.
 * `endCursor` is the last edge's cursor, sealed only when read.
 */
export function toPage<T extends { id: string }>(
  rows: T[],
  limit: number,
  sortValue: (row: T) => string | number | null,
  totalCount: number,
): { edges: Edge<T>[]; pageInfo: PageInfo; totalCount: number } {
  const edges = rows.slice(0, limit).map((node) => new LazyEdge(node, sortValue(node), node.id));
  const last = edges[edges.length - 1];
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      get endCursor() {
        return last ? last.cursor : null;
      },
    },
    totalCount,
  };
}

/**
 * One page of rows newest first, keyset-paginated on (`column`, id) where `column` is sortable
 * text (ISO-8601 timestamps). Two statements: the total and the page.
 */
export async function newestFirstPage<T extends { id: string }>(
  query: SelectQueryBuilder<T>,
  column: keyof T & string,
  first: number | null | undefined,
  after: string | null | undefined,
) {
  const limit = pageSize(first);
  const alias = query.alias;
  const totalCount = await query.clone().getCount();
  if (after) {
    const cursor = decodeCursor(after);
    query.andWhere(new Brackets((b) => b.where(`${alias}.${column} < :cursorAt`).orWhere(`(${alias}.${column} = :cursorAt AND ${alias}.id < :cursorId)`)), {
      cursorAt: cursor.sortValue,
      cursorId: cursor.id,
    });
  }
  const rows = await query
    .orderBy(`${alias}.${column}`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(limit + 1)
    .getMany();
  return toPage(rows, limit, (row) => row[column] as unknown as string, totalCount);
}
