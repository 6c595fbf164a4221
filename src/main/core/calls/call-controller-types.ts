import type { TransferInput } from '../../../shared/api/transfer';
import type { ChosenAvailability, LineSnapshot, MatchRef, ScreenPop, WrapUpDraft } from '../../../shared/api/line';
import type { TelephonyOutcome } from '../../../shared/domain/disposition';
import type { Db } from '../db/client';
import type { EventBus } from '../events';
import type { ScreenPopLookup } from '../lookup/screen-pop';
import type { WriteContext } from '../sync/mutate';
import type { VoiceEngine } from '../telephony/voice-engine';
import type { Agent } from './call-records';

/** The CallController's contract (call-controller.ts): what it needs and what it offers. */

export interface CallControllerDeps {
  engine: VoiceEngine;
  db: Db;
  /** What the write entry point (sync/mutate.ts) needs: the call record's writes go through it. */
  write: WriteContext;
  lookup: ScreenPopLookup;
  events: EventBus;
  now: () => Date;
  agent: () => Agent;
  defaultRegion: () => string;
  /** Where unexpected failures of a background step go (a DB write after an engine event). */
  onError?: (error: unknown) => void;
}

export interface StartDial {
  callId: string;
  e164: string;
  extension: string | null;
  numberDisplay: string;
  subject: string;
  pop: ScreenPop;
  chosen: MatchRef | null;
  related: WrapUpDraft['related'];
}

export interface PendingSession {
  callId: string;
  since: string;
  /** When the line saw the call connect; null when it never did (or the line did not learn it). */
  answeredAt: string | null;
  outcome: TelephonyOutcome;
  draft: WrapUpDraft;
  number: string;
  chosen: MatchRef | null;
}

export interface CallController {
  snapshot(): LineSnapshot;
  answer(): LineSnapshot;
  reject(): LineSnapshot;
  hangup(): LineSnapshot;
  mute(muted: boolean): LineSnapshot;
  hold(): Promise<LineSnapshot>;
  resume(): Promise<LineSnapshot>;
  /** Passes the call on (calls/transfer-commands.ts). */
  transfer(input: TransferInput): Promise<LineSnapshot>;
  completeTransfer(): Promise<LineSnapshot>;
  cancelTransfer(): Promise<LineSnapshot>;
  sendDigits(digits: string): LineSnapshot;
  chooseMatch(match: MatchRef): LineSnapshot;
  /**
   * Looks the live call's number up again after the directory changed (the agent
   * created the unknown caller as a contact): the card fills in, and an only match
   * becomes the call's related record.
   */
  refreshPop(): void;
  setAvailability(chosen: ChosenAvailability): Promise<LineSnapshot>;
  /** Starts an outbound call whose Planned record the caller has written. */
  dial(request: StartDial): Promise<void>;
  setNotes(notes: string): void;
  /** The ended call waiting for its wrap-up, or null. */
  pendingWrapUp(): PendingSession | null;
  saveDraft(draft: WrapUpDraft): void;
  /** The wrap-up was saved (the caller cleared the stored session in its transaction). */
  finishWrapUp(): LineSnapshot;
  close(): void;
}
