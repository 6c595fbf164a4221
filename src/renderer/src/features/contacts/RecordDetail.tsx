import type { ReactNode } from 'react';
import { displayName, type Case, type Lead, type Opportunity } from '../../../../shared/domain/directory';
import { useQuery } from '../../bridge/use-query';
import { DemoBadge } from '../../ui/Badge';
import { useUi } from '../../state/ui-store';
import { PhoneLink } from '../line/PhoneLink';
import { CallTimeline } from './Timeline';

type Kind = 'lead' | 'opportunity' | 'case';

/**
 * A lead, an opportunity or a case: what it is, and its call history (every call with it
 * as the related record, and for a lead the calls it took part in), like a contact's or
 * an account's.
 */
export function RecordDetail({ kind, id }: { kind: Kind; id: string }) {
  const lead = useQuery('leads.get', kind === 'lead' ? { id } : null, ['lead']);
  const opportunity = useQuery('opportunities.get', kind === 'opportunity' ? { id } : null, ['opportunity']);
  const found = useQuery('cases.get', kind === 'case' ? { id } : null, ['case']);
  const query = kind === 'lead' ? lead : kind === 'opportunity' ? opportunity : found;
  if (query.error) return <p className="error-text">{query.error.message}</p>;
  if (!query.data) return <p className="empty">Loading…</p>;
  const view =
    kind === 'lead'
      ? leadView(lead.data!)
      : kind === 'opportunity'
        ? opportunityView(opportunity.data!)
        : caseView(found.data!);

  return (
    <article className="detail" aria-label={`${kindLabel[kind]}: ${view.title}`}>
      <header className="detail-header">
        <div>
          <p className="muted">{kindLabel[kind]}</p>
          <h1>{view.title}</h1>
          {query.data.isDemo && <DemoBadge />}
          <p className="muted">{view.subtitle}</p>
        </div>
      </header>
      <dl className="fields">
        {view.fields.map(([label, value]) => (
          <Field key={label} label={label}>
            {value}
          </Field>
        ))}
        {view.accountId && <AccountLink id={view.accountId} />}
      </dl>
      <h2>Calls</h2>
      <CallTimeline related={{ type: kind, id }} />
    </article>
  );
}

const kindLabel: Record<Kind, string> = { lead: 'Lead', opportunity: 'Opportunity', case: 'Case' };

interface View {
  title: string;
  subtitle: string;
  fields: [string, ReactNode][];
  accountId: string | null;
}

function leadView(lead: Lead): View {
  return {
    title: displayName(lead),
    subtitle: [lead.title, lead.company].filter(Boolean).join(' at '),
    fields: [
      ['Status', lead.status],
      [
        'Phones',
        lead.phones.length === 0
          ? '—'
          : lead.phones.map((p) => <PhoneLink key={p.e164 + p.kind} e164={p.e164} extension={p.extension} />),
      ],
      ['Email', lead.email || '—'],
    ],
    accountId: null,
  };
}

function opportunityView(o: Opportunity): View {
  const amount =
    o.amountCents === null
      ? '—'
      : new Intl.NumberFormat(undefined, { style: 'currency', currency: o.currency }).format(o.amountCents / 100);
  return {
    title: o.name,
    subtitle: o.stage,
    fields: [
      ['Amount', amount],
      ['Close date', o.closeDate ?? '—'],
    ],
    accountId: o.accountId,
  };
}

function caseView(c: Case): View {
  return {
    title: `${c.number}: ${c.subject}`,
    subtitle: `${c.status} · ${c.priority} priority`,
    fields: [],
    accountId: c.accountId,
  };
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function AccountLink({ id }: { id: string }) {
  const navigate = useUi((s) => s.navigate);
  const account = useQuery('accounts.get', { id }, ['account']);
  return (
    <Field label="Account">
      <button className="link-button" onClick={() => navigate({ view: 'contacts', kind: 'account', id })}>
        {account.data?.account.name ?? id}
      </button>
    </Field>
  );
}
