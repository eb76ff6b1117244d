package io.bazaar.systemtest.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.bazaar.testsupport.consul.ConsulAgent;
import io.bazaar.testsupport.kafka.KafkaBroker;
import io.bazaar.testsupport.postgres.IsolatedDatabase;
import io.bazaar.testsupport.postgres.PostgresServer;
import io.bazaar.testsupport.redis.RedisServer;

import static org.awaitility.Awaitility.await;

/**
 * A set of the platform's services, each instance its own process from its built jar,
 * wired to one another through static discovery (or through a Consul agent, with
 * {@link Builder#consulDiscovery}) and to fresh infrastructure: a database and role per
 * service (shared by that service's instances), one Redis logical database, one Kafka
 * broker, and an SMTP server that keeps every message. Kafka and Redis are the test run's
 * shared ones, or, for drills that stop them, processes of this platform's own. A
 * Prometheus scraping every instance can be started on it ({@link #startPrometheus}).
 */
public final class Platform implements AutoCloseable {

	private static final Set<String> SERVICES_WITH_DATABASES = Set.of("user-service", "catalog-service",
			"order-service", "notification-service");

	/**
	 * Every instance starts at once; on a shared 2-core machine six JVMs starting
	 * together have been seen to need a little over three minutes before the last one is
	 * ready.
	 */
	private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

	/** As in the local profile, the gateway checks the static instances itself. */
	private static final List<String> GATEWAY_ARGUMENTS = List.of(
			"--spring.cloud.loadbalancer.configurations=health-check",
			"--spring.cloud.loadbalancer.health-check.interval=1s",
			"--spring.cloud.loadbalancer.health-check.path.default=/actuator/health/readiness");

	/** Secrets a service cannot start without, made up afresh for every run. */
	private static final Map<String, Map<String, String>> REQUIRED_SECRETS = Map.of("user-service",
			Map.of("USERS_KEY_ENCRYPTION_SECRET", UUID.randomUUID() + "-" + UUID.randomUUID()));

	private final Map<String, List<ServiceProcess>> instances;

	private final Map<String, IsolatedDatabase> databases;

	private final Infrastructure infrastructure;

	private final Collection<Path> jars;

	private final Map<String, DatabaseLink> databaseLinks;

	private final Path directory;

	private final List<PrometheusProcess> prometheuses = new CopyOnWriteArrayList<>();

	private Platform(Map<String, List<ServiceProcess>> instances, Map<String, IsolatedDatabase> databases,
			Infrastructure infrastructure, Collection<Path> jars, Map<String, DatabaseLink> databaseLinks,
			Path directory) {
		this.directory = directory;
		this.instances = instances;
		this.databases = databases;
		this.infrastructure = infrastructure;
		this.jars = jars;
		this.databaseLinks = databaseLinks;
	}

	/** The SMTP server the notification-service sends to. */
	public Mailbox mailbox() {
		return this.infrastructure.mailbox();
	}

	/** The platform's own Kafka broker; only with {@link Builder#ownKafka()}. */
	public KafkaProcess kafka() {
		if (this.infrastructure.kafka() == null) {
			throw new IllegalStateException("This platform uses the shared Kafka broker: build it with ownKafka()");
		}
		return this.infrastructure.kafka();
	}

	/** The platform's own Redis; only with {@link Builder#ownRedis()}. */
	public RedisProcess redis() {
		if (this.infrastructure.redis() == null) {
			throw new IllegalStateException("This platform uses the shared Redis: build it with ownRedis()");
		}
		return this.infrastructure.redis();
	}

