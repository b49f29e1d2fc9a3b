# One image per service: docker build --build-arg SERVICE=command-service . (docker-compose.yml does this)
FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /src
COPY pom.xml .
COPY shared-events shared-events
COPY command-service command-service
COPY query-service query-service
# only this service and what it needs (the simulator module is not copied)
RUN mvn -q -B -DskipTests -pl ${SERVICE} -am package

FROM eclipse-temurin:17-jre
ARG SERVICE
WORKDIR /app
COPY --from=build /src/${SERVICE}/target/${SERVICE}-*-exec.jar /app/app.jar
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true \
    TZ=Asia/Ho_Chi_Minh
ENTRYPOINT ["java", "-Ddisable-axoniq-console-message=true", "-Daxoniq.update-checker.disabled=true", \
            "-Dfile.encoding=UTF-8", "-XX:MaxRAMPercentage=70", "-jar", "/app/app.jar"]
