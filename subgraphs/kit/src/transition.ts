import { FindOptionsWhere, In, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { conflict } from './errors';

/**
 * An entity's states, declared once: what each is called and which states may follow it. An
 * edit that keeps the state (a draft saved again) lists the state among its own successors.
 */
export interface States<S extends string> {
  /** The entity as a person calls it, and its English term: `年报`, `annual return`. */
  name: string;
  english: string;
  labels: Record<S, string>;
  next: Record<S, readonly S[]>;
}

/** A row that moves through states: a string id and a `status` column. */
export interface Stateful<S extends string> {
  id: string;
  status: S;
}

const declared = new Map<unknown, States<string>>();

/** Declares the states of an entity class; `transition` refuses any move not declared here. */
export function declareStates<S extends string>(entity: abstract new (...args: never[]) => Stateful<S>, states: States<S>): States<S> {
  for (const [from, to] of Object.entries(states.next) as [S, readonly S[]][]) {
    const unknown = [from, ...to].filter((s) => !(s in states.labels));
    if (unknown.length) throw new Error(`${states.english}: unknown state ${unknown.join(', ')}`);
  }
  declared.set(entity, states);
  return states;
}

/**
 * Moves row `id` from one of the states `from` to `to`, writing `changes` with it, in one UPDATE
 * guarded in SQL (`WHERE id = ? AND status IN (…)`), so two people acting at once cannot both
 * succeed. When no row moves, nothing is written and the answer is a CONFLICT naming the state the
 * row is in now. Pass a repository of the transaction's entity manager to move inside a
 * transaction. Returns the row as stored after the move.
 */
export async function transition<E extends Stateful<string>, S extends E['status'] = E['status']>(
  repository: Repository<E>,
  id: string,
  from: S | readonly S[],
  to: S,
  changes: QueryDeepPartialEntity<E> = {},
): Promise<E> {
  const states = declared.get(repository.target) as States<S> | undefined;
  if (!states) throw new Error(`no states declared for ${repository.metadata.name}`);
  const sources: readonly S[] = typeof from === 'string' ? [from] : from;
  const undeclared = sources.filter((s) => !states.next[s]?.includes(to));
  if (!sources.length || undeclared.length) throw new Error(`${states.english}: ${undeclared.join(', ') || '(none)'} → ${to} is not a declared transition`);
  const byId = { id } as FindOptionsWhere<E>;
  const result = await repository.update({ id, status: In([...sources]) } as FindOptionsWhere<E>, { ...changes, status: to });
  if (result.affected === 1) return repository.findOneByOrFail(byId);
  const current = await repository.findOneBy(byId);
  if (!current) throw conflict(`${states.name}已不存在，请刷新后重试（${states.english} no longer exists）`);
  const allowed = sources.map((s) => `「${states.labels[s]}」`).join('或');
  throw conflict(
    `${states.name}当前为「${states.labels[current.status as S]}」，只有${allowed}的${states.name}才能改为「${states.labels[to]}」，请刷新后重试` +
      `（${states.english} is ${current.status}, cannot become ${to}）`,
  );
}
