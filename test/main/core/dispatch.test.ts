import { describe, expect, it, vi, type Mock } from 'vitest';
import { apiNames, type ApiName } from '../../../src/shared/api';
import { createDispatch, type Handlers } from '../../../src/main/core/api/dispatch';
import { CoreError } from '../../../src/main/core/errors';

type SpyHandlers = Record<ApiName, Mock>;

/** A handler map where every entry is a spy that must not be reached unless set up. */
function spyHandlers(): SpyHandlers {
  const map = {} as SpyHandlers;
  for (const name of apiNames) map[name] = vi.fn(() => ({}));
  return map;
}

/** The spies typed as the real map: createDispatch cannot tell them apart. */
const asHandlers = (spies: SpyHandlers) => spies as unknown as Handlers;

describe('dispatch', () => {
  it('refuses a malformed input with a readable invalid_input error, and the handler never runs', async () => {
    const handlers = spyHandlers();
    const dispatch = createDispatch(asHandlers(handlers));
    const reply = await dispatch('calls.setStatus', { id: 'x', to: 'Finished' });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid_input');
    expect(reply.error.message).toMatch(/calls\.setStatus/);
    expect(reply.error.message).toMatch(/^That calls\.setStatus request is not valid\. to: /);
    expect(reply.error.issues?.[0]?.path).toBe('to');
    expect(handlers['calls.setStatus']).not.toHaveBeenCalled();
  });

  it('refuses unknown fields (strict schemas), so nothing unnamed crosses the boundary', async () => {
    const handlers = spyHandlers();
    const reply = await createDispatch(asHandlers(handlers))('calls.get', { id: 'x', sql: 'drop table calls' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(handlers['calls.get']).not.toHaveBeenCalled();
  });

  it('refuses a request that is not in the API table', async () => {
    const reply = await createDispatch(asHandlers(spyHandlers()))('calls.dropAll', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'unknown_request' } });
  });

  it('hands the handler the parsed input with defaults applied', async () => {
    const handlers = spyHandlers();
    handlers['calls.list'].mockReturnValue({ items: [], total: 0 });
    await createDispatch(asHandlers(handlers))('calls.list', {});
    expect(handlers['calls.list']).toHaveBeenCalledWith({ limit: 100, offset: 0, sort: 'recent' });
  });

  it('passes a CoreError through as it is and hides anything else as internal', async () => {
    const handlers = spyHandlers();
    const onInternalError = vi.fn();
    handlers['calls.get'].mockImplementation(() => {
      throw new CoreError('not_found', 'Call x was not found.');
    });
    handlers['leads.get'].mockImplementation(() => {
      throw new Error('SQLITE_CORRUPT at page 7');
    });
    const dispatch = createDispatch(asHandlers(handlers), { onInternalError });
    expect(await dispatch('calls.get', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'Call x was not found.' },
    });
    const hidden = await dispatch('leads.get', { id: 'x' });
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('SQLITE');
    expect(onInternalError).toHaveBeenCalledOnce();
  });
});
