/**
 * The music a held customer hears: generated here (a slow, quiet arpeggio), so the
 * server ships no third-party audio and needs no file on disk. 8 kHz mono 16-bit PCM,
 * which Twilio plays as is. Built once, on first use.
 */

const RATE = 8000;
/** C major, then A minor: four notes each, half a second apiece. */
const NOTES_HZ = [261.63, 329.63, 392.0, 329.63, 220.0, 261.63, 329.63, 261.63];
const NOTE_SECONDS = 0.5;
const AMPLITUDE = 0.18;

let cached: Buffer | null = null;

export function holdMusicWav(): Buffer {
  if (cached) return cached;
  const perNote = Math.round(RATE * NOTE_SECONDS);
  const samples = NOTES_HZ.length * perNote;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(RATE, 24);
  wav.writeUInt32LE(RATE * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples * 2, 40);
  NOTES_HZ.forEach((hz, note) => {
    for (let i = 0; i < perNote; i += 1) {
      // A soft attack and release, so notes do not click into each other.
      const envelope = Math.min(1, i / 200, (perNote - i) / 400);
      const value = Math.sin((2 * Math.PI * hz * i) / RATE) * AMPLITUDE * envelope;
      wav.writeInt16LE(Math.round(value * 32767), 44 + (note * perNote + i) * 2);
    }
  });
  cached = wav;
  return wav;
}
