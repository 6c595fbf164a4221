import { describe, expect, it } from 'vitest';
import { createRecordingSource } from '../../../../src/main/core/calls/recordings';
import { insertCall } from '../../../../src/main/core/db/repositories/calls';
import type { Download } from '../../../../src/main/core/sync/session';
import { fixtureDb, sampleCall } from '../helpers';

/** The call detail's player: the core fetches a recording only from the signed-in server, only when there is one. */

function source(reply: Download, signedIn = true) {
  const local = fixtureDb();
  const asked: string[] = [];
  const recordings = createRecordingSource({
    db: local.db,
    session: {
      stored: () => (signedIn ? ({ serverUrl: 'https://crm.example.com' } as never) : null),
      download: async (path) => {
        asked.push(path);
        return reply;
      },
    },
  });
  return { local, asked, recordings };
}

const audio: Download = { status: 200, contentType: 'audio/mpeg', body: new Uint8Array([7, 7, 7]) };

describe('a call recording for the player', () => {
  it('comes from the CRM server’s proxy path for the call, with the session', async () => {
    const { local, asked, recordings } = source(audio);
    insertCall(
      local.tx,
      sampleCall({ id: 'call-r1', recordingUrl: 'https://crm.example.com/calls/call-r1/recording' }),
    );
    expect(await recordings('call-r1')).toEqual({ contentType: 'audio/mpeg', body: new Uint8Array([7, 7, 7]) });
    expect(asked).toEqual(['/calls/call-r1/recording']);
  });

  it('is not asked for when the call has no recording, is unknown, is demo data or nobody is signed in', async () => {
    const { local, asked, recordings } = source(audio);
    insertCall(local.tx, sampleCall({ id: 'call-none', recordingUrl: null }));
    insertCall(local.tx, sampleCall({ id: 'call-demo', isDemo: true, recordingUrl: 'https://crm.example.com/x' }));
    expect(await recordings('call-none')).toBeNull();
    expect(await recordings('call-demo')).toBeNull();
    expect(await recordings('no-such-call')).toBeNull();
    expect(asked).toEqual([]);
    const signedOut = source(audio, false);
    insertCall(signedOut.local.tx, sampleCall({ id: 'call-r2', recordingUrl: 'https://crm.example.com/r' }));
    expect(await signedOut.recordings('call-r2')).toBeNull();
    expect(signedOut.asked).toEqual([]);
  });

  it('is nothing when the server refuses or answers with something that is not audio', async () => {
    for (const reply of [
      { status: 404, contentType: 'application/json', body: new Uint8Array() },
      { status: 200, contentType: 'text/html', body: new Uint8Array([60]) },
    ]) {
      const { local, recordings } = source(reply);
      insertCall(local.tx, sampleCall({ id: 'call-r3', recordingUrl: 'https://crm.example.com/r' }));
      expect(await recordings('call-r3')).toBeNull();
    }
  });
});
