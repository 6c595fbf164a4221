import config from '../../playwright.config';
import type { BrowserContext, Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ApiInput, ApiName, ApiOutput } from '../../src/shared/api';
import { FakeTwilio } from '../twilio/fake-signaling';
import { openMediaSide } from '../twilio/media-side';
import { startVoiceFront, type VoiceFront } from '../twilio/voice-front';
import { startCrmServer, type CrmServer } from './crm-server';
import { test as base, expect, invokeOverSocket, startHost } from './fixtures';
import { stopProcess } from './processes';
import { signalingHost } from './twilio-signaling-host';
import { fullChromiumPath } from '../chromium';

/**
 * Everything a Twilio-line test needs: the real CRM server behind the fake voice
 * endpoints, the console's core pointed at the fake Twilio, the voice host page and the
 * media side in the same Chromium, and the agent signed in on the Twilio line.
 */
export { signalingHost };

export interface TwilioRig {
  url: string;
  invoke<K extends ApiName>(name: K, input: ApiInput<K>): Promise<ApiOutput<K>>;
  crm: CrmServer;
  front: VoiceFront;
  fake: FakeTwilio;
  voicePage: Page;
  /** Opens the voice host page again (after closing it: a crash). */
  openVoiceHost(): Promise<Page>;
}

/** Signs the console in as the CRM server's agent, through `serverUrl` (the server, or a front of it). */
export async function signInAgent(invoke: TwilioRig['invoke'], crm: CrmServer, serverUrl: string): Promise<void> {
  await invoke('session.login', {
    serverUrl,
    company: crm.company,
    email: crm.agent.email,
    password: crm.agent.password,
  } as ApiInput<'session.login'>);
}

export async function routeFakeTwilio(context: BrowserContext, fake: FakeTwilio): Promise<void> {
  // Nothing leaves the machine: sounds are the app's own, Insights is off; abort the rest.
  await context.route(/twilio\.com/, (route) => route.abort());
  await context.routeWebSocket(`wss://${signalingHost}/signal`, (ws) => {
    const connection = fake.accept({ send: (text) => ws.send(text), close: () => void ws.close() });
    ws.onMessage((message) => connection.receive(String(message)));
    ws.onClose(() => connection.closed());
  });
}

export const test = base.extend<{ rig: TwilioRig }>({
  rig: [
    async ({ context }, use, testInfo) => {
      const crm = await startCrmServer();
      const front = await startVoiceFront(crm.url, {
        line: 'twilio',
        edge: 'roaming',
        callerId: '+14155550100',
        numbers: ['+14155550100'],
        recordCalls: false,
        publishInsights: false,
      });
      const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-twilio-'));
      const running = await startHost(dataDir, 0, ['--twilio-signaling-host', signalingHost]);
      const media = await openMediaSide(context);
      const fake = new FakeTwilio(media);
      await context.grantPermissions(['microphone'], { origin: running.url });
      await routeFakeTwilio(context, fake);
      const openVoiceHost = async () => {
        const page = await context.newPage();
        await page.goto(`${running.url}/voice-host.html`);
        return page;
      };
      const voicePage = await openVoiceHost();
      const invoke: TwilioRig['invoke'] = (name, input) => invokeOverSocket(running.url, name, input);
      await signInAgent(invoke, crm, front.url);
      await expect.poll(() => fake.registered(), { timeout: 20_000 }).toBe(true);
      await use({ url: running.url, invoke, crm, front, fake, voicePage, openVoiceHost });
      // The signaling frames as the fake saw them, for a failure's post-mortem.
      const frames = fake.wire.map((f) => ({ ...f, payload: { ...f.payload, sdp: undefined, token: undefined } }));
      writeFileSync(testInfo.outputPath('twilio-wire.json'), JSON.stringify(frames, null, 1));
      fake.close();
      await stopProcess(running.child);
      await front.close();
      await crm.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
    // The CRM server's first start (PGlite, migrations, the CLI's setup) is most of it.
    // On a shared machine under load the CLI's two runs and the server's start can take minutes.
    { timeout: 420_000 },
  ],
});

/**
 * Chromium as the other specs run it, but the full browser (test/chromium.ts), with fake
 * media devices and a microphone it may use without asking.
 */
const baseLaunch = config.use?.launchOptions ?? {};
export const twilioLaunchOptions = {
  ...baseLaunch,
  executablePath: fullChromiumPath(),
  args: [
    ...(baseLaunch.args ?? []),
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-features=WebRtcHideLocalIpsWithMdns',
  ],
};

export { expect };
