package io.bazaar.gateway.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.bazaar.gateway.config.GatewayProperties;
import io.bazaar.gateway.config.GatewayProperties.OutlierDetection;
import io.bazaar.gateway.limits.ConcurrencyLimit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.stereotype.Component;

/**
 * The gateway's view of every instance it calls, kept from the calls themselves (passive
 * health checking): which instances may take calls, how many calls wait on each, and how
 * many calls each service is given at once.
 */
@Component
public class UpstreamHealth {

	private static final Logger logger = LoggerFactory.getLogger(UpstreamHealth.class);

	private static final long MIN_RETRY_AFTER_NANOS = Duration.ofSeconds(1).toNanos();

	private static final long RECENTLY_ANSWERED_NANOS = Duration.ofSeconds(30).toNanos();

	private final OutlierDetection settings;

	private final GatewayProperties.Resilience resilience;

	private final MeterRegistry meters;

	private final Map<String, InstanceHealth> instances = new ConcurrentHashMap<>();

	private final Map<String, ServiceCalls> services = new ConcurrentHashMap<>();

	UpstreamHealth(GatewayProperties properties, MeterRegistry meters) {
		this.resilience = properties.resilience();
		this.settings = this.resilience.outlierDetection();
		this.meters = meters;
	}

	/**
	 * The instances that may take a call now, best first: those neither stalled nor
	 * already tried by this call ({@code tried}) when there are any, else those not
	 * stalled, else every instance that is not ejected. Empty when every instance is
	 * ejected: the service's circuit is open.
	 */
	public List<ServiceInstance> candidates(String service, List<ServiceInstance> discovered,
			Collection<String> tried) {
		long now = System.nanoTime();
		if (allFresh(service, discovered, tried, now)) {
			return discovered;
		}
		List<ServiceInstance> accepting = new ArrayList<>(discovered.size());
		List<ServiceInstance> fresh = new ArrayList<>(discovered.size());
		List<ServiceInstance> responsive = new ArrayList<>(discovered.size());
		for (ServiceInstance instance : discovered) {
			InstanceHealth health = health(service, instance, now);
			if (!health.acceptsCalls(now)) {
				continue;
			}
			accepting.add(instance);
			if (!health.stalled(now)) {
				responsive.add(instance);
				if (!tried.contains(health.address())) {
					fresh.add(instance);
				}
			}
		}
		if (!fresh.isEmpty()) {
			return fresh;
		}
		return responsive.isEmpty() ? accepting : responsive;
	}

	/** The common case, without copying: every instance may take the call. */
	private boolean allFresh(String service, List<ServiceInstance> discovered, Collection<String> tried, long now) {
		for (ServiceInstance instance : discovered) {
			InstanceHealth health = health(service, instance, now);
			if (health.state(now) != InstanceHealth.State.HEALTHY || health.stalled(now)
					|| (!tried.isEmpty() && tried.contains(health.address()))) {
				return false;
			}
		}
		return true;
	}

	/** Calls waiting on the instance now. */
	public int inFlight(String service, ServiceInstance instance) {
		return health(service, instance, System.nanoTime()).inFlight();
	}

	/**
	 * How long a client should wait before calling the service again: until its first
	 * ejected instance is back, at least a second.
	 */
	public Duration retryAfter(String service) {
		long now = System.nanoTime();
		long soonest = Long.MAX_VALUE;
		for (InstanceHealth health : this.instances.values()) {
			if (health.service().equals(service)) {
				long until = health.nanosUntilBack(now);
				if (until > 0) {
					soonest = Math.min(soonest, until);
				}
			}
		}
		return Duration
			.ofNanos((soonest == Long.MAX_VALUE) ? MIN_RETRY_AFTER_NANOS : Math.max(MIN_RETRY_AFTER_NANOS, soonest));
	}

	/** Whether instances of the service have been seen, and all of them are ejected. */
	public boolean circuitOpen(String service) {
		long now = System.nanoTime();
		boolean seen = false;
		for (InstanceHealth health : this.instances.values()) {
			if (health.service().equals(service)) {
				seen = true;
				if (health.state(now) != InstanceHealth.State.EJECTED) {
					return false;
				}
			}
		}
		return seen;
	}

