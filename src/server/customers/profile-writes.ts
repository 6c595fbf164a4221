import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NoteCategory } from '../../shared/domain/customer';
import { newId } from '../../shared/domain/ids';
import { Id } from '../../shared/domain/primitives';
import type { MutationInput } from '../../shared/sync/mutations';
import type { Principal } from '../auth/tokens';
import { authenticate, principalOf, type ServerContext } from '../context';
import { parseInput } from '../http/validate';
import { applyOrThrow, noteById } from './profile-reads';

/** The path of a customer's routes: the id of its contact or account. */
export const ProfileParams = z.object({ id: Id }).strict();

export const CustomerNoteBody = z
  .object({
    id: Id.optional(),
    body: z.string().trim().min(1).max(20000),
    category: NoteCategory.default('general'),
  })
  .strict();

type UpdateName = 'contact.update' | 'account.update';

/**
 * What differs between the records a customer profile sits on (a contact in routes.ts,
 * an account in account-routes.ts); the change of its parts and a note about it are
 * the same otherwise, so they are written once here.
 */
export interface ProfileSubject<N extends UpdateName, R> {
  type: 'contact' | 'account';
  /** Where its routes live: `/customers` or `/customer-accounts`. */
  path: string;
  update: N;
  /** The body of a change, and what it is called in a refusal (`customer`, `profile`). */
  updateBody: z.ZodType<MutationInput<N>['set']>;
  bodyLabel: string;
  /** The record in the caller's company, or a 404 (another company's answers alike). */
  visible: (principal: Principal, id: string) => Promise<R>;
  record: (companyId: string, id: string) => Promise<R | null>;
  /** The name a note keeps of what it is about. */
  nameOf: (record: R) => string;
}

/** PATCH <path>/:id and POST <path>/:id/notes, through the sync mutators like a desktop's change. */
export function registerProfileWrites<N extends UpdateName, R>(
  app: FastifyInstance,
  ctx: ServerContext,
  subject: ProfileSubject<N, R>,
): void {
  const onRequest = authenticate(ctx);

  app.patch(`${subject.path}/:id`, { onRequest }, async (request) => {
    const { id } = parseInput(ProfileParams, request.params, 'path');
    const set = parseInput(subject.updateBody, request.body, subject.bodyLabel);
    const principal = principalOf(request);
    await subject.visible(principal, id);
    // N is one name here; TypeScript cannot see that the literal fits its input.
    const input = { id, set, at: ctx.now().toISOString() } as MutationInput<N>;
    await applyOrThrow(ctx, principal, subject.update, input);
    return subject.record(principal.companyId, id);
  });

  app.post(`${subject.path}/:id/notes`, { onRequest }, async (request, reply) => {
    const { id } = parseInput(ProfileParams, request.params, 'path');
    const body = parseInput(CustomerNoteBody, request.body, 'note');
    const principal = principalOf(request);
    const record = await subject.visible(principal, id);
    const noteId = body.id ?? newId();
    await applyOrThrow(ctx, principal, 'note.add', {
      id: noteId,
      body: body.body,
      category: body.category,
      related: { type: subject.type, id, name: subject.nameOf(record) },
      at: ctx.now().toISOString(),
    });
    return reply.code(201).send(await noteById(ctx, principal.companyId, noteId));
  });
}
