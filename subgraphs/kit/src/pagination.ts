import { ClassType, Directive, Field, ObjectType, Int } from 'type-graphql';
import { Brackets, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Opaque keyset cursor: the sort value and the id of the last row of a page. */
export function encodeCursor(sortValue: string | number | null, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { sortValue: string | number | null; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const valid = Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string' && (parsed[0] === null || ['string', 'number'].includes(typeof parsed[0]));
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
 * Turns `limit + 1` rows fetched in order into a page: the extra row only says a next page exists.
 */
export function toPage<T extends { id: string }>(rows: T[], limit: number, sortValue: (row: T) => string | number | null, totalCount: number) {
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(sortValue(node), node.id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    totalCount,
  };
}

/**
 * One page of rows newest first, keyset-paginated on (`column`, id) where `column` is sortable
 * text (ISO-8601 timestamps). Two statements: the total and the page.
 */
export async function newestFirstPage<T extends { id: string }>(query: SelectQueryBuilder<T>, column: keyof T & string, first: number | null | undefined, after: string | null | undefined) {
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
  const rows = await query.orderBy(`${alias}.${column}`, 'DESC').addOrderBy(`${alias}.id`, 'DESC').limit(limit + 1).getMany();
  return toPage(rows, limit, (row) => row[column] as unknown as string, totalCount);
}
