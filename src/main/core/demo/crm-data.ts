import { person } from './directory-data';

/** Leads, opportunities and cases of the demo directory (see directory-data.ts for the numbers). */
export const demoLeads: (ReturnType<typeof person> & { company: string; status: 'New' | 'Contacted' | 'Qualified' })[] =
  [
    {
      ...person(
        'lead-dana',
        'Dana',
        'Whitfield',
        'COO',
        null,
        'US',
        'America/Chicago',
        [{ kind: 'work', number: '(312) 555-0108' }],
        ['inbound-web'],
      ),
      company: 'Prairie Freight Co',
      status: 'New',
    },
    {
      ...person('lead-tom', 'Tom', 'Ashby', 'Owner', null, 'GB', 'Europe/London', [
        { kind: 'mobile', number: '07700 900103' },
      ]),
      company: 'Ashby Coaches',
      status: 'Contacted',
    },
    {
      ...person(
        'lead-ines',
        'Inès',
        'Moreau',
        'Gérante',
        null,
        'FR',
        'Europe/Paris',
        [{ kind: 'mobile', number: '06 39 98 10 04' }],
        ['trade-show'],
      ),
      company: 'Atelier Moreau',
      status: 'Qualified',
    },
  ];

export const demoOpportunities = [
  {
    key: 'opp-northwind',
    account: 'northwind',
    name: 'Northwind fleet tracking renewal',
    stage: 'Negotiation',
    amountCents: 4_800_000,
    currency: 'USD',
    closeInDays: 21,
  },
  {
    key: 'opp-tailspin',
    account: 'tailspin',
    name: 'Tailspin contact-centre expansion',
    stage: 'Proposal',
    amountCents: 2_250_000,
    currency: 'GBP',
    closeInDays: 45,
  },
  {
    key: 'opp-sakura',
    account: 'sakura',
    name: 'Sakura support plan upgrade',
    stage: 'Qualification',
    amountCents: 1_200_000,
    currency: 'JPY',
    closeInDays: 60,
  },
  {
    key: 'opp-kookaburra',
    account: 'kookaburra',
    name: 'Kookaburra seasonal stock',
    stage: 'Closed Won',
    amountCents: 860_000,
    currency: 'AUD',
    closeInDays: -10,
  },
] as const;

export const demoCases = [
  {
    key: 'case-fabrikam',
    number: '00041',
    account: 'fabrikam',
    contact: 'jonas',
    subject: 'Tracking units offline after firmware update',
    status: 'Open',
    priority: 'High',
  },
  {
    key: 'case-lumiere',
    number: '00042',
    account: 'lumiere',
    contact: 'mathilde',
    subject: 'Invoice shows the wrong VAT rate',
    status: 'Pending',
    priority: 'Medium',
  },
  {
    key: 'case-lotus',
    number: '00043',
    account: 'lotus',
    contact: 'kavya',
    subject: 'Agent login fails with SSO',
    status: 'New',
    priority: 'Urgent',
  },
] as const;
