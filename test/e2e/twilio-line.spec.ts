import type { Page } from '@playwright/test';
import { expect, test, twilioLaunchOptions, type TwilioRig } from './twilio-rig';
import { axeOn } from './axe';

// Fake camera and microphone, granted without asking: set here, in the spec, as Playwright requires.
test.use({ launchOptions: twilioLaunchOptions });

/**
 * The real @twilio/voice-sdk in Chromium, through the real console, against the fake
 * Twilio (test/twilio). One signed-in line goes through every path in turn: starting
 * the CRM server and the line costs most of a minute, the paths a few seconds each.
 */

/** axe-core on what this feature changed: the phone dock and the top bar's line pill. */
async function expectAccessible(page: Page) {
  const results = await axeOn(page)
    .include('.phone-dock')
    .include('.top-bar .pill[title="The phone line in use"]')
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

function dock(page: Page) {
  return page.getByRole('complementary', { name: 'Phone' });
}

/** Saves the wrap-up; returns the call record it closed. */
async function finishWrapUp(page: Page, rig: TwilioRig) {
  const form = dock(page).getByRole('form', { name: 'Wrap-up' });
  await expect(form).toBeVisible();
  const pending = await rig.invoke('wrapup.get', {});
  await form.getByLabel('Disposition').selectOption({ index: 1 });
  await form.getByRole('button', { name: 'Save and finish' }).click();
  await expect(form).toBeHidden();
  return rig.invoke('calls.get', { id: pending!.callId });
}

/** An unanswered inbound call has no wrap-up (it goes to the missed list): find its record by CallSid. */
async function recordOf(rig: TwilioRig, callSid: string) {
  let found: Awaited<ReturnType<TwilioRig['invoke']>> | undefined;
  await expect
    .poll(async () => {
      const { items } = await rig.invoke('calls.list', { limit: 10, direction: 'Inbound' });
      for (const item of items) {
        const record = await rig.invoke('calls.get', { id: item.id });
        if (record.providerCallId === callSid) found = record;
      }
      return found !== undefined;
    })
    .toBe(true);
  return found as Awaited<ReturnType<TwilioRig['invoke']>> & { status: string; statusReason: string | null };
}

async function dial(page: Page, number: string) {
  await dock(page).getByLabel('Number to call').fill(number);
  await dock(page).getByLabel('Number to call').press('Enter');
  const sheet = page.getByRole('dialog', { name: 'Place call' });
  await sheet.getByRole('button', { name: 'Call' }).click();
}

test('calls on the Twilio line: ring, pop, answer, mute, digits, hang-ups, cancel, reject, busy, outbound', async ({
  page,
  rig,
}) => {
  test.setTimeout(240_000);
  const { fake } = rig;

  await test.step('registers with a token from the CRM server', async () => {
    expect(fake.frames('listen')[0]!.payload.token).toBe(fake.tokens[0]);
    expect(rig.front.tokensIssued).toBeGreaterThanOrEqual(1);
    expect((await fake.waitFor('register')).payload.media).toEqual({ audio: true });
    await page.goto(rig.url);
    await expect(dock(page).getByText('Ready for calls.')).toBeVisible();
    expect(await rig.invoke('line.state', {})).toMatchObject({ line: 'twilio', registration: 'registered' });
    const readiness = dock(page).getByRole('region', { name: 'Readiness' });
    await expect(readiness).toContainText('Ready · Twilio line');
    await expect(page.locator('.top-bar')).toContainText('Twilio line');
    await expect(page.locator('.top-bar .dot-ok')).toHaveCount(1);
    await readiness.getByText('Line details').click();
    await expect(readiness).toContainText('registered');
    await expectAccessible(page);
    await readiness.getByText('Line details').click();
    for (const [width, name] of [
      [1366, 'dock-twilio-ready.png'],
      [1024, 'dock-twilio-ready-1024.png'],
    ] as const) {
      await page.setViewportSize({ width, height: 768 });
      await page.screenshot({ path: `docs/screenshots/${name}` });
    }
  });

  await test.step('inbound: ring → pop → answer → mute → digits → remote hang-up → wrap-up → Held', async () => {
    const { callSid } = await fake.ring({ from: '+14155550123', customParameters: { CallerNumber: '+14155550123' } });
    const ringing = dock(page).getByRole('region', { name: 'Incoming call' });
    await expect(ringing).toContainText('+1 415 555 0123');
    await ringing.getByRole('button', { name: /^Answer/ }).click();
    await fake.waitFor('answer', (f) => f.payload.callsid === callSid);
    const panel = dock(page).getByRole('region', { name: 'Call in progress' });
    await expect(panel.getByText('Connected')).toBeVisible();
    await panel.getByRole('button', { name: /^Mute/ }).click();
    await expect(panel.getByRole('button', { name: /^Unmute/ })).toHaveAttribute('aria-pressed', 'true');
    await panel.getByRole('button', { name: 'Keypad' }).click();
    await panel.getByRole('button', { name: 'Send 4' }).click();
    await panel.getByRole('button', { name: 'Send #' }).click();
    await fake.waitFor('dtmf', (f) => f.payload.dtmf === '4' && f.payload.callsid === callSid);
    await fake.waitFor('dtmf', (f) => f.payload.dtmf === '#');
    // Audio both ways: the media side received the agent's microphone and sent its tone.
    await expect
      .poll(async () => {
        const s = await fake.stats(callSid);
        return s.bytesReceivedFromAgent > 2000 && s.bytesSentToAgent > 2000;
      })
      .toBe(true);
    await page.waitForTimeout(1100);
    await fake.hangup(callSid);
    const record = await finishWrapUp(page, rig);
    expect(record).toMatchObject({ direction: 'Inbound', status: 'Held', providerCallId: callSid });
    expect(record.durationSeconds).toBeGreaterThanOrEqual(1);
  });

  await test.step('inbound, the agent hangs up: the hangup frame reaches Twilio', async () => {
    const { callSid } = await fake.ring({ from: '+14155550124' });
    await dock(page)
      .getByRole('button', { name: /^Answer/ })
      .click();
    const panel = dock(page).getByRole('region', { name: 'Call in progress' });
    await expect(panel.getByText('Connected')).toBeVisible();
    await panel.getByRole('button', { name: /^Hang up/ }).click();
    await fake.waitFor('hangup', (f) => f.payload.callsid === callSid);
    expect(await finishWrapUp(page, rig)).toMatchObject({ status: 'Held', providerCallId: callSid });
  });

  await test.step('the caller gives up before it is answered: Not Held with the reason', async () => {
    const { callSid } = await fake.ring({ from: '+14155550125' });
    await expect(dock(page).getByRole('region', { name: 'Incoming call' })).toBeVisible();
    fake.cancel(callSid);
    await expect(dock(page).getByText('Ready for calls.')).toBeVisible();
    const record = await recordOf(rig, callSid);
    expect(record).toMatchObject({ status: 'NotHeld' });
    expect(record.statusReason).toBeTruthy();
  });

  await test.step('the agent rejects a ringing call: Twilio gets reject', async () => {
    const { callSid } = await fake.ring({ from: '+14155550126' });
    await dock(page)
      .getByRole('button', { name: /^Reject/ })
      .click();
    await fake.waitFor('reject', (f) => f.payload.callsid === callSid);
    await expect(dock(page).getByText('Ready for calls.')).toBeVisible();
    expect(await recordOf(rig, callSid)).toMatchObject({ status: 'NotHeld' });
  });

  await test.step('outbound to a busy number (31486): Not Held, busy', async () => {
    fake.script('+14155550127', { outcome: 'busy', ringMs: 200 });
    await dial(page, '+14155550127');
    const invite = await fake.waitFor('invite', (f) =>
      String((f.payload.twilio as { params: string }).params).includes('550127'),
    );
    const form = dock(page).getByRole('form', { name: 'Wrap-up' });
    await expect(form.getByLabel('Not Held')).toBeChecked();
    await expect(form.getByLabel('Reason')).toHaveValue(/busy/i);
    const record = await finishWrapUp(page, rig);
    expect(record).toMatchObject({ direction: 'Outbound', status: 'NotHeld' });
    const params = new URLSearchParams((invite.payload.twilio as { params: string }).params);
    expect(params.get('To')).toBe('+14155550127');
    expect(params.get('CrmCallId')).toBe(record.id);
  });

  await test.step('outbound: ringing → answered → signaling dropped → reconnected → hang up → Held', async () => {
    fake.script('+14155550128', { outcome: 'answer', ringMs: 600 });
    await dial(page, '+14155550128');
    await expect(dock(page).getByText('Ringing…')).toBeVisible();
    const panel = dock(page).getByRole('region', { name: 'Call in progress' });
    await expect(panel.getByText('Connected')).toBeVisible();
    const callSid = (await rig.invoke('line.state', {})).call!.providerCallId!;
    expect(callSid).toMatch(/^CA_out_/);
    await expect.poll(async () => (await fake.stats(callSid)).bytesReceivedFromAgent).toBeGreaterThan(2000);

    // The re-attach is answered only once the panel has shown the drop: a fast re-attach
    // on a busy machine could otherwise come and go between two looks.
    const releaseReconnect = fake.holdReconnects();
    fake.dropSocket();
    await expect(panel.getByText('Connection lost, reconnecting…')).toBeVisible();
    releaseReconnect();
    // The SDK reconnects with its own jittered back-off: allow it time on a loaded machine.
    await fake.waitFor('invite', (f) => Boolean(f.payload.reconnect), 30_000);
    await expect(panel.getByText('Connection lost, reconnecting…')).toBeHidden({ timeout: 30_000 });
    await expect(panel.getByText('Connected')).toBeVisible();

    await panel.getByRole('button', { name: /^Hang up/ }).click();
    await fake.waitFor('hangup', (f) => f.payload.callsid === callSid);
    const record = await finishWrapUp(page, rig);
    expect(record).toMatchObject({ direction: 'Outbound', status: 'Held', providerCallId: callSid });
  });

  await test.step('a UI reload during a call keeps the call (the voice host is another page)', async () => {
    const { callSid } = await fake.ring({ from: '+14155550129' });
    await dock(page)
      .getByRole('button', { name: /^Answer/ })
      .click();
    await expect(dock(page).getByText('Connected')).toBeVisible();
    await page.reload();
    const panel = dock(page).getByRole('region', { name: 'Call in progress' });
    await expect(panel.getByText('Connected')).toBeVisible();
    expect(fake.frames('hangup').filter((f) => f.payload.callsid === callSid)).toHaveLength(0);
    await panel.getByRole('button', { name: /^Hang up/ }).click();
    await fake.waitFor('hangup', (f) => f.payload.callsid === callSid);
    await finishWrapUp(page, rig);
  });

  await test.step('registration silently lost: the watchdog re-creates the Device and says when', async () => {
    const listens = fake.frames('listen').length;
    fake.dropRegistration();
    await expect.poll(() => fake.frames('listen').length, { timeout: 15_000 }).toBeGreaterThan(listens);
    await expect.poll(() => fake.registered(), { timeout: 15_000 }).toBe(true);
    // Polled: the core hears of the registration through the voice host a moment after the fake.
    await expect
      .poll(async () => {
        const { level, registration, lastReRegistrationAt } = await rig.invoke('voice.readiness', {});
        return { level, registration, reRegistered: lastReRegistrationAt !== null };
      })
      .toEqual({ level: 'ready', registration: 'registered', reRegistered: true });
    await dock(page).getByText('Line details').click();
    await expect(dock(page).getByRole('region', { name: 'Readiness' })).not.toContainText('none');
  });

  await test.step('an expired token (gateway 31205 → 20104) is replaced, and short tokens are renewed on time', async () => {
    const before = new Set(fake.tokens).size;
    rig.front.ttlSeconds = 20; // renewed 15 s before expiry: within 5 s
    fake.error(31205, 'JWT Token Expired');
    await expect.poll(() => new Set(fake.tokens).size, { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 2);
    rig.front.ttlSeconds = 3600;
    await expect.poll(() => new Set(fake.tokens).size, { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 3);
    await expect.poll(() => fake.registered()).toBe(true);
    // Polled as above (CI once caught the moment between, "degraded"); a failure names the
    // reasons still standing.
    await expect
      .poll(async () => {
        const readiness = await rig.invoke('voice.readiness', {});
        return readiness.level === 'ready' ? 'ready' : readiness.reasons.map((r) => r.text).join(' / ');
      })
      .toBe('ready');
  });

  await test.step('microphone refused (31401): not ready, with the reason, and Available asks first', async () => {
    // What the operating system does when the agent refused the microphone: getUserMedia
    // rejects with NotAllowedError (Chromium's fake-media flags would accept anything).
    // (Page-side code as a string: the tests are typed for Node, without the DOM.)
    const setMicrophone = (setting: 'granted' | 'denied') =>
      rig.voicePage.evaluate(`(() => {
        const devices = navigator.mediaDevices;
        devices.realGetUserMedia ??= devices.getUserMedia.bind(devices);
        devices.getUserMedia = ${setting === 'denied'}
          ? () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))
          : devices.realGetUserMedia;
      })()`);
    await setMicrophone('denied');
    await dial(page, '+14155550130');
    const form = dock(page).getByRole('form', { name: 'Wrap-up' });
    await expect(form.getByLabel('Not Held')).toBeVisible();
    const readiness = dock(page).getByRole('region', { name: 'Readiness' });
    await expect(readiness).toContainText('Not ready · Twilio line');
    await expect(readiness).toContainText('Switchboard is not allowed to use the microphone.');
    // The SDK's own 31401 (the page's permission still reads granted): the reason is the call's error.
    expect((await rig.invoke('voice.readiness', {})).reasons).toContainEqual({
      key: 'microphone',
      level: 'not-ready',
      text: expect.stringContaining('not allowed to use the microphone') as unknown as string,
    });
    await finishWrapUp(page, rig);
    // Available but not ready: the dock does not say "Ready for calls", the top bar's dot is red.
    await expect(dock(page).getByText('Calls cannot reach you until the line is ready.')).toBeVisible();
    await expect(page.locator('.top-bar .dot-bad')).toHaveCount(1);
    await dock(page).getByLabel('Availability').selectOption('Busy');
    await dock(page).getByLabel('Availability').selectOption('Available');
    const ask = dock(page).getByRole('alertdialog', { name: 'Not ready for calls' });
    await expect(ask).toContainText('not allowed to use the microphone');
    await expectAccessible(page);
    // The "Call logged." toasts of the steps before would cover the dock: dismissed (a click), as an agent would.
    await page.locator('.toast').evaluateAll((toasts) => toasts.forEach((t) => (t as { click(): void }).click()));
    await expect(page.locator('.toast')).toHaveCount(0);
    for (const [width, name] of [
      [1366, 'dock-twilio-not-ready.png'],
      [1024, 'dock-twilio-not-ready-1024.png'],
    ] as const) {
      await page.setViewportSize({ width, height: 768 });
      await page.screenshot({ path: `docs/screenshots/${name}` });
    }
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect(dock(page).getByLabel('Availability')).toHaveValue('Busy');
    await setMicrophone('granted');
    await dock(page).getByLabel('Availability').selectOption('Available');
    // Granted again: the next call that gets audio clears the error; until then it may still ask.
    const again = dock(page).getByRole('alertdialog', { name: 'Not ready for calls' });
    if (await again.isVisible()) await again.getByRole('button', { name: 'Set Available anyway' }).click();
    await expect(dock(page).getByLabel('Availability')).toHaveValue('Available');
  });

  await test.step('the voice host crashes mid-call: the call is closed honestly, the line comes back', async () => {
    const { callSid } = await fake.ring({ from: '+14155550131' });
    await dock(page)
      .getByRole('button', { name: /^Answer/ })
      .click();
    await expect(dock(page).getByText('Connected')).toBeVisible();
    await rig.voicePage.close();
    await expect(dock(page).getByRole('region', { name: 'Readiness' })).toContainText('The voice host is not running');
    const record = await finishWrapUp(page, rig);
    expect(record).toMatchObject({ status: 'Held', providerCallId: callSid });
    expect(record.actualEnd).not.toBeNull();
    const listens = fake.frames('listen').length;
    await rig.openVoiceHost();
    await expect.poll(() => fake.frames('listen').length).toBeGreaterThan(listens);
    await expect.poll(() => fake.registered()).toBe(true);
  });
});
