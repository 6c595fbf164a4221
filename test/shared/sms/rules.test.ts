import { describe, expect, it } from 'vitest';
import { keywordOf } from '../../../src/shared/sms/keywords';
import { carrierReason, inQuietHours, movesForward } from '../../../src/shared/sms/message';
import { fillTemplate, templateVariables, variableLabel } from '../../../src/shared/sms/templates';

describe('keywordOf', () => {
  it.each(['STOP', 'stop', ' Stop ', 'STOPALL', 'Unsubscribe', 'cancel', 'END', 'quit'])('%j opts out', (word) =>
    expect(keywordOf(word)).toBe('opt-out'),
  );
  it.each(['START', 'unstop'])('%j opts in', (word) => expect(keywordOf(word)).toBe('opt-in'));
  it('HELP asks for help; sentences are messages', () => {
    expect(keywordOf(' help ')).toBe('help');
    expect(keywordOf('stop by at 3')).toBeNull();
    expect(keywordOf('')).toBeNull();
  });
});

describe('templates', () => {
  const eta = 'Hi {{firstName}}, {{ agentName }} here: we arrive {{appointmentWindow}}. {{firstName}}!';
  it('lists each variable once and fills what is known, naming what is missing', () => {
    expect(templateVariables(eta)).toEqual(['firstName', 'agentName', 'appointmentWindow']);
    expect(fillTemplate(eta, { firstName: 'Peter', agentName: 'Ann' })).toEqual({
      text: 'Hi Peter, Ann here: we arrive {{appointmentWindow}}. Peter!',
      missing: ['appointmentWindow'],
    });
    expect(fillTemplate(eta, { firstName: 'Peter', agentName: 'Ann', appointmentWindow: '2–4 pm' }).missing).toEqual(
      [],
    );
    expect(variableLabel('appointmentWindow')).toBe('Appointment window');
  });
});

describe('status order and quiet hours', () => {
  it('a status only moves forward; the ends do not replace each other', () => {
    expect(movesForward('queued', 'sent')).toBe(true);
    expect(movesForward('delivered', 'sent')).toBe(false);
    expect(movesForward('undelivered', 'failed')).toBe(false);
    expect(movesForward('sent', 'sent')).toBe(false);
  });
  it('quiet hours may cross midnight', () => {
    const night = { start: '21:00', end: '08:00' };
    expect(inQuietHours('21:00', night)).toBe(true);
    expect(inQuietHours('03:10', night)).toBe(true);
    expect(inQuietHours('08:00', night)).toBe(false);
    expect(inQuietHours('20:59', night)).toBe(false);
    expect(inQuietHours('13:00', { start: '12:00', end: '14:00' })).toBe(true);
  });
  it('carrier codes become words; an unknown code keeps its number', () => {
    expect(carrierReason('30007')).toBe('The carrier filtered the message as spam.');
    expect(carrierReason('39999')).toBe('The carrier refused it (Twilio error 39999).');
    expect(carrierReason(null)).toBeNull();
  });
});
