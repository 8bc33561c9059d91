import { readPath } from './catalog';
import { ReportTemplateData } from './loader';
import { Issue } from './rules';
import { SOURCE_REGISTRY } from './sources';

/** A section's list of figures left empty because ledger rows lack a value (bases: `training.unreported`). */
interface Unreported {
  affects: string[];
  message: string;
}

/** The figures an indicator is computed from (the registry's derivedFrom): an indicator is empty when one of them is. */
const inputsOf = (source: string): string[] | undefined => SOURCE_REGISTRY[source]?.derivedFrom;

/** The unreported entries that explain why a source path is empty (none: it is empty for another reason). */
function causes(data: unknown, source: string): Unreported[] {
  const [section, ...rest] = source.split('.');
  const inputs = inputsOf(source);
  if (inputs) return inputs.flatMap((input) => (readPath(data, input) === null ? causes(data, input) : []));
  const listed = readPath(data, `${section}.unreported`);
  if (!Array.isArray(listed)) return [];
  const path = rest.join('.');
  return (listed as Unreported[]).filter((u) => u.affects.includes(path));
}

/** Why a field's source is empty, when ledger rows lack a value it depends on: the rows, as the sections name them; null otherwise. */
export function unreportedBecause(data: unknown, source: string): string | null {
  const found = causes(data, source);
  return found.length ? [...new Set(found.map((u) => u.message))].join('；') : null;
}

/**
 * Unknown is not zero: a template field left empty because ledger rows lack a value (`unreported[i]`
 * says which) is a blocking error when the field is required (its message names the rows, in place
 * of the plain 「必须填写」), a warning otherwise. Fields empty for other reasons keep their rules' issues.
 */
export function explainUnreported(
  template: ReportTemplateData,
  values: (string | null)[],
  unreported: (string | null)[],
  issues: { errors: Issue[]; warnings: Issue[] },
) {
  template.fields.forEach((f, i) => {
    const because = unreported[i];
    if (values[i] !== null || !because) return;
    if ((f.rules ?? []).some((r) => r.kind === 'required')) {
      const at = issues.errors.findIndex((e) => e.field === f.code && e.message === `「${f.label}」必须填写（${f.code} required）`);
      const error = { field: f.code, label: f.label, message: `「${f.label}」必须填写，但台账未填报（${f.code} required, not in the ledgers）：${because}` };
      if (at >= 0) issues.errors[at] = error;
      else issues.errors.push(error);
    } else {
      issues.warnings.push({ field: f.code, label: f.label, message: `「${f.label}」未填报，台账缺值，按空报送（${f.code} not in the ledgers）：${because}` });
    }
  });
}
