# syntax=docker/dockerfile:1
# Media Jobs: one image for the API and the Temporal worker (docker-compose.yml runs it twice).
#   API:    docker run ... media-jobs                                  (SPRING_PROFILES_ACTIVE unset)
#   worker: docker run -e SPRING_PROFILES_ACTIVE=worker ... media-jobs (no web server, polls the job task queue)
# Build: docker build -t media-jobs .   (needs BuildKit, the default builder of current Docker releases)

# ---- build --------------------------------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies live in a BuildKit cache mount, so a rebuild after a source change downloads nothing.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY activities activities
COPY workflows workflows
COPY api api
# Tests need the real services (PostgreSQL, Temporal, FFmpeg, Whisper weights) that scripts/test starts; CI runs them.
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw && ./mvnw -B -ntp -DskipTests package \
    && cp api/target/media-jobs.jar /media-jobs.jar

# ---- whisper.cpp --------------------------------------------------------------------------------------------------
# whisper.cpp 1.7.1 with ggml's tiled matrix kernels (scripts/whisper-native; ~1.6x faster subtitles than
# whisper-jni's bundled build). Portable AVX2 flags: the image runs on other machines than the one that built it.
# Other architectures get an empty directory and keep whisper-jni's build.
# Built on the runtime's own base image, so the library needs no newer C library than the runtime has.
FROM eclipse-temurin:17-jre AS whisper-native
ARG TARGETARCH
RUN set -eux; if [ "${TARGETARCH:-amd64}" = "amd64" ]; then apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates curl python3 cmake \
        ninja-build g++ binutils; rm -rf /var/lib/apt/lists/*; fi
COPY scripts/lib.sh scripts/whisper-native scripts/whisper-native-check.cpp /src/scripts/
RUN set -eux; mkdir -p /opt/whisper; \
    if [ "${TARGETARCH:-amd64}" = "amd64" ]; then \
      lib="$(MEDIAJOBS_CACHE=/tmp/cache WHISPER_NATIVE_CPU=portable /src/scripts/whisper-native)"; \
      cp "$(dirname "$lib")"/* /opt/whisper/; \
    fi

# ---- runtime ------------------------------------------------------------------------------------------------------
# Ubuntu-based JRE: glibc, which the bundled native code needs (bytedeco's ffmpeg/ffprobe binaries, whisper-jni).
FROM eclipse-temurin:17-jre
ARG TARGETARCH
# FFmpeg: the jar bundles bytedeco's ffmpeg/ffprobe for linux-x86_64 (the version the tests run against), extracted
# on first use to ~/.javacpp/cache. Other architectures get the distribution's ffmpeg, found on PATH.
# curl serves the health check.
RUN set -eux; \
    apt-get update; \
    pkgs="curl libgomp1"; \
    if [ "${TARGETARCH:-amd64}" != "amd64" ]; then pkgs="$pkgs ffmpeg"; fi; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $pkgs; \
    rm -rf /var/lib/apt/lists/*; \
    groupadd --system --gid 10001 mediajobs; \
    useradd --system --uid 10001 --gid mediajobs --create-home --home-dir /home/mediajobs mediajobs; \
    mkdir -p /var/lib/media-jobs/uploads /var/lib/media-jobs/models; \
    chown -R mediajobs:mediajobs /var/lib/media-jobs

WORKDIR /app
COPY --from=build /media-jobs.jar /app/media-jobs.jar
COPY --from=whisper-native /opt/whisper /opt/whisper

# Everything else (DATABASE_URL, TEMPORAL_ADDRESS, JWT_ISSUER_URI, ...) comes from the environment: see
# api/src/main/resources/application.yml and .env.example.
ENV DATA_DIR=/var/lib/media-jobs \
    STORAGE_ROOT=/var/lib/media-jobs/uploads \
    WHISPER_MODEL=/var/lib/media-jobs/models/ggml-tiny.en.bin \
    PORT=8080 \
    GOMP_SPINCOUNT=3000 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

USER mediajobs
EXPOSE 8080

# The worker profile has no web server: its compose service disables this check.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=5 \
    CMD curl -fsS "http://localhost:${PORT}/actuator/health" || exit 1

# exec: the JVM is PID 1 and gets SIGTERM directly (graceful shutdown drains requests and running activities).
# WHISPER_LIBRARY: the whisper.cpp built above (amd64) on a CPU with the AVX2, FMA and F16C it was built for, unless
# the environment chooses; otherwise whisper-jni's, which picks its variant at run time.
ENTRYPOINT ["sh", "-c", "if [ -z \"$WHISPER_LIBRARY\" ] && [ -f /opt/whisper/libwhisper.so.1 ] && grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo && grep -qw f16c /proc/cpuinfo; then export WHISPER_LIBRARY=/opt/whisper/libwhisper.so.1; fi; exec java $JAVA_OPTS -jar /app/media-jobs.jar \"$@\"", "media-jobs"]
