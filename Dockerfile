# syntax=docker/dockerfile:1
#
# The service's image (the default, last target) and the Adobe emulator that docker-compose.yml
# runs beside it (target "emulator"):
#
#   docker build -t aep-export-facade .
#   docker build --target emulator -t aep-export-facade-emulator .
#
# .ci/dockerfile-recipe reads this file and carries out its stages without Docker on every CI
# run: it builds both targets, starts the emulator and the service with their WORKDIR, ENV, USER,
# ENTRYPOINT and HEALTHCHECK, and stops the service with SIGTERM. So keep to what it understands:
# one instruction per line (continued with \), ENTRYPOINT/CMD/HEALTHCHECK in exec form, and RUN
# commands that only build the project with paths relative to their WORKDIR.

# Pin these to digests (image@sha256:…) in your registry for reproducible builds.
ARG JDK_IMAGE=eclipse-temurin:21-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:21-jre-noble

# ---------------------------------------------------------------------------------------------
# build: the fat jar, packaged with the Maven wrapper, split into Spring Boot's layers.
FROM ${JDK_IMAGE} AS build
WORKDIR /workspace
COPY mvnw pom.xml lombok.config ./
COPY .mvn/ .mvn/
COPY src/ src/
# The cache mount keeps ~/.m2 between builds; the tests ran in CI already.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -Dmaven.test.skip=true package \
    && cp target/aep-export-facade-*.jar target/application.jar
# One directory per layer; each is copied by its own COPY below, so a change to our code
# rebuilds only the last, small layer of the image.
RUN java -Djarmode=tools -jar target/application.jar extract --layers --launcher --destination target/extracted

# ---------------------------------------------------------------------------------------------
# emulator-build: the stateful Adobe emulator is test code (src/test/java/.../emulator); it runs
# from the test classes and the test-scope dependencies, never from the production jar.
FROM build AS emulator-build
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -DskipTests test-compile dependency:copy-dependencies \
    -DincludeScope=test -DexcludeGroupIds=com.marcnuri.helm-java -Dmdep.prependGroupId=true \
    -DoutputDirectory=target/emulator-lib

# ---------------------------------------------------------------------------------------------
# emulator: Adobe IMS, Flow Service, Data Prep, Profile and Identity as the tests know them, on
# port 8099, for people without an Adobe account (docker-compose.yml). Not for production.
FROM ${JRE_IMAGE} AS emulator
WORKDIR /emulator
COPY --from=emulator-build /workspace/target/emulator-lib/ lib/
COPY --from=emulator-build /workspace/target/classes/ classes/
COPY --from=emulator-build /workspace/target/test-classes/ test-classes/
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
EXPOSE 8099
# bash's /dev/tcp: the base image's curl and wget come and go between releases. On another
# port, say so twice: docker run -e EMULATOR_PORT=9000 aep-export-facade-emulator 9000
HEALTHCHECK --interval=5s --timeout=3s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${EMULATOR_PORT:-8099} && printf 'GET /__admin/health HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "-cp", "test-classes:classes:lib/*", "com.acme.aepexport.TestAepExportFacadeApplication", "emulator"]
CMD ["8099"]

# ---------------------------------------------------------------------------------------------
# The service (default target): a JRE, the four layers, a user that is not root.
FROM ${JRE_IMAGE} AS runtime
WORKDIR /application
COPY --from=build /workspace/target/extracted/dependencies/ ./
COPY --from=build /workspace/target/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/target/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/target/extracted/application/ ./
# The heap follows the container's memory limit: 55 % of it, because the rest of the JVM (classes,
# compiled code, threads, its own allocations) held about 350 MiB in the benchmark
# (ServiceAloneBenchmark prints it), and with 75 % of the chart's 1 GiB the heap at its maximum
# and that rest would pass the limit, and the pod be killed. An OutOfMemoryError ends the JVM, so
# the orchestrator restarts it instead of leaving a half-working instance (its exports are taken
# over by another instance after exports.workers.heartbeat-interval × missed-heartbeats).
# Serial is the collector the JVM picks by itself in the chart's 1 GiB pod (no "server-class
# machine"); naming it keeps that choice on any node and any limit, and makes the benchmark,
# which reads these options, measure the pauses the pod serves (README, "Performance").
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=55 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
# A numeric user (no passwd entry needed) so Kubernetes can check runAsNonRoot; the files
# above stay root's and read-only to it.
USER 10001:10001
# The API (server.port), and the actuator on a port of its own (management.server.port):
# health, info and metrics, for the orchestrator and Prometheus, never for the API's callers.
EXPOSE 8080 8081
# Readiness (the database included) answers 200 when UP and 503 otherwise. bash's /dev/tcp, not
# curl or wget: the JRE base image does not promise either.
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-8081} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# exec form: java is PID 1 and gets SIGTERM itself (server.shutdown: graceful).
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
