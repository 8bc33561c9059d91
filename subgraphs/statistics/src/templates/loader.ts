import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@zjjt/kit';
import { Rule, RULE_KINDS } from './rules';
import { KNOWN_SOURCES } from './catalog';
import { SOURCE_REGISTRY } from './sources';

export interface TemplateField {
  code: string;
  label: string;
  unit: string;
  source: string;
  rules: Rule[];
}

export const TARGETS = ['national', 'provincial'] as const;
export type SubmissionTarget = (typeof TARGETS)[number];

/** Where a template's field list came from, and whether (and by whom) it was checked against the official form. */
export interface TemplateProvenance {
  /** The document the field list was taken from (title). */
  document: string;
  url?: string | null;
  /** The notice number (文号), e.g. 鲁人社字〔2023〕30号, when the document has one. */
  notice?: string | null;
  /** The document's date (YYYY-MM-DD). */
  date: string;
  /** Who checked every field against the platform's official form, and when; null while unchecked. */
  checked?: { by: string; on: string } | null;
}

export interface ReportTemplateData {
  /** The version code (`NATIONAL_2025`): what submissions record. */
  code: string;
  /** The template family (`NATIONAL`): one per platform form, versioned by report year. */
  family: string;
  platform: string;
  /** Which platform adapter receives it. */
  target: SubmissionTarget;
  /** The first report year this version applies to; it applies until the family's next version. */
  appliesFrom: number;
  /** Same as appliesFrom (older files name only `year`). */
  year: number;
  version: number;
  verified: boolean;
  provenance: TemplateProvenance;
  note?: string;
  fields: TemplateField[];
}

/** The folder holding the template JSON files: TEMPLATES_DIR, or subgraphs/statistics/templates. */
export function templatesDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TEMPLATES_DIR) return path.resolve(env.TEMPLATES_DIR);
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'subgraphs', 'statistics', 'templates')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'subgraphs', 'statistics', 'templates');
}

/** Checks one template; throws naming the template and the field that is wrong. */
export function validateTemplate(t: ReportTemplateData, file: string): ReportTemplateData {
  const where = `模板 ${t.code ?? file}`;
  if (!/^[A-Z0-9_]+$/.test(t.code ?? '')) throw new ConfigError(`${file}: code must be like NATIONAL_2025`);
  if (!(TARGETS as readonly string[]).includes(t.target)) throw new ConfigError(`${where}: target must be one of ${TARGETS.join(', ')}`);
  t.appliesFrom ??= t.year;
  t.year ??= t.appliesFrom;
  if (t.year !== t.appliesFrom) throw new ConfigError(`${where}: year and appliesFrom differ (give appliesFrom only)`);
  if (!/^[A-Z0-9]+(_[A-Z0-9]+)*$/.test(t.family ?? '') || !t.code.startsWith(t.family))
    throw new ConfigError(`${where}: family must be the code's prefix, like NATIONAL for NATIONAL_2025`);
  checkProvenance(t, where);
  if (!t.platform || !Number.isInteger(t.year) || !Number.isInteger(t.version) || typeof t.verified !== 'boolean' || !Array.isArray(t.fields)) {
    throw new ConfigError(`${where}: platform, year, version, verified and fields are required`);
  }
  const codes = new Set<string>();
  for (const field of t.fields) {
    if (!field.code || codes.has(field.code)) throw new ConfigError(`${where}: 字段代码「${field.code}」为空或重复`);
    codes.add(field.code);
    if (!field.label || !field.unit) throw new ConfigError(`${where} 字段 ${field.code}: label and unit are required`);
    if (!KNOWN_SOURCES.has(field.source)) throw new ConfigError(`${where} 字段 ${field.code}（${field.label}）引用了不存在的数据项「${field.source}」`);
    if (!SOURCE_REGISTRY[field.source])
      throw new ConfigError(`${where} 字段 ${field.code}: 数据项「${field.source}」在 SOURCE_REGISTRY（templates/sources.ts）中没有口径与明细查询，请添加一条`);
    for (const rule of field.rules ?? []) {
      if (!(RULE_KINDS as readonly string[]).includes(rule.kind)) throw new ConfigError(`${where} 字段 ${field.code}: 未知规则「${rule.kind}」`);
    }
  }
  for (const field of t.fields) {
    for (const rule of field.rules ?? []) {
      if (rule.kind === 'notAbove' && !codes.has(rule.field)) throw new ConfigError(`${where} 字段 ${field.code}: 规则引用了不存在的字段「${rule.field}」`);
    }
  }
  return t;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A template says where its field list came from; `verified` only with who checked it and when. */
function checkProvenance(t: ReportTemplateData, where: string) {
  const p = t.provenance;
  if (!p || !p.document || !DATE.test(p.date ?? '')) throw new ConfigError(`${where}: provenance.document and provenance.date (YYYY-MM-DD) are required`);
  const checked = p.checked ?? null;
  if (checked && (!checked.by || !DATE.test(checked.on ?? ''))) throw new ConfigError(`${where}: provenance.checked needs by and on (YYYY-MM-DD)`);
  if (t.verified !== (checked !== null)) throw new ConfigError(`${where}: verified must be true exactly when provenance.checked says who checked it and when`);
}

/** The versions of one family agree on platform and target and start in different years. */
function checkFamilies(templates: Map<string, ReportTemplateData>) {
  const byFamily = new Map<string, ReportTemplateData[]>();
  for (const t of templates.values()) byFamily.set(t.family, [...(byFamily.get(t.family) ?? []), t]);
  for (const [family, versions] of byFamily) {
    if (templates.has(family)) throw new ConfigError(`模板族 ${family}: a version code equals the family code`);
    const years = new Set(versions.map((v) => v.appliesFrom));
    if (years.size !== versions.length) throw new ConfigError(`模板族 ${family}: two versions apply from the same year`);
    if (new Set(versions.map((v) => `${v.target}|${v.platform}`)).size !== 1) throw new ConfigError(`模板族 ${family}: versions differ in target or platform`);
  }
}

/** Loads and checks every template at start; a bad one stops the subgraph, naming what is wrong. */
export function loadTemplates(dir = templatesDir()): Map<string, ReportTemplateData> {
  if (!fs.existsSync(dir)) throw new ConfigError(`TEMPLATES_DIR: no template folder at ${dir}`);
  const templates = new Map<string, ReportTemplateData>();
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    let data: ReportTemplateData;
    try {
      data = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (error) {
      throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    const template = validateTemplate(data, file);
    if (templates.has(template.code)) throw new ConfigError(`${file}: 模板代码 ${template.code} 重复`);
    templates.set(template.code, template);
  }
  checkFamilies(templates);
  return templates;
}

let loaded: Map<string, ReportTemplateData> | undefined;

/** The templates of this process, loaded and checked once (at start, by checkEnvironment). */
export function templates(): Map<string, ReportTemplateData> {
  loaded ??= loadTemplates();
  return loaded;
}
