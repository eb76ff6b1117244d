package io.bazaar.systemtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.bazaar.systemtest.platform.Platform;
import io.bazaar.systemtest.platform.ServiceProcess;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of 100 parallel sign-ups from one address, through the gateway in front of two
 * user-service instances, while another user keeps reading their profile and signing in:
 * the burst is shed (each sign-up created, rate limited or refused as busy, promptly and
 * with {@code Retry-After}), and the other user is served throughout.
 */
class SignUpBurstSystemTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final int SIGN_UPS = 100;

	private static final String PASSWORD = "correct horse 42";

	/** What "answered promptly" means for every request of the test. */
	private static final Duration PROMPT = Duration.ofSeconds(5);

	private static final Duration MEMBER_PAUSE = Duration.ofMillis(300);

	/** The member keeps going this long at least, to span the burst and its wake. */
	private static final Duration MEMBER_ACTIVITY = Duration.ofSeconds(8);

	private static Platform platform;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void startPlatform() {
		platform = Platform.builder()
			.service("user-service", 2)
			.service("gateway")
			// Every client of the test shares one address. The sign-in budget per address
			// is raised so that it stands for the member's own address, which the burst
			// does not share; sign-ups keep the default budget.
			.setting("gateway", "gateway.rate-limits.policies.sign-in.capacity", "1000")
			.setting("gateway", "gateway.rate-limits.policies.sign-in.refill-tokens", "1000")
			.setting("gateway", "gateway.rate-limits.policies.sign-in.refill-period", "60s")
			.start();
		platform.awaitGatewayRoute("/.well-known/jwks.json", Duration.ofSeconds(30));
	}

	@AfterAll
	static void stopPlatform() {
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	void aBurstOfSignUpsIsShedWhileASignedInUserIsServedThroughout() throws Exception {
		warmUpEveryInstance();
		String member = uniqueEmail();
		assertThat(call(register(member)).status()).isEqualTo(201);
		Answer firstSignIn = call(signIn(member));
		assertThat(firstSignIn.status()).as(firstSignIn.body()).isEqualTo(200);
		String token = json.readTree(firstSignIn.body()).path("accessToken").asString();
		// The member has been using the site: the gateway already knows the signing keys.
		assertThat(call(get("/api/users/me", token)).status()).isEqualTo(200);

		List<SignUp> signUps = new ArrayList<>();
		List<Answer> memberAnswers = new ArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(SIGN_UPS + 1);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<SignUp>> pending = new ArrayList<>();
			for (int i = 0; i < SIGN_UPS; i++) {
				String email = uniqueEmail();
				pending.add(threads.submit(() -> {
					start.await();
					return new SignUp(email, call(register(email)));
				}));
			}
			AtomicBoolean burstOver = new AtomicBoolean();
			Future<?> memberActivity = threads.submit(() -> {
				start.await();
				long until = System.nanoTime() + MEMBER_ACTIVITY.toNanos();
				while (!burstOver.get() || System.nanoTime() < until || memberAnswers.size() < 6) {
					memberAnswers.add(call(get("/api/users/me", token)));
					Thread.sleep(MEMBER_PAUSE.toMillis());
					memberAnswers.add(call(signIn(member)));
					Thread.sleep(MEMBER_PAUSE.toMillis());
				}
				return null;
			});
			start.countDown();
			for (Future<SignUp> signUp : pending) {
				signUps.add(signUp.get(2, TimeUnit.MINUTES));
			}
			burstOver.set(true);
			memberActivity.get(2, TimeUnit.MINUTES);
		}
		finally {
			threads.shutdownNow();
		}

		Map<String, Integer> outcomes = new TreeMap<>();
		signUps.forEach((signUp) -> outcomes.merge(signUp.answer().outcome(), 1, Integer::sum));
		Map<String, Integer> memberOutcomes = new TreeMap<>();
		memberAnswers.forEach((answer) -> memberOutcomes.merge(answer.outcome(), 1, Integer::sum));
		String summary = "sign-ups " + outcomes + " (slowest " + slowest(signUps.stream().map(SignUp::answer).toList())
				+ "), member " + memberOutcomes + " (slowest " + slowest(memberAnswers) + ")";
		System.out.println("Sign-up burst: " + summary);

		SoftAssertions softly = new SoftAssertions();
		for (SignUp signUp : signUps) {
			Answer answer = signUp.answer();
			softly.assertThat(answer.status()).as("sign-up answered %s", answer.outcome()).isIn(201, 429, 503);
			softly.assertThat(answer.took()).as("sign-up answered %s", answer.outcome()).isLessThan(PROMPT);
			if (answer.status() != 201) {
				softly.assertThat(answer.contentType())
					.as("sign-up answered %s", answer.outcome())
					.startsWith("application/problem+json");
				softly.assertThat(answer.retryAfter())
					.as("Retry-After of %s", answer.outcome())
					.isGreaterThanOrEqualTo(1);
			}
		}
		List<String> created = signUps.stream()
			.filter((signUp) -> signUp.answer().status() == 201)
			.map(SignUp::email)
			.toList();
		List<String> refused = signUps.stream()
			.filter((signUp) -> signUp.answer().status() != 201)
			.map(SignUp::email)
			.toList();
		softly.assertThat(created).as("sign-ups created: %s", summary).isNotEmpty();
		softly.assertThat(accountsAmong(created)).as("sign-ups answered 201 that are stored").isEqualTo(created.size());
		softly.assertThat(accountsAmong(refused)).as("refused sign-ups that are stored").isZero();
		softly.assertThat(memberAnswers).as("the member's calls").isNotEmpty();
		for (Answer answer : memberAnswers) {
			softly.assertThat(answer.status()).as("the member's call answered %s", answer.outcome()).isEqualTo(200);
			softly.assertThat(answer.took()).as("the member's call answered %s", answer.outcome()).isLessThan(PROMPT);
		}
		softly.assertAll();
	}

	/**
	 * Every call the test makes, straight at each instance, so that the burst meets
	 * running services rather than ones loading their classes: a sign-up and sign-in on
	 * each, and a profile read on each with each instance's token (each instance signs
	 * with its own key, which the others look up on first sight).
	 */
	private void warmUpEveryInstance() throws Exception {
		List<String> tokens = new ArrayList<>();
		for (ServiceProcess instance : platform.instances("user-service")) {
			String email = uniqueEmail();
			assertThat(call(register(email).uri(URI.create(instance.baseUri() + "/api/users"))).status())
				.isEqualTo(201);
			Answer signIn = call(signIn(email).uri(URI.create(instance.baseUri() + "/api/auth/token")));
			assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
			tokens.add(json.readTree(signIn.body()).path("accessToken").asString());
		}
		for (ServiceProcess instance : platform.instances("user-service")) {
			for (String token : tokens) {
				Answer profile = call(
						get("/api/users/me", token).uri(URI.create(instance.baseUri() + "/api/users/me")));
				assertThat(profile.status()).as(profile.body()).isEqualTo(200);
			}
		}
	}

	private HttpRequest.Builder register(String email) {
		return post("/api/users",
				"{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Burst\"}");
	}

	private HttpRequest.Builder signIn(String email) {
		return post("/api/auth/token", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
	}

	private HttpRequest.Builder post(String path, String body) {
		return HttpRequest.newBuilder(URI.create(platform.gateway() + path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body));
	}

	private HttpRequest.Builder get(String path, String token) {
		return HttpRequest.newBuilder(URI.create(platform.gateway() + path))
			.header("Authorization", "Bearer " + token)
			.GET();
	}

	/** Sends the request; a client-side timeout is an answer too (status 0). */
	private Answer call(HttpRequest.Builder request) throws Exception {
		long started = System.nanoTime();
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(20)).build(),
					BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(-1L), response.body(),
					Duration.ofNanos(System.nanoTime() - started));
		}
		catch (HttpTimeoutException ex) {
			return new Answer(0, "", -1, "timed out", Duration.ofNanos(System.nanoTime() - started));
		}
	}

	private long accountsAmong(List<String> emails) throws SQLException {
		if (emails.isEmpty()) {
			return 0;
		}
		try (Connection connection = platform.database("user-service")
			.connectTo(platform.database("user-service").name());
				PreparedStatement statement = connection
					.prepareStatement("SELECT count(*) FROM user_account WHERE email = ANY (?)")) {
			statement.setArray(1, connection.createArrayOf("text", emails.toArray()));
			try (ResultSet count = statement.executeQuery()) {
				count.next();
				return count.getLong(1);
			}
		}
	}

	private static Duration slowest(List<Answer> answers) {
		return answers.stream().map(Answer::took).max(Duration::compareTo).orElse(Duration.ZERO);
	}

	private static String uniqueEmail() {
		return "burst-" + UUID.randomUUID().toString().substring(0, 8) + "@bazaar.example";
	}

	private record SignUp(String email, Answer answer) {

	}

	/**
	 * @param status the HTTP status, 0 when the client gave up waiting
	 * @param retryAfter the {@code Retry-After} seconds, -1 when absent
	 */
	private record Answer(int status, String contentType, long retryAfter, String body, Duration took) {

		/** The status and, for a problem, its type slug: {@code 503 service-busy}. */
		String outcome() {
			if (!this.contentType.startsWith("application/problem+json")) {
				return Integer.toString(this.status);
			}
			JsonNode problem = json.readTree(this.body);
			String type = problem.path("type").asString();
			return this.status + " " + type.substring(type.lastIndexOf('/') + 1);
		}

	}

}
