import type { Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import twilio from 'twilio';
import type { ApiInput } from '../../src/shared/api';
import { startFakeTwilioRest, type FakeTwilioRest } from '../server/twilio/fake-twilio-rest';
import { connectInput } from '../server/twilio/fixtures';
import { numberWhereItIs, screenshotsAtLaptopSizes } from './console';
import { startCrmServer, type CrmServer } from './crm-server';
import { expect, test } from './fixtures';
import { axeOn } from './axe';

/**
 * Two-way texting end to end: the real console (Chromium), the real CRM server and a
 * fake of Twilio's REST API. The agent texts a caller they missed with a template,
 * sees it delivered when Twilio's signed status callback arrives, and gets the
 * customer's reply as a notification and in the contact's timeline.
 */

test.describe.configure({ timeout: 240_000 });

const A = connectInput('a');
const COMPANY_NUMBER = A.numbers[0]!;
// A customer whose clock shows daytime now, so quiet hours do not hold the text.
const customer = numberWhereItIs('day');
const PETER = { id: 'ct-peter', name: 'Peter Gibbons', e164: customer.e164 };
const TEMPLATE =
  'Hi {{firstName}}, this is {{agentName}}. We can come by {{appointmentWindow}}. Reply here to confirm.';

let rest: FakeTwilioRest;
let crm: CrmServer;

test.beforeEach(async () => {
  rest = await startFakeTwilioRest();
  const files = mkdtempSync(path.join(tmpdir(), 'switchboard-sms-'));
  const contacts = path.join(files, 'contacts.json');
  const at = '2026-01-05T09:00:00.000Z';
  writeFileSync(
    contacts,
    JSON.stringify([
      {
        id: PETER.id,
        firstName: 'Peter',
        lastName: 'Gibbons',
        accountId: null,
        timeZone: customer.zone,
        phones: [{ kind: 'mobile', e164: PETER.e164 }],
        createdAt: at,
        updatedAt: at,
      },
    ]),
  );
  crm = await startCrmServer({
    publicUrl: true,
    env: { TWILIO_CONFIG_KEY: 'ab'.repeat(32), TWILIO_API_BASE: rest.baseUrl },
    setup(cli) {
      cli('import-directory', '--company', 'acme', '--entity', 'contacts', '--file', contacts);
      cli(
        'twilio-connect',
        ...['--company', 'acme', '--account-sid', A.accountSid, '--auth-token', A.authToken],
        ...['--api-key', A.apiKeySid, '--api-secret', A.apiSecret, '--twiml-app', A.twimlAppSid],
        ...['--number', COMPANY_NUMBER],
      );
      cli('sms-template', '--company', 'acme', '--id', 'visit', '--name', 'Visit window', '--body', TEMPLATE);
    },
  });
});
test.afterEach(async () => {
  await crm.dispose();
  await rest.close();
});

/** A form post to the CRM server signed the way Twilio signs it. */
async function twilioPost(pathAndQuery: string, params: Record<string, string>) {
  const signature = twilio.getExpectedTwilioSignature(A.authToken, crm.url + pathAndQuery, params);
  const response = await fetch(crm.url + pathAndQuery, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  expect(response.status).toBeLessThan(300);
}

const messageRequests = () => rest.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json'));

async function noSeriousAxeViolations(page: Page, selector: string) {
  const result = await axeOn(page).include(selector).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('text a missed caller with a template, see it delivered, get the reply as a notification and in the timeline', async ({
  page,
  host,
}) => {
  await host.invoke('session.login', {
    serverUrl: crm.url,
    company: crm.company,
    email: crm.agent.email,
    password: crm.agent.password,
  } as ApiInput<'session.login'>);
  // The caller nobody answered (logged by the agent's line elsewhere; here pushed as another desktop would).
  const missedAt = new Date(Date.now() - 5 * 60_000).toISOString();
  await crm.push([
    {
      name: 'call.create',
      args: {
        id: 'missed-peter',
        direction: 'Inbound',
        subject: 'Call from Peter Gibbons',
        status: 'NotHeld',
        reason: 'Missed call: nobody answered',
        fromNumber: PETER.e164,
        toNumber: COMPANY_NUMBER,
        related: { type: 'contact', id: PETER.id, name: PETER.name },
        participants: [{ kind: 'contact', id: PETER.id, role: 'attendee', name: PETER.name }],
        at: missedAt,
      },
    },
    {
      name: 'task.create',
      args: {
        id: 'call-back-peter',
        subject: 'Call back Peter Gibbons (missed call)',
        dueAt: missedAt,
        priority: 'High',
        related: { type: 'contact', id: PETER.id, name: PETER.name },
        callId: 'missed-peter',
        at: missedAt,
      },
    },
  ]);
  await host.invoke('sync.now', {});
  const { agentName } = await host.invoke('settings.get', {});
  const filled = `Hi Peter, this is ${agentName}. We can come by Tuesday 2–4 pm. Reply here to confirm.`;
  await page.goto(host.url);
  const nav = page.getByRole('navigation', { name: 'Main' });

  await test.step('from the missed calls, a template fills in the customer, the agent and the window asked for', async () => {
    await nav.getByRole('button', { name: /Missed/ }).click();
    const row = page.locator('[data-call-id="missed-peter"]');
    await expect(row).toContainText(PETER.name);
    await row.getByRole('button', { name: 'Text back' }).click();
    const sheet = page.getByRole('dialog', { name: 'Text message' });
    await expect(sheet).toContainText(PETER.name);
    await expect(sheet.locator('.sms-local-time')).toHaveText(/^\d\d:\d\d /);
    await sheet.getByLabel('Template').selectOption({ label: 'Visit window' });
    await expect(sheet.getByRole('textbox', { name: /^Message/ })).toHaveValue(TEMPLATE);
    await sheet.getByLabel('Appointment window').fill('Tuesday 2–4 pm');
    const preview = sheet.getByRole('region', { name: 'Preview' });
    await expect(preview).toHaveText(`Preview${filled}`);
    // "–" is not in GSM-7: the whole text is UCS-2, 70 per segment, 67 once split.
    await expect(sheet.getByTestId('sms-counter')).toHaveText(/^\d+\/67 · 2 segments · UCS-2 \(because of –\)$/);
    await noSeriousAxeViolations(page, '.sheet');
    await screenshotsAtLaptopSizes(page, 'sms-compose');
    await sheet.getByRole('button', { name: 'Send text' }).click();
    await expect(sheet).toBeHidden();
  });

  let messageId = '';
  await test.step('the server hands it to Twilio once; Twilio’s signed callback marks it delivered', async () => {
    await expect.poll(() => messageRequests().length, { timeout: 30_000 }).toBe(1);
    const request = messageRequests()[0]!;
    expect(request.form).toMatchObject({
      To: PETER.e164,
      From: COMPANY_NUMBER,
      Body: filled,
    });
    messageId = new URL(String(request.form['StatusCallback'])).searchParams.get('messageId')!;
    await twilioPost(`/twilio/sms/status?messageId=${messageId}`, {
      AccountSid: A.accountSid,
      MessageSid: `SM${'1'.padStart(32, '0')}`,
      MessageStatus: 'sent',
    });
    await twilioPost(`/twilio/sms/status?messageId=${messageId}`, {
      AccountSid: A.accountSid,
      MessageSid: `SM${'1'.padStart(32, '0')}`,
      MessageStatus: 'delivered',
    });
    await expect
      .poll(async () => {
        await host.invoke('sync.now', {});
        const threads = await host.invoke('sms.threads', { number: PETER.e164 });
        return threads.threads[0]!.items.map((m) => [m.id, m.status]);
      })
      .toEqual([[messageId, 'delivered']]);
    expect(messageRequests()).toHaveLength(1);
  });

  await test.step('the reply arrives as a notification, with an unread badge, and in the contact’s timeline', async () => {
    await twilioPost('/twilio/sms/incoming', {
      AccountSid: A.accountSid,
      MessageSid: `SM${'2'.padStart(32, '0')}`,
      From: PETER.e164,
      To: COMPANY_NUMBER,
      Body: 'Tuesday works, see you then!',
    });
    await expect
      .poll(async () => {
        await host.invoke('sync.now', {});
        return (await host.invoke('sms.unread', {})).unread;
      })
      .toBe(1);
    await expect(page.getByRole('status')).toContainText('Text from Peter Gibbons: Tuesday works, see you then!');
    await expect(nav.getByTestId('sms-badge')).toHaveText('1 unread texts');
    await nav.getByRole('button', { name: /Contacts/ }).click();
    await page.locator('.contact-row', { hasText: PETER.name }).first().click();
    const contact = page.getByRole('article', { name: `Contact: ${PETER.name}` });
    const thread = contact.getByRole('list', { name: /^Texts with / });
    await expect(thread.locator('.sms-bubble.outbound')).toContainText('We can come by Tuesday 2–4 pm');
    await expect(thread.locator('.sms-bubble.outbound .sms-status')).toHaveText('Delivered');
    await expect(thread.locator('.sms-bubble.inbound')).toContainText('Tuesday works, see you then!');
    // Seen: the badge goes.
    await expect(nav.getByTestId('sms-badge')).toHaveCount(0);
    await noSeriousAxeViolations(page, '.detail');
    await contact.getByRole('heading', { name: 'Messages' }).scrollIntoViewIfNeeded();
    // The toasts fade after six seconds; the screenshots show the thread, not them.
    await expect(page.locator('.toast')).toHaveCount(0, { timeout: 15_000 });
    await screenshotsAtLaptopSizes(page, 'sms-thread');
  });

  await test.step('after a reload the thread reads the same', async () => {
    await page.reload();
    const contact = page.getByRole('article', { name: `Contact: ${PETER.name}` });
    const thread = contact.getByRole('list', { name: /^Texts with / });
    await expect(thread.locator('.sms-bubble')).toHaveCount(2);
    await expect(thread.locator('.sms-bubble.outbound .sms-status')).toHaveText('Delivered');
  });
});
