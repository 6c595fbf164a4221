import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HoldRequest, TransferRequest } from '../../shared/voice/protocol';
import { authenticate, principalOf, type ServerContext } from '../context';
import { parseInput } from '../http/validate';
import { cancelTransfer, completeTransfer, holdCall, transferCall } from './control';

/**
 * The desktop's call controls on the Twilio line (the agent's session; only the agent
 * the call is with, in their company): hold and resume, cold and warm transfer, and
 * completing or cancelling a warm one. See control.ts for what each asks of Twilio.
 */

export const CallSidParams = z
  .object({ callSid: z.string().regex(/^CA[0-9a-fA-F]{32}$/, 'A CallSid starts with CA') })
  .strict();
const Empty = z.object({}).strict();

export function registerControlRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const onRequest = authenticate(ctx);

  app.post('/voice/calls/:callSid/hold', { onRequest }, async (request) => {
    const { callSid } = parseInput(CallSidParams, request.params, 'path');
    const body = parseInput(HoldRequest, request.body, 'hold request');
    return holdCall(ctx, principalOf(request), callSid, body.hold);
  });

  app.post('/voice/calls/:callSid/transfer', { onRequest }, async (request) => {
    const { callSid } = parseInput(CallSidParams, request.params, 'path');
    const body = parseInput(TransferRequest, request.body, 'transfer request');
    return transferCall(ctx, principalOf(request), callSid, body);
  });

  app.post('/voice/calls/:callSid/transfer/complete', { onRequest }, async (request) => {
    const { callSid } = parseInput(CallSidParams, request.params, 'path');
    parseInput(Empty, request.body, 'request');
    return completeTransfer(ctx, principalOf(request), callSid);
  });

  app.post('/voice/calls/:callSid/transfer/cancel', { onRequest }, async (request) => {
    const { callSid } = parseInput(CallSidParams, request.params, 'path');
    parseInput(Empty, request.body, 'request');
    return cancelTransfer(ctx, principalOf(request), callSid);
  });
}
