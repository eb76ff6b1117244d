package io.bazaar.order.payment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.bazaar.order.config.OrdersProperties;
import io.bazaar.order.events.EventJson;
import io.bazaar.order.events.PaymentRequested;
import io.bazaar.order.events.TraceContext;
import io.bazaar.order.ordering.Money;
import io.bazaar.order.ordering.OrderRepository;
import io.bazaar.order.ordering.OrderStatus;
import io.bazaar.order.saga.OrderSaga;
import io.bazaar.order.saga.SagaStep;
import io.bazaar.runtime.inbox.ProcessedEvents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The competing consumers of the payment task queue. A worker takes up to
 * {@code orders.payment.in-flight-per-worker} tasks at a time and has all of them under
 * way at once: it asks the provider for every charge, holds no thread while the answers
 * are pending, and settles each as it arrives: in one transaction, records the task as
 * processed and moves the order on (confirmed or cancelled). The batch's offsets are
 * committed once every task of it has ended, so a crash works the unfinished ones again
 * (harmless: tasks are recorded as processed and the provider answers each order once).
 * <p>
 * A task that fails transiently (provider unavailable or too slow, database away) is
 * tried again after an exponential backoff, without holding up the others; once its
 * attempts are spent, or at once for a task that cannot be read or names no order, it is
 * published to the dead letter topic, whose listener cancels the order. Only when even
 * that publication fails is the whole batch worked again, so nothing is lost.
 * <p>
 * A customer may cancel while the charge is in flight: the order's row lock makes the
 * cancellation and the result apply one after the other, and an authorisation that
 * arrives for a cancelled order is voided.
 */
@Component
class PaymentWorker implements DisposableBean {

	static final String LISTENER_ID = "payment-workers";

	static final String CONSUMER = "payment-worker";

	private static final Logger logger = LoggerFactory.getLogger(PaymentWorker.class);

	private final EventJson json;

	private final ProcessedEvents processed;

	private final OrderRepository orders;

	private final OrderSaga saga;

	private final PaymentProvider provider;

	private final PaymentLedger ledger;

	private final TransactionTemplate transactions;

	private final DeadLetterPublishingRecoverer deadLetters;

	private final OrdersProperties.Retry retry;

	/** Settles answers as they arrive: short transactions, bounded by the pool. */
	private final ExecutorService settling;

	private final AtomicInteger charging = new AtomicInteger();

	private final TraceContext traces;

	PaymentWorker(EventJson json, ProcessedEvents processed, OrderRepository orders, OrderSaga saga,
			PaymentProvider provider, PaymentLedger ledger, TransactionTemplate transactions,
			DeadLetterPublishingRecoverer paymentDeadLetterPublisher, OrdersProperties properties, MeterRegistry meters,
			TraceContext traces) {
		this.traces = traces;
		this.json = json;
		this.processed = processed;
		this.orders = orders;
		this.saga = saga;
		this.provider = provider;
		this.ledger = ledger;
		this.transactions = transactions;
		this.deadLetters = paymentDeadLetterPublisher;
		this.retry = properties.payment().retry();
		this.settling = Executors.newFixedThreadPool(properties.payment().workers(), (task) -> {
			Thread thread = new Thread(task, "payment-settle");
			thread.setDaemon(true);
			return thread;
		});
		Gauge.builder("bazaar.payments.in.flight", this.charging, AtomicInteger::get)
			.description("Charges this instance has asked the payment provider for and not yet settled")
			.register(meters);
	}

