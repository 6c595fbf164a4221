import type { Page } from '@playwright/test';
import { expect, test, twilioLaunchOptions } from './twilio-rig';
import { axeOn } from './axe';

// Fake camera and microphone, granted without asking: set here, in the spec, as Playwright requires.
test.use({ launchOptions: twilioLaunchOptions });

/**
 * Audio devices on the Twilio line, with the real Voice SDK in Chromium and its fake
 * devices (--use-fake-device-for-media-stream: "Fake Audio Input 1", "Fake Audio
 * Output 1"…): the voice host lists them, Settings saves the agent's choice for this
 * machine and reads it back after a reload, the voice host uses it, the microphone meter
 * moves, and the pre-call test runs against the fake Twilio and says how it went.
 */

async function expectAccessible(page: Page) {
  const results = await axeOn(page).include('main').include('.phone-dock').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const settingsForm = (page: Page) => page.getByRole('region', { name: 'Settings' }).locator('form');

test('audio devices: chosen, saved, read back after a reload, applied; the meter, the pre-call test, an unplug mid-call', async ({
  page,
  rig,
}) => {
  test.setTimeout(180_000);
  rig.fake.preflightMs = 5_000;
  await page.goto(`${rig.url}/#/settings`);
  const form = settingsForm(page);

  await test.step('the voice host lists the devices; the choice is saved and read back after a reload', async () => {
    await expect(form.getByLabel('Microphone').locator('option', { hasText: 'Fake Audio Input 1' })).toHaveCount(1);
    await form.getByLabel('Microphone').selectOption({ label: 'Fake Audio Input 1' });
    await form.getByLabel('Speaker (the call)').selectOption({ label: 'Fake Audio Output 1' });
    await form.getByLabel('Ringer output').selectOption({ label: 'Fake Audio Output 2' });
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();

    await page.reload();
    const again = settingsForm(page);
    await expect(again.getByLabel('Microphone').locator('option:checked')).toHaveText('Fake Audio Input 1');
    await expect(again.getByLabel('Speaker (the call)').locator('option:checked')).toHaveText('Fake Audio Output 1');
    await expect(again.getByLabel('Ringer output').locator('option:checked')).toHaveText('Fake Audio Output 2');
    const view = await rig.invoke('voice.audio', {});
    expect(view.listedBy).toBe('voice-host');
    expect(view.inputs.map((d) => d.label)).toContain('Fake Audio Input 1');
    expect(view.choice.microphone).toBe(view.inputs.find((d) => d.label === 'Fake Audio Input 1')!.id);
  });

  await test.step('the readiness indicator names the devices in use', async () => {
    const readiness = page.getByRole('region', { name: 'Readiness' });
    await readiness.getByText('Line details').click();
    await expect(readiness).toContainText('Fake Audio Input 1');
    await expect(readiness).toContainText('Fake Audio Output 1');
    await expect(readiness).toContainText('Fake Audio Output 2');
    await readiness.getByText('Line details').click();
  });

  await test.step('the dock offers the same devices and saves a change at once', async () => {
    const dock = page.getByRole('complementary', { name: 'Phone' });
    await dock.getByText('Audio devices').click();
    await expect(dock.getByLabel('Speaker (the call)').locator('option:checked')).toHaveText('Fake Audio Output 1');
    await dock.getByLabel('Speaker (the call)').selectOption({ label: 'Fake Audio Output 2' });
    // The speaker was already saved (Output 1, above): wait for this change, not for any value.
    const view = await rig.invoke('voice.audio', {});
    const output2 = view.outputs.find((d) => d.label === 'Fake Audio Output 2')!.id;
    await expect.poll(async () => (await rig.invoke('settings.get', {})).speakerDeviceId).toBe(output2);
    await expect(settingsForm(page).getByLabel('Speaker (the call)').locator('option:checked')).toHaveText(
      'Fake Audio Output 2',
    );
    await dock.getByText('Audio devices').click();
  });

  await test.step('the microphone meter moves with the fake microphone’s tone', async () => {
    const card = page.getByRole('region', { name: 'Audio test' });
    await card.getByRole('button', { name: 'Test microphone' }).click();
    const meter = card.getByRole('meter', { name: 'Microphone level' });
    await expect
      .poll(async () => Number(await meter.getAttribute('aria-valuenow')), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await card.getByRole('button', { name: 'Stop microphone test' }).click();
    await expect(meter).toBeHidden();
  });

  await test.step('the pre-call test runs against the fake Twilio and says how it went', async () => {
    const card = page.getByRole('region', { name: 'Audio test' });
    await card.getByRole('button', { name: 'Run pre-call test' }).click();
    const result = card.getByRole('status', { name: 'Pre-call test result' });
    await expect(result).toBeVisible({ timeout: 60_000 });
    await expect(result).toContainText(/^(Good|Fair|Poor) · /);
    await expect(result).toContainText('Connected to Twilio');
    await expect(result).toContainText(/Latency\d+ ms round trip/);
    await expect(result).toContainText(/Jitter[\d.]+ ms/);
    await expect(result).toContainText(/Audio quality \(MOS\)[\d.]+ out of 4\.5/);
    expect(rig.fake.preflights).toHaveLength(1);
    // The agent's Device is still the one that rings after the test's own Device is gone.
    await expect.poll(() => rig.fake.registered()).toBe(true);
    await expectAccessible(page);
    await result.scrollIntoViewIfNeeded();
    for (const [width, name] of [
      [1366, 'audio-settings-1366.png'],
      [1024, 'audio-settings-1024.png'],
    ] as const) {
      await page.setViewportSize({ width, height: 768 });
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `docs/screenshots/${name}` });
    }
  });

  await test.step('a call’s quality summary reaches its record and its detail', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const { callSid } = await rig.fake.ring({ from: '+14155550177' });
    const dock = page.getByRole('complementary', { name: 'Phone' });
    await dock.getByRole('button', { name: /^Answer/ }).click();
    const panel = dock.getByRole('region', { name: 'Call in progress' });
    await expect(panel.getByText('Connected')).toBeVisible();
    // The call panel's meters follow the call's volume events.
    await expect
      .poll(async () => Number(await panel.getByRole('meter', { name: 'Caller' }).getAttribute('aria-valuenow')), {
        timeout: 15_000,
      })
      .toBeGreaterThanOrEqual(0);
    // A few seconds of samples, then the caller hangs up.
    await page.waitForTimeout(4_000);
    await rig.fake.hangup(callSid);
    const wrapUp = dock.getByRole('form', { name: 'Wrap-up' });
    await expect(wrapUp).toBeVisible();
    const pending = await rig.invoke('wrapup.get', {});
    const record = await rig.invoke('calls.get', { id: pending!.callId });
    expect(record.providerCallId).toBe(callSid);
    expect(record.quality?.averageMos).toBeGreaterThan(1);
    expect(record.quality?.worstJitterMs).not.toBeNull();
    expect(record.quality?.packetLossPercent).not.toBeNull();
    await wrapUp.getByLabel('Disposition').selectOption({ index: 1 });
    await wrapUp.getByRole('button', { name: 'Save and finish' }).click();
    await expect(wrapUp).toBeHidden();
  });

  await test.step('the chosen microphone unplugged mid-call: the call goes on with the default, in words', async () => {
    // An unplug as Chromium reports one: the device leaves enumerateDevices and
    // `devicechange` fires. The SDK takes enumerateDevices when its Device is made, so the
    // voice host page starts again with the stand-in in place (a new Device, as after a crash).
    await rig.voicePage.addInitScript(`(() => {
      const devices = navigator.mediaDevices;
      const listed = devices.enumerateDevices.bind(devices);
      window.unplugged = new Set();
      devices.enumerateDevices = async () => (await listed()).filter((d) => !window.unplugged.has(d.label));
    })()`);
    const listens = rig.fake.frames('listen').length;
    await rig.voicePage.reload();
    await expect.poll(() => rig.fake.frames('listen').length).toBeGreaterThan(listens);
    await expect.poll(() => rig.fake.registered()).toBe(true);

    const { callSid } = await rig.fake.ring({ from: '+14155550178' });
    const dock = page.getByRole('complementary', { name: 'Phone' });
    await dock.getByRole('button', { name: /^Answer/ }).click();
    const panel = dock.getByRole('region', { name: 'Call in progress' });
    await expect(panel.getByText('Connected')).toBeVisible();
    await expect.poll(async () => (await rig.fake.stats(callSid)).bytesReceivedFromAgent).toBeGreaterThan(2000);

    await rig.voicePage.evaluate(`(() => {
      window.unplugged.add('Fake Audio Input 1');
      navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
    })()`);
    await expect(dock.getByRole('alert')).toContainText(
      '“Fake Audio Input 1” was unplugged: the microphone is now the system default.',
    );
    await expect(panel.getByText('Connected')).toBeVisible();
    expect((await rig.invoke('voice.audio', {})).inputs.map((d) => d.label)).not.toContain('Fake Audio Input 1');
    // The call still carries the agent's voice, now from the default microphone.
    const sent = (await rig.fake.stats(callSid)).bytesReceivedFromAgent;
    await expect.poll(async () => (await rig.fake.stats(callSid)).bytesReceivedFromAgent).toBeGreaterThan(sent + 2000);
    expect(rig.fake.frames('hangup').filter((f) => f.payload.callsid === callSid)).toHaveLength(0);
    await expectAccessible(page);
    await panel.getByRole('button', { name: /^Hang up/ }).click();
    await rig.fake.waitFor('hangup', (f) => f.payload.callsid === callSid);
  });
});
