import { z } from 'zod';

/**
 * Message templates: text with `{{variable}}` placeholders an admin writes once
 * ("Hi {{firstName}}, {{agentName}} here: we arrive {{appointmentWindow}}."). The
 * compose sheet fills what it knows (the customer, the agent) and asks for the rest;
 * nothing is sent while a placeholder is left.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]{0,40})\s*\}\}/g;

/** The variables a template uses, each once, in order of first use. */
export function templateVariables(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

export interface FilledTemplate {
  text: string;
  /** Variables with no value (left as `{{name}}` in the text). */
  missing: string[];
}

export function fillTemplate(body: string, values: Readonly<Record<string, string | undefined>>): FilledTemplate {
  const missing = new Set<string>();
  const text = body.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name]?.trim();
    if (!value) {
      missing.add(name);
      return whole;
    }
    return value;
  });
  return { text, missing: [...missing] };
}

/** A variable's label for a form field: appointmentWindow → "Appointment window". */
export function variableLabel(name: string): string {
  const words = name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const SmsTemplate = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
  name: z.string().trim().min(1).max(80),
  body: z.string().trim().min(1).max(1600),
});
export type SmsTemplate = z.infer<typeof SmsTemplate>;

export const SmsTemplateInput = z
  .object({
    name: z.string().trim().min(1, 'A template needs a name.').max(80),
    body: z.string().trim().min(1, 'A template needs its text.').max(1600, 'A template is at most 1,600 characters.'),
  })
  .strict();
