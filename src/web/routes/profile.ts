// The member's own page: name, language, access needs, organisations, inductions, and the
// sessions open on their account, each of which they can sign out.
//   GET  /profile                        POST /profile (name, language, accessNeeds[])
//   POST /profile/language (lang, next)  the header's language switch for members
//   POST /profile/sessions/others/end    "sign out of my other sessions"
//   POST /profile/sessions/:ref/end      signs out one session
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dateFormatter } from '../../i18n/dates.js';
import { isLanguage, LANGUAGES, type MessageKey } from '../../i18n/index.js';
import { ACCESS_NEEDS, type MemberDetail } from '../../services/accounts.js';
import { NotFound } from '../../services/authz.js';
import { fieldMessages, formBody, text } from '../forms.js';
import { clearSessionCookie, clientInfo, requireMember } from '../plugins/session.js';
import { safeNext } from '../safe-next.js';
import { sessionName } from '../session-names.js';

const NOTICES = new Set(['saved', 'welcome', 'sessions_ended', 'session_ended']);

export default async function profileRoutes(app: FastifyInstance) {
  const { accounts, sessions } = app.services;

  function profilePage(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      status?: number;
      notice?: string | null;
      errors?: Record<string, string>;
      values?: Partial<Pick<MemberDetail, 'name' | 'language' | 'accessNeeds'>>;
    } = {},
  ) {
    const t = request.t;
    const profile = accounts.profile(request.member);
    const dates = dateFormatter(request.lang, app.services.inventory.get().site.timezone);
    const now = app.deps.clock.now();
    const list = sessions.list(request.member, request.session!.tokenHash).map((s) => ({
      ...s,
      device: sessionName(s, now, request.lang, t),
      started: dates.dateTime(s.createdAt),
      lastSeen: dates.dateTime(s.lastSeenAt),
    }));
    return reply.page({
      page: 'pages/profile',
      status: options.status ?? 200,
      title: t('profile.title'),
      data: {
        profile,
        values: { name: profile.name, language: profile.language, accessNeeds: profile.accessNeeds, ...options.values },
        errors: options.errors ?? {},
        ids: { name: 'profile-name', language: 'profile-language-fr', accessNeeds: 'profile-need-0' },
        notice: options.notice ?? null,
        languages: LANGUAGES,
        accessNeedOptions: ACCESS_NEEDS,
        inductions: profile.inductions.map((i) => ({ ...i, date: dates.date(i.recordedAt) })),
        sessions: list,
        otherSessions: list.filter((s) => !s.current).length,
      },
    });
  }

  app.get<{ Querystring: { done?: string } }>('/profile', { preHandler: requireMember }, async (request, reply) => {
    const done = request.query.done;
    return profilePage(request, reply, {
      notice: done && NOTICES.has(done) ? request.t(`profile.done.${done}` as MessageKey) : null,
    });
  });

  app.post('/profile', { preHandler: requireMember }, async (request, reply) => {
    const body = formBody(request);
    const result = accounts.updateProfile(
      request.member,
      { name: body.name, language: body.language, accessNeeds: body.accessNeeds },
      clientInfo(request),
    );
    if (result.kind === 'saved') return reply.redirect('/profile?done=saved', 303);
    const needs = body.accessNeeds;
    return profilePage(request, reply, {
      status: 422,
      errors: fieldMessages(request.t, result.errors),
      values: {
        name: text(body, 'name'),
        language: isLanguage(body.language) ? body.language : request.lang,
        accessNeeds: (Array.isArray(needs) ? needs : needs ? [needs] : []).map(String),
      },
    });
  });

  app.post('/profile/language', { preHandler: requireMember }, async (request, reply) => {
    const body = formBody(request);
    if (!isLanguage(body.lang)) throw new NotFound();
    accounts.setLanguage(request.member, body.lang);
    return reply.redirect(safeNext(body.next), 303);
  });

  app.post('/profile/sessions/others/end', { preHandler: requireMember }, async (request, reply) => {
    sessions.endOthers(request.member, request.session!.tokenHash, clientInfo(request));
    return reply.redirect('/profile?done=sessions_ended', 303);
  });

  app.post<{ Params: { ref: string } }>(
    '/profile/sessions/:ref/end',
    { preHandler: requireMember },
    async (request, reply) => {
      if (!/^[0-9a-f]{16}$/.test(request.params.ref)) throw new NotFound();
      const { wasCurrent } = sessions.endByRef(
        request.member,
        request.params.ref,
        request.session!.tokenHash,
        clientInfo(request),
      );
      if (wasCurrent) {
        clearSessionCookie(app, reply);
        return reply.redirect('/login?done=signed_out', 303);
      }
      return reply.redirect('/profile?done=session_ended', 303);
    },
  );
}
