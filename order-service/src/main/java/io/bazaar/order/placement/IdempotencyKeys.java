package io.bazaar.order.placement;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Idempotency-Keys clients sent, per user. The primary key (user, key) is what makes
 * two concurrent requests with one key end in one order: the second insert waits for the
 * first transaction and then fails.
 */
@Repository
class IdempotencyKeys {

	private final JdbcClient jdbc;

	IdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StoredKey> find(UUID userId, String key) {
		return this.jdbc.sql(
				"SELECT request_hash, order_id FROM idempotency_key WHERE user_id = :userId AND idempotency_key = :key")
			.param("userId", userId)
			.param("key", key)
			.query((rs, row) -> new StoredKey(rs.getString("request_hash"), rs.getObject("order_id", UUID.class)))
			.optional();
	}

	/**
	 * @throws org.springframework.dao.DuplicateKeyException when the user already used
	 * the key
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void insert(UUID userId, String key, String requestHash, UUID orderId, Instant at) {
		this.jdbc.sql("""
				INSERT INTO idempotency_key (user_id, idempotency_key, request_hash, order_id, created_at)
				VALUES (:userId, :key, :hash, :orderId, :at)
				""")
			.param("userId", userId)
			.param("key", key)
			.param("hash", requestHash)
			.param("orderId", orderId)
			.param("at", at.atOffset(ZoneOffset.UTC))
			.update();
	}

	/**
	 * @param requestHash the fingerprint of the request that first used the key
	 * @param orderId the order that request placed
	 */
	record StoredKey(String requestHash, UUID orderId) {

	}

}
