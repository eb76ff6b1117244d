package io.bazaar.user.password;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.bazaar.testsupport.ServiceInfrastructure;
import io.bazaar.testsupport.spring.ServiceIntegrationTest;
import io.bazaar.user.support.ApiClient;
import io.bazaar.user.support.ApiClient.Response;
import io.bazaar.user.support.TestAccounts;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of parallel sign-ups against a service allowed two password hashes at once (one
 * of them kept for sign-ins): every sign-up is either created or refused with 503 and
 * {@code Retry-After}, nothing refused is stored, and a user signing in meanwhile is let
 * in.
 */
@ServiceIntegrationTest(properties = { ServiceInfrastructure.CONSUL_OFF, "users.password-hashing.max-concurrent=2" })
class SignUpBurstIntegrationTest {

	private static final int SIGN_UPS = 40;

	private static final Duration PROMPT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MeterRegistry meters;

	@Test
	void signUpsAreCreatedOrRefusedWithRetryAfterAndSignInsGoThrough() throws Exception {
		ApiClient api = new ApiClient(this.port);
		String member = TestAccounts.uniqueEmail();
		assertThat(api.register(member, TestAccounts.PASSWORD, "Member").status()).isEqualTo(201);
		double rejectedBefore = rejected("sign-up");

		ExecutorService threads = Executors.newFixedThreadPool(SIGN_UPS + 1);
		List<SignUp> signUps = new ArrayList<>();
		List<Timed> signIns = new ArrayList<>();
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<SignUp>> pending = new ArrayList<>();
			for (int i = 0; i < SIGN_UPS; i++) {
				String email = TestAccounts.uniqueEmail();
				pending.add(threads.submit(() -> {
					start.await();
					return new SignUp(email, timed(() -> api.register(email, TestAccounts.PASSWORD, "Burst")));
				}));
			}
			AtomicBoolean burstOver = new AtomicBoolean();
			Future<?> signingIn = threads.submit(() -> {
				start.await();
				do {
					signIns.add(timed(() -> api.login(member, TestAccounts.PASSWORD)));
				}
				while (!burstOver.get());
				return null;
			});
			start.countDown();
			for (Future<SignUp> signUp : pending) {
				signUps.add(signUp.get(1, TimeUnit.MINUTES));
			}
			burstOver.set(true);
			signingIn.get(1, TimeUnit.MINUTES);
		}
		finally {
			threads.shutdownNow();
		}

		List<SignUp> created = signUps.stream().filter((signUp) -> signUp.answer().response().status() == 201).toList();
		List<SignUp> refused = signUps.stream().filter((signUp) -> signUp.answer().response().status() != 201).toList();
		assertThat(created).as("created").isNotEmpty();
		assertThat(refused).as("refused").isNotEmpty();
		assertThat(signUps).allSatisfy((signUp) -> assertThat(signUp.answer().took()).isLessThan(PROMPT));
		assertThat(refused).allSatisfy((signUp) -> assertBusy(signUp.answer().response()));
		assertThat(created).allSatisfy((signUp) -> {
			String id = signUp.answer().response().json().get("id").asString();
			assertThat(count("SELECT count(*) FROM user_account WHERE id = ?::uuid AND email = ?", id, signUp.email()))
				.isOne();
			assertThat(count(
					"SELECT count(*) FROM outbox_event WHERE aggregate_id = ? AND event_type = 'UserRegistered'", id))
				.isOne();
		});
		assertThat(refused).allSatisfy((signUp) -> {
			assertThat(count("SELECT count(*) FROM user_account WHERE email = ?", signUp.email())).isZero();
			assertThat(count("SELECT count(*) FROM outbox_event WHERE payload ->> 'email' = ?", signUp.email()))
				.isZero();
		});

		assertThat(signIns).isNotEmpty().allSatisfy((signIn) -> {
			assertThat(signIn.response().status()).as(signIn.response().body()).isEqualTo(200);
			assertThat(signIn.took()).isLessThan(PROMPT);
		});

		assertThat(rejected("sign-up") - rejectedBefore).isEqualTo(refused.size());
		assertThat(this.meters.find("users.password.hashing.active").gauges())
			.allSatisfy((gauge) -> assertThat(gauge.value()).isZero());
	}

	private static void assertBusy(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(503);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).isEqualTo("https://bazaar.example/problems/service-busy");
		assertThat(response.json().get("detail").asString()).contains("busy").contains("retry");
		assertThat(response.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isGreaterThanOrEqualTo(1));
	}

	private int count(String sql, Object... arguments) {
		return this.jdbc.queryForObject(sql, Integer.class, arguments);
	}

	private double rejected(String operation) {
		return this.meters.get("users.password.hashing.rejected").tag("operation", operation).counter().count();
	}

	private static Timed timed(Supplier<Response> call) {
		long started = System.nanoTime();
		Response response = call.get();
		return new Timed(response, Duration.ofNanos(System.nanoTime() - started));
	}

	private record Timed(Response response, Duration took) {

	}

	private record SignUp(String email, Timed answer) {

	}

}