	/** The database a service's instances share, to check what they stored. */
	public IsolatedDatabase database(String service) {
		IsolatedDatabase database = this.databases.get(service);
		if (database == null) {
			throw new IllegalArgumentException(service + " has no database in this platform");
		}
		return database;
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The whole platform as users run it: every service of the local platform's instance
	 * table ({@code infra/local/instances.tsv}), with as many instances as it lists (two
	 * of catalog-service, one of every other service), each on a free port of its own.
	 */
	public static Builder everyService() {
		Builder builder = builder();
		localInstanceCounts().forEach(builder::service);
		return builder;
	}

	/**
	 * How many instances of each service {@code infra/local/instances.tsv} lists, in its
	 * order; its lines are "instance service port", {@code #} starts a comment.
	 */
	static Map<String, Integer> localInstanceCounts() {
		Path table = root().resolve("infra/local/instances.tsv");
		Map<String, Integer> counts = new LinkedHashMap<>();
		try {
			for (String line : Files.readAllLines(table)) {
				String[] columns = line.replaceFirst("#.*", "").trim().split("\\s+");
				if (columns.length == 3) {
					counts.merge(columns[1], 1, Integer::sum);
				}
				else if (!columns[0].isEmpty()) {
					throw new IllegalStateException(table + ": not \"instance service port\": " + line);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return counts;
	}

	/** The gateway's address, where clients connect. */
	public String gateway() {
		return instance("gateway", 0).baseUri();
	}

	/**
	 * Waits until the gateway answers {@code path} with 200: its load balancer has found
	 * the instances behind it ready.
	 */
	public void awaitGatewayRoute(String path, Duration timeout) {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(URI.create(gateway() + path)).build();
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> http.send(request, BodyHandlers.discarding()).statusCode() == 200);
	}

	/**
	 * The link between an instance and its database; only for instances chosen with
	 * {@link Builder#databaseLink}.
	 */
	public DatabaseLink databaseLink(String service, int index) {
		DatabaseLink link = this.databaseLinks.get(service + "#" + index);
		if (link == null) {
			throw new IllegalArgumentException("Instance " + index + " of " + service
					+ " reaches its database directly: build with databaseLink()");
		}
		return link;
	}

	public ServiceProcess instance(String service, int index) {
		List<ServiceProcess> running = this.instances.get(service);
		if (running == null || index >= running.size()) {
			throw new IllegalArgumentException("No instance " + index + " of " + service + " in this platform");
		}
		return running.get(index);
	}

	public List<ServiceProcess> instances(String service) {
		return List.copyOf(this.instances.getOrDefault(service, List.of()));
	}

	/**
	 * Starts a Prometheus (needs {@code prometheus} on the PATH, see
	 * {@link PrometheusProcess#executable()}) that scrapes every instance of this
	 * platform and evaluates the rule files {@code rules/*.yml} every {@code interval};
	 * stopped with the platform at the latest.
	 */
	public PrometheusProcess startPrometheus(Path rules, Duration interval) {
		PrometheusProcess prometheus = PrometheusProcess.create(this.directory, freePort(), rules, this.instances,
				interval);
		this.prometheuses.add(prometheus);
		prometheus.start();
		return prometheus;
	}

	@Override
	public void close() {
		this.prometheuses.forEach(PrometheusProcess::close);
		this.instances.values().stream().flatMap(List::stream).parallel().forEach(ServiceProcess::close);
		this.databaseLinks.values().forEach(DatabaseLink::close);
		this.infrastructure.close();
		for (Path jar : this.jars) {
			try {
				Files.deleteIfExists(jar);
			}
			catch (IOException ex) {
				// only a copy, in the build's output directory
			}
		}
	}

	/**
	 * The servers under the services.
	 *
	 * @param kafka the platform's own broker, or {@code null} for the shared one
	 * @param redis the platform's own Redis, or {@code null} for the shared one
	 * @param mailbox the SMTP server
	 */
	private record Infrastructure(KafkaProcess kafka, RedisProcess redis, Mailbox mailbox) implements AutoCloseable {

		static Infrastructure start(Path directory, boolean ownKafka, boolean ownRedis) {
			KafkaProcess kafka = ownKafka ? KafkaProcess.create(directory, freePort(), freePort()) : null;
			RedisProcess redis = ownRedis ? RedisProcess.create(directory, freePort()) : null;
			if (kafka != null) {
				kafka.start();
			}
			if (redis != null) {
				redis.start();
			}
			return new Infrastructure(kafka, redis, Mailbox.start(freePort()));
		}

		List<String> arguments() {
			List<String> arguments = new ArrayList<>();
			if (this.redis != null) {
				arguments.addAll(
						List.of("--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + this.redis.port()));
			}
			else {
				RedisServer shared = RedisServer.shared();
				arguments.addAll(List.of("--spring.data.redis.host=" + shared.host(),
						"--spring.data.redis.port=" + shared.port(),
						"--spring.data.redis.database=" + shared.freshDatabase()));
			}
			arguments.add("--spring.kafka.bootstrap-servers="
					+ ((this.kafka != null) ? this.kafka.bootstrapServers() : KafkaBroker.shared().bootstrapServers()));
			arguments.addAll(List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + this.mailbox.port()));
			return arguments;
		}

		@Override
		public void close() {
			this.mailbox.close();
			if (this.redis != null) {
				this.redis.close();
			}
			if (this.kafka != null) {
				this.kafka.close();
			}
		}

	}

	/** Chooses the services, their instance counts and their extra settings. */
	public static final class Builder {

		private final Map<String, Integer> counts = new LinkedHashMap<>();

		private final Map<String, Map<String, String>> settings = new LinkedHashMap<>();

		private final Map<String, Map<String, String>> environment = new LinkedHashMap<>();

		private boolean ownKafka;

		private boolean ownRedis;

		private ConsulAgent consul;

		private final Set<String> linkedInstances = new LinkedHashSet<>();

		public Builder service(String service) {
			return service(service, 1);
		}

		public Builder service(String service, int instances) {
			this.counts.put(service, instances);
			return this;
		}

		/**
		 * A Spring property given to every instance of {@code service} on its command
		 * line.
		 */
		public Builder setting(String service, String key, String value) {
			this.settings.computeIfAbsent(service, (name) -> new LinkedHashMap<>()).put(key, value);
			return this;
		}

		/**
		 * Runs a Kafka broker of this platform's own, as a process that can be restarted,
		 * instead of the test run's shared one.
		 */
		public Builder ownKafka() {
			this.ownKafka = true;
			return this;
		}

		/**
		 * Runs a Redis of this platform's own, as a process that can be stopped, instead
		 * of the test run's shared one. Needs {@code redis-server} on the PATH.
		 */
		public Builder ownRedis() {
			this.ownRedis = true;
			return this;
		}

		/**
		 * Services find one another through this Consul agent instead of static instance
		 * lists: every instance registers with it (found through {@code CONSUL_HOST} and
		 * {@code CONSUL_PORT}, as deployments set them) and the gateway balances over the
		 * instances it lists as passing.
		 */
		public Builder consulDiscovery(ConsulAgent agent) {
			this.consul = agent;
			return this;
		}

		/**
		 * Connects one instance of {@code service} to its database through a
		 * {@link DatabaseLink} that a test can cut.
		 */
		public Builder databaseLink(String service, int instance) {
			this.linkedInstances.add(service + "#" + instance);
			return this;
		}

		/** An environment variable for every instance of {@code service}, for secrets. */
		public Builder environment(String service, String key, String value) {
			this.environment.computeIfAbsent(service, (name) -> new LinkedHashMap<>()).put(key, value);
			return this;
		}

		/** Starts every instance and waits until each is ready. */
		public Platform start() {
			Path logs = logDirectory();
			Map<String, List<Integer>> ports = new LinkedHashMap<>();
			this.counts.forEach((service, count) -> {
				List<Integer> servicePorts = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					servicePorts.add(freePort());
				}
				ports.put(service, servicePorts);
			});
			Infrastructure infrastructure = Infrastructure.start(logs, this.ownKafka, this.ownRedis);
			List<String> shared = sharedArguments(ports, infrastructure, this.consul);
			Map<String, Path> jars = copyJars(logs);
			Map<String, List<ServiceProcess>> processes = new LinkedHashMap<>();
			Map<String, IsolatedDatabase> databases = new LinkedHashMap<>();
			Map<String, DatabaseLink> links = new LinkedHashMap<>();
			ports.forEach((service, servicePorts) -> {
				List<String> arguments = new ArrayList<>(shared);
				if (service.equals("gateway") && this.consul == null) {
					arguments.addAll(GATEWAY_ARGUMENTS);
				}
				IsolatedDatabase database = null;
				if (SERVICES_WITH_DATABASES.contains(service)) {
					database = IsolatedDatabase.create(PostgresServer.shared(), service);
					databases.put(service, database);
					arguments.addAll(List.of("--spring.datasource.username=" + database.username(),
							"--spring.datasource.password=" + database.password()));
				}
				this.settings.getOrDefault(service, Map.of())
					.forEach((key, value) -> arguments.add("--" + key + "=" + value));
				List<ServiceProcess> serviceInstances = new ArrayList<>();
				for (int i = 0; i < servicePorts.size(); i++) {
					List<String> instanceArguments = new ArrayList<>(arguments);
					if (database != null) {
						instanceArguments.add("--spring.datasource.url=" + databaseUrl(database, service, i, links));
					}
					Map<String, String> environment = new LinkedHashMap<>(
							REQUIRED_SECRETS.getOrDefault(service, Map.of()));
					environment.putAll(this.environment.getOrDefault(service, Map.of()));
					if (this.consul != null) {
						environment.put("CONSUL_HOST", this.consul.host());
						environment.put("CONSUL_PORT", Integer.toString(this.consul.port()));
					}
					serviceInstances.add(new ServiceProcess(service, servicePorts.get(i), jars.get(service),
							List.copyOf(instanceArguments), environment, logs.resolve(service + "-" + i + ".log")));
				}
				processes.put(service, serviceInstances);
			});
			Platform platform = new Platform(processes, databases, infrastructure, jars.values(), links, logs);
			Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "platform-shutdown"));
			try {
				processes.values().stream().flatMap(List::stream).forEach(ServiceProcess::start);
				processes.values()
					.stream()
					.flatMap(List::stream)
					.forEach((process) -> process.awaitReady(READY_TIMEOUT));
			}
			catch (RuntimeException ex) {
				platform.close();
				throw ex;
			}
			return platform;
		}

		private String databaseUrl(IsolatedDatabase database, String service, int instance,
				Map<String, DatabaseLink> links) {
			String key = service + "#" + instance;
			if (!this.linkedInstances.contains(key)) {
				return database.jdbcUrl();
			}
			PostgresServer server = database.server();
			DatabaseLink link = DatabaseLink.open(server.host(), server.port());
			links.put(key, link);
			return new PostgresServer("127.0.0.1", link.port(), server.adminUser(), server.adminPassword())
				.jdbcUrl(database.name());
		}

		private static List<String> sharedArguments(Map<String, List<Integer>> ports, Infrastructure infrastructure,
				ConsulAgent consul) {
			List<String> arguments = new ArrayList<>(List.of("--management.tracing.sampling.probability=1.0"));
			arguments.addAll(infrastructure.arguments());
			if (consul != null) {
				// every instance runs on this machine: registered and checked on loopback
				arguments.addAll(List.of("--spring.cloud.consul.discovery.ip-address=127.0.0.1",
						"--spring.cloud.consul.discovery.prefer-ip-address=true"));
				return arguments;
			}
			arguments.add("--spring.cloud.consul.enabled=false");
			ports.forEach((service, servicePorts) -> {
				for (int i = 0; i < servicePorts.size(); i++) {
					arguments.add("--spring.cloud.discovery.client.simple.instances." + service + "[" + i + "].uri="
							+ "http://127.0.0.1:" + servicePorts.get(i));
				}
			});
			return arguments;
		}

		/**
		 * Copies the services' jars next to their logs and runs the copies: a build while
		 * the platform runs replaces the jars in {@code target}, and a JVM whose jar
		 * changed under it fails on the next class it loads.
		 */
		private Map<String, Path> copyJars(Path directory) {
			Map<String, Path> jars = new LinkedHashMap<>();
			for (String service : this.counts.keySet()) {
				Path copy = directory.resolve(service + ".jar");
				try {
					Files.copy(jarOf(service), copy);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				jars.put(service, copy);
			}
			return jars;
		}

		private static Path jarOf(String service) {
			String version = System.getProperty("project.version");
			Path jar = root().resolve(service).resolve("target").resolve(service + "-" + version + ".jar");
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException(
						"No jar at " + jar + ": build the services first (./mvnw -DskipTests package)");
			}
			return jar;
		}

		private static Path logDirectory() {
			Path logs = root().resolve("infra/system-tests/target/system-test-logs")
				.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
			try {
				return Files.createDirectories(logs);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/** The project's root directory, from the build ({@code platform.root}). */
	static Path root() {
		return Path.of(System.getProperty("platform.root", "../..")).toAbsolutePath().normalize();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
