import { describe, expect, it } from 'vitest';
import { createLineSelection } from '../../../../src/main/core/telephony/line-selection';
import { createManualScheduler } from '../../../../src/main/core/telephony/scheduler';
import { createSimulatedEngine } from '../../../../src/main/core/telephony/simulated-engine';
import { createTwilioEngine } from '../../../../src/main/core/telephony/twilio-engine';
import { createVoiceHostLink } from '../../../../src/main/core/telephony/voice-host-link';
import type { TransportReply } from '../../../../src/main/core/sync/transport';
import type { VoiceConfig } from '../../../../src/shared/voice/protocol';

const twilioConfig: VoiceConfig = {
  line: 'twilio',
  edge: 'roaming',
  callerId: '+14155550100',
  numbers: ['+14155550100'],
  recordCalls: false,
  publishInsights: true,
};

function selectionHarness() {
  const scheduler = createManualScheduler();
  let signedIn = true;
  let reply: TransportReply = { status: 200, body: twilioConfig };
  const requests: string[] = [];
  const simulated = createSimulatedEngine({ scheduler });
  const link = createVoiceHostLink();
  const selection = createLineSelection({
    simulated,
    scheduler,
    session: {
      stored: () => (signedIn ? ({ serverUrl: 'http://crm', company: 'acme', user: {} } as never) : null),
      send: async (method, path) => {
        requests.push(`${method} ${path}`);
        if (path === '/voice/token') {
          return {
            status: 200,
            body: {
              token: 't',
              identity: 'agent_1',
              expiresAt: new Date(Date.now() + 3.6e6).toISOString(),
              ttlSeconds: 3600,
            },
          };
        }
        return reply;
      },
    },
    makeTwilio: (config) =>
      createTwilioEngine({
        link,
        scheduler,
        tokens: { fetch: async () => ({ ok: true, token: 't', expiresAtMs: scheduler.now() + 3.6e6 }) },
        settings: { edge: config.edge, publishInsights: config.publishInsights },
        control: async (callSid) => ({ callSid, onHold: false, transfer: null }),
      }),
  });
  return {
    selection,
    simulated,
    requests,
    signOut: () => {
      signedIn = false;
    },
    setReply: (next: TransportReply) => {
      reply = next;
    },
  };
}

describe('line selection: the company decides the line', () => {
  it('uses the simulated line until the server says the company has Twilio', async () => {
    const h = selectionHarness();
    expect(h.selection.engine.kind).toBe('simulated');
    await h.selection.refresh();
    expect(h.requests).toContain('GET /voice/config');
    expect(h.selection.engine.kind).toBe('twilio');
    expect(h.selection.twilio()).not.toBeNull();
  });

  it('goes back to the simulated line when the agent signs out', async () => {
    const h = selectionHarness();
    await h.selection.refresh();
    h.signOut();
    await h.selection.refresh();
    expect(h.selection.engine.kind).toBe('simulated');
    expect(h.selection.twilio()).toBeNull();
  });

  it('treats a server without voice routes (404) as the simulated line, and keeps the line when unreachable', async () => {
    const h = selectionHarness();
    await h.selection.refresh();
    h.setReply({ status: 503, body: null });
    await h.selection.refresh();
    expect(h.selection.engine.kind).toBe('twilio');
    h.setReply({ status: 404, body: null });
    await h.selection.refresh();
    expect(h.selection.engine.kind).toBe('simulated');
  });

  it('refuses a configuration that does not match the shared schema', async () => {
    const h = selectionHarness();
    h.setReply({ status: 200, body: { line: 'twilio', edge: 'roaming' } });
    await h.selection.refresh();
    expect(h.selection.engine.kind).toBe('simulated');
  });

  it('never switches lines under a live call: the switch waits for it to end', async () => {
    const h = selectionHarness();
    await h.selection.engine.register();
    const call = h.simulated.injectInbound({ from: '+14155550123' })!;
    call.accept();
    await h.selection.refresh();
    expect(h.selection.engine.kind).toBe('simulated');
    call.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.selection.engine.kind).toBe('twilio');
  });
});
