/**
 * When a push looks for texts waiting to go to Twilio (send.ts, dispatchPendingSms).
 *
 * A push that carries an `sms.send` always looks: it may have just stored one, or be the
 * retry of a push whose server died between commit and dispatch. Any other push looks
 * only when this instance has not looked for the company in SWEEP_EVERY_MS, which picks
 * up a message left pending by a dispatch that failed after its push was answered. Before,
 * every push looked: one more round trip on every push, for texts that are rare.
 */
export const SWEEP_EVERY_MS = 30_000;

/** Companies remembered at most; past it the memory starts again (each looks once more). */
const REMEMBERED_COMPANIES = 10_000;

export function createSmsDispatchGate(now: () => Date): (companyId: string, carriesText: boolean) => boolean {
  const sweptAt = new Map<string, number>();
  return (companyId, carriesText) => {
    const at = now().getTime();
    const last = sweptAt.get(companyId);
    // A clock that went back (tests move it freely) counts as due.
    const due = carriesText || last === undefined || at < last || at - last >= SWEEP_EVERY_MS;
    if (!due) return false;
    if (sweptAt.size >= REMEMBERED_COMPANIES) sweptAt.clear();
    sweptAt.set(companyId, at);
    return true;
  };
}
