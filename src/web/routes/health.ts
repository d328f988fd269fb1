// GET /healthz: the process answers and the database reads. Used by monitors and the
// benchmark's baseline (no template, no session).
import type { FastifyInstance } from 'fastify';

export default async function healthRoutes(app: FastifyInstance) {
  const probe = app.deps.db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations');
  app.get('/healthz', async (request, reply) => {
    try {
      const { n } = probe.get() as { n: number };
      return { status: 'ok', migrations: n };
    } catch (err) {
      request.log.error({ err }, 'health check failed');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
}
