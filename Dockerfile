# syntax=docker/dockerfile:1
# The dashboard as a container image: Next's standalone server (`node server.js`), run as the
# image's unprivileged `node` user. See README "Deploying". Settings come from the environment
# at run time; nothing secret is read at build time. Node 24: the current LTS (package.json's
# `engines` lists the versions the app supports).

FROM node:24-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS builder
COPY . .
# Standalone output (NEXT_OUTPUT_STANDALONE=1 in next.config.mjs): server.js and only the
# node_modules files the server traces to, with the static files copied next to it.
RUN npm run build:standalone

# The Talkover simulator, for `docker compose --profile demo` only: TypeScript run with tsx (a
# dev dependency), so it starts from the dependency stage, not the slim runtime below.
FROM deps AS simulator
COPY tsconfig.json ./
COPY lib/paths.ts ./lib/paths.ts
COPY simulator ./simulator
USER node
CMD ["node_modules/.bin/tsx", "simulator/main.ts"]

FROM node:24-bookworm-slim AS runner
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0
# The code stays root-owned (read-only to the server); only Next's cache folder and data/ (the
# embedded SQLite database, when DATABASE_URL is unset: mount a volume there) are writable.
COPY --from=builder /app/.next/standalone ./
COPY --from=builder /app/.next/static ./.next/static
RUN mkdir -p .next/cache data && chown node:node .next/cache data
USER node
EXPOSE 3000
# Liveness only: /api/health never calls Talkover, so a Talkover outage does not restart the app.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
