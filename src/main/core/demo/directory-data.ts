/**
 * The demo directory, one company per country the console must handle well. Numbers
 * use ranges reserved for fiction where a country has them (US 555-01xx, UK Ofcom
 * drama numbers 020 7946 0xxx and 07700 900xxx, Australia's ACMA 02 5550 xxxx and
 * 0491 570 xxx, France's ARCEP 01 99 00 xx xx and 06 39 98 xx xx, Germany's
 * Bundesnetzagentur 030 23125 xxx); elsewhere they are well-formed numbers for the
 * region's plan. Written in national format, as an agent would type them, so seeding
 * exercises normalizePhone with each account's region.
 */
export interface DemoPhone {
  kind: 'work' | 'mobile' | 'home' | 'fax' | 'other';
  number: string;
}

export interface DemoAccount {
  key: string;
  name: string;
  industry: string;
  country: string;
  timeZone: string;
  phones: DemoPhone[];
}

export interface DemoPerson {
  key: string;
  firstName: string;
  lastName: string;
  title: string;
  email: string;
  /** Account key, or null for a contact without a company. */
  account: string | null;
  /** Region for national numbers (the account's country otherwise). */
  country: string;
  timeZone: string;
  phones: DemoPhone[];
  tags: string[];
  doNotContactReason?: string;
}

export const demoAccounts: DemoAccount[] = [
  {
    key: 'northwind',
    name: 'Northwind Logistics',
    industry: 'Logistics',
    country: 'US',
    timeZone: 'America/New_York',
    phones: [{ kind: 'work', number: '(212) 555-0100' }],
  },
  {
    key: 'tailspin',
    name: 'Tailspin Travel Ltd',
    industry: 'Travel',
    country: 'GB',
    timeZone: 'Europe/London',
    phones: [{ kind: 'work', number: '020 7946 0000' }],
  },
  {
    key: 'fabrikam',
    name: 'Fabrikam Maschinenbau GmbH',
    industry: 'Manufacturing',
    country: 'DE',
    timeZone: 'Europe/Berlin',
    phones: [{ kind: 'work', number: '030 23125 000' }],
  },
  {
    key: 'lumiere',
    name: 'Maison Lumière SARL',
    industry: 'Retail',
    country: 'FR',
    timeZone: 'Europe/Paris',
    phones: [{ kind: 'work', number: '01 99 00 10 00' }],
  },
  {
    key: 'ipanema',
    name: 'Ipanema Comércio Ltda',
    industry: 'Wholesale',
    country: 'BR',
    timeZone: 'America/Sao_Paulo',
    phones: [{ kind: 'work', number: '(11) 3456-7000' }],
  },
  {
    key: 'lotus',
    name: 'Lotus Software Pvt Ltd',
    industry: 'Software',
    country: 'IN',
    timeZone: 'Asia/Kolkata',
    phones: [{ kind: 'work', number: '080 4123 4000' }],
  },
  {
    key: 'sakura',
    name: 'Sakura Systems KK',
    industry: 'Electronics',
    country: 'JP',
    timeZone: 'Asia/Tokyo',
    phones: [{ kind: 'work', number: '03-3123-4000' }],
  },
  {
    key: 'kookaburra',
    name: 'Kookaburra Outfitters Pty Ltd',
    industry: 'Outdoor retail',
    country: 'AU',
    timeZone: 'Australia/Sydney',
    phones: [{ kind: 'work', number: '(02) 5550 1000' }],
  },
];

