# One image for every service of the hub; docker-compose.yml picks the entry point per container.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# The contract, the kit and the demo data are npm workspaces (@zjjt/contract, @zjjt/kit, @zjjt/demo): npm ci needs their package.json to link them.
COPY contract/package.json contract/package.json
COPY subgraphs/kit/package.json subgraphs/kit/package.json
COPY demo/package.json demo/package.json
RUN npm ci --no-fund --no-audit
COPY tsconfig.json ./
COPY contract contract
COPY gateway gateway
COPY subgraphs subgraphs
COPY scripts scripts
COPY demo demo
COPY bot bot
COPY bench bench
COPY schema schema
COPY web web
# The code and the pages (web/<app> bundled into dist/web/<app>, served when switched on, e.g. EXPLORER=on).
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production APOLLO_TELEMETRY_DISABLED=1 HOST=0.0.0.0
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build /app/schema schema
# node_modules/@zjjt/contract and @zjjt/kit link to contract and subgraphs/kit, which serve their compiled dist/.
COPY --from=build /app/contract/package.json contract/package.json
COPY --from=build /app/contract/dist contract/dist
COPY --from=build /app/subgraphs/kit/package.json subgraphs/kit/package.json
COPY --from=build /app/subgraphs/kit/dist subgraphs/kit/dist
# node_modules/@zjjt/demo links to demo/ (dist/), which the seed (dist/scripts/seed.js) reads.
COPY --from=build /app/demo/package.json demo/package.json
COPY --from=build /app/demo/dist demo/dist
COPY --from=build /app/subgraphs/statistics/templates subgraphs/statistics/templates
COPY package.json ./
# The upload folder the statistics subgraph writes provincial reports to (a volume in compose), and
# DATA_DIR (data/), where bases keeps uploads while it imports them (data/tmp/bases).
RUN mkdir -p /var/lib/zjjt/outbox /app/data && chown node /var/lib/zjjt/outbox /app/data
USER node
