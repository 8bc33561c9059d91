import { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_TABLE, auditTable } from '@zjjt/kit';

/** 操作日志: the writes of this subgraph's data, one row per write (the table is defined in the kit). */
export class ResourcesAuditLog1764471200000 implements MigrationInterface {
  name = 'ResourcesAuditLog1764471200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(auditTable());
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable(AUDIT_TABLE);
  }
}
