import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiNames } from '../../../src/shared/api';
import { ipcChannels, type AgentBridge } from '../../../src/shared/api/table';
import * as electron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { contextBridge, ipcRenderer } = electron;

// The real preload entry, run once against the fake Electron (it runs once per page in Electron too).
electron.resetFakeElectron();
await import('../../../src/preload/index');
const agent = contextBridge.exposed['agent'] as AgentBridge;

beforeEach(() => ipcRenderer.reset());

describe('preload', () => {
  it('exposes exactly one thing, window.agent, with invoke and subscribe only', () => {
    expect(Object.keys(contextBridge.exposed)).toEqual(['agent']);
    expect(Object.keys(agent).sort()).toEqual(['invoke', 'subscribe']);
  });

  it('sends a request named in the API table over the invoke channel and returns the reply', async () => {
    ipcRenderer.reply = { ok: true, value: { version: '1' } };
    const name = apiNames[0]!;
    await expect(agent.invoke(name, {})).resolves.toEqual({ ok: true, value: { version: '1' } });
    expect(ipcRenderer.invoked).toEqual([[ipcChannels.invoke, name, {}]]);
  });

  it('rejects a name the table does not have without touching IPC', async () => {
    for (const name of ['fs.readFile', '__proto__', 'constructor', 'toString', '']) {
      await expect(agent.invoke(name, {})).rejects.toThrow(/no request named/);
    }
    await expect(agent.invoke(42 as unknown as string, {})).rejects.toThrow();
    expect(ipcRenderer.invoked).toEqual([]);
  });

  it('subscribe delivers events (name and payload, never the IPC event) until unsubscribed', () => {
    const seen: unknown[][] = [];
    const unsubscribe = agent.subscribe((...args) => seen.push(args));
    ipcRenderer.emit(ipcChannels.event, { sender: ipcRenderer }, 'data.changed', { entity: 'call', ids: ['c1'] });
    expect(seen).toEqual([['data.changed', { entity: 'call', ids: ['c1'] }]]);
    unsubscribe();
    ipcRenderer.emit(ipcChannels.event, { sender: ipcRenderer }, 'data.changed', { entity: 'call', ids: ['c2'] });
    expect(seen).toHaveLength(1);
    expect(ipcRenderer.listenerCount(ipcChannels.event)).toBe(0);
  });

  it('keeps each subscription separate', () => {
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = agent.subscribe(first);
    agent.subscribe(second);
    stopFirst();
    ipcRenderer.emit(ipcChannels.event, {}, 'dial.requested', { uri: 'tel:+1', number: null });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith('dial.requested', { uri: 'tel:+1', number: null });
  });
});
