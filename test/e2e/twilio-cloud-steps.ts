import { isDeepStrictEqual } from 'node:util';
import type { Page } from '@playwright/test';
import type { CallRecord } from '../../src/shared/domain/call';
import type { Task } from '../../src/shared/domain/work';
import { dock } from './console';
import { expect, type CloudRig } from './twilio-cloud-rig';

/** What the Twilio cloud specs do and read on both sides: the desktop's records, the server's, the agent's steps. */

/** Every local record of the call Twilio names `callSid`. */
export async function localRecordsOf(rig: CloudRig, callSid: string): Promise<CallRecord[]> {
  const { items } = await rig.invoke('calls.list', { limit: 50 });
  const records = await Promise.all(items.map((item) => rig.invoke('calls.get', { id: item.id })));
  return records.filter((record) => record.providerCallId === callSid);
}

/** Syncs until the desktop's one record of the call satisfies `ready`; returns it. */
export async function syncedRecord(rig: CloudRig, callSid: string, ready: (call: CallRecord) => boolean) {
  let found: CallRecord[] = [];
  await expect
    .poll(
      async () => {
        await rig.invoke('sync.now', {});
        found = await localRecordsOf(rig, callSid);
        return found.length === 1 && ready(found[0]!);
      },
      { timeout: 30_000, intervals: [500] },
    )
    .toBe(true);
  return found[0]!;
}

/**
 * Syncs until the desktop's one record of the call satisfies `ready` and is the server's
 * to the letter; returns it. What the desktop wrote itself (the end of its own leg, at a
 * transfer) gives way to what Twilio reported once the server has it and the desktop pulls.
 */
export async function settledRecord(rig: CloudRig, callSid: string, ready: (call: CallRecord) => boolean) {
  let last: { desktop: CallRecord | null; server: CallRecord | null } = { desktop: null, server: null };
  const same = async () => {
    const desktop = await syncedRecord(rig, callSid, ready);
    last = { desktop, server: await serverGet<CallRecord>(rig, `/calls/${desktop.id}`) };
    return isDeepStrictEqual(last.desktop, last.server);
  };
  try {
    await expect.poll(same, { timeout: 30_000, intervals: [500] }).toBe(true);
  } catch (error) {
    throw new Error(`The desktop's record never became the server's: ${JSON.stringify(last, null, 1)}`, {
      cause: error,
    });
  }
  return last.desktop!;
}

export async function serverGet<T>(rig: CloudRig, pathname: string): Promise<T> {
  const response = await fetch(`${rig.crm.url}${pathname}`, {
    headers: { authorization: `Bearer ${await rig.agentToken()}` },
  });
  if (!response.ok) throw new Error(`GET ${pathname}: ${response.status}`);
  return (await response.json()) as T;
}

/** What the server holds now, as a fresh desktop would pull it. */
export async function serverPull(rig: CloudRig): Promise<{ calls: CallRecord[]; tasks: Task[] }> {
  const response = await fetch(`${rig.crm.url}/sync/pull`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await rig.agentToken()}` },
    body: JSON.stringify({ clientId: `inspector-${Date.now()}`, cursor: null }),
  });
  if (!response.ok) throw new Error(`POST /sync/pull: ${response.status}`);
  const body = (await response.json()) as { changes: { calls: CallRecord[]; tasks: Task[] } };
  return body.changes;
}

export async function becomeAvailable(page: Page, rig: CloudRig) {
  await page.goto(rig.url);
  await dock(page).getByLabel('Availability').selectOption('Available');
  await expect(dock(page).getByLabel('Availability')).toHaveValue('Available');
  // The server rings only agents whose Available reached it: wait for the push.
  await expect
    .poll(async () => {
      await rig.invoke('sync.now', {});
      return (await rig.invoke('sync.status', {})).pending;
    })
    .toBe(0);
}

export async function finishWrapUp(page: Page) {
  const form = dock(page).getByRole('form', { name: 'Wrap-up' });
  await expect(form).toBeVisible();
  await form.getByLabel('Disposition').selectOption({ index: 1 });
  await form.getByRole('button', { name: 'Save and finish' }).click();
  await expect(form).toBeHidden();
}
