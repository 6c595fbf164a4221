import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id } from '../../shared/domain/primitives';
import { SmsSettingsInput } from '../../shared/sms/message';
import { SmsTemplateInput } from '../../shared/sms/templates';
import { authenticate, principalOf, requireAdmin, type ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { parseInput } from '../http/validate';
import { deleteTemplate, listTemplates, readSmsSettings, saveSmsSettings, saveTemplate } from './settings';

const TemplateParams = z.object({ id: Id }).strict();

/**
 * Texting rules over HTTP. Every desktop reads GET /sms/settings (quiet hours and the
 * templates) after its sync rounds; admins change them under /admin/sms/…, as the CLI
 * does (`sms-template`, `sms-settings`).
 */
export function registerSmsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const onRequest = authenticate(ctx);
  const admin = [authenticate(ctx), requireAdmin];

  app.get('/sms/settings', { onRequest }, async (request) => {
    const { companyId } = principalOf(request);
    const settings = await readSmsSettings(ctx.db, companyId);
    return { ...settings, templates: await listTemplates(ctx.db, companyId) };
  });

  app.put('/admin/sms/settings', { preHandler: admin }, async (request) => {
    const input = parseInput(SmsSettingsInput, request.body, 'texting settings');
    return saveSmsSettings(ctx.db, principalOf(request).companyId, input, ctx.now());
  });

  app.get('/admin/sms/templates', { preHandler: admin }, async (request) => ({
    items: await listTemplates(ctx.db, principalOf(request).companyId),
  }));

  app.put('/admin/sms/templates/:id', { preHandler: admin }, async (request) => {
    const { id } = parseInput(TemplateParams, request.params, 'template id');
    const input = parseInput(SmsTemplateInput, request.body, 'template');
    return saveTemplate(ctx.db, principalOf(request).companyId, { id, ...input }, ctx.now());
  });

  app.delete('/admin/sms/templates/:id', { preHandler: admin }, async (request) => {
    const { id } = parseInput(TemplateParams, request.params, 'template id');
    const removed = await deleteTemplate(ctx.db, principalOf(request).companyId, id);
    if (!removed) throw new HttpError(404, 'not_found', `No template has the id ${id}.`);
    return { removed: true };
  });
}
