import type { TeamMember } from '../../../shared/voice/protocol';

/**
 * The colleagues the transfer picker offers when this desktop is not signed in to a CRM
 * server (the simulated line with the demo data): a fixed small team in every
 * availability, so the picker and the simulated transfer can be tried out.
 */
export const demoTeam: readonly TeamMember[] = [
  { userId: 'demo-agent-amara', name: 'Amara Okafor', availability: 'Available' },
  { userId: 'demo-agent-lucas', name: 'Lucas Meyer', availability: 'Available' },
  { userId: 'demo-agent-priya', name: 'Priya Raman', availability: 'Busy' },
  { userId: 'demo-agent-tomas', name: 'Tomás Herrera', availability: 'Away' },
  { userId: 'demo-agent-yuki', name: 'Yuki Tanaka', availability: 'Offline' },
];
