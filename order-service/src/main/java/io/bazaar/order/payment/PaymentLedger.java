package io.bazaar.order.payment;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The payment outcome of each order, recorded with the saga step it caused. */
@Repository
class PaymentLedger {

	enum Status {

		AUTHORISED, DECLINED, FAILED, VOIDED

	}

	private final JdbcClient jdbc;

	PaymentLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records the outcome, for the order's total. */
	@Transactional(propagation = Propagation.MANDATORY)
	void record(UUID orderId, Status status, String reference) {
		this.jdbc.sql("""
				INSERT INTO payment (order_id, status, reference, amount, currency, updated_at)
				SELECT id, :status, :reference, total, currency, now() FROM customer_order WHERE id = :orderId
				ON CONFLICT (order_id) DO UPDATE
				SET status = excluded.status, reference = coalesce(excluded.reference, payment.reference),
				    updated_at = excluded.updated_at
				""").param("orderId", orderId).param("status", status.name()).param("reference", reference).update();
	}

}
