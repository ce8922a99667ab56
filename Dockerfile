# One image for web, worker, migrations, `npm run setup` and (demo only) the emulator; docker-compose.yml picks
# the command. Development tools stay in the image: migrations and setup run through tsx.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npx next build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY --from=build /app /app
# The media volume mounts here; a named volume takes this folder's owner, so the app (user node) can write.
RUN mkdir -p /data/media && chown node:node /data/media
USER node
EXPOSE 3000
CMD ["node_modules/.bin/next", "start", "-p", "3000"]
