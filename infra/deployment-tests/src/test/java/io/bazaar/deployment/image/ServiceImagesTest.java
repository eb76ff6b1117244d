package io.bazaar.deployment.image;

import java.nio.file.Files;
import java.util.List;

import io.bazaar.deployment.ApplicationSettings;
import io.bazaar.deployment.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service's Dockerfile builds the layered image the platform expects; the checks
 * catch a Dockerfile that does not.
 */
class ServiceImagesTest {

	static final List<String> SERVICES = Repository.SERVICES;

	@ParameterizedTest(name = "{0}")
	@FieldSource("SERVICES")
	void dockerfileBuildsALayeredNonRootJava25Image(String service) {
		Dockerfile dockerfile = Dockerfile.parse(Repository.read(service + "/Dockerfile"));
		assertThat(ImageChecks.violations(service, ApplicationSettings.of(service).port(), dockerfile)).isEmpty();
		assertThat(dockerfile.last().arguments("USER")).containsExactly("10001:10001");
	}

	@Test
	void theHealthcheckScriptTheImagesCopyIsExecutable() {
		assertThat(Files.isExecutable(Repository.resolve("infra/deploy/container/healthcheck"))).isTrue();
	}

	@Test
	void flagsASingleStageRootImage() {
		Dockerfile dockerfile = Dockerfile.parse("""
				FROM eclipse-temurin:25-jre
				COPY target/app.jar /app.jar
				ENTRYPOINT ["java", "-jar", "/app.jar"]
				""");
		assertThat(ImageChecks.violations("gateway", 8080, dockerfile))
			.containsExactly("gateway/Dockerfile: expected a multi-stage build (build stage, then runtime stage)");
	}

	@Test
	void flagsEveryMissingPieceOfTheRuntimeStage() {
		Dockerfile dockerfile = Dockerfile.parse("""
				# a comment
				FROM eclipse-temurin:25-jdk AS build
				RUN ./mvnw -B -pl other -am package \\
				    && java -jar app.jar
				FROM eclipse-temurin:21-jre
				COPY --from=build /layers/application/ ./
				COPY --from=build /layers/dependencies/ ./
				USER root
				ENV JAVA_TOOL_OPTIONS="-Xmx512m"
				EXPOSE 9000
				ENTRYPOINT ["java", "-jar", "app.jar"]
				""");
		assertThat(ImageChecks.violations("gateway", 8080, dockerfile)).containsExactlyInAnyOrder(
				"gateway/Dockerfile: the build stage does not package the module with -pl gateway -am",
				"gateway/Dockerfile: the build stage does not extract the layered jar (java -Djarmode=tools -jar ... extract --layers --launcher)",
				"gateway/Dockerfile: runs on eclipse-temurin:21-jre, expected eclipse-temurin:25-jre",
				"gateway/Dockerfile: copies layers [application, dependencies], expected [dependencies, spring-boot-loader, snapshot-dependencies, application] in that order",
				"gateway/Dockerfile: runs as root, expected a non-root user",
				"gateway/Dockerfile: JAVA_TOOL_OPTIONS lacks -XX:MaxRAMPercentage=",
				"gateway/Dockerfile: JAVA_TOOL_OPTIONS lacks -XX:+ExitOnOutOfMemoryError",
				"gateway/Dockerfile: does not set SPRING_THREADS_VIRTUAL_ENABLED=true",
				"gateway/Dockerfile: no HEALTHCHECK on /actuator/health/liveness",
				"gateway/Dockerfile: exposes [9000], but the service listens on 8080",
				"gateway/Dockerfile: does not start the extracted application with the JarLauncher");
	}

}
