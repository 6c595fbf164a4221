import { describe, expect, it } from 'vitest';
import { PushRequest } from '../../src/shared/sync/protocol';
import { pushBody } from './load-agents';

describe('the load bench agents’ push body, written as text (load-agents.ts)', () => {
  it('is the JSON of the push the agents mean, and a push the server accepts', () => {
    const at = '2026-12-01T21:00:00.000Z';
    const text = pushBody('load-cur500-7', 'cur500-a7-41', 41, 'a7', at);
    const body = JSON.parse(text) as { mutations: { hlc: string }[] };
    const [first, second] = body.mutations.map((mutation) => mutation.hlc);
    expect(first).toMatch(/^\d{15}:000041:a7$/);
    expect(second).toMatch(/^\d{15}:000042:a7$/);
    expect(body).toEqual({
      clientId: 'load-cur500-7',
      mutations: [
        {
          id: 41,
          name: 'call.create',
          args: { id: 'cur500-a7-41', direction: 'Outbound', subject: 'Load call cur500-a7-41', status: 'Planned', at },
          hlc: first,
        },
        {
          id: 42,
          name: 'note.add',
          args: { id: 'cur500-a7-41-n', body: 'Spoke about the renewal (cur500-a7-41).', callId: 'cur500-a7-41', at },
          hlc: second,
        },
      ],
    });
    expect(PushRequest.safeParse(body).success).toBe(true);
  });
});