	/**
	 * Starts a call to the instance, unless the service, or that instance, already has as
	 * many calls under way as it is given at once (then the call is counted as shed). A
	 * started call must be ended exactly once, with {@link #release} and
	 * {@link #callEnded}.
	 * @return the instance's health, or {@code null} when the call may not start
	 */
	InstanceHealth tryStartCall(String service, ServiceInstance instance) {
		ServiceCalls calls = calls(service);
		if (!calls.admit()) {
			return null;
		}
		long now = System.nanoTime();
		InstanceHealth health = health(service, instance, now);
		if (!health.tryCallStarted(now, this.resilience.maxConcurrentCallsPerInstanceFor(service))) {
			calls.release();
			calls.shed.increment();
			return null;
		}
		return health;
	}

	void release(String service) {
		calls(service).release();
	}

	void callEnded(InstanceHealth health, InstanceHealth.Outcome outcome) {
		long now = System.nanoTime();
		InstanceHealth.Verdict verdict = health.callEnded(outcome, now);
		if (verdict == InstanceHealth.Verdict.SLOW_OUTLIER) {
			if (othersInRotation(health, now)) {
				health.ejectAsOutlier(now);
				verdict = InstanceHealth.Verdict.EJECTED;
			}
			else {
				health.forgive(now);
			}
		}
		if (verdict == InstanceHealth.Verdict.EJECTED) {
			calls(health.service()).ejections.increment();
			logger.warn("Ejected {} instance {} from the rotation: it failed or was slow too often", health.service(),
					health.address());
		}
	}

	/**
	 * Whether another instance of the service could take this one's calls: in the
	 * rotation, answering lately (an instance discovery no longer lists answers nothing)
	 * and well.
	 */
	private boolean othersInRotation(InstanceHealth health, long now) {
		for (InstanceHealth other : this.instances.values()) {
			if (other != health && other.service().equals(health.service())
					&& other.inRotation(now, RECENTLY_ANSWERED_NANOS)) {
				return true;
			}
		}
		return false;
	}

	public static String address(ServiceInstance instance) {
		return instance.getHost() + ":" + instance.getPort();
	}

	private InstanceHealth health(String service, ServiceInstance instance, long now) {
		String address = address(instance);
		InstanceHealth health = this.instances.get(service + "@" + address);
		if (health != null) {
			return health;
		}
		return this.instances.computeIfAbsent(service + "@" + address,
				(key) -> register(new InstanceHealth(service, address, this.settings, now)));
	}

	private InstanceHealth register(InstanceHealth health) {
		Gauge
			.builder("gateway.upstream.instance.ejected", health,
					(h) -> (h.state(System.nanoTime()) == InstanceHealth.State.EJECTED) ? 1 : 0)
			.description("1 while the gateway keeps the instance out of the rotation")
			.tags("service", health.service(), "instance", health.address())
			.register(this.meters);
		return health;
	}

	private ServiceCalls calls(String service) {
		ServiceCalls calls = this.services.get(service);
		return (calls != null) ? calls : this.services.computeIfAbsent(service,
				(name) -> new ServiceCalls(name, this.resilience.maxConcurrentCallsFor(name), this.meters));
	}

	/** The calls one service is given at once. */
	private static final class ServiceCalls {

		private final ConcurrencyLimit running;

		private final Counter shed;

		private final Counter ejections;

		ServiceCalls(String service, int limit, MeterRegistry meters) {
			this.running = new ConcurrencyLimit(limit);
			Gauge.builder("gateway.upstream.calls.active", this.running, ConcurrencyLimit::inUse)
				.description("Calls to the service under way")
				.tag("service", service)
				.register(meters);
			this.shed = Counter.builder("gateway.upstream.calls.shed")
				.description("Calls refused at once because the service had as many as it is given at once")
				.tag("service", service)
				.register(meters);
			this.ejections = Counter.builder("gateway.upstream.ejections")
				.description("Times an instance of the service was taken out of the rotation")
				.tag("service", service)
				.register(meters);
		}

		boolean admit() {
			if (this.running.tryAcquire()) {
				return true;
			}
			this.shed.increment();
			return false;
		}

		void release() {
			this.running.release();
		}

	}

}
