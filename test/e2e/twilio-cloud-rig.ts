import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ApiInput, ApiName, ApiOutput } from '../../src/shared/api';
import {
  accessTokenProblem,
  startRecordingHost,
  testCloudAccount,
  type CloudAccount,
  type RecordingHost,
} from '../twilio/fake-cloud-account';
import { FakeTwilioCloud } from '../twilio/fake-cloud';
import { FakeTwilio } from '../twilio/fake-signaling';
import { openMediaSide } from '../twilio/media-side';
import { startCrmServer, type CrmServer } from './crm-server';
import { test as base, expect, invokeOverSocket, startHost } from './fixtures';
import { stopProcess } from './processes';
import { routeFakeTwilio, signalingHost, signInAgent, twilioLaunchOptions } from './twilio-rig';

/**
 * The whole Twilio line end to end: the real CRM server (PUBLIC_URL pointing at itself,
 * Twilio connected for the company with the CLI, its recordings fetched from the fake
 * cloud's REST host), the console's core and voice host in Chromium signed in to it (the
 * real /voice/config and /voice/token), and the fake Twilio cloud between them: the
 * signaling gateway to the agent's Device and the webhooks to the server.
 */

export const COMPANY_NUMBER = '+14155550100';
// Long enough for a loaded machine to show the pop and answer; the missed call waits it out.
export const RING_SECONDS = 20;

/** A known contact at a known account, in the server's directory (imported with the CLI). */
export const knownCaller = {
  accountId: 'acc-initech',
  accountName: 'Initech',
  contactId: 'ct-peter',
  name: 'Peter Gibbons',
  e164: '+12125550101',
};
/** Another contact, who calls when nobody answers. */
export const secondCaller = { contactId: 'ct-milton', name: 'Milton Waddams', e164: '+12125550102' };

export interface CloudRig {
  url: string;
  invoke<K extends ApiName>(name: K, input: ApiInput<K>): Promise<ApiOutput<K>>;
  crm: CrmServer;
  account: CloudAccount;
  cloud: FakeTwilioCloud;
  fake: FakeTwilio;
  recordings: RecordingHost;
  voicePage: Page;
  /** The agent's access token on the CRM server (a fresh sign-in), for reading what the server holds. */
  agentToken(): Promise<string>;
}

function directoryFiles(dir: string) {
  const at = '2026-01-05T09:00:00.000Z';
  const accounts = path.join(dir, 'accounts.json');
  const contacts = path.join(dir, 'contacts.json');
  writeFileSync(
    accounts,
    JSON.stringify([
      {
        id: knownCaller.accountId,
        name: knownCaller.accountName,
        country: 'US',
        timeZone: 'America/New_York',
        phones: [],
        createdAt: at,
        updatedAt: at,
      },
    ]),
  );
  const contact = (id: string, name: string, e164: string) => ({
    id,
    firstName: name.split(' ')[0],
    lastName: name.split(' ')[1],
    accountId: knownCaller.accountId,
    timeZone: 'America/New_York',
    phones: [{ kind: 'work', e164 }],
    createdAt: at,
    updatedAt: at,
  });
  writeFileSync(
    contacts,
    JSON.stringify([
      contact(knownCaller.contactId, knownCaller.name, knownCaller.e164),
      contact(secondCaller.contactId, secondCaller.name, secondCaller.e164),
    ]),
  );
  return { accounts, contacts };
}

export const test = base.extend<{ cloudRig: CloudRig }>({
  cloudRig: [
    async ({ context }, use, testInfo) => {
      const account = testCloudAccount([COMPANY_NUMBER]);
      const recordings = await startRecordingHost(account);
      const files = mkdtempSync(path.join(tmpdir(), 'switchboard-cloud-'));
      const crm = await startCrmServer({
        publicUrl: true,
        env: { TWILIO_CONFIG_KEY: 'ab'.repeat(32), TWILIO_API_BASE: recordings.url },
        setup(cli) {
          const { accounts, contacts } = directoryFiles(files);
          cli('import-directory', '--company', 'acme', '--entity', 'accounts', '--file', accounts);
          cli('import-directory', '--company', 'acme', '--entity', 'contacts', '--file', contacts);
          // The admin connects Twilio with the CLI: the secrets go in once and never come back out.
          cli(
            'twilio-connect',
            ...['--company', 'acme', '--account-sid', account.accountSid, '--auth-token', account.authToken],
            ...['--api-key', account.apiKeySid, '--api-secret', account.apiSecret, '--twiml-app', account.twimlAppSid],
            ...['--number', COMPANY_NUMBER, '--record-calls', '--ring-seconds', String(RING_SECONDS)],
            // Voicemails come back transcribed by the fake cloud, as Twilio would (billed there).
            '--transcribe-recordings',
          );
        },
      });
      const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-twilio-cloud-'));
      const running = await startHost(dataDir, 0, ['--twilio-signaling-host', signalingHost]);
      const media = await openMediaSide(context);
      const fake = new FakeTwilio(media, { verifyToken: (token) => accessTokenProblem(token, account) });
      const cloud = new FakeTwilioCloud({ publicUrl: crm.url, account, signaling: fake, recordings });
      await context.grantPermissions(['microphone'], { origin: running.url });
      await routeFakeTwilio(context, fake);
      const voicePage = await context.newPage();
      await voicePage.goto(`${running.url}/voice-host.html`);
      const invoke: CloudRig['invoke'] = (name, input) => invokeOverSocket(running.url, name, input);
      await signInAgent(invoke, crm, crm.url);
      await expect.poll(() => fake.registered(), { timeout: 30_000 }).toBe(true);
      await use({
        url: running.url,
        invoke,
        crm,
        account,
        cloud,
        fake,
        recordings,
        voicePage,
        agentToken: () => crm.signIn(),
      });
      // What Twilio and the server said to each other, for a failure's post-mortem.
      writeFileSync(testInfo.outputPath('twilio-webhooks.json'), JSON.stringify(cloud.exchanges, null, 1));
      fake.close();
      await stopProcess(running.child);
      await crm.dispose();
      await recordings.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(files, { recursive: true, force: true });
    },
    // The CRM server and five CLI runs on PGlite before it: minutes on a loaded machine.
    { timeout: 600_000 },
  ],
});

export { expect, twilioLaunchOptions };
