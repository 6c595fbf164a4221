import { CallControlResponse, TeamResponse, type TeamMember } from '../../../shared/voice/protocol';
import { CoreError } from '../errors';
import type { SessionManager } from '../sync/session';
import type { CallControlCommand } from './twilio-call';

/**
 * The CRM server's call controls for the Twilio line, with the agent's session: hold
 * and transfer happen there (a Conference), never in the Voice SDK. A refusal comes back
 * in the server's own words.
 */

const paths: Record<CallControlCommand['action'], string> = {
  hold: 'hold',
  transfer: 'transfer',
  complete: 'transfer/complete',
  cancel: 'transfer/cancel',
};

const failures: Record<CallControlCommand['action'], string> = {
  hold: 'The CRM server could not put the call on hold.',
  transfer: 'The CRM server could not transfer the call.',
  complete: 'The CRM server could not complete the transfer.',
  cancel: 'The CRM server could not cancel the transfer.',
};

function bodyOf(command: CallControlCommand): unknown {
  if (command.action === 'hold') return { hold: command.hold };
  if (command.action === 'transfer') return { mode: command.request.mode, target: command.request.target };
  return {};
}

export function sessionCallControls(session: Pick<SessionManager, 'send'>) {
  return async (callSid: string, command: CallControlCommand): Promise<CallControlResponse> => {
    const path = `/voice/calls/${encodeURIComponent(callSid)}/${paths[command.action]}`;
    const reply = await session.send('POST', path, bodyOf(command));
    const parsed = CallControlResponse.safeParse(reply.body);
    if (reply.status !== 200 || !parsed.success) {
      const body = reply.body as { message?: unknown } | null;
      const code = command.action === 'hold' ? 'hold_failed' : 'transfer_failed';
      throw new CoreError(code, typeof body?.message === 'string' ? body.message : failures[command.action]);
    }
    return parsed.data;
  };
}

/** The colleagues a call can go to (GET /voice/team), with their availability. */
export async function fetchTeam(session: Pick<SessionManager, 'send'>): Promise<TeamMember[]> {
  const reply = await session.send('GET', '/voice/team');
  const parsed = TeamResponse.safeParse(reply.body);
  if (reply.status !== 200 || !parsed.success) {
    const body = reply.body as { message?: unknown } | null;
    throw new CoreError(
      'team_unavailable',
      typeof body?.message === 'string' ? body.message : 'The CRM server did not list your team.',
    );
  }
  return parsed.data.members;
}
