import { DataSource, Entity, EntityManager, Index, PrimaryColumn, QueryRunner } from 'typeorm';
import { insertRows, VARIABLES_PER_INSERT } from '@zjjt/kit';
import { IN_SCHOOL_CATEGORIES } from '../enums';

/**
 * 培训人数的底账: a person (by keyed 身份证号 hash) a group trained in a year, once per kind of
 * training (social or in-school). Rosters only grow, by imports, so each import adds its people
 * here in its own transaction; the distinct persons of a group, or of a region's groups, are then
 * counted over these rows (about half the roster rows, in hash order by year) instead of over the
 * roster joined to its sessions.
 */
@Entity('trained_person')
@Index('ix_trained_person_year', ['year', 'idNumberHash', 'groupId', 'social'])
export class TrainedPerson {
  @PrimaryColumn({ type: 'varchar', length: 36 }) groupId!: string;
  @PrimaryColumn({ type: 'int' }) year!: number;
  @PrimaryColumn({ type: 'varchar', length: 64 }) idNumberHash!: string;
  /** 1 for social training (every category but 在校生证书培训), 0 for in-school. */
  @PrimaryColumn({ type: 'int' }) social!: number;
}

/** What a trained-person row needs of a session. */
export interface SessionFacts {
  groupId: string;
  year: number;
  category: string;
}

const socialOf = (category: string) => (IN_SCHOOL_CATEGORIES.includes(category as (typeof IN_SCHOOL_CATEGORIES)[number]) ? 0 : 1);

/** The distinct trained-person rows of `trainees`, each on a session `sessions` knows. */
export function trainedPersonRows(
  sessions: ReadonlyMap<string, SessionFacts>,
  trainees: readonly { sessionId: string; idNumberHash: string }[],
): TrainedPerson[] {
  const rows = new Map<string, TrainedPerson>();
  for (const t of trainees) {
    const s = sessions.get(t.sessionId);
    if (!s) throw new Error(`trainee on unknown session ${t.sessionId}`);
    const row = { groupId: s.groupId, year: s.year, idNumberHash: t.idNumberHash, social: socialOf(s.category) };
    rows.set(`${row.groupId}|${row.year}|${row.idNumberHash}|${row.social}`, row);
  }
  return [...rows.values()];
}

/** Adds rows on `em` (in its transaction); a row already there stays as it is. */
export async function addTrainedPersons(em: EntityManager, rows: readonly TrainedPerson[]): Promise<void> {
  const size = Math.floor(VARIABLES_PER_INSERT / 4);
  for (let i = 0; i < rows.length; i += size) await insertRows(em, TrainedPerson, rows.slice(i, i + size), { ignoreDuplicates: true });
}

/** Fills the table from every roster row in the database: the migration that adds it, and bulk loads. */
export async function fillTrainedPersons(db: DataSource | QueryRunner): Promise<void> {
  const mysql = ('connection' in db ? db.connection : db).options.type === 'mysql';
  const inSchool = IN_SCHOOL_CATEGORIES.map((c) => `'${c}'`).join(', ');
  await db.query(
    `INSERT ${mysql ? 'IGNORE' : 'OR IGNORE'} INTO trained_person (groupId, year, idNumberHash, social)
     SELECT DISTINCT s.groupId, s.year, t.idNumberHash, CASE WHEN s.category IN (${inSchool}) THEN 0 ELSE 1 END
     FROM trainee t INNER JOIN training_session s ON s.id = t.sessionId`,
  );
}
