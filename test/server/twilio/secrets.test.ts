import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, loadSecretKey, SecretKeyError } from '../../../src/server/twilio/secrets';

describe('Twilio secrets at rest', () => {
  const box = createSecretBox(randomBytes(32));

  it('seals a secret so the stored text does not contain it, and opens it again', () => {
    const sealed = box.seal('f00dfeedf00dfeedf00dfeedf00dfeed', 'twilio:co1:authToken');
    expect(sealed).not.toContain('f00dfeed');
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(box.open(sealed, 'twilio:co1:authToken')).toBe('f00dfeedf00dfeedf00dfeedf00dfeed');
  });

  it('uses a fresh IV each time: the same secret never seals to the same text', () => {
    expect(box.seal('same secret value', 'ctx')).not.toBe(box.seal('same secret value', 'ctx'));
  });

  it('refuses a ciphertext moved to another company or column', () => {
    const sealed = box.seal('secret of company one', 'twilio:co1:authToken');
    expect(() => box.open(sealed, 'twilio:co2:authToken')).toThrow(SecretKeyError);
    expect(() => box.open(sealed, 'twilio:co1:apiSecret')).toThrow(/cannot be decrypted/);
  });

  it('refuses to open with another key, in words that name the variable', () => {
    const sealed = box.seal('secret', 'ctx');
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'ctx')).toThrow(/TWILIO_CONFIG_KEY/);
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = box.seal('secret value', 'ctx');
    const parts = sealed.split(':');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => box.open(parts.join(':'), 'ctx')).toThrow(SecretKeyError);
  });

  it('reads the key as hex or base64, refuses a wrong length, and has none in production without it', () => {
    const key = randomBytes(32);
    expect(loadSecretKey({ TWILIO_CONFIG_KEY: key.toString('hex') })?.key.equals(key)).toBe(true);
    expect(loadSecretKey({ TWILIO_CONFIG_KEY: key.toString('base64') })?.key.equals(key)).toBe(true);
    expect(() => loadSecretKey({ TWILIO_CONFIG_KEY: 'short' })).toThrow(/32 bytes/);
    expect(loadSecretKey({ NODE_ENV: 'production' })).toBeNull();
    expect(loadSecretKey({})?.configured).toBe(false);
  });
});
