// Signing in and out, invitations and password reset.
//   GET  /login                   the form (fields email, password, _csrf, next)
//   POST /login                   303 + a new session cookie on success
//   POST /logout                  ends the session
//   GET|POST /password/forgot     asks for a reset link (same answer for any address)
//   GET|POST /password/reset/:t   chooses a new password with a link from the e-mail
//   GET|POST /invitation/:t       accepts an invitation: name, password, signed in
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../i18n/index.js';
import { TOKEN_LIFETIME } from '../../services/accounts.js';
import { PASSWORD_MIN_LENGTH } from '../../services/passwords.js';
import { fieldMessages, formBody, limitedMessage, text } from '../forms.js';
import { clearSessionCookie, clientInfo, requestContext, setSessionCookie } from '../plugins/session.js';
import { safeNext } from '../safe-next.js';

type Query = { Querystring: { next?: string; done?: string } };
type TokenParams = { Params: { token: string } };

const LOGIN_NOTICES = new Set(['password_reset', 'signed_out']);

export default async function authRoutes(app: FastifyInstance) {
  const accounts = () => app.services.accounts;

  function loginPage(
    request: FastifyRequest,
    reply: FastifyReply,
    data: {
      status: number;
      next: string;
      email?: string;
      errors?: Record<string, string>;
      failed?: string;
      limited?: string;
      notice?: string | null;
    },
  ) {
    return reply.page({
      page: 'pages/login',
      status: data.status,
      title: request.t('login.title'),
      data: {
        email: '',
        errors: {},
        failed: null,
        limited: null,
        notice: null,
        ids: { email: 'login-email', password: 'login-password' },
        ...data,
      },
    });
  }

  app.get<Query>('/login', async (request, reply) => {
    const next = safeNext(request.query.next);
    if (request.member) return reply.redirect(next, 303);
    const done = request.query.done;
    const notice = done && LOGIN_NOTICES.has(done) ? request.t(`login.done.${done}` as MessageKey) : null;
    return loginPage(request, reply, { status: 200, next, notice });
  });

  app.post('/login', async (request, reply) => {
    const body = formBody(request);
    const next = safeNext(body.next);
    const result = await accounts().signIn(body.email, body.password, requestContext(request));
    const t = request.t;
    switch (result.kind) {
      case 'signed_in':
        setSessionCookie(app, reply, result.token, true);
        return reply.redirect(next, 303);
      case 'invalid':
        return loginPage(request, reply, { status: 401, next, email: text(body, 'email'), failed: t('login.failed') });
      case 'malformed':
        return loginPage(request, reply, {
          status: 422,
          next,
          email: text(body, 'email'),
          errors: fieldMessages(t, result.errors),
        });
      case 'limited':
        return loginPage(request, reply, {
          status: 429,
          next,
          email: text(body, 'email'),
          limited: limitedMessage(t, reply, result.retryAfterMs),
        });
    }
  });

  app.post('/logout', async (request, reply) => {
    if (request.session) accounts().signOut(request.session, clientInfo(request));
    clearSessionCookie(app, reply);
    return reply.redirect('/login?done=signed_out', 303);
  });

  // ------------------------------------------------------------ password reset

  function forgotPage(
    request: FastifyRequest,
    reply: FastifyReply,
    data: {
      status: number;
      email?: string;
      errors?: Record<string, string>;
      notice?: string | null;
      limited?: string | null;
    },
  ) {
    return reply.page({
      page: 'pages/password-forgot',
      status: data.status,
      title: request.t('forgot.title'),
      data: { email: '', errors: {}, notice: null, limited: null, ids: { email: 'forgot-email' }, ...data },
    });
  }

  app.get('/password/forgot', async (request, reply) => forgotPage(request, reply, { status: 200 }));

  app.post('/password/forgot', async (request, reply) => {
    const body = formBody(request);
    const t = request.t;
    const result = accounts().requestPasswordReset(body.email, requestContext(request));
    switch (result.kind) {
      case 'sent':
        // The same page for every address: it says nothing about which accounts exist.
        return forgotPage(request, reply, {
          status: 200,
          notice: t('forgot.sent', { count: TOKEN_LIFETIME.password_reset / 3_600_000 }),
        });
      case 'malformed':
        return forgotPage(request, reply, {
          status: 422,
          email: text(body, 'email'),
          errors: fieldMessages(t, result.errors),
        });
      case 'limited':
        return forgotPage(request, reply, {
          status: 429,
          email: text(body, 'email'),
          limited: limitedMessage(t, reply, result.retryAfterMs),
        });
    }
  });

  function invalidLink(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: 'invitation' | 'password_reset',
    limited: string | null = null,
  ) {
    return reply.page({
      page: 'pages/link-invalid',
      status: limited ? 429 : 404,
      title: request.t('tokenLink.invalid.title'),
      data: { kind, limited },
    });
  }

  const hint = (request: FastifyRequest) => request.t('reset.hint', { min: PASSWORD_MIN_LENGTH });

  app.get<TokenParams>('/password/reset/:token', async (request, reply) => {
    const holder = accounts().checkToken('password_reset', request.params.token, clientInfo(request));
    if (holder === 'invalid') return invalidLink(request, reply, 'password_reset');
    if ('limited' in holder)
      return invalidLink(request, reply, 'password_reset', limitedMessage(request.t, reply, holder.limited));
    return reply.page({
      page: 'pages/password-reset',
      title: request.t('reset.title'),
      data: {
        token: request.params.token,
        email: holder.email,
        hint: hint(request),
        errors: {},
        ids: { password: 'reset-password', confirm: 'reset-confirm' },
      },
    });
  });

  app.post<TokenParams>('/password/reset/:token', async (request, reply) => {
    const body = formBody(request);
    const token = request.params.token;
    const result = await accounts().resetPassword(token, body.password, body.confirm, requestContext(request));
    switch (result.kind) {
      case 'done':
        return reply.redirect('/login?done=password_reset', 303);
      case 'invalid_token':
        return invalidLink(request, reply, 'password_reset');
      case 'limited':
        return invalidLink(request, reply, 'password_reset', limitedMessage(request.t, reply, result.retryAfterMs));
      case 'problems': {
        const holder = accounts().checkToken('password_reset', token, clientInfo(request));
        const email = typeof holder === 'object' && 'email' in holder ? holder.email : '';
        return reply.page({
          page: 'pages/password-reset',
          status: 422,
          title: request.t('reset.title'),
          data: {
            token,
            email,
            hint: hint(request),
            errors: fieldMessages(request.t, result.errors),
            ids: { password: 'reset-password', confirm: 'reset-confirm' },
          },
        });
      }
    }
  });

  // ------------------------------------------------------------ invitations

  const invitationIds = { name: 'invitation-name', password: 'invitation-password', confirm: 'invitation-confirm' };

  app.get<TokenParams>('/invitation/:token', async (request, reply) => {
    const holder = accounts().checkToken('invitation', request.params.token, clientInfo(request));
    if (holder === 'invalid') return invalidLink(request, reply, 'invitation');
    if ('limited' in holder)
      return invalidLink(request, reply, 'invitation', limitedMessage(request.t, reply, holder.limited));
    return reply.page({
      page: 'pages/invitation',
      title: request.t('invitation.title'),
      data: {
        token: request.params.token,
        email: holder.email,
        name: holder.name,
        hint: hint(request),
        errors: {},
        ids: invitationIds,
      },
    });
  });

  app.post<TokenParams>('/invitation/:token', async (request, reply) => {
    const body = formBody(request);
    const token = request.params.token;
    const result = await accounts().acceptInvitation(
      token,
      { name: body.name, password: body.password, confirm: body.confirm },
      requestContext(request),
    );
    switch (result.kind) {
      case 'done':
        setSessionCookie(app, reply, result.token, true);
        return reply.redirect('/profile?done=welcome', 303);
      case 'invalid_token':
        return invalidLink(request, reply, 'invitation');
      case 'limited':
        return invalidLink(request, reply, 'invitation', limitedMessage(request.t, reply, result.retryAfterMs));
      case 'problems': {
        const holder = accounts().checkToken('invitation', token, clientInfo(request));
        const email = typeof holder === 'object' && 'email' in holder ? holder.email : '';
        return reply.page({
          page: 'pages/invitation',
          status: 422,
          title: request.t('invitation.title'),
          data: {
            token,
            email,
            name: text(body, 'name'),
            hint: hint(request),
            errors: fieldMessages(request.t, result.errors),
            ids: invitationIds,
          },
        });
      }
    }
  });
}
