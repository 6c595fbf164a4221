import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for the company's Twilio secrets (auth token, API key secret):
 * AES-256-GCM with a key from the server's environment (TWILIO_CONFIG_KEY), a fresh
 * 96-bit IV per value, and the company id and field name as associated data, so a
 * ciphertext copied onto another company's row (or into the other column) does not
 * decrypt. Stored as `v1:<iv>:<tag>:<ciphertext>`, base64url parts.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
  /** False when no key was configured and a development key stands in. */
  readonly configured: boolean;
}

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

/**
 * The key: 32 bytes as 64 hex characters or as base64. Without one, production refuses
 * (null: nothing secret may be stored); development uses a fixed key derived from a
 * constant, so a dev database works across restarts but its secrets are NOT protected.
 */
export function loadSecretKey(env: NodeJS.ProcessEnv): { key: Buffer; configured: boolean } | null {
  const raw = env['TWILIO_CONFIG_KEY']?.trim();
  if (!raw) {
    if (env['NODE_ENV'] === 'production') return null;
    return { key: createHash('sha256').update('switchboard development twilio key').digest(), configured: false };
  }
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    throw new SecretKeyError('TWILIO_CONFIG_KEY must be 32 bytes: 64 hex characters or 44 base64 characters.');
  }
  return { key, configured: true };
}

export function createSecretBox(key: Buffer, configured = true): SecretBox {
  if (key.length !== 32) throw new SecretKeyError('The Twilio secrets key must be 32 bytes.');
  return {
    configured,
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), body]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join(':');
    },
    open(sealed, context) {
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== 'v1' || !iv || !tag || body === undefined) {
        throw new SecretKeyError('A stored Twilio secret is not in a format this server can read.');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretKeyError(
          'A stored Twilio secret cannot be decrypted: TWILIO_CONFIG_KEY is not the key it was stored with.',
        );
      }
    },
  };
}
