package io.bazaar.user.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.nimbusds.jose.jwk.JWK;
import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.postgres.IsolatedDatabase;
import io.bazaar.user.config.UsersProperties;
import io.bazaar.user.support.Concurrently;
import io.bazaar.testsupport.time.MutableClock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Several instances of the service sharing one database, each with its own
 * {@link SigningKeys}: they agree on the key that signs, only one of them rotates, and a
 * superseded key verifies until every token it signed has expired. Runs against a fresh
 * real PostgreSQL database with the service's migrations.
 */
class SigningKeysIntegrationTest {

	private static final String SECRET = "test-only-key-encryption-secret-0123456789";

	private static final UsersProperties PROPERTIES = new UsersProperties(
			new UsersProperties.Tokens("bazaar-user-service", Duration.ofMinutes(15), Duration.ofDays(14),
					Duration.ofDays(30), Duration.ofSeconds(30), SECRET),
			new UsersProperties.Admin(null, null), new UsersProperties.ProfileCache(Duration.ofMinutes(10)),
			DataSize.ofKilobytes(16), new UsersProperties.PasswordHashing(0, Duration.ofSeconds(2)));

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private JdbcClient jdbc;

	private SigningKeyRepository repository;

	private TransactionTemplate transactions;

	@BeforeEach
	void freshDatabase() {
		IsolatedDatabase database = ServiceInfrastructure.forService("user-service-keys", true).database();
		DataSource dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(),
				database.password());
		Flyway.configure().dataSource(dataSource).load().migrate();
		this.jdbc = JdbcClient.create(dataSource);
		this.repository = new SigningKeyRepository(this.jdbc, new KeyEncryption(SECRET));
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	@Test
	void theFirstInstanceToStartCreatesTheOnlyKeyAndTheOthersUseIt() {
		SigningKeys first = startInstance();
		SigningKeys second = startInstance();

		assertThat(keyCount()).isOne();
		assertThat(second.active().kid()).isEqualTo(first.active().kid());
	}

	@Test
	void instancesStartingTogetherCreateOneKey() throws Exception {
		List<SigningKeys> instances = Concurrently.run(4, this::startInstance);

		assertThat(keyCount()).isOne();
		assertThat(instances).extracting((instance) -> instance.active().kid())
			.containsOnly(instances.get(0).active().kid());
	}

	@Test
	void aRotationByOneInstanceReachesTheOthersAtTheirNextRefresh() {
		SigningKeys first = startInstance();
		SigningKeys second = startInstance();
		String previous = first.active().kid();
		this.clock.advance(Duration.ofMinutes(1));

		SigningKey rotated = first.rotate();
		second.maintain();

		assertThat(second.active().kid()).isEqualTo(rotated.kid());
		assertThat(kids(second)).containsExactlyInAnyOrder(previous, rotated.kid());
	}

	@Test
	void anInstanceThatHasNotRefreshedYetFindsANewKeyWhenATokenNamesIt() {
		SigningKeys first = startInstance();
		SigningKeys second = startInstance();

		SigningKey rotated = first.rotate();

		assertThat(second.knows(rotated.kid())).isFalse();
		assertThat(second.reloadToFind(rotated.kid())).isTrue();
	}

	@Test
	void keysRotateOnlyOnceTheIntervalHasPassed() {
		SigningKeys instance = startInstance();
		String original = instance.active().kid();

		this.clock.advance(Duration.ofDays(29));
		instance.maintain();
		assertThat(instance.active().kid()).isEqualTo(original);

		this.clock.advance(Duration.ofDays(1));
		instance.maintain();
		assertThat(instance.active().kid()).isNotEqualTo(original);
		assertThat(keyCount()).isEqualTo(2);
	}

	@Test
	void whenARotationIsDueOnlyOneOfSeveralInstancesRotates() throws Exception {
		List<SigningKeys> instances = List.of(startInstance(), startInstance(), startInstance());
		this.clock.advance(Duration.ofDays(31));

		AtomicInteger next = new AtomicInteger();

		Concurrently.run(instances.size(), () -> {
			instances.get(next.getAndIncrement()).maintain();
			return null;
		});

		assertThat(keyCount()).isEqualTo(2);
		assertThat(instances).extracting((instance) -> instance.active().kid())
			.containsOnly(instances.get(0).active().kid());
	}

	@Test
	void aSupersededKeyVerifiesUntilEveryTokenItSignedHasExpired() {
		SigningKeys instance = startInstance();
		String previous = instance.active().kid();
		this.clock.advance(Duration.ofMinutes(1));
		instance.rotate();
		Duration retention = PROPERTIES.tokens().supersededKeyRetention();
		assertThat(retention).isGreaterThan(PROPERTIES.tokens().accessTokenTtl());

		this.clock.advance(retention.minusSeconds(1));
		instance.maintain();
		assertThat(kids(instance)).contains(previous);

		this.clock.advance(Duration.ofSeconds(2));
		instance.maintain();
		assertThat(kids(instance)).doesNotContain(previous);
		assertThat(keyCount()).isOne();
	}

	@Test
	void theKeyNoRotationHasSupersededSignsEvenIfItsCreatorsClockRanBehind() {
		SigningKeys ahead = startInstance();
		String original = ahead.active().kid();
		MutableClock behind = new MutableClock(this.clock.instant().minus(Duration.ofMinutes(5)));
		SigningKeys lagging = new SigningKeys(this.repository, this.transactions, behind, PROPERTIES);

		SigningKey rotated = lagging.rotate();
		ahead.maintain();

		assertThat(rotated.kid()).isNotEqualTo(original);
		assertThat(ahead.active().kid()).isEqualTo(rotated.kid());
		assertThat(lagging.active().kid()).isEqualTo(rotated.kid());
	}

	@Test
	void privateKeysAreStoredEncrypted() {
		SigningKeys instance = startInstance();
		byte[] pkcs8 = instance.active().privateKey().getEncoded();

		byte[] stored = this.jdbc.sql("SELECT private_key_encrypted FROM signing_key").query(byte[].class).single();

		assertThat(stored).isNotEqualTo(pkcs8);
		assertThat(new String(stored, StandardCharsets.ISO_8859_1))
			.doesNotContain(new String(pkcs8, 40, 64, StandardCharsets.ISO_8859_1));
		SigningKeyRepository withAnotherSecret = new SigningKeyRepository(this.jdbc,
				new KeyEncryption("another-secret-of-at-least-32-chars"));
		assertThatIllegalStateException().isThrownBy(() -> withAnotherSecret.usable(this.clock.instant()))
			.withMessageContaining("USERS_KEY_ENCRYPTION_SECRET");
	}

	private SigningKeys startInstance() {
		SigningKeys instance = new SigningKeys(this.repository, this.transactions, this.clock, PROPERTIES);
		instance.afterSingletonsInstantiated();
		return instance;
	}

	private int keyCount() {
		return this.jdbc.sql("SELECT count(*) FROM signing_key").query(Integer.class).single();
	}

	private static List<String> kids(SigningKeys instance) {
		return instance.publicKeys().getKeys().stream().map(JWK::getKeyID).toList();
	}

}
