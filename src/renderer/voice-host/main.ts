import '../zod-without-eval';
import { HostCommand, type HostEvent } from '../../shared/voice/host-protocol';
import { webSocketVoiceBridge } from './bridge';
import { createDeviceRunner } from './device-runner';
import { reportMedia } from './media-report';

/**
 * The voice host page: runs @twilio/voice-sdk's Device for the core. It has no UI and
 * the console never reloads it, so a console reload or crash never drops a call.
 */
const bridge = window.voiceBridge ?? webSocketVoiceBridge();
const status = document.getElementById('voice-host-status');
const send = (event: HostEvent) => bridge.send(JSON.stringify(event));
const runner = createDeviceRunner({
  send,
  soundUrl: new URL('./sounds/quiet.wav', location.href).href,
  onState: (text) => {
    if (status) status.textContent = text;
  },
});

bridge.onMessage((text) => {
  let command: HostCommand;
  try {
    command = HostCommand.parse(JSON.parse(text));
  } catch {
    console.warn('[voice host] refused a malformed command');
    return;
  }
  runner.handle(command);
  // A refused or missing microphone shows up when a call tries to use it: look again, once
  // the call's own getUserMedia and offer are under way (the look asks the browser too).
  if (command.type === 'connect' || command.type === 'accept' || command.type === 'setup') {
    setTimeout(() => void report(), 500);
  }
});
const hello = () => {
  send({ type: 'hello' });
  void report();
};
const report = reportMedia(send);
bridge.onOpen(hello);
// Electron's bridge is connected from the start.
if (window.voiceBridge) hello();
