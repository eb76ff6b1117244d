package io.bazaar.gateway.resilience;

import io.bazaar.gateway.config.GatewayProperties.OutlierDetection;

/**
 * What the gateway has seen of one instance of a service: the calls waiting on it, its
 * recent outcomes, and whether it is in the rotation, ejected, or on trial after an
 * ejection. Times are {@link System#nanoTime()} values.
 */
final class InstanceHealth {

	enum State {

		/** In the rotation. */
		HEALTHY,
		/** Out of the rotation until its ejection ends. */
		EJECTED,
		/** Back after an ejection, taking a few calls at a time until they succeed. */
		TRIAL

	}

	/** How a call ended, as far as the instance's health is concerned. */
	enum Outcome {

		SUCCESS, SLOW, FAILURE,
		/** The instance answered that it is busy and when to come back: no verdict. */
		BUSY

	}

	private final String service;

	private final String address;

	private final OutlierDetection settings;

	private final long slowCallNanos;

	private final boolean[] window;

	private int windowCalls;

	private int windowBad;

	private int windowNext;

	private int consecutiveFailures;

	private int ejectionsInARow;

	private int trialSuccesses;

	private int inFlight;

	private long lastAnswer;

	private long ejectedUntil;

	private State state = State.HEALTHY;

	InstanceHealth(String service, String address, OutlierDetection settings, long now) {
		this.service = service;
		this.address = address;
		this.settings = settings;
		this.slowCallNanos = settings.slowCallThresholdFor(service).toNanos();
		this.window = new boolean[settings.slidingWindowSize()];
		this.lastAnswer = now;
	}

	String service() {
		return this.service;
	}

	String address() {
		return this.address;
	}

	/** How long a call to this instance may take before it counts as slow. */
	long slowCallNanos() {
		return this.slowCallNanos;
	}

	synchronized State state(long now) {
		if (this.state == State.EJECTED && now - this.ejectedUntil >= 0) {
			this.state = State.TRIAL;
			this.trialSuccesses = 0;
		}
		return this.state;
	}

	/**
	 * Whether the instance may take another call now: not while ejected; on trial only as
	 * many at once as the trial still needs.
	 */
	synchronized boolean acceptsCalls(long now) {
		return switch (state(now)) {
			case HEALTHY -> true;
			case EJECTED -> false;
			case TRIAL -> this.inFlight < this.settings.trialCalls() - this.trialSuccesses;
		};
	}

	/**
	 * Calls wait on the instance and it has answered none of them for longer than the
	 * slow-call threshold: stopped, stuck, or overwhelmed.
	 */
	synchronized boolean stalled(long now) {
		return this.inFlight > 0 && now - this.lastAnswer > this.slowCallNanos;
	}

	synchronized int inFlight() {
		return this.inFlight;
	}

	synchronized long nanosUntilBack(long now) {
		return (state(now) == State.EJECTED) ? this.ejectedUntil - now : 0;
	}

	synchronized void callStarted(long now) {
		if (this.inFlight == 0) {
			this.lastAnswer = now;
		}
		this.inFlight++;
	}

	/**
	 * Records how a call ended.
	 * @return whether this call ejected the instance
	 */
	synchronized boolean callEnded(Outcome outcome, long now) {
		this.inFlight--;
		this.lastAnswer = now;
		if (outcome == Outcome.BUSY) {
			return false;
		}
		boolean bad = outcome != Outcome.SUCCESS;
		this.consecutiveFailures = (outcome == Outcome.FAILURE) ? this.consecutiveFailures + 1 : 0;
		State current = state(now);
		if (current == State.EJECTED) {
			return false;
		}
		if (current == State.TRIAL) {
			if (bad) {
				eject(now);
				return true;
			}
			if (++this.trialSuccesses >= this.settings.trialCalls()) {
				this.state = State.HEALTHY;
				this.ejectionsInARow = 0;
			}
			return false;
		}
		record(bad);
		if (this.consecutiveFailures >= this.settings.consecutiveFailures() || slowOrFailingTooOften()) {
			eject(now);
			return true;
		}
		return false;
	}

	private void record(boolean bad) {
		if (this.windowCalls == this.window.length) {
			if (this.window[this.windowNext]) {
				this.windowBad--;
			}
		}
		else {
			this.windowCalls++;
		}
		this.window[this.windowNext] = bad;
		if (bad) {
			this.windowBad++;
		}
		this.windowNext = (this.windowNext + 1) % this.window.length;
	}

	private boolean slowOrFailingTooOften() {
		return this.windowCalls == this.window.length
				&& this.windowBad * 100 >= this.settings.slowCallRateThreshold() * this.windowCalls;
	}

	private void eject(long now) {
		long base = this.settings.baseEjectionTime().toNanos();
		long ejection = Math.min(this.settings.maxEjectionTime().toNanos(), base << Math.min(this.ejectionsInARow, 20));
		this.ejectionsInARow++;
		this.ejectedUntil = now + ejection;
		this.state = State.EJECTED;
		this.consecutiveFailures = 0;
		this.windowCalls = 0;
		this.windowBad = 0;
		this.windowNext = 0;
	}

}
