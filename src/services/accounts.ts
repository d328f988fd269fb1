// Member accounts: sign-in, invitations, password reset, profile, and what admins do to
// accounts (roles, deactivation, inductions). Every check-then-write runs in one IMMEDIATE
// transaction; permission checks come first and answer "not found" when they fail.
// Mail (invitation, reset) is written to the outbox in the same transaction as its token.
import type { Clock } from '../domain/clock.js';
import { insertAccountToken, liveAccountToken, useAccountToken, voidAccountTokens } from '../db/accounts.js';
import { immediate, type Db } from '../db/connection.js';
import { revokeFeedTokens } from '../db/feed-tokens.js';
import {
  addInduction,
  hasWorkingAdmin,
  inductionsOf,
  insertMember,
  memberByEmail,
  memberById,
  removeInduction,
  searchMembers,
  updateMember,
} from '../db/members.js';
import { organisationById, putMembership, teamsOf } from '../db/organisations.js';
import { isLanguage, type Language } from '../i18n/index.js';
import { enqueueMail, renderMail } from '../mail/outbox.js';
import { auditWriter, type AuditWriter } from './audit.js';
import { authorize, INDUCTION_KINDS, NotFound, ROLES, type Actor, type InductionKind, type Role } from './authz.js';
import { normaliseEmail } from './email-address.js';
import {
  dummyHash,
  hashPassword,
  needsRehash,
  passwordProblem,
  verifyPassword,
  type PasswordProblem,
} from './passwords.js';
import { LIMITS, type RateLimiter } from './rate-limit.js';
import type { ClientInfo, CurrentSession, SessionService } from './sessions.js';
import { hashToken, isTokenShape, newToken } from './tokens.js';

const HOUR = 3_600_000;
export const TOKEN_LIFETIME = {
  invitation: 7 * 24 * HOUR,
  password_reset: 1 * HOUR,
} as const;

export const ACCESS_NEEDS = [
  'step_free',
  'quiet',
  'hearing_loop',
  'adjustable_height_desk',
  'wheelchair_accessible',
] as const;
export type AccessNeed = (typeof ACCESS_NEEDS)[number];

export const NAME_MAX_LENGTH = 120;

/** Who is asking and from where: for rate limits, the audit log and session renewal. */
export interface RequestContext extends ClientInfo {
  /** Hash of the session the request came with (replaced at sign-in). */
  sessionHash: string | null;
}

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export type SignInResult =
  | { kind: 'signed_in'; token: string; session: CurrentSession; memberId: number; language: Language }
  | { kind: 'invalid' }
  | { kind: 'malformed'; errors: FieldErrors<'email' | 'password'> }
  | { kind: 'limited'; retryAfterMs: number };

export type ResetRequestResult =
  { kind: 'sent' } | { kind: 'malformed'; errors: FieldErrors<'email'> } | { kind: 'limited'; retryAfterMs: number };

export type TokenKind = 'invitation' | 'password_reset';

export interface TokenHolder {
  memberId: number;
  email: string;
  name: string;
  language: Language;
}

export type SetPasswordResult<Extra = object> =
  | ({ kind: 'done' } & Extra)
  | { kind: 'invalid_token' }
  | { kind: 'limited'; retryAfterMs: number }
  | { kind: 'problems'; errors: FieldErrors<'password' | 'confirm' | 'name'> };

export interface InviteInput {
  email: unknown;
  name: unknown;
  role: unknown;
  organisationId: unknown;
  asLead: unknown;
  language: unknown;
}

export type FirstAdminResult =
  | { kind: 'sent'; memberId: number }
  | { kind: 'admin_exists' }
  | { kind: 'problems'; errors: FieldErrors<'email' | 'name' | 'language'> };

export type InviteResult =
  | { kind: 'sent'; memberId: number; resent: boolean }
  | { kind: 'problems'; errors: FieldErrors<'email' | 'name' | 'role' | 'organisationId' | 'language'> }
  | { kind: 'limited'; retryAfterMs: number };

export interface MemberSummary {
  id: number;
  email: string;
  name: string;
  role: Role;
  language: Language;
  active: boolean;
  /** Invited, no password chosen yet. */
  pending: boolean;
  organisations: { id: number; name: string; isLead: boolean }[];
}

