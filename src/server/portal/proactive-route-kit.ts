/** What the portal's proactive-disclosure route modules share: parameter types, page sending. */
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { portalPage, type PageMeta, type SafeHtml } from './page.js';
import type { RenderedPage } from './page-cache.js';

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const hidden = { hide: true };
export const publicAccess = { access: { kind: 'public' } } as const;
export const PAGE_SIZE = 20;

/** A whole portal page (the per-request parts are filled in as it is sent: chrome.ts). */
export const renderPage = (
  title: string,
  body: SafeHtml,
  meta: PageMeta = {},
  status = 200,
): RenderedPage => ({ status, html: portalPage(title, body, { meta }) });

export const sendPage = (reply: FastifyReply, page: RenderedPage) =>
  reply.code(page.status).type('text/html; charset=utf-8').send(page.html);

export const send = (
  reply: FastifyReply,
  title: string,
  body: SafeHtml,
  meta: PageMeta = {},
  status = 200,
) => sendPage(reply, renderPage(title, body, meta, status));

export const intOr = (s: string | undefined, fallback: number | undefined) =>
  s && /^\d{1,4}$/.test(s) ? Number(s) : fallback;

/** A list's page number from `?page=`: 1 to 9,999; anything else (0, −1, junk) is page 1. */
export const pageOf = (s: string | undefined) => Math.max(1, intOr(s, 1)!);