export const person = (
  key: string,
  firstName: string,
  lastName: string,
  title: string,
  account: string | null,
  country: string,
  timeZone: string,
  phones: DemoPhone[],
  tags: string[] = [],
): DemoPerson => ({
  key,
  firstName,
  lastName,
  title,
  email:
    `${firstName}.${lastName}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z.]/g, '') + '@example.com',
  account,
  country,
  timeZone,
  phones,
  tags,
});

const NY = 'America/New_York';
export const demoContacts: DemoPerson[] = [
  person(
    'alice',
    'Alice',
    'Carter',
    'Operations Manager',
    'northwind',
    'US',
    NY,
    [
      { kind: 'work', number: '(212) 555-0101' },
      { kind: 'mobile', number: '(917) 555-0102' },
    ],
    ['vip', 'decision-maker'],
  ),
  person('marcus', 'Marcus', 'Reed', 'Dispatcher', 'northwind', 'US', NY, [{ kind: 'work', number: '(212) 555-0103' }]),
  person(
    'jenna',
    'Jenna',
    'Okafor',
    'Procurement Lead',
    'northwind',
    'US',
    'America/Chicago',
    [{ kind: 'mobile', number: '(312) 555-0104' }],
    ['renewal'],
  ),
  person(
    'oliver',
    'Oliver',
    'Bennett',
    'Head of Partnerships',
    'tailspin',
    'GB',
    'Europe/London',
    [
      { kind: 'work', number: '020 7946 0101' },
      { kind: 'mobile', number: '07700 900101' },
    ],
    ['vip'],
  ),
  person('priya', 'Priya', 'Shah', 'Customer Experience Lead', 'tailspin', 'GB', 'Europe/London', [
    { kind: 'mobile', number: '07700 900102' },
  ]),
  person(
    'harry',
    'Harry',
    'Walsh',
    'Finance Director',
    'tailspin',
    'GB',
    'Europe/London',
    [{ kind: 'work', number: '020 7946 0103' }],
    ['billing'],
  ),
  person(
    'lena',
    'Lena',
    'Schäfer',
    'Einkaufsleiterin',
    'fabrikam',
    'DE',
    'Europe/Berlin',
    [
      { kind: 'work', number: '030 23125 101' },
      { kind: 'mobile', number: '0151 23456701' },
    ],
    ['decision-maker'],
  ),
  person('jonas', 'Jonas', 'Becker', 'Service-Techniker', 'fabrikam', 'DE', 'Europe/Berlin', [
    { kind: 'work', number: '030 23125 102' },
  ]),
  person(
    'camille',
    'Camille',
    'Dubois',
    'Directrice des achats',
    'lumiere',
    'FR',
    'Europe/Paris',
    [
      { kind: 'work', number: '01 99 00 10 01' },
      { kind: 'mobile', number: '06 39 98 10 01' },
    ],
    ['vip'],
  ),
  person('hugo', 'Hugo', 'Lefèvre', 'Responsable logistique', 'lumiere', 'FR', 'Europe/Paris', [
    { kind: 'mobile', number: '06 39 98 10 02' },
  ]),
  person(
    'ana',
    'Ana',
    'Souza',
    'Gerente de compras',
    'ipanema',
    'BR',
    'America/Sao_Paulo',
    [
      { kind: 'work', number: '(11) 3456-7001' },
      { kind: 'mobile', number: '(11) 98765-4301' },
    ],
    ['renewal'],
  ),
  person(
    'rafael',
    'Rafael',
    'Oliveira',
    'Analista financeiro',
    'ipanema',
    'BR',
    'America/Sao_Paulo',
    [{ kind: 'mobile', number: '(21) 98765-4302' }],
    ['billing'],
  ),
  person(
    'arjun',
    'Arjun',
    'Mehta',
    'VP Engineering',
    'lotus',
    'IN',
    'Asia/Kolkata',
    [
      { kind: 'work', number: '080 4123 4001' },
      { kind: 'mobile', number: '98450 12301' },
    ],
    ['decision-maker'],
  ),
  person('kavya', 'Kavya', 'Iyer', 'IT Administrator', 'lotus', 'IN', 'Asia/Kolkata', [
    { kind: 'mobile', number: '98450 12302' },
  ]),
  person(
    'yuki',
    'Yuki',
    'Tanaka',
    '購買部長',
    'sakura',
    'JP',
    'Asia/Tokyo',
    [
      { kind: 'work', number: '03-3123-4001' },
      { kind: 'mobile', number: '090-1234-5601' },
    ],
    ['vip'],
  ),
  person('kenji', 'Kenji', 'Sato', 'Support Engineer', 'sakura', 'JP', 'Asia/Tokyo', [
    { kind: 'mobile', number: '080-2345-6702' },
  ]),
  person(
    'chloe',
    'Chloe',
    'Nguyen',
    'Store Manager',
    'kookaburra',
    'AU',
    'Australia/Sydney',
    [
      { kind: 'work', number: '(02) 5550 1001' },
      { kind: 'mobile', number: '0491 570 101' },
    ],
    ['renewal'],
  ),
  person('liam', 'Liam', "O'Brien", 'Buyer', 'kookaburra', 'AU', 'Australia/Perth', [
    { kind: 'mobile', number: '0491 570 102' },
  ]),
  person('sofia', 'Sofia', 'Martinez', 'Account Coordinator', 'northwind', 'US', 'America/Los_Angeles', [
    { kind: 'work', number: '(415) 555-0105' },
  ]),
  person('ethan', 'Ethan', 'Brooks', 'Warehouse Supervisor', 'northwind', 'US', 'America/Denver', [
    { kind: 'mobile', number: '(303) 555-0106' },
  ]),
  person('grace', 'Grace', 'Hughes', 'Office Manager', 'tailspin', 'GB', 'Europe/London', [
    { kind: 'work', number: '020 7946 0104' },
  ]),
  person(
    'mathilde',
    'Mathilde',
    'Girard',
    'Comptable',
    'lumiere',
    'FR',
    'Europe/Paris',
    [{ kind: 'work', number: '01 99 00 10 03' }],
    ['billing'],
  ),
  person('noah', 'Noah', 'Fischer', 'Freelance consultant', null, 'DE', 'Europe/Berlin', [
    { kind: 'mobile', number: '0151 23456703' },
  ]),
  person('mia', 'Mia', 'Thompson', 'Independent reseller', null, 'AU', 'Australia/Melbourne', [
    { kind: 'mobile', number: '0491 570 103' },
  ]),
  {
    ...person(
      'victor',
      'Victor',
      'Hale',
      'Former customer',
      null,
      'US',
      NY,
      [{ kind: 'mobile', number: '(646) 555-0107' }],
      ['former-customer'],
    ),
    doNotContactReason: 'Asked not to be called again; registered on the company do-not-call list.',
  },
];
