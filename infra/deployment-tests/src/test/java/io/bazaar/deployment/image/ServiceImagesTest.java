package io.bazaar.deployment.image;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bazaar.deployment.ApplicationSettings;
import io.bazaar.deployment.Repository;
import io.bazaar.deployment.compose.ComposeFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one Dockerfile, given each service's build arguments as docker-compose.yml gives
 * them, builds the layered image the platform expects; the checks catch a Dockerfile that
 * does not.
 */
class ServiceImagesTest {

	static final List<String> SERVICES = Repository.SERVICES;

	static final String DOCKERFILE = "infra/deploy/container/Dockerfile";

	@ParameterizedTest(name = "{0}")
	@FieldSource("SERVICES")
	void dockerfileBuildsALayeredNonRootJava25Image(String service) {
		Dockerfile dockerfile = Dockerfile.parse(Repository.read(DOCKERFILE), composeBuildArguments(service));
		assertThat(ImageChecks.violations(service, ApplicationSettings.of(service).port(), dockerfile)).isEmpty();
		assertThat(dockerfile.last().arguments("USER")).containsExactly("10001:10001");
	}

	@Test
	void aBuildWithoutTheServicesArgumentsNamesNoModuleAndNoPort() {
		Dockerfile dockerfile = Dockerfile.parse(Repository.read(DOCKERFILE), Map.of());
		assertThat(ImageChecks.violations("gateway", 8080, dockerfile)).contains(
				"the image of gateway: the build stage does not package the module with -pl gateway -am",
				"the image of gateway: exposes [${PORT}], but the service listens on 8080");
	}

	@Test
	void theDockerfileTakesTheServiceAndItsPortAsBuildArguments() {
		Dockerfile dockerfile = Dockerfile.parse(Repository.read(DOCKERFILE),
				Map.of("SERVICE", "catalog-service", "PORT", "8082"));
		assertThat(dockerfile.stages().get(0).arguments("RUN")).singleElement()
			.asString()
			.contains("-pl catalog-service -am")
			.contains("cp catalog-service/target/catalog-service-*.jar");
		assertThat(dockerfile.last().arguments("EXPOSE")).containsExactly("8082");
		assertThat(String.join(" ", dockerfile.last().arguments("ENV"))).contains("PORT=8082");
	}

	private static Map<String, String> composeBuildArguments(String service) {
		Map<String, Object> build = ComposeFile.parse(Repository.read("docker-compose.yml")).build(service);
		assertThat(build).as("%s's build in docker-compose.yml", service)
			.containsEntry("dockerfile", DOCKERFILE)
			.containsKey("args");
		Map<String, String> arguments = new LinkedHashMap<>();
		((Map<?, ?>) build.get("args"))
			.forEach((name, value) -> arguments.put(String.valueOf(name), String.valueOf(value)));
		return arguments;
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
			.containsExactly("the image of gateway: expected a multi-stage build (build stage, then runtime stage)");
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
				"the image of gateway: the build stage does not package the module with -pl gateway -am",
				"the image of gateway: the build stage does not extract the layered jar (java -Djarmode=tools -jar ... extract --layers --launcher)",
				"the image of gateway: runs on eclipse-temurin:21-jre, expected eclipse-temurin:25-jre",
				"the image of gateway: copies layers [application, dependencies], expected [dependencies, spring-boot-loader, snapshot-dependencies, application] in that order",
				"the image of gateway: runs as root, expected a non-root user",
				"the image of gateway: JAVA_TOOL_OPTIONS lacks -XX:MaxRAMPercentage=",
				"the image of gateway: JAVA_TOOL_OPTIONS lacks -XX:+ExitOnOutOfMemoryError",
				"the image of gateway: does not set SPRING_THREADS_VIRTUAL_ENABLED=true",
				"the image of gateway: no HEALTHCHECK on /actuator/health/liveness",
				"the image of gateway: exposes [9000], but the service listens on 8080",
				"the image of gateway: does not start the extracted application with the JarLauncher");
	}

}
