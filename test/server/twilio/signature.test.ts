import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidTwilioSignature } from '../../../src/server/twilio/signature';

/**
 * Published test vectors of the official SDKs: twilio-python's test_request_validator.py
 * (token "12345") and twilio-node's webhooks.spec.js (token "s3cr3t", port and quoting).
 */
const token = '12345';
const uri = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const params = {
  CallSid: 'CA1234567890ABCDE',
  Digits: '1234',
  From: '+14158675309',
  To: '+18005551212',
  Caller: '+14158675309',
};
const body = '{"property": "value", "boolean": true}';
const bodyHash = '0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620';

/** Twilio's scheme written out independently: base64(HMAC-SHA1(token, url + sorted key+value)). */
function sign(authToken: string, url: string, fields: Record<string, string | string[]>): string {
  const data = Object.keys(fields)
    .sort()
    .reduce((acc, key) => {
      const value = fields[key]!;
      return (
        acc +
        (Array.isArray(value)
          ? [...value]
              .sort()
              .map((v) => key + v)
              .join('')
          : key + value)
      );
    }, url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

describe('isValidTwilioSignature: the SDKs’ published vectors', () => {
  it('accepts the reference signature of a form request', () => {
    expect(isValidTwilioSignature(token, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', uri, params)).toBe(true);
  });

  it('accepts it when the URL carries a port the signature was computed without (https)', () => {
    expect(
      isValidTwilioSignature(token, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', uri.replace('.com', '.com:1234'), params),
    ).toBe(true);
  });

  it('accepts a signature computed with the port when the URL has it, on http', () => {
    const url = uri.replace('.com', '.com:1234').replace('https', 'http');
    expect(isValidTwilioSignature(token, 'Zmvh+3yNM1Phv2jhDCwEM3q5ebU=', url, params)).toBe(true);
  });

  it('accepts a signature computed with the default port when the URL has none (443 and 80)', () => {
    expect(isValidTwilioSignature(token, 'kvajT1Ptam85bY51eRf/AJRuM3w=', uri, params)).toBe(true);
    expect(isValidTwilioSignature(token, '0ZXoZLH/DfblKGATFgpif+LLRf4=', uri.replace('https', 'http'), params)).toBe(
      true,
    );
  });

  it('accepts repeated keys, whatever order their values came in', () => {
    const expected = 'IK+Dwps556ElfBT0I3Rgjkr1wJU=';
    const fields = { Sid: 'CA123', SidAccount: 'AC123', Digits: ['5678', '1234'] };
    expect(isValidTwilioSignature(token, expected, uri, fields)).toBe(true);
    expect(isValidTwilioSignature(token, expected, uri, { ...fields, Digits: ['1234', '5678'] })).toBe(true);
  });

  it('accepts a JSON body signed through bodySHA256, and only with that body', () => {
    const url = `${uri}&bodySHA256=${bodyHash}`;
    expect(isValidTwilioSignature(token, 'a9nBmqA0ju/hNViExpshrM61xv4=', url, {}, body)).toBe(true);
    expect(isValidTwilioSignature(token, 'a9nBmqA0ju/hNViExpshrM61xv4=', url, {}, body.replace('true', 'false'))).toBe(
      false,
    );
    expect(isValidTwilioSignature(token, 'a9nBmqA0ju/hNViExpshrM61xv4=', url, {})).toBe(false);
  });

  it('matches a query value with a single quote escaped or not (twilio-node)', () => {
    const signed = sign('s3cr3t', "https://example.com/path?test=param'WithQuote", {});
    expect(isValidTwilioSignature('s3cr3t', signed, "https://example.com/path?test=param'WithQuote", {})).toBe(true);
    expect(isValidTwilioSignature('s3cr3t', signed, 'https://example.com/path?test=param%27WithQuote', {})).toBe(true);
  });

  it('matches a signature made over the URL with :443 against the URL without it, and back', () => {
    const withPort = sign('s3cr3t', 'https://example.com:443/path?test=param', {});
    const without = sign('s3cr3t', 'https://example.com/path?test=param', {});
    expect(isValidTwilioSignature('s3cr3t', withPort, 'https://example.com/path?test=param', {})).toBe(true);
    expect(isValidTwilioSignature('s3cr3t', without, 'https://example.com:443/path?test=param', {})).toBe(true);
  });
});

describe('isValidTwilioSignature: what must fail', () => {
  const good = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

  it('refuses another auth token', () => {
    expect(isValidTwilioSignature('54321', good, uri, params)).toBe(false);
  });

  it('refuses a changed, added or missing parameter', () => {
    expect(isValidTwilioSignature(token, good, uri, { ...params, Digits: '9999' })).toBe(false);
    expect(isValidTwilioSignature(token, good, uri, { ...params, CallStatus: 'completed' })).toBe(false);
    const { Caller: _dropped, ...fewer } = params;
    expect(isValidTwilioSignature(token, good, uri, fewer)).toBe(false);
  });

  it('refuses another URL: path, query value, or host', () => {
    expect(isValidTwilioSignature(token, good, uri.replace('myapp', 'other'), params)).toBe(false);
    expect(isValidTwilioSignature(token, good, uri.replace('bar=2', 'bar=3'), params)).toBe(false);
    expect(isValidTwilioSignature(token, good, uri.replace('mycompany', 'evil'), params)).toBe(false);
    const signed = sign('s3cr3t', 'https://example.com/path?test=param', {});
    expect(isValidTwilioSignature('s3cr3t', signed, 'https://example.com/path?test=param2', {})).toBe(false);
  });

  it('refuses an empty, truncated or garbage signature, an empty token and an unparseable URL', () => {
    expect(isValidTwilioSignature(token, '', uri, params)).toBe(false);
    expect(isValidTwilioSignature(token, good.slice(0, -2), uri, params)).toBe(false);
    expect(isValidTwilioSignature(token, 'not base64 at all', uri, params)).toBe(false);
    expect(isValidTwilioSignature('', good, uri, params)).toBe(false);
    expect(isValidTwilioSignature(token, good, '/myapp.php?foo=1&bar=2', params)).toBe(false);
  });
});
