import type { CallRecord } from '../../src/shared/domain/call';
import { dock } from './console';
import { COMPANY_NUMBER, expect, knownCaller, secondCaller, test, twilioLaunchOptions } from './twilio-cloud-rig';
import { becomeAvailable, finishWrapUp, serverGet, settledRecord, syncedRecord } from './twilio-cloud-steps';

// Fake camera and microphone, granted without asking: set here, in the spec, as Playwright requires.
test.use({ launchOptions: twilioLaunchOptions });

/**
 * Hold and transfer on the Twilio line, end to end: the desktop asks the CRM server,
 * the server moves the call into a Conference and acts on its participants through
 * Twilio's REST API, and the fake cloud carries that out on its simulated call and
 * reports back (signed conference and status callbacks, the Conference's recording).
 * A known contact's call is routed to the Available agent, answered, held, resumed, and
 * passed cold to an outside number; the customer's record ends Held, with the recording
 * link and the note of the transfer, the same on the desktop and the server. Then a
 * second caller's call is passed warm: the agent consults a number while the customer
 * waits on hold, then completes the transfer.
 */

const TRANSFER_TO = '+12125550177';
const CONSULTED = '+12125550188';

type Sent = { method: string; path: string; form: Record<string, string | string[]> };

/** A participant request in words: whose, and what it set. */
function participantRequest(r: Sent, names: Record<string, string>) {
  const sid = /\/Participants(?:\/(CA[0-9a-f]{32}))?\.json$/.exec(r.path)?.[1];
  if (!sid) return `create ${String(r.form.To)} endOnExit=${String(r.form.EndConferenceOnExit)}`;
  const who = names[sid] ?? sid;
  if (r.method === 'DELETE') return `remove ${who}`;
  return r.form.Hold ? `${who} hold=${String(r.form.Hold)}` : `${who} endOnExit=${String(r.form.EndConferenceOnExit)}`;
}

