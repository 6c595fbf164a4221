import { z } from 'zod';
import { Id } from '../domain/primitives';
import { CallView, CompanyCallViewInput } from './call-table';
import type { ApiTable } from './table';

/**
 * Company views edited from the console: a supervisor or an admin publishes the table
 * as it is now for everyone in the company, renames it, updates it with the current
 * filters, sort and columns, or deletes it. The list is the company's, kept by the CRM
 * server, so each change is made there while online (an offline attempt is refused in
 * words and nothing on the desktop changes); the server's answer updates the desktop's
 * copy at once, and every other desktop reads it after its next sync round.
 */
export const companyViewsApi = {
  'companyViews.publish': {
    input: CompanyCallViewInput.extend({ id: Id.optional() }).strict(),
    output: CallView,
    summary:
      'Publishes (no id) or changes (name, pin, filters, sort, columns) a company view on the CRM server; supervisors and admins only.',
  },
  'companyViews.remove': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ items: z.array(CallView) }),
    summary: 'Deletes a company view on the CRM server; supervisors and admins only.',
  },
} as const satisfies ApiTable;
