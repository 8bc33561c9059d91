import { TableColumnOptions } from 'typeorm';

// Column shapes for migrations written with TypeORM's Table API, the same on SQLite and MySQL/MariaDB.

/** The primary key: a UUID as text. */
export const idColumn = (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true });

/** Another row's id (in this or another subgraph). */
export const refColumn = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });

export const textColumn = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});

export const intColumn = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'int', isNullable: nullable });

/** A calendar date as `YYYY-MM-DD` text. */
export const dateColumn = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'varchar', length: '10', isNullable: nullable });

/** Chinese labels as type-graphql enum value descriptions. */
export const describeValues = (labels: Record<string, string>) => Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, { description: v }]));
