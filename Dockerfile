# Build: docker build -t zoho-crm-camel .
# Sandbox: docker run -p 8080:8080 -p 8081:8081 -p 9876:9876 -p 61616:61616 -v zoho-data:/data zoho-crm-camel
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY config config
COPY routes routes
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /app zoho && mkdir -p /app /data && chown zoho /data
WORKDIR /app
COPY --from=build /src/target/zoho-crm-camel.jar /app/zoho-crm-camel.jar
COPY config /app/config
COPY routes /app/routes
USER zoho
# everything the runtime writes: folders, job store, broker journal, generated secrets
VOLUME /data
# in a container every port must listen on the container's interface to be published
ENV DATA_DIR=/data \
    BROKER_URL=tcp://0.0.0.0:61616 \
    HTTP_BIND_ADDRESS=0.0.0.0 \
    HAWTIO_BIND_ADDRESS=0.0.0.0 \
    MANAGEMENT_BIND_ADDRESS=0.0.0.0 \
    JAVA_OPTS="-Xms224m -Xmx224m -XX:+AlwaysPreTouch -XX:+UseSerialGC"
EXPOSE 8080 8081 9876 61616
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
  CMD curl -fsS http://127.0.0.1:9876/observe/health || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/zoho-crm-camel.jar"]
