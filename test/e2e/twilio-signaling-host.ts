/** The fake Twilio's signaling host (`wss://<host>/signal`), passed to the core as --twilio-signaling-host. */
export const signalingHost = 'fake-twilio.test';