export interface MemberDetail extends MemberSummary {
  accessNeeds: string[];
  createdAt: number;
  deactivatedAt: number | null;
  inductions: { kind: InductionKind; recordedAt: number; recordedByName: string | null }[];
}

export interface MemberSearch {
  q?: string;
  role?: Role;
  status?: 'active' | 'pending' | 'inactive';
  page?: number;
}

export const MEMBER_PAGE_SIZE = 50;

export interface ProfileInput {
  name: unknown;
  language: unknown;
  accessNeeds: unknown;
}

/** A person's name as typed: trimmed, one line, not empty, not too long. */
export function cleanName(raw: unknown): string | null {
  if (typeof raw !== 'string' || /\p{Cc}/u.test(raw)) return null;
  const value = raw.trim().replace(/\s+/g, ' ');
  return value.length === 0 || value.length > NAME_MAX_LENGTH ? null : value;
}

function asList(raw: unknown): unknown[] {
  if (raw === undefined || raw === null || raw === '') return [];
  return Array.isArray(raw) ? raw : [raw];
}

function passwordErrors(password: unknown, confirm: unknown): FieldErrors<'password' | 'confirm'> {
  if (typeof password !== 'string' || password.length === 0) return { password: 'required' };
  const problem: PasswordProblem | null = passwordProblem(password);
  if (problem) return { password: problem };
  if (confirm !== password) return { confirm: 'mismatch' };
  return {};
}

