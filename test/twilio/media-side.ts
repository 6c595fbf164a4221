import type { BrowserContext, Page } from '@playwright/test';
import type { MediaSide } from './fake-signaling';

/**
 * Twilio's media server, played by a page of its own: one RTCPeerConnection per call
 * that sends a tone to the agent and receives the agent's microphone (Chromium's fake
 * device). Its stats prove audio bytes flow both ways.
 */
const script = `
window.pcs = new Map();
function newPc(callSid) {
  const pc = new RTCPeerConnection();
  const ctx = new AudioContext();
  const osc = ctx.createOscillator();
  const dst = ctx.createMediaStreamDestination();
  osc.connect(dst);
  osc.start();
  dst.stream.getAudioTracks().forEach((t) => pc.addTrack(t, dst.stream));
  window.pcs.set(callSid, pc);
  return pc;
}
const gathered = (pc) => new Promise((resolve) => {
  if (pc.iceGatheringState === 'complete') return resolve();
  pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
});
window.makeOffer = async (callSid) => {
  const pc = newPc(callSid);
  await pc.setLocalDescription(await pc.createOffer());
  await gathered(pc);
  return pc.localDescription.sdp;
};
window.applyAnswer = async (callSid, sdp) => {
  const pc = window.pcs.get(callSid);
  if (pc) await pc.setRemoteDescription({ type: 'answer', sdp });
};
window.answerOffer = async (callSid, sdp) => {
  const pc = newPc(callSid);
  await pc.setRemoteDescription({ type: 'offer', sdp });
  await pc.setLocalDescription(await pc.createAnswer());
  await gathered(pc);
  return pc.localDescription.sdp;
};
window.stats = async (callSid) => {
  const pc = window.pcs.get(callSid);
  if (!pc) return { ice: 'none', bytesReceivedFromAgent: 0, bytesSentToAgent: 0 };
  let rx = 0, tx = 0;
  (await pc.getStats()).forEach((s) => {
    if (s.type === 'inbound-rtp') rx += s.bytesReceived;
    if (s.type === 'outbound-rtp') tx += s.bytesSent;
  });
  return { ice: pc.iceConnectionState, bytesReceivedFromAgent: rx, bytesSentToAgent: tx };
};
window.closeCall = (callSid) => {
  window.pcs.get(callSid)?.close();
};
`;

export async function openMediaSide(context: BrowserContext): Promise<MediaSide & { page: Page }> {
  const page = await context.newPage();
  await page.goto('about:blank');
  await page.evaluate(script);
  return {
    page,
    makeOffer: (callSid) =>
      page.evaluate(
        (sid) => (globalThis as never as { makeOffer(s: string): Promise<string> }).makeOffer(sid),
        callSid,
      ),
    applyAnswer: (callSid, sdp) =>
      page.evaluate(
        ([sid, s]) => (globalThis as never as { applyAnswer(a: string, b: string): Promise<void> }).applyAnswer(sid, s),
        [callSid, sdp] as const,
      ),
    answerOffer: (callSid, sdp) =>
      page.evaluate(
        ([sid, s]) =>
          (globalThis as never as { answerOffer(a: string, b: string): Promise<string> }).answerOffer(sid, s),
        [callSid, sdp] as const,
      ),
    stats: (callSid) =>
      page.evaluate((sid) => (globalThis as never as { stats(s: string): Promise<never> }).stats(sid), callSid),
    close: (callSid) =>
      page.evaluate((sid) => (globalThis as never as { closeCall(s: string): void }).closeCall(sid), callSid),
  };
}
