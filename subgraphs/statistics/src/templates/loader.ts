import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@zjjt/kit';
import { Rule, RULE_KINDS } from './rules';
import { KNOWN_SOURCES } from './catalog';

export interface TemplateField {
  code: string;
  label: string;
  unit: string;
  source: string;
  rules: Rule[];
}

export const TARGETS = ['national', 'provincial'] as const;
export type SubmissionTarget = (typeof TARGETS)[number];

export interface ReportTemplateData {
  code: string;
  platform: string;
  /** Which platform adapter receives it. */
  target: SubmissionTarget;
  year: number;
  version: number;
  verified: boolean;
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
  if (!t.platform || !Number.isInteger(t.year) || !Number.isInteger(t.version) || typeof t.verified !== 'boolean' || !Array.isArray(t.fields)) {
    throw new ConfigError(`${where}: platform, year, version, verified and fields are required`);
  }
  const codes = new Set<string>();
  for (const field of t.fields) {
    if (!field.code || codes.has(field.code)) throw new ConfigError(`${where}: 字段代码「${field.code}」为空或重复`);
    codes.add(field.code);
    if (!field.label || !field.unit) throw new ConfigError(`${where} 字段 ${field.code}: label and unit are required`);
    if (!KNOWN_SOURCES.has(field.source)) throw new ConfigError(`${where} 字段 ${field.code}（${field.label}）引用了不存在的数据项「${field.source}」`);
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
    templates.set(template.code, template);
  }
  return templates;
}

let loaded: Map<string, ReportTemplateData> | undefined;

/** The templates of this process, loaded and checked once (at start, by checkEnvironment). */
export function templates(): Map<string, ReportTemplateData> {
  loaded ??= loadTemplates();
  return loaded;
}
