# rollout-sim as a container image, for sweeps sharded over a Kubernetes Indexed Job
# (docs/sweep-on-kubernetes.md). rollout-sim is not on the npm registry: the image is built from
# this checkout, with the dependency versions of its package-lock.json.
#   docker build -t REGISTRY/rollout-sim:$(git rev-parse --short HEAD) .

# Build: the compiled, bundled CLI (npm run build).
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build

# Run: the runtime dependencies from the lock file, and what the package ships (package.json
# "files"); `simulate` on the PATH.
FROM node:20-slim
WORKDIR /opt/rollout-sim
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && rm -rf /root/.npm
COPY --from=build /src/bin ./bin
COPY --from=build /src/dist ./dist
COPY scenarios ./scenarios
COPY lessons ./lessons
COPY examples ./examples
COPY schema ./schema
RUN ln -s /opt/rollout-sim/bin/simulate.js /usr/local/bin/simulate
USER node
WORKDIR /home/node
ENTRYPOINT ["simulate"]
