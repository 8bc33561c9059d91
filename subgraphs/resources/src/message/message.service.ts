import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Message } from './message.entity';
import { now } from '@zjjt/kit';

/** Tells a unit something about a request; written in the same transaction as the change. */
export function notify(em: EntityManager, recipientId: string, title: string, body: string, requestId: string | null): Promise<unknown> {
  return em.insert(Message, { id: randomUUID(), recipientId, title, body, requestId, createdAt: now(), readAt: null });
}