test('the Twilio line: routed inbound, answered, held, resumed, transferred cold and warm, recorded', async ({
  page,
  cloudRig: rig,
}) => {
  test.setTimeout(240_000);
  const { cloud, recordings } = rig;
  const api = (since: number) =>
    recordings.requests.slice(since).filter((request) => !request.path.includes('/Recordings/'));
  await becomeAvailable(page, rig);

  const call = await cloud.incoming({ from: knownCaller.e164, to: COMPANY_NUMBER });
  const ringing = dock(page).getByRole('region', { name: 'Incoming call' });
  await expect(ringing).toContainText(knownCaller.name, { timeout: 30_000 });
  const params = call.dials[0]!.targets[0]!.params;
  expect(params).toMatchObject({ ParentCallSid: call.parentSid, MatchType: 'contact', MatchId: knownCaller.contactId });
  await page.keyboard.press('Control+Shift+A');
  const panel = dock(page).getByRole('region', { name: 'Call in progress' });
  await expect(panel.getByText('Connected')).toBeVisible();
  const agentLeg = call.childSids[0]!;

  await test.step('the <Client>’s parameters reached the desktop: its record is the server’s, named by the caller’s leg', async () => {
    // The desktop names the call by the caller's leg (its own CallSid is the agent's leg)
    // and logs it on the server's record, whether or not a sync pulled that record before
    // the ring: one record, under the server's id, both from the parameters.
    const local = await syncedRecord(rig, call.parentSid, () => true);
    expect(local).toMatchObject({ id: params.CrmCallId, providerCallId: call.parentSid, direction: 'Inbound' });
    expect(local.participants).toContainEqual(expect.objectContaining({ kind: 'contact', id: knownCaller.contactId }));
  });

  await test.step('hold: the call moves into its Conference and the customer hears the hold music', async () => {
    const mark = recordings.requests.length;
    await panel.getByRole('button', { name: /^Hold/ }).click();
    await expect(panel.getByText('On hold', { exact: true })).toBeVisible();
    const room = `crm-${params.CrmCallId}`;
    await expect.poll(() => cloud.conferences.rooms.find((r) => r.name === room)?.joined.length ?? 0).toBe(2);
    const conference = cloud.conferences.rooms.find((r) => r.name === room)!;
    const participant = (sid: string) =>
      `/2010-04-01/Accounts/${rig.account.accountSid}/Conferences/${conference.sid}/Participants/${sid}.json`;
    await expect
      .poll(() => api(mark).map((r) => `${r.method} ${r.path} ${r.form.Hold ?? ''}`))
      .toEqual([
        `POST /2010-04-01/Accounts/${rig.account.accountSid}/Calls/${agentLeg}.json `,
        `POST ${participant(call.parentSid)} true`,
      ]);
    expect(api(mark)[0]!.form.Twiml).toContain(`>${room}</Conference>`);
    await expect.poll(() => call.heard).toContain(`play:${rig.crm.url}/twilio/hold-music.wav`);
    expect(new Set(conference.joined)).toEqual(new Set([call.parentSid, agentLeg]));

    const resumed = recordings.requests.length;
    await panel.getByRole('button', { name: /^Resume/ }).click();
    await expect(panel.getByText('Connected')).toBeVisible();
    expect(api(resumed).map((r) => `${r.method} ${r.path} ${r.form.Hold ?? ''}`)).toEqual([
      `POST ${participant(call.parentSid)} false`,
    ]);
  });

  await test.step('cold transfer to a number: the agent leaves, the customer talks to the target', async () => {
    cloud.callee(TRANSFER_TO, { outcome: 'answer', ringMs: 500 });
    const mark = recordings.requests.length;
    await panel.getByRole('button', { name: 'Transfer', exact: true }).click();
    const sheet = page.getByRole('dialog', { name: 'Transfer call' });
    await sheet.getByRole('radio', { name: 'Cold: pass it now' }).check();
    await sheet.getByRole('radio', { name: 'A phone number' }).check();
    await sheet.getByLabel('Number', { exact: true }).fill('(212) 555-0177');
    await sheet.getByRole('button', { name: 'Transfer now' }).click();
    await finishWrapUp(page);
    // The target answered and joined; the customer came off hold.
    await expect.poll(() => cloud.conferences.dialed.map((leg) => leg.answeredAt !== null)).toEqual([true]);
    const target = cloud.conferences.dialed[0]!;
    const what = (r: Sent) => participantRequest(r, { [agentLeg]: 'agent', [call.parentSid]: 'customer' });
    // Held while the target rings, the agent's leg no longer ends the room and leaves it, then
    // (the target in) the customer is taken off hold.
    await expect
      .poll(() => api(mark).map(what))
      .toEqual([
        'customer hold=true',
        'agent endOnExit=false',
        `create ${TRANSFER_TO} endOnExit=true`,
        'remove agent',
        'customer hold=false',
      ]);
    expect(target.from).toBe(COMPANY_NUMBER);
    // The customer stays on with the target until they hang up.
    call.hangup();
    await call.done;
    await cloud.settled();
    expect(cloud.failures).toEqual([]);
  });

  await test.step('the customer’s record: Held, the Conference’s recording, the transfer noted, the same on both sides', async () => {
    const record: CallRecord = await settledRecord(
      rig,
      call.parentSid,
      (c) => c.status === 'Held' && c.recordingUrl !== null && c.actualEnd !== null,
    );
    // After the call: one record on the desktop, under the server's id.
    expect(record).toMatchObject({
      id: params.CrmCallId,
      direction: 'Inbound',
      fromNumber: knownCaller.e164,
      providerCallId: call.parentSid,
      recordingUrl: `${rig.crm.url}/calls/${record.id}/recording`,
    });
    expect(record.participants).toContainEqual(expect.objectContaining({ kind: 'contact', id: knownCaller.contactId }));
    // The link plays the Conference's recording: the server fetched the one the room reported.
    const recordingCallbacks = cloud.exchanges.filter((e) => e.url.includes('/twilio/voice/recording'));
    expect(recordingCallbacks.map((e) => e.params.RecordingSource)).toEqual(['DialVerb', 'Conference']);
    const viaServer = await fetch(`${rig.crm.url}/calls/${record.id}/recording`, {
      headers: { authorization: `Bearer ${await rig.agentToken()}` },
    });
    expect(viaServer.status).toBe(200);
    const fetched = recordings.requests.filter((r) => r.path.includes('/Recordings/')).at(-1)!;
    expect(fetched.path).toContain(recordingCallbacks[1]!.params.RecordingSid!);
    const notes = await serverGet<{ body: string }[]>(rig, `/calls/${record.id}/notes`);
    expect(JSON.stringify(notes)).toContain(`passed the call to ${TRANSFER_TO}.`);
  });
  await test.step('warm transfer: consult a number while the customer waits, then complete', async () => {
    cloud.callee(CONSULTED, { outcome: 'answer', ringMs: 400 });
    // Routing rings only agents whose Available reached the server: make sure it has after the wrap-up.
    await becomeAvailable(page, rig);
    const second = await cloud.incoming({ from: secondCaller.e164, to: COMPANY_NUMBER });
    await expect(ringing).toContainText(secondCaller.name, { timeout: 30_000 });
    await page.keyboard.press('Control+Shift+A');
    await expect(panel.getByText('Connected')).toBeVisible();
    const agent = second.childSids[0]!;
    const mark = recordings.requests.length;
    await panel.getByRole('button', { name: 'Transfer', exact: true }).click();
    const sheet = page.getByRole('dialog', { name: 'Transfer call' });
    await sheet.getByRole('radio', { name: 'Warm: talk first' }).check();
    await sheet.getByRole('radio', { name: 'A phone number' }).check();
    await sheet.getByLabel('Number', { exact: true }).fill(CONSULTED);
    await sheet.getByRole('button', { name: 'Call to consult' }).click();
    const strip = panel.getByRole('status').filter({ hasText: 'Consulting' });
    await expect(strip).toContainText('The customer is on hold.');
    await expect(panel.getByText('On hold', { exact: true })).toBeVisible();
    // The consulted number answers and is in the room with the agent; the customer waits.
    await expect.poll(() => cloud.conferences.dialed.at(-1)?.to).toBe(CONSULTED);
    const target = cloud.conferences.dialed.at(-1)!;
    const room = cloud.conferences.rooms.at(-1)!;
    await expect.poll(() => room.joined.includes(target.sid)).toBe(true);
    const names = { [agent]: 'agent', [second.parentSid]: 'customer', [target.sid]: 'target' };
    const participants = () =>
      api(mark)
        .filter((r) => r.path.includes('/Participants'))
        .map((r) => participantRequest(r, names));
    expect(participants()).toEqual(['customer hold=true', `create ${CONSULTED} endOnExit=false`]);
    await strip.getByRole('button', { name: 'Complete transfer' }).click();
    await finishWrapUp(page);
    // The target now ends the call when they leave; the agent leaves; the customer is back.
    await expect
      .poll(participants)
      .toEqual([
        'customer hold=true',
        `create ${CONSULTED} endOnExit=false`,
        'target endOnExit=true',
        'agent endOnExit=false',
        'remove agent',
        'customer hold=false',
      ]);
    second.hangup();
    await second.done;
    await cloud.settled();
    expect(cloud.failures).toEqual([]);
    const record = await settledRecord(rig, second.parentSid, (c) => c.status === 'Held' && c.recordingUrl !== null);
    expect(record).toMatchObject({
      direction: 'Inbound',
      fromNumber: secondCaller.e164,
      providerCallId: second.parentSid,
    });
    const notes = await serverGet<{ body: string }[]>(rig, `/calls/${record.id}/notes`);
    expect(JSON.stringify(notes)).toContain(`Warm transfer: `);
    expect(JSON.stringify(notes)).toContain(`passed the call to ${CONSULTED}.`);
  });
});
