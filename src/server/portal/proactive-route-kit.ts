/** What the portal's proactive-disclosure route modules share: parameter types, page sending. */
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { portalPage, type PageMeta, type SafeHtml } from './page.js';

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const hidden = { hide: true };
export const publicAccess = { access: { kind: 'public' } } as const;
export const PAGE_SIZE = 20;

export const send = (
  reply: FastifyReply,
  title: string,
  body: SafeHtml,
  meta: PageMeta = {},
  status = 200,
) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(portalPage(title, body, { meta }));

export const intOr = (s: string | undefined, fallback: number | undefined) =>
  s && /^\d{1,4}$/.test(s) ? Number(s) : fallback;
