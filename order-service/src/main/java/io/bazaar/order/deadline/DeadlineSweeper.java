package io.bazaar.order.deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.bazaar.order.config.OrdersProperties;
import io.bazaar.order.deadline.StuckOrders.Candidate;
import io.bazaar.order.deadline.StuckOrders.Command;
import io.bazaar.order.saga.OrderSaga;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds orders whose saga step waited on its participant past its deadline and steps in,
 * at most twice per step:
 * <ol>
 * <li>once the deadline has passed since the step's command was published, the command is
 * published again through the outbox, unchanged and with its event id (EVENTS.md: a
 * re-published event keeps its id). A participant that lost or skipped it applies it now;
 * one that had applied it recognises the id and changes nothing, so the catalog never
 * reserves twice;</li>
 * <li>once the deadline has passed again since that re-publication, the order is
 * cancelled as {@code timed-out} through the saga, which raises {@code OrderCancelled}
 * (the catalog releases whatever it may hold, the customer is told).</li>
 * </ol>
 * The deadline counts from publication, so orders whose command still waits in the outbox
 * (the broker away) are left alone: the relay is behind, not the participant.
 * <p>
 * Several instances may sweep at once: orders are claimed in short transactions with
 * {@code FOR UPDATE SKIP LOCKED}, and what was done is read again once a claim holds the
 * order, so each step of each order is driven again once and cancelled once. Every
 * intervention is logged and counted as
 * {@code bazaar.orders.deadline.interventions{step,kind}}.
 */
@Component
class DeadlineSweeper {

	private static final Logger logger = LoggerFactory.getLogger(DeadlineSweeper.class);

	private final StuckOrders orders;

	private final OrderSaga saga;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final OrdersProperties.Deadlines settings;

	private final MeterRegistry meters;

	DeadlineSweeper(StuckOrders orders, OrderSaga saga, TransactionTemplate transactions, Clock clock,
			OrdersProperties properties, MeterRegistry meters) {
		this.orders = orders;
		this.saga = saga;
		this.transactions = transactions;
		this.clock = clock;
		this.settings = properties.deadlines();
		this.meters = meters;
		// Every step and kind reads 0 from start-up, so the first intervention shows as
		// an increase rather than as a new series.
		for (SagaStepDeadline step : SagaStepDeadline.values()) {
			for (Kind kind : Kind.values()) {
				interventions(step, kind);
			}
		}
	}

	/**
	 * Looks at every order under way longer than its shortest deadline, a batch per
	 * transaction.
	 * @return how many interventions it made
	 */
	int sweep() {
		Instant now = this.clock.instant();
		Duration shortest = this.settings.awaitingStock().compareTo(this.settings.awaitingPayment()) < 0
				? this.settings.awaitingStock() : this.settings.awaitingPayment();
		Candidate after = null;
		int interventions = 0;
		while (true) {
			Candidate from = after;
			Batch batch = this.transactions.execute((status) -> sweepBatch(now.minus(shortest), from, now));
			if (batch == null) {
				return interventions;
			}
			batch.interventions().forEach(this::report);
			interventions += batch.interventions().size();
			if (batch.claimed().size() < this.settings.batchSize()) {
				return interventions;
			}
			after = batch.claimed().get(batch.claimed().size() - 1);
		}
	}

	private Batch sweepBatch(Instant changedBefore, Candidate after, Instant now) {
		List<Candidate> claimed = this.orders.claim(changedBefore, after, this.settings.batchSize());
		List<Intervention> interventions = new ArrayList<>();
		for (Candidate order : claimed) {
			SagaStepDeadline.of(order.status())
				.flatMap((step) -> intervene(order, step, now))
				.ifPresent(interventions::add);
		}
		return new Batch(claimed, interventions);
	}

	private Optional<Intervention> intervene(Candidate order, SagaStepDeadline step, Instant now) {
		Duration deadline = step.deadline(this.settings);
		Optional<Command> command = this.orders.command(order.id(), step.command());
		if (command.isPresent() && command.get().publishedAt() == null) {
			return Optional.empty();
		}
		Instant waitingSince = command.map(Command::publishedAt).orElse(order.updatedAt());
		if (waitingSince.plus(deadline).isAfter(now)) {
			return Optional.empty();
		}
		if (command.isPresent() && !this.orders.redriven(order.id(), step.status())) {
			return this.orders.redrive(order.id(), step.status(), command.get(), now)
					? Optional.of(new Intervention(order, step, Kind.REDRIVE, deadline)) : Optional.empty();
		}
		if (this.saga.deadlinePassed(order.id(), step.status()).applied()) {
			return Optional.of(new Intervention(order, step, Kind.CANCEL, deadline));
		}
		return Optional.empty();
	}

	/** Logs and counts an intervention once its transaction committed. */
	private void report(Intervention intervention) {
		interventions(intervention.step(), intervention.kind()).increment();
		if (intervention.kind() == Kind.REDRIVE) {
			logger.warn("Order {} waited {} past its deadline of {}: its {} is published again",
					intervention.order().id(), intervention.step().slug(), intervention.deadline(),
					intervention.step().command());
		}
		else {
			logger.warn(
					"Order {} waited {} past its deadline of {} again after its {} was published again: "
							+ "cancelled as timed-out",
					intervention.order().id(), intervention.step().slug(), intervention.deadline(),
					intervention.step().command());
		}
	}

	private Counter interventions(SagaStepDeadline step, Kind kind) {
		return Counter.builder("bazaar.orders.deadline.interventions")
			.description("Saga steps driven again or cancelled because their participant did not answer in time")
			.tag("step", step.slug())
			.tag("kind", kind.slug)
			.register(this.meters);
	}

	private enum Kind {

		REDRIVE("redrive"), CANCEL("cancel");

		private final String slug;

		Kind(String slug) {
			this.slug = slug;
		}

	}

	private record Intervention(Candidate order, SagaStepDeadline step, Kind kind, Duration deadline) {

	}

	private record Batch(List<Candidate> claimed, List<Intervention> interventions) {

	}

}