export class AccountService {
  private readonly audit: AuditWriter;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
    private readonly limiter: RateLimiter,
    private readonly options: {
      baseUrl: string;
      kickOutbox: () => void;
      /** Runs in the deactivation's transaction: the bookings side releases what the member held. */
      onDeactivated?: (tx: Db, memberId: number, actorId: number, now: number) => number;
    },
  ) {
    this.audit = auditWriter(db);
    // Computed now, so the first sign-in with an unknown e-mail is not slower than the others.
    void dummyHash();
  }

  // ---------------------------------------------------------------- sign-in

  /**
   * E-mail and password. An unknown e-mail, a wrong password, an account without a
   * password yet and a deactivated account all give the same answer after the same work
   * (one argon2 verification), so the answer says nothing about which accounts exist.
   */
  async signIn(emailRaw: unknown, passwordRaw: unknown, ctx: RequestContext): Promise<SignInResult> {
    const email = normaliseEmail(emailRaw);
    const password = typeof passwordRaw === 'string' ? passwordRaw : '';
    const errors: FieldErrors<'email' | 'password'> = {};
    if (!email) errors.email = typeof emailRaw === 'string' && emailRaw.trim() !== '' ? 'invalid' : 'required';
    if (password === '') errors.password = 'required';
    else if (password.length > 1024) errors.password = 'too_long';
    if (!email || errors.password) return { kind: 'malformed', errors };

    const ip = ctx.ip ?? 'unknown';
    // The attacker is slowed per account and address; the owner, elsewhere, is not locked out.
    const pair = `${email}\u0000${ip}`;
    const wait = Math.max(this.limiter.blockedFor('signInPerAddress', ip), this.limiter.backoffWait(pair));
    if (wait > 0) return { kind: 'limited', retryAfterMs: wait };

    const found = memberByEmail(this.db, email);
    const usable = found && found.active && found.passwordHash ? found : null;
    const matches = await verifyPassword(usable?.passwordHash ?? (await dummyHash()), password);

    if (!usable || !matches) {
      this.signInFailed(email, ip, pair, usable, ctx);
      return { kind: 'invalid' };
    }

    const rehash = needsRehash(usable.passwordHash!) ? await hashPassword(password) : null;
    const now = this.clock.now();
    const result = immediate(this.db, (tx): SignInResult => {
      // The account may have changed while the hash was being checked.
      const member = memberById(tx, usable.id);
      if (!member || !member.active || member.passwordHash !== usable.passwordHash) return { kind: 'invalid' };
      if (rehash) updateMember(tx, member.id, { passwordHash: rehash });
      const { token, session } = this.sessions.startMemberSession(tx, member.id, ctx, now, ctx.sessionHash);
      this.audit(
        { action: 'auth.sign_in', actorId: member.id, subjectType: 'member', subjectId: member.id, ip: ctx.ip },
        now,
      );
      return { kind: 'signed_in', token, session, memberId: member.id, language: member.language };
    });
    if (result.kind === 'signed_in') this.limiter.forgetFailures(pair);
    return result;
  }

  /**
   * Counts a failed sign-in against the address and the (account, address) pair, audits it and,
   * when an existing account reaches LIMITS.signInFailuresPerAccount, tells its owner by e-mail.
   */
  private signInFailed(
    email: string,
    ip: string,
    pair: string,
    member: { id: number; email: string; name: string; language: Language } | null,
    ctx: ClientInfo,
  ): void {
    this.limiter.hit('signInPerAddress', ip);
    this.limiter.recordFailure(pair);
    this.limiter.hit('signInFailuresPerAccount', email);
    const failures = this.limiter.countOf('signInFailuresPerAccount', email);
    const warnOwner = member !== null && failures === LIMITS.signInFailuresPerAccount.max;
    const slowed = this.limiter.backoffWait(pair) > 0;
    const now = this.clock.now();
    immediate(this.db, (tx) => {
      const audit = (action: 'auth.sign_in_failed' | 'auth.sign_in_limited') =>
        this.audit(
          {
            action,
            subjectType: member ? 'member' : null,
            subjectId: member?.id ?? null,
            details: { email },
            ip: ctx.ip,
          },
          now,
        );
      audit('auth.sign_in_failed');
      if (slowed) audit('auth.sign_in_limited');
      if (warnOwner) {
        const mail = renderMail('sign-in-failures', member.language, {
          name: member.name,
          count: failures,
          link: `${this.options.baseUrl}/password/forgot`,
        });
        enqueueMail(tx, { kind: 'sign-in-failures', to: member.email, ...mail }, now);
      }
    });
    if (warnOwner) this.options.kickOutbox();
  }

  signOut(session: { tokenHash: string; memberId: number | null }, ctx: ClientInfo): void {
    const now = this.clock.now();
    immediate(this.db, (tx) => {
      this.sessions.endSession(tx, session.tokenHash);
      if (session.memberId !== null)
        this.audit(
          {
            action: 'auth.sign_out',
            actorId: session.memberId,
            subjectType: 'member',
            subjectId: session.memberId,
            ip: ctx.ip,
          },
          now,
        );
    });
  }

  // ---------------------------------------------------------------- tokens

  private createToken(tx: Db, kind: TokenKind, memberId: number, createdById: number | null, now: number): string {
    // A new link replaces the older unused ones of the same kind: only the latest works.
    voidAccountTokens(tx, memberId, now, kind);
    const token = newToken();
    insertAccountToken(tx, {
      kind,
      tokenHash: hashToken(token),
      memberId,
      createdById,
      createdAt: now,
      expiresAt: now + TOKEN_LIFETIME[kind],
    });
    return token;
  }

  /** The live token row (unused, unexpired, member active), inside the caller's transaction. */
  private liveToken(tx: Db, kind: TokenKind, token: string, now: number) {
    return liveAccountToken(tx, kind, hashToken(token), now);
  }

  private tokenLimited(ctx: ClientInfo): number {
    return this.limiter.blockedFor('tokenPerAddress', ctx.ip ?? 'unknown');
  }

  /** Who a link is for, when it is still good; counts bad links against the client address. */
  checkToken(kind: TokenKind, token: unknown, ctx: ClientInfo): TokenHolder | 'invalid' | { limited: number } {
    const wait = this.tokenLimited(ctx);
    if (wait > 0) return { limited: wait };
    const row = isTokenShape(token) ? this.liveToken(this.db, kind, token, this.clock.now()) : undefined;
    if (!row) {
      this.limiter.hit('tokenPerAddress', ctx.ip ?? 'unknown');
      return 'invalid';
    }
    return { memberId: row.memberId, email: row.email, name: row.name, language: row.language };
  }

  private link(path: string, token: string): string {
    return `${this.options.baseUrl}${path}/${token}`;
  }

  // ---------------------------------------------------------------- password reset

  /** Always answers "sent" for a well-formed address, whether an account exists or not. */
  requestPasswordReset(emailRaw: unknown, ctx: RequestContext): ResetRequestResult {
    const email = normaliseEmail(emailRaw);
    if (!email)
      return {
        kind: 'malformed',
        errors: { email: typeof emailRaw === 'string' && emailRaw.trim() !== '' ? 'invalid' : 'required' },
      };
    const wait = this.limiter.take([
      ['resetPerAddress', ctx.ip ?? 'unknown'],
      ['resetPerAccount', email],
    ]);
    if (wait > 0) return { kind: 'limited', retryAfterMs: wait };
    const now = this.clock.now();
    const queued = immediate(this.db, (tx) => {
      const found = memberByEmail(tx, email);
      const member = found?.active ? found : undefined;
      this.audit(
        {
          action: 'auth.password_reset_requested',
          subjectType: member ? 'member' : null,
          subjectId: member?.id ?? null,
          details: { email, known: !!member },
          ip: ctx.ip,
        },
        now,
      );
      if (!member) return false;
      const token = this.createToken(tx, 'password_reset', member.id, null, now);
      const mail = renderMail('password-reset', member.language, {
        name: member.name,
        link: this.link('/password/reset', token),
        minutes: TOKEN_LIFETIME.password_reset / 60_000,
      });
      enqueueMail(tx, { kind: 'password-reset', to: member.email, ...mail }, now);
      return true;
    });
    if (queued) this.options.kickOutbox();
    return { kind: 'sent' };
  }

  /** Sets a new password from a reset link; every session of the account ends. */
  async resetPassword(
    token: unknown,
    password: unknown,
    confirm: unknown,
    ctx: RequestContext,
  ): Promise<SetPasswordResult> {
    const wait = this.tokenLimited(ctx);
    if (wait > 0) return { kind: 'limited', retryAfterMs: wait };
    if (!isTokenShape(token)) return this.badToken(ctx);
    const errors = passwordErrors(password, confirm);
    if (Object.keys(errors).length > 0) {
      // A bad link is reported before password problems: there is no point fixing them.
      if (!this.liveToken(this.db, 'password_reset', token, this.clock.now())) return this.badToken(ctx);
      return { kind: 'problems', errors };
    }
    const hashed = await hashPassword(password as string);
    const now = this.clock.now();
    const result = immediate(this.db, (tx): SetPasswordResult => {
      const row = this.liveToken(tx, 'password_reset', token, now);
      if (!row) return { kind: 'invalid_token' };
      useAccountToken(tx, row.id, now);
      updateMember(tx, row.memberId, { passwordHash: hashed, updatedAt: now });
      const ended = this.sessions.endAllOf(tx, row.memberId);
      this.audit(
        {
          action: 'auth.password_reset',
          actorId: row.memberId,
          subjectType: 'member',
          subjectId: row.memberId,
          details: { sessionsEnded: ended },
          ip: ctx.ip,
        },
        now,
      );
      return { kind: 'done' };
    });
    return result.kind === 'invalid_token' ? this.badToken(ctx) : result;
  }

  private badToken(ctx: ClientInfo): { kind: 'invalid_token' } {
    this.limiter.hit('tokenPerAddress', ctx.ip ?? 'unknown');
    return { kind: 'invalid_token' };
  }

  // ---------------------------------------------------------------- invitations

  /**
   * Creates the account (no password yet) with its role and team, and mails a single-use
   * link. Inviting again an address whose invitation is still pending sends a new link and
   * voids the old one; an address with a working account is refused.
   */
  invite(actor: Actor | null, input: InviteInput, ctx: RequestContext): InviteResult {
    const errors: FieldErrors<'email' | 'name' | 'role' | 'organisationId' | 'language'> = {};
    const email = normaliseEmail(input.email);
    if (!email) errors.email = typeof input.email === 'string' && input.email.trim() !== '' ? 'invalid' : 'required';
    const name = cleanName(input.name);
    if (!name) errors.name = typeof input.name === 'string' && input.name.trim() !== '' ? 'invalid' : 'required';
    const role = input.role === undefined || input.role === '' ? 'member' : input.role;
    if (!(ROLES as readonly unknown[]).includes(role)) errors.role = 'invalid';
    const language = input.language === undefined || input.language === '' ? 'fr' : input.language;
    if (!isLanguage(language)) errors.language = 'invalid';
    let organisationId: number | null = null;
    if (input.organisationId !== undefined && input.organisationId !== '') {
      organisationId =
        typeof input.organisationId === 'number'
          ? input.organisationId
          : /^\d{1,9}$/.test(String(input.organisationId))
            ? Number(input.organisationId)
            : NaN;
      if (Number.isNaN(organisationId)) errors.organisationId = 'invalid';
    }
    const asLead = input.asLead === true || input.asLead === 'on' || input.asLead === '1' || input.asLead === 'true';
    if (asLead && organisationId === null && !errors.organisationId) errors.organisationId = 'required';
    // Permission first on what can be read from the form: a lead may only invite members to a team they lead.
    authorize(actor, 'member.invite', {
      organisationId: Number.isNaN(organisationId) ? null : organisationId,
      role: (errors.role ? 'admin' : role) as Role,
      asLead,
    });
    if (Object.keys(errors).length > 0) return { kind: 'problems', errors };

    const wait =
      this.limiter.blockedFor('invitePerAccount', String(actor.id)) ||
      this.limiter.blockedFor('invitePerAddress', ctx.ip ?? 'unknown') ||
      this.limiter.blockedFor('invitePerInvitee', email!);
    if (wait > 0) return { kind: 'limited', retryAfterMs: wait };

    const now = this.clock.now();
    const result = immediate(this.db, (tx): InviteResult => {
      let organisationName: string | null = null;
      if (organisationId !== null) {
        const org = organisationById(tx, organisationId);
        if (!org) return { kind: 'problems', errors: { organisationId: 'invalid' } };
        organisationName = org.name;
      }
      const existing = memberByEmail(tx, email!);
      if (existing && (existing.passwordHash !== null || !existing.active))
        return { kind: 'problems', errors: { email: 'taken' } };
      let memberId: number;
      if (existing) {
        memberId = existing.id;
        // A lead may re-send a pending invitation to their team, but not change who it is for.
        if (actor.role === 'admin')
          updateMember(tx, memberId, {
            name: name!,
            role: role as Role,
            language: language as Language,
            updatedAt: now,
          });
      } else {
        memberId = insertMember(tx, {
          email: email!,
          name: name!,
          role: role as Role,
          language: language as Language,
          passwordHash: null,
          createdAt: now,
          updatedAt: now,
        });
      }
      if (organisationId !== null) {
        putMembership(tx, { memberId, organisationId, isLead: asLead });
      }
      const invitee = this.queueInvitation(tx, memberId, actor.id, organisationName, now);
      this.audit(
        {
          action: 'member.invited',
          actorId: actor.id,
          subjectType: 'member',
          subjectId: memberId,
          details: { email: invitee.email, role: invitee.role, organisationId, asLead, resent: !!existing },
          ip: ctx.ip,
        },
        now,
      );
      return { kind: 'sent', memberId, resent: !!existing };
    });
    if (result.kind === 'sent') {
      this.limiter.hit('invitePerAccount', String(actor.id));
      this.limiter.hit('invitePerAddress', ctx.ip ?? 'unknown');
      this.limiter.hit('invitePerInvitee', email!);
      this.options.kickOutbox();
    }
    return result;
  }

  /** A new single-use invitation link for `memberId`, mailed through the outbox; returns the invitee. */
  private queueInvitation(
    tx: Db,
    memberId: number,
    inviterId: number | null,
    organisation: string | null,
    now: number,
  ) {
    const token = this.createToken(tx, 'invitation', memberId, inviterId, now);
    const invitee = memberById(tx, memberId)!;
    const inviter = inviterId === null ? undefined : memberById(tx, inviterId);
    const mail = renderMail('invitation', invitee.language, {
      name: invitee.name,
      inviter: inviter?.name ?? '',
      organisation: organisation ?? '',
      link: this.link('/invitation', token),
      days: TOKEN_LIFETIME.invitation / (24 * HOUR),
    });
    enqueueMail(tx, { kind: 'invitation', to: invitee.email, ...mail }, now);
    return invitee;
  }

  /**
   * The first admin of a new installation, invited from the command line: refused once an
   * admin who can sign in exists, so the command cannot hand out the keys of a running site.
   */
  inviteFirstAdmin(input: { email: unknown; name: unknown; language: unknown }): FirstAdminResult {
    const errors: FieldErrors<'email' | 'name' | 'language'> = {};
    const email = normaliseEmail(input.email);
    if (!email) errors.email = typeof input.email === 'string' && input.email.trim() !== '' ? 'invalid' : 'required';
    const name = cleanName(input.name);
    if (!name) errors.name = typeof input.name === 'string' && input.name.trim() !== '' ? 'invalid' : 'required';
    const language = input.language === undefined || input.language === '' ? 'fr' : input.language;
    if (!isLanguage(language)) errors.language = 'invalid';
    if (Object.keys(errors).length > 0) return { kind: 'problems', errors };
    const now = this.clock.now();
    const result = immediate(this.db, (tx): FirstAdminResult => {
      if (hasWorkingAdmin(tx)) return { kind: 'admin_exists' };
      const existing = memberByEmail(tx, email!);
      if (existing && existing.passwordHash !== null) return { kind: 'problems', errors: { email: 'taken' } };
      const fields = {
        name: name!,
        role: 'admin' as const,
        language: language as Language,
        active: true,
        updatedAt: now,
      };
      const memberId = existing
        ? (updateMember(tx, existing.id, fields), existing.id)
        : insertMember(tx, { ...fields, email: email!, passwordHash: null, createdAt: now });
      this.queueInvitation(tx, memberId, null, null, now);
      this.audit(
        {
          action: 'member.invited',
          actorId: null,
          subjectType: 'member',
          subjectId: memberId,
          details: { email, role: 'admin', organisationId: null, asLead: false, resent: !!existing },
          ip: null,
        },
        now,
      );
      return { kind: 'sent', memberId };
    });
    if (result.kind === 'sent') this.options.kickOutbox();
    return result;
  }

  /** Accepting an invitation: name and password chosen, link used, signed in. */
  async acceptInvitation(
    token: unknown,
    input: { name: unknown; password: unknown; confirm: unknown },
    ctx: RequestContext,
  ): Promise<SetPasswordResult<{ token: string; session: CurrentSession; language: Language }>> {
    const wait = this.tokenLimited(ctx);
    if (wait > 0) return { kind: 'limited', retryAfterMs: wait };
    if (!isTokenShape(token)) return this.badToken(ctx);
    const errors: FieldErrors<'password' | 'confirm' | 'name'> = passwordErrors(input.password, input.confirm);
    const name = cleanName(input.name);
    if (!name) errors.name = typeof input.name === 'string' && input.name.trim() !== '' ? 'invalid' : 'required';
    if (Object.keys(errors).length > 0) {
      if (!this.liveToken(this.db, 'invitation', token, this.clock.now())) return this.badToken(ctx);
      return { kind: 'problems', errors };
    }
    const hashed = await hashPassword(input.password as string);
    const now = this.clock.now();
    const result = immediate(
      this.db,
      (tx): SetPasswordResult<{ token: string; session: CurrentSession; language: Language }> => {
        const row = this.liveToken(tx, 'invitation', token, now);
        if (!row) return { kind: 'invalid_token' };
        useAccountToken(tx, row.id, now);
        updateMember(tx, row.memberId, { name: name!, passwordHash: hashed, updatedAt: now });
        const started = this.sessions.startMemberSession(tx, row.memberId, ctx, now, ctx.sessionHash);
        this.audit(
          {
            action: 'member.invitation_accepted',
            actorId: row.memberId,
            subjectType: 'member',
            subjectId: row.memberId,
            ip: ctx.ip,
          },
          now,
        );
        return { kind: 'done', token: started.token, session: started.session, language: row.language };
      },
    );
    return result.kind === 'invalid_token' ? this.badToken(ctx) : result;
  }

  // ---------------------------------------------------------------- profile

  profile(actor: Actor | null): MemberDetail {
    authorize(actor, 'profile.edit', { id: actor?.id ?? -1, organisationIds: [] });
    return this.loadDetail(actor.id)!;
  }

  updateProfile(
    actor: Actor | null,
    input: ProfileInput,
    ctx: ClientInfo,
  ): { kind: 'saved' } | { kind: 'problems'; errors: FieldErrors<'name' | 'language' | 'accessNeeds'> } {
    authorize(actor, 'profile.edit', { id: actor?.id ?? -1, organisationIds: actor?.organisationIds ?? [] });
    const errors: FieldErrors<'name' | 'language' | 'accessNeeds'> = {};
    const name = cleanName(input.name);
    if (!name) errors.name = typeof input.name === 'string' && input.name.trim() !== '' ? 'invalid' : 'required';
    if (!isLanguage(input.language)) errors.language = 'invalid';
    const needs = asList(input.accessNeeds);
    if (!needs.every((n) => (ACCESS_NEEDS as readonly unknown[]).includes(n))) errors.accessNeeds = 'invalid';
    if (Object.keys(errors).length > 0) return { kind: 'problems', errors };
    const now = this.clock.now();
    const accessNeeds = ACCESS_NEEDS.filter((n) => needs.includes(n));
    immediate(this.db, (tx) => {
      updateMember(tx, actor.id, { name: name!, language: input.language as Language, accessNeeds, updatedAt: now });
      this.audit(
        {
          action: 'member.profile_changed',
          actorId: actor.id,
          subjectType: 'member',
          subjectId: actor.id,
          details: { language: input.language, accessNeeds },
          ip: ctx.ip,
        },
        now,
      );
    });
    return { kind: 'saved' };
  }

  /** The language switch of a signed-in member changes their profile language. */
  setLanguage(actor: Actor | null, language: Language): void {
    authorize(actor, 'profile.edit', { id: actor?.id ?? -1, organisationIds: [] });
    updateMember(this.db, actor.id, { language, updatedAt: this.clock.now() });
  }

  // ---------------------------------------------------------------- administration

  search(actor: Actor | null, filter: MemberSearch): { members: MemberSummary[]; hasMore: boolean } {
    authorize(actor, 'member.list');
    const page = Math.max(1, filter.page ?? 1);
    const rows = searchMembers(this.db, {
      text: filter.q?.trim(),
      role: filter.role,
      status: filter.status,
      limit: MEMBER_PAGE_SIZE + 1,
      offset: (page - 1) * MEMBER_PAGE_SIZE,
    });
    const shown = rows.slice(0, MEMBER_PAGE_SIZE);
    const orgs = this.organisationsOf(shown.map((m) => m.id));
    return {
      members: shown.map((m) => ({
        id: m.id,
        email: m.email,
        name: m.name,
        role: m.role,
        language: m.language,
        active: m.active,
        pending: m.passwordHash === null,
        organisations: orgs.get(m.id) ?? [],
      })),
      hasMore: rows.length > MEMBER_PAGE_SIZE,
    };
  }

  private organisationsOf(memberIds: number[]): Map<number, MemberSummary['organisations']> {
    const map = new Map<number, MemberSummary['organisations']>();
    if (memberIds.length === 0) return map;
    const rows = teamsOf(this.db, memberIds);
    for (const r of rows)
      map.set(r.memberId, [...(map.get(r.memberId) ?? []), { id: r.id, name: r.name, isLead: r.isLead }]);
    return map;
  }

  private loadDetail(id: number, tx: Db = this.db): MemberDetail | undefined {
    const m = memberById(tx, id);
    if (!m) return undefined;
    const ind = inductionsOf(tx, id);
    return {
      id: m.id,
      email: m.email,
      name: m.name,
      role: m.role,
      language: m.language,
      active: m.active,
      pending: m.passwordHash === null,
      organisations: this.organisationsOf([m.id]).get(m.id) ?? [],
      accessNeeds: m.accessNeeds,
      createdAt: m.createdAt,
      deactivatedAt: m.deactivatedAt,
      inductions: ind,
    };
  }

  /** One member as staff (or their lead) see them; anyone else gets "not found". */
  member(actor: Actor | null, id: number): MemberDetail {
    const detail = this.loadDetail(id);
    authorize(actor, 'member.view', { id, organisationIds: detail?.organisations.map((o) => o.id) ?? [] });
    if (!detail) throw new NotFound();
    return detail;
  }

  /** Loads the member inside the transaction and checks `action` on them; missing = not found. */
  private subject(
    tx: Db,
    actor: Actor | null,
    id: number,
    action: 'member.setRole' | 'member.deactivate' | 'member.recordInduction',
  ) {
    const m = memberById(tx, id);
    const orgIds = teamsOf(tx, [id]).map((team) => team.id);
    authorize(actor, action, { id, organisationIds: orgIds });
    if (!m) throw new NotFound();
    return { member: m, actor };
  }

  setRole(
    actor: Actor | null,
    id: number,
    role: unknown,
    ctx: ClientInfo,
  ): { kind: 'saved' } | { kind: 'problems'; errors: FieldErrors<'role'> } {
    const now = this.clock.now();
    return immediate(this.db, (tx) => {
      const { member, actor: a } = this.subject(tx, actor, id, 'member.setRole');
      if (!(ROLES as readonly unknown[]).includes(role))
        return { kind: 'problems' as const, errors: { role: 'invalid' } };
      if (member.role !== role) {
        updateMember(tx, id, { role: role as Role, updatedAt: now });
        this.audit(
          {
            action: 'member.role_changed',
            actorId: a.id,
            subjectType: 'member',
            subjectId: id,
            details: { from: member.role, to: role },
            ip: ctx.ip,
          },
          now,
        );
      }
      return { kind: 'saved' as const };
    });
  }

  /**
   * Deactivates an account: its sessions end at once, its pending links and its calendar feed
   * links stop working (revoked, so a later reactivation does not bring old links back).
   */
  deactivate(actor: Actor | null, id: number, ctx: ClientInfo): void {
    const now = this.clock.now();
    immediate(this.db, (tx) => {
      const { member, actor: a } = this.subject(tx, actor, id, 'member.deactivate');
      if (!member.active) return;
      updateMember(tx, id, { active: false, deactivatedAt: now, updatedAt: now });
      const ended = this.sessions.endAllOf(tx, id);
      voidAccountTokens(tx, id, now);
      const feedsRevoked = revokeFeedTokens(tx, id, now);
      const bookingsCancelled = this.options.onDeactivated?.(tx, id, a.id, now) ?? 0;
      this.audit(
        {
          action: 'member.deactivated',
          actorId: a.id,
          subjectType: 'member',
          subjectId: id,
          details: { sessionsEnded: ended, bookingsCancelled, feedsRevoked },
          ip: ctx.ip,
        },
        now,
      );
    });
  }

  reactivate(actor: Actor | null, id: number, ctx: ClientInfo): void {
    const now = this.clock.now();
    immediate(this.db, (tx) => {
      const { member, actor: a } = this.subject(tx, actor, id, 'member.deactivate');
      if (member.active) return;
      updateMember(tx, id, { active: true, deactivatedAt: null, updatedAt: now });
      this.audit(
        { action: 'member.reactivated', actorId: a.id, subjectType: 'member', subjectId: id, ip: ctx.ip },
        now,
      );
    });
  }

  recordInduction(
    actor: Actor | null,
    id: number,
    kind: unknown,
    ctx: ClientInfo,
  ): { kind: 'saved' } | { kind: 'problems'; errors: FieldErrors<'induction'> } {
    const now = this.clock.now();
    return immediate(this.db, (tx) => {
      const { actor: a } = this.subject(tx, actor, id, 'member.recordInduction');
      if (!(INDUCTION_KINDS as readonly unknown[]).includes(kind))
        return { kind: 'problems' as const, errors: { induction: 'invalid' } };
      const added = addInduction(tx, {
        memberId: id,
        resourceKind: kind as InductionKind,
        recordedById: a.id,
        recordedAt: now,
      });
      if (added)
        this.audit(
          {
            action: 'member.induction_recorded',
            actorId: a.id,
            subjectType: 'member',
            subjectId: id,
            details: { kind },
            ip: ctx.ip,
          },
          now,
        );
      return { kind: 'saved' as const };
    });
  }

  removeInduction(actor: Actor | null, id: number, kind: unknown, ctx: ClientInfo): void {
    const now = this.clock.now();
    immediate(this.db, (tx) => {
      const { actor: a } = this.subject(tx, actor, id, 'member.recordInduction');
      if (!(INDUCTION_KINDS as readonly unknown[]).includes(kind)) throw new NotFound();
      if (removeInduction(tx, id, kind as InductionKind))
        this.audit(
          {
            action: 'member.induction_removed',
            actorId: a.id,
            subjectType: 'member',
            subjectId: id,
            details: { kind },
            ip: ctx.ip,
          },
          now,
        );
    });
  }
}
