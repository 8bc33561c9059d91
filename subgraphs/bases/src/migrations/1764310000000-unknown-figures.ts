import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { textColumn as text } from '@zjjt/kit';

/** Makes columns of a table nullable in one go (SQLite rebuilds the table once, MySQL alters each column). */
async function allowNull(q: QueryRunner, tableName: string, names: string[], nullable = true) {
  const table = await q.getTable(tableName);
  if (!table) throw new Error(`table ${tableName} is missing`);
  const changes = names.map((name) => {
    const oldColumn = table.findColumnByName(name);
    if (!oldColumn) throw new Error(`column ${tableName}.${name} is missing`);
    const newColumn = oldColumn.clone();
    newColumn.isNullable = nullable;
    return { oldColumn, newColumn };
  });
  await q.changeColumns(table, changes);
}

/**
 * Unknown is not zero, and one target group per programme in the figures:
 * - 课时 (session), 通过人数 and 等级 (batch) may be empty: NULL, reported as not reported (未分级 for a level);
 * - a batch records its fee (鉴定收费, fen), NULL when not recorded;
 * - a programme's primary target group (the first one listed, for programmes imported with several), copied
 *   to its sessions like category and mode, so the by-target-group figures sum exactly to the person-times.
 */
export class BasesUnknownFigures1764310000000 implements MigrationInterface {
  name = 'BasesUnknownFigures1764310000000';

  async up(q: QueryRunner): Promise<void> {
    // A default only for the rows already there; every new row names its group.
    await q.addColumn('training_program', new TableColumn({ ...text('primaryTargetGroup', 32), default: "'OTHER'" }));
    await q.addColumn('training_session', new TableColumn({ ...text('targetGroup', 32), default: "'OTHER'" }));
    await q.addColumn('certification_batch', new TableColumn({ name: 'feeRevenue', type: 'bigint', isNullable: true }));

    // targetGroups is JSON text (simple-json) in both dialects: one UPDATE per distinct list, not per row.
    const lists: { targetGroups: string }[] = await q.manager
      .createQueryBuilder()
      .select('DISTINCT p.targetGroups', 'targetGroups')
      .from('training_program', 'p')
      .getRawMany();
    for (const { targetGroups } of lists) {
      const first = (JSON.parse(targetGroups) as string[])[0] ?? 'OTHER';
      await q.manager
        .createQueryBuilder()
        .update('training_program')
        .set({ primaryTargetGroup: first })
        .where('targetGroups = :list', { list: targetGroups })
        .execute();
    }
    // A correlated subquery on another table: accepted by SQLite and MySQL/MariaDB alike.
    await q.query(
      'UPDATE training_session SET targetGroup = (SELECT p.primaryTargetGroup FROM training_program p WHERE p.id = training_session.programId) ' +
        'WHERE EXISTS (SELECT 1 FROM training_program p WHERE p.id = training_session.programId)',
    );

    await allowNull(q, 'training_session', ['hours']);
    await allowNull(q, 'certification_batch', ['level', 'passed']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('UPDATE training_session SET hours = 0 WHERE hours IS NULL');
    await q.query("UPDATE certification_batch SET passed = COALESCE(passed, 0), level = COALESCE(level, 'LEVEL_5') WHERE passed IS NULL OR level IS NULL");
    await allowNull(q, 'certification_batch', ['level', 'passed'], false);
    await allowNull(q, 'training_session', ['hours'], false);
    await q.dropColumn('certification_batch', 'feeRevenue');
    await q.dropColumn('training_session', 'targetGroup');
    await q.dropColumn('training_program', 'primaryTargetGroup');
  }
}
