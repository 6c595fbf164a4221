import { chromium } from '@playwright/test';
import { chromiumPath } from '../chromium';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { ApiInput, ApiName, ApiOutput } from '../../src/shared/api';
import { invokeOverSocket, startHost } from '../e2e/console-host';
import { startCrmServer } from '../e2e/crm-server';
import { stopProcess } from '../e2e/processes';
import { signalingHost } from '../e2e/twilio-signaling-host';
import { FakeTwilio } from '../twilio/fake-signaling';
import { openMediaSide } from '../twilio/media-side';
import { startVoiceFront } from '../twilio/voice-front';
import { percentile, printTable, type BenchResult } from './stats';

/**
 * The Twilio line end to end, with the real Voice SDK in Chromium against the fake
 * Twilio (test/twilio):
 * - ring → pop: from the `invite` frame leaving the fake to the console showing the
 *   incoming call (a MutationObserver in the page stamps the moment it appears), over
 *   50 inbound calls;
 * - click-to-dial → invite: from the agent's click on Call (stamped in the page) to the
 *   `invite` frame arriving at the fake, over 20 outbound calls.
 * Both clocks are this machine's wall clock (Date.now in Node, performance.timeOrigin +
 * performance.now in the page). Needs `npm run build:web` first.
 *
 * It measures the app, not its warm-up: the first sync after sign-in is let finish, and
 * the first WARMUP_* calls of each kind (JIT, first React renders of the ringing and
 * dialing panels, the SDK's first PeerConnection) are made but not counted. Each
 * measured call starts from an idle line with the previous call's changes pushed to the
 * CRM server, as a real agent's next call does. The machine's load average is printed
 * and kept with the figures: this bench shares the CPU with whatever else runs.
 */

const INBOUND = 50;
const OUTBOUND = 20;
const WARMUP_INBOUND = 5;
const WARMUP_OUTBOUND = 3;