	@KafkaListener(id = LISTENER_ID, topics = "#{@ordersMessaging.paymentTasks()}",
			groupId = "#{@ordersMessaging.paymentGroup()}", containerFactory = "paymentListenerContainerFactory",
			clientIdPrefix = "payment-worker", batch = "true")
	void onTasks(List<ConsumerRecord<String, String>> records) {
		List<CompletableFuture<Void>> tasks = new ArrayList<>(records.size());
		Map<ConsumerRecord<String, String>, PaymentRequested> readable = new LinkedHashMap<>();
		for (ConsumerRecord<String, String> record : records) {
			try {
				readable.put(record, read(record));
			}
			catch (PoisonTaskException ex) {
				tasks.add(deadLetter(record, ex));
			}
		}
		Collection<PaymentRequested> all = readable.values();
		Set<UUID> processedBefore = this.processed.processedAmong(CONSUMER,
				all.stream().map(PaymentRequested::eventId).toList());
		Map<UUID, OrderStatus> statuses = this.orders
			.findStatuses(all.stream().map(PaymentRequested::orderId).toList());
		Set<UUID> started = new HashSet<>();
		readable.forEach((record, task) -> {
			if (started.add(task.eventId())) {
				Span span = this.traces.continued(record, "payment-task");
				tasks.add(first(record, task, span, processedBefore.contains(task.eventId()),
						statuses.get(task.orderId()))
					.whenComplete((done, failure) -> span.end()));
			}
		});
		// Fails only when a dead letter could not be published: the container then works
		// the whole batch again.
		CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).join();
	}

	/** The first attempt at a task, from what the batch's two queries found. */
	private CompletableFuture<Void> first(ConsumerRecord<String, String> record, PaymentRequested task, Span span,
			boolean alreadyProcessed, OrderStatus status) {
		try {
			if (!due(task, alreadyProcessed, status)) {
				return CompletableFuture.completedFuture(null);
			}
		}
		catch (RuntimeException ex) {
			return afterFailure(record, task, span, 1, ex);
		}
		return charged(record, task, span, 1, charge(task));
	}

	private CompletableFuture<Void> attempt(ConsumerRecord<String, String> record, PaymentRequested task, Span span,
			int attempt) {
		CompletableFuture<PaymentProvider.Authorisation> answer;
		try {
			boolean alreadyProcessed = this.processed.isProcessed(CONSUMER, task.eventId());
			if (!due(task, alreadyProcessed, this.orders.findStatus(task.orderId()).orElse(null))) {
				return CompletableFuture.completedFuture(null);
			}
			answer = charge(task);
		}
		catch (RuntimeException ex) {
			answer = CompletableFuture.failedFuture(ex);
		}
		return charged(record, task, span, attempt, answer);
	}

	private CompletableFuture<Void> charged(ConsumerRecord<String, String> record, PaymentRequested task, Span span,
			int attempt, CompletableFuture<PaymentProvider.Authorisation> answer) {
		return answer
			.thenAcceptAsync((authorisation) -> this.traces.within(span, () -> settle(task, authorisation)),
					this.settling)
			.handle((done, failure) -> (failure == null) ? CompletableFuture.<Void>completedFuture(null)
					: afterFailure(record, task, span, attempt, unwrap(failure)))
			.thenCompose((next) -> next);
	}

	private CompletableFuture<PaymentProvider.Authorisation> charge(PaymentRequested task) {
		this.charging.incrementAndGet();
		try {
			return this.provider.authorise(task.orderId(), new Money(task.amount(), task.currency()))
				.whenComplete((authorisation, failure) -> this.charging.decrementAndGet());
		}
		catch (RuntimeException ex) {
			this.charging.decrementAndGet();
			throw ex;
		}
	}

	/** Whether the task still needs its charge: not processed yet, order awaiting it. */
	private boolean due(PaymentRequested task, boolean alreadyProcessed, OrderStatus status) {
		if (alreadyProcessed) {
			logger.info("Payment task {} for order {} was already processed", task.eventId(), task.orderId());
			return false;
		}
		if (status == null) {
			throw new PoisonTaskException("Payment task for unknown order " + task.orderId(), null);
		}
		if (status != OrderStatus.STOCK_RESERVED) {
			logger.info("Payment task {} skipped: order {} is {}", task.eventId(), task.orderId(), status);
			this.transactions.executeWithoutResult((tx) -> this.processed.markProcessed(CONSUMER, task.eventId()));
			return false;
		}
		return true;
	}

	private CompletableFuture<Void> afterFailure(ConsumerRecord<String, String> record, PaymentRequested task,
			Span span, int attempt, Throwable failure) {
		if (failure instanceof PoisonTaskException || attempt >= this.retry.maxAttempts()) {
			return deadLetter(record, failure);
		}
		Duration pause = backoff(attempt);
		logger.info("Payment of order {} failed (attempt {} of {}), trying again in {} ms: {}", task.orderId(), attempt,
				this.retry.maxAttempts(), pause.toMillis(), failure.toString());
		return CompletableFuture
			.supplyAsync(() -> attempt(record, task, span, attempt + 1),
					CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS, this.settling))
			.thenCompose((next) -> next);
	}

	private Duration backoff(int attempt) {
		double millis = this.retry.initialInterval().toMillis() * Math.pow(this.retry.multiplier(), attempt - 1);
		return Duration.ofMillis((long) Math.min(millis, this.retry.maxInterval().toMillis()));
	}

	private CompletableFuture<Void> deadLetter(ConsumerRecord<String, String> record, Throwable cause) {
		return CompletableFuture.runAsync(() -> {
			logger.warn("Payment task at {} goes to the dead letter topic: {}", position(record), cause.toString());
			this.deadLetters.accept(record, (cause instanceof Exception ex) ? ex : new IllegalStateException(cause));
		}, this.settling);
	}

	/**
	 * Applies the provider's answer; voids an authorisation the order no longer needs.
	 */
	private void settle(PaymentRequested task, PaymentProvider.Authorisation authorisation) {
		Boolean mustVoid = this.transactions.execute((tx) -> apply(task, authorisation));
		if (Boolean.TRUE.equals(mustVoid)) {
			logger.info("Order {} was cancelled while its payment was authorised; voiding the authorisation",
					task.orderId());
			this.provider.voidAuthorisation(task.orderId());
		}
	}

	private boolean apply(PaymentRequested task, PaymentProvider.Authorisation authorisation) {
		if (!this.processed.markProcessed(CONSUMER, task.eventId())) {
			return false;
		}
		if (!authorisation.approved()) {
			SagaStep step = this.saga.paymentDeclined(task.orderId());
			if (step.applied()) {
				this.ledger.record(task.orderId(), PaymentLedger.Status.DECLINED, authorisation.reference());
			}
			return false;
		}
		SagaStep step = this.saga.paymentAuthorised(task.orderId());
		if (step.status() == OrderStatus.CONFIRMED) {
			this.ledger.record(task.orderId(), PaymentLedger.Status.AUTHORISED, authorisation.reference());
			return false;
		}
		this.ledger.record(task.orderId(), PaymentLedger.Status.VOIDED, authorisation.reference());
		return true;
	}

	private PaymentRequested read(ConsumerRecord<String, String> record) {
		PaymentRequested task;
		try {
			task = this.json.read(record.value(), PaymentRequested.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new PoisonTaskException("Payment task at " + position(record) + " is not a PaymentRequested", ex);
		}
		if (task == null || task.eventId() == null || task.orderId() == null || task.amount() == null
				|| task.currency() == null) {
			throw new PoisonTaskException("Payment task at " + position(record) + " lacks required fields", null);
		}
		try {
			new Money(task.amount(), task.currency());
		}
		catch (RuntimeException ex) {
			throw new PoisonTaskException("Payment task at " + position(record) + " has an invalid amount", ex);
		}
		return task;
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	static String position(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

	@Override
	public void destroy() {
		this.settling.shutdownNow();
	}

}
