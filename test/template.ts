import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { seed } from '../scripts/lib/launch';
import { SUBGRAPHS } from '../scripts/services';
import { DatabaseConfig, readDatabase } from '@zjjt/kit';
import { dropMysqlDatabase } from '@zjjt/kit';

/*
 * The demo databases are seeded once per jest run (globalSetup) and copied for every test hub,
 * as Vendure's e2e sqljs-initializer does: on SQLite the template is a folder of database files,
 * on MySQL/MariaDB a set of template databases `<base>_<subgraph>` on the test server.
 */

/** Where this run's template is; set by globalSetup, read by startTestHub in every worker. */
const VARIABLE = 'ZJJT_TEST_TEMPLATE';

export interface Template {
  /** SQLite: the folder holding `<subgraph>.sqlite`. */
  dir: string;
  /** MySQL/MariaDB: DATABASE_URL naming the template databases' base name. */
  databaseUrl?: string;
  /** The PII key the template's sealed columns (身份证号, phones) were sealed with; every hub copied from it uses the same. */
  piiKey: string;
}

export const currentTemplate = (): Template | undefined => (process.env[VARIABLE] ? (JSON.parse(process.env[VARIABLE]) as Template) : undefined);

/** Seeds the template (migrations and demo data, exactly what `seed: true` loads) and publishes it to the workers. */
export async function createTemplate(): Promise<Template> {
  const template: Template = { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-e2e-template-')), piiKey: randomBytes(32).toString('base64') };
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/t${randomBytes(4).toString('hex')}`;
    template.databaseUrl = url.toString();
  }
  process.env[VARIABLE] = JSON.stringify(template);
  const output: string[] = [];
  try {
    await seed({ ...process.env, ...templateEnv(template) }, (service, line) => output.push(`[${service}] ${line}`));
  } catch (error) {
    await dropTemplate(template);
    throw new Error(`seeding the test template failed: ${(error as Error).message}\n${output.join('\n')}`);
  }
  return template;
}

/** The environment that names the template's databases. */
const templateEnv = (template: Template): NodeJS.ProcessEnv => ({
  DATA_DIR: template.dir,
  PII_KEY: template.piiKey,
  ...(template.databaseUrl ? { DATABASE_URL: template.databaseUrl } : {}),
});

/** Removes the template folder and databases. */
export async function dropTemplate(template: Template | undefined = currentTemplate()): Promise<void> {
  if (!template) return;
  if (template.databaseUrl) for (const entry of SUBGRAPHS) await dropMysqlDatabase(readDatabase({ DATABASE_URL: template.databaseUrl }, entry.name));
  fs.rmSync(template.dir, { recursive: true, force: true });
  delete process.env[VARIABLE];
}

/**
 * Gives the hub with environment `env` (DATA_DIR, DATABASE_URL or `<NAME>_DATABASE_URL`) its own copy of
 * the template's databases. The databases it names must not exist yet.
 */
export async function copyTemplate(template: Template, env: NodeJS.ProcessEnv): Promise<void> {
  for (const entry of SUBGRAPHS) {
    const target = readDatabase(env, entry.name);
    const source = readDatabase(templateEnv(template), entry.name);
    if (target.type === 'sqlite' && source.type === 'sqlite') {
      fs.mkdirSync(path.dirname(target.file), { recursive: true });
      fs.copyFileSync(source.file, target.file, fs.constants.COPYFILE_EXCL);
    } else if (target.type === 'mysql' && source.type === 'mysql') {
      await copyMysqlDatabase(source.database, target);
    } else {
      throw new Error(`the test template is ${source.type} but ${entry.name} uses ${target.type}: run the whole jest command with the same DATABASE_URL`);
    }
  }
}

/**
 * Creates `target` as a copy of the database `source` on the same server: each table from its own
 * `SHOW CREATE TABLE` (so indexes, foreign keys and charsets are the template's, not re-derived),
 * then its rows. Foreign key checks are off for this connection while tables and rows arrive in
 * no particular order.
 */
async function copyMysqlDatabase(source: string, target: Extract<DatabaseConfig, { type: 'mysql' }>): Promise<void> {
  const server = new URL(target.url);
  server.pathname = '/';
  const connection = await createConnection({ uri: server.toString(), connectTimeout: 5000 });
  try {
    await connection.query(`CREATE DATABASE \`${target.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await connection.query(`USE \`${target.database}\``);
    await connection.query('SET FOREIGN_KEY_CHECKS = 0');
    const [tables] = await connection.query<any[]>('SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [
      source,
    ]);
    if (tables.length === 0) throw new Error(`template database ${source} has no tables`);
    for (const { name, type } of tables) {
      if (type !== 'BASE TABLE') throw new Error(`template database ${source} has a ${type} (${name}); copying handles tables only`);
      const [[created]] = await connection.query<any[]>(`SHOW CREATE TABLE \`${source}\`.\`${name}\``);
      await connection.query(created['Create Table']);
      await connection.query(`INSERT INTO \`${name}\` SELECT * FROM \`${source}\`.\`${name}\``);
    }
  } finally {
    await connection.end();
  }
}
