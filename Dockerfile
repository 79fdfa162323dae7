# rollout-sim as a container image, for sweeps sharded over a Kubernetes Indexed Job
# (docs/sweep-on-kubernetes.md). rollout-sim is not on the npm registry: the image is built from
# this checkout, as the package `npm pack` makes of it, so it holds exactly what a user's install does.
#   docker build -t REGISTRY/rollout-sim:$(git rev-parse --short HEAD) .

# Build: the compiled, bundled CLI (npm run build), packed with the scenarios and lessons.
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build && mkdir /pkg && npm pack --ignore-scripts --pack-destination /pkg

# Run: the package installed globally with its runtime dependencies only; `simulate` on the PATH.
FROM node:20-slim
COPY --from=build /pkg/ /pkg/
RUN npm install --global --ignore-scripts /pkg/rollout-sim-*.tgz && rm -rf /pkg /root/.npm
USER node
WORKDIR /home/node
ENTRYPOINT ["simulate"]