export async function twilioLineBench(): Promise<BenchResult> {
  const crm = await startCrmServer();
  const front = await startVoiceFront(crm.url, {
    line: 'twilio',
    edge: 'roaming',
    callerId: '+14155550100',
    numbers: ['+14155550100'],
    recordCalls: false,
    publishInsights: false,
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-bench-twilio-'));
  const host = await startHost(dataDir, 0, ['--twilio-signaling-host', signalingHost]);
  const invoke = <K extends ApiName>(name: K, input: ApiInput<K>): Promise<ApiOutput<K>> =>
    invokeOverSocket(host.url, name, input);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      '--disable-features=WebRtcHideLocalIpsWithMdns',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.grantPermissions(['microphone'], { origin: host.url });
    const fake = new FakeTwilio(await openMediaSide(context));
    await context.route(/twilio\.com/, (route) => route.abort());
    await context.routeWebSocket(`wss://${signalingHost}/signal`, (ws) => {
      const connection = fake.accept({ send: (text) => ws.send(text), close: () => void ws.close() });
      ws.onMessage((message) => connection.receive(String(message)));
      ws.onClose(() => connection.closed());
    });
    await (await context.newPage()).goto(`${host.url}/voice-host.html`);
    const page = await context.newPage();
    await page.goto(host.url);
    await invoke('session.login', {
      serverUrl: front.url,
      company: crm.company,
      email: crm.agent.email,
      password: crm.agent.password,
    } as ApiInput<'session.login'>);
    for (let i = 0; !fake.registered(); i++) {
      if (i > 400) throw new Error('the Twilio line did not register');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    /** Until the previous call's changes reached the server (bounded: a slow push is not a failure). */
    const settle = async (boundMs = 10_000) => {
      const until = Date.now() + boundMs;
      for (;;) {
        const sync = await invoke('sync.status', {});
        if ((sync.state === 'online' && sync.pending === 0) || Date.now() > until) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await settle(120_000);
    // Stamps, in wall-clock ms, the first moment the incoming-call region is in the DOM.
    // (Page-side code as a string: this file is typed for Node, without the DOM.)
    await page.evaluate(`
      window.popSeenAt = null;
      new MutationObserver(() => {
        if (window.popSeenAt === null && document.querySelector('section[aria-label="Incoming call"]')) {
          window.popSeenAt = performance.timeOrigin + performance.now();
        }
      }).observe(document.body, { childList: true, subtree: true });
    `);
    const finishWrapUp = async (status: 'Held' | 'NotHeld') => {
      const pending = await invoke('wrapup.get', {});
      if (!pending) return;
      const code = pending.dispositions.find((d) => d.suggestsStatus === status)?.code ?? pending.dispositions[0]!.code;
      await invoke('wrapup.submit', {
        callId: pending.callId,
        status,
        dispositionCode: code,
        reason: status === 'NotHeld' ? 'bench' : null,
      } as ApiInput<'wrapup.submit'>);
    };

    const ringToPop: number[] = [];
    const loadAtStart = loadavg()[0]!;
    for (let i = 0; i < WARMUP_INBOUND + INBOUND; i++) {
      await settle();
      await page.evaluate('window.popSeenAt = null');
      const { callSid, sentAt } = await fake.ring({ from: `+1415555${String(1000 + i)}` });
      // A function, not a string: the console's CSP forbids eval in the page.
      await page.waitForFunction(() => (globalThis as unknown as { popSeenAt: number | null }).popSeenAt !== null);
      const seenAt = (await page.evaluate('window.popSeenAt')) as number;
      if (i >= WARMUP_INBOUND) ringToPop.push(seenAt - sentAt);
      fake.cancel(callSid);
      // A missed call asks for no wrap-up: the line goes back to idle by itself.
      await page.getByText('Ready for calls.').waitFor();
    }

    const dialToInvite: number[] = [];
    await page.evaluate(`
      document.addEventListener('click', (event) => {
        const target = event.target;
        if (target.closest('[role="dialog"]') && target.textContent.trim() === 'Call') {
          window.clickedAt = performance.timeOrigin + performance.now();
        }
      }, true);
    `);
    for (let i = 0; i < WARMUP_OUTBOUND + OUTBOUND; i++) {
      await settle();
      const number = `+1415556${String(1000 + i)}`;
      fake.script(number, { outcome: 'busy', ringMs: 0 });
      await page.getByLabel('Number to call').fill(number);
      await page.getByLabel('Number to call').press('Enter');
      const sheet = page.getByRole('dialog', { name: 'Place call' });
      await sheet.getByRole('button', { name: 'Call' }).click();
      const invite = await fake.waitFor('invite', (f) =>
        String((f.payload.twilio as { params?: string } | undefined)?.params ?? '').includes(number.slice(1)),
      );
      const clickedAt = (await page.evaluate('window.clickedAt')) as number;
      if (i >= WARMUP_OUTBOUND) dialToInvite.push(invite.at - clickedAt);
      await page.getByRole('form', { name: 'Wrap-up' }).waitFor();
      await finishWrapUp('NotHeld');
      await page.getByText('Ready for calls.').waitFor();
    }

    const loadAtEnd = loadavg()[0]!;
    const round = (ms: number) => Math.round(ms * 10) / 10;
    const figures = {
      twilioRingToPopP50Ms: round(percentile(ringToPop, 50)),
      twilioRingToPopP95Ms: round(percentile(ringToPop, 95)),
      twilioRingToPopSamples: ringToPop.length,
      twilioDialToInviteP50Ms: round(percentile(dialToInvite, 50)),
      twilioDialToInviteP95Ms: round(percentile(dialToInvite, 95)),
      twilioDialToInviteSamples: dialToInvite.length,
      twilioWarmUpCallsExcluded: WARMUP_INBOUND + WARMUP_OUTBOUND,
      twilioLoadAverage1mStart: round(loadAtStart),
      twilioLoadAverage1mEnd: round(loadAtEnd),
    };
    printTable('Twilio line (real Voice SDK in Chromium, fake Twilio), target p95 ≤ 150 ms', [
      ['measure', 'samples', 'p50 ms', 'p95 ms'],
      [
        'ring (invite frame) → pop visible',
        String(ringToPop.length),
        String(figures.twilioRingToPopP50Ms),
        String(figures.twilioRingToPopP95Ms),
      ],
      [
        'click Call → invite frame',
        String(dialToInvite.length),
        String(figures.twilioDialToInviteP50Ms),
        String(figures.twilioDialToInviteP95Ms),
      ],
    ]);
    console.log(
      `(${WARMUP_INBOUND} inbound and ${WARMUP_OUTBOUND} outbound warm-up calls not counted; ` +
        `1-minute load average ${figures.twilioLoadAverage1mStart} at the start, ${figures.twilioLoadAverage1mEnd} at the end, on ${cpus().length} cores)`,
    );
    fake.close();
    return figures;
  } finally {
    await browser.close();
    await stopProcess(host.child);
    await front.close();
    await crm.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
