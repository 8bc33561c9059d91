import { createHash } from 'node:crypto';

/**
 * A deterministic id in UUID shape from sha256(`kind:key`), for demo data that several
 * subgraphs refer to without reading each other's databases.
 */
export function demoId(kind: string, key: string): string {
  const hex = createHash('sha256').update(`${kind}:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
