import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for api.twilio.com on a loopback port: it records every request (method,
 * path, form body, who authenticated) and answers the few resources the server uses:
 * recording media, Calls (update: a redirect to new TwiML), Conference participants
 * (create, update, delete) and Messages (create: SM000…0001, 0002… in order; a `To` in
 * `messageErrors` is refused with that Twilio error code, as api.twilio.com does).
 */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The form body; a key sent more than once (StatusCallbackEvent) keeps all its values, in order. */
  form: Record<string, string | string[]>;
  username: string | null;
  range: string | null;
}

export interface FakeTwilioRest {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Media bytes served for a recording sid. */
  recordings: Map<string, Buffer>;
  /** To number → Twilio error code the Messages resource answers with (400). */
  messageErrors: Map<string, number>;
  close(): Promise<void>;
}

function userOf(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return null;
  return Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')[0] ?? null;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeTwilioRest(): Promise<FakeTwilioRest> {
  const requests: RecordedRequest[] = [];
  const recordings = new Map<string, Buffer>();
  const messageErrors = new Map<string, number>();
  let participants = 0;
  let messages = 0;
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const form: Record<string, string | string[]> = {};
      for (const [key, value] of new URLSearchParams(await bodyOf(request))) {
        const seen = form[key];
        form[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
      }
      requests.push({
        method: request.method ?? 'GET',
        path: url.pathname,
        form,
        username: userOf(request),
        range: typeof request.headers.range === 'string' ? request.headers.range : null,
      });
      const media = /\/Recordings\/(RE[0-9a-f]{32})\.mp3$/.exec(url.pathname);
      if (media) {
        const bytes = recordings.get(media[1]!);
        if (!bytes || !userOf(request)) {
          response.writeHead(404, { 'content-type': 'application/json' }).end('{"code":20404}');
          return;
        }
        response.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': String(bytes.length) }).end(bytes);
        return;
      }
      const participant = /\/Conferences\/([^/]+)\/Participants(?:\/([^/.]+))?\.json$/.exec(url.pathname);
      if (participant) {
        const [, conference, callSid] = participant;
        if (request.method === 'DELETE') {
          response.writeHead(204).end();
          return;
        }
        // A created participant's call gets the next of CA000…0901, 0902…
        if (!callSid) participants += 1;
        const sid = callSid ?? `CA${String(900 + participants).padStart(32, '0')}`;
        const account = /Accounts\/(AC[0-9a-f]{32})/.exec(url.pathname)?.[1];
        response
          .writeHead(request.method === 'POST' && !callSid ? 201 : 200, { 'content-type': 'application/json' })
          .end(
            JSON.stringify({
              account_sid: account,
              call_sid: sid,
              conference_sid: conference,
              hold: form['Hold'] === 'true',
              muted: false,
              status: 'connected',
              label: typeof form['Label'] === 'string' ? form['Label'] : null,
            }),
          );
        return;
      }
      const message = /\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/.exec(url.pathname);
      if (message && request.method === 'POST') {
        const to = typeof form['To'] === 'string' ? form['To'] : '';
        const refused = messageErrors.get(to);
        if (refused !== undefined) {
          response
            .writeHead(400, { 'content-type': 'application/json' })
            .end(JSON.stringify({ code: refused, message: `Refused (${refused})`, status: 400 }));
          return;
        }
        messages += 1;
        response.writeHead(201, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            account_sid: message[1],
            sid: `SM${String(messages).padStart(32, '0')}`,
            to,
            from: form['From'],
            body: form['Body'],
            status: 'queued',
          }),
        );
        return;
      }
      const call = /\/Accounts\/(AC[0-9a-f]{32})\/Calls\/(CA[0-9a-f]{32})\.json$/.exec(url.pathname);
      if (call && request.method === 'POST') {
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ account_sid: call[1], sid: call[2], status: 'in-progress' }));
        return;
      }
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"code":20404,"message":"not found"}');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    recordings,
    messageErrors,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
