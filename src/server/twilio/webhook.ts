import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ServerContext } from '../context';
import { describeControlCharacter, findControlCharacter } from '../http/control-characters';
import { HttpError, zodIssues } from '../http/errors';
import { publicUrlFor } from './options';
import { accountsBySid, type TwilioAccount } from './settings';
import { isValidTwilioSignature } from './signature';

/**
 * Twilio's webhooks: form-encoded POSTs signed with the account's auth token. The order
 * is the point of this module: the AccountSid is read ONLY to pick the auth token(s) to
 * check with; until the signature over PUBLIC_URL + path + query and the form checks
 * out, nothing else of the request is read and nothing is written. A bad or missing
 * signature is a 403 with no body worth parsing.
 */

export type FormParams = Record<string, string | string[]>;

export interface VerifiedWebhook<T> {
  /** The companies on this Twilio account whose auth token signed the request (usually one). */
  accounts: TwilioAccount[];
  fields: T;
}

/** Form bodies arrive as text; the route parses them only after the signature checks out. */
export function registerFormParser(scope: FastifyInstance): void {
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => done(null, body),
  );
}

export function formParams(body: unknown): FormParams {
  const params: FormParams = {};
  if (typeof body !== 'string') return params;
  for (const [key, value] of new URLSearchParams(body)) {
    const seen = params[key];
    params[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return params;
}

const refused = (message: string) => new HttpError(403, 'invalid_signature', message);

/**
 * Verifies the request and parses its fields with `schema`; throws 403 (unsigned) or
 * 400 (signed but not what we expect). Query parameters are ours (we put them in the
 * callback URLs we hand Twilio) and are covered by the signature, so they are parsed too.
 */
export async function verifyWebhook<S extends z.ZodType>(
  ctx: ServerContext,
  request: FastifyRequest,
  schema: S,
): Promise<VerifiedWebhook<z.output<S>>> {
  const url = publicUrlFor(ctx.twilio, request.url);
  if (!url) throw refused('PUBLIC_URL is not set on the server, so no Twilio request can be verified.');
  const signature = request.headers['x-twilio-signature'];
  if (typeof signature !== 'string' || signature === '') throw refused('The request is not signed by Twilio.');
  const params = formParams(request.body);
  const accountSid = params['AccountSid'];
  if (typeof accountSid !== 'string' || !/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
    throw refused('The request does not name a Twilio account.');
  }
  const candidates = await accountsBySid(ctx.db, ctx.twilio.secrets, accountSid);
  const accounts = candidates.filter((account) => isValidTwilioSignature(account.authToken, signature, url, params));
  if (accounts.length === 0) throw refused('The Twilio signature does not match this server’s records.');
  // Form fields arrive percent-encoded, past the app-wide check on the raw text: check them here.
  const control = findControlCharacter(params);
  if (control) throw new HttpError(400, 'control_character', describeControlCharacter(control, 'Twilio request'));
  const query = request.query as Record<string, unknown>;
  const parsed = schema.safeParse({ ...flatten(params), ...query });
  if (!parsed.success) {
    throw new HttpError(
      400,
      'invalid_webhook',
      'The Twilio request is missing fields we need.',
      zodIssues(parsed.error),
    );
  }
  return { accounts, fields: parsed.data };
}

/** Twilio repeats no field we read; a repeated one keeps its last value. */
function flatten(params: FormParams): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value.at(-1)! : value]),
  );
}

export function sendTwiml(reply: FastifyReply, xml: string): FastifyReply {
  return reply.type('text/xml; charset=utf-8').send(xml);
}
