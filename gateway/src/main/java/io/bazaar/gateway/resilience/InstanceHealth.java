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

	/** What a call's end means for the instance. */
	enum Verdict {

		KEEP, EJECTED,
		/**
		 * Slow (or failing) too often: ejected only if other instances can take its
		 * calls.
		 */
		SLOW_OUTLIER

	}

	/** How a call ended, as far as the instance's health is concerned. */
	enum Outcome {

		SUCCESS,
		/** Answered after the slow-call threshold, or not within the time limit. */
		SLOW,
		/** Could not be connected to, or answered 502 or 503 (without Retry-After). */
		FAILURE,
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

	private boolean lastCallSucceeded = true;

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

	/** Starts a call unless {@code max} are under way already. */
	synchronized boolean tryCallStarted(long now, int max) {
		if (this.inFlight >= max) {
			return false;
		}
		callStarted(now);
		return true;
	}

	synchronized void callStarted(long now) {
		if (this.inFlight == 0) {
			this.lastAnswer = now;
		}
		this.inFlight++;
	}

	/**
	 * Records how a call ended.
	 * @return what it means for the instance: {@link Verdict#SLOW_OUTLIER} asks the
	 * caller to decide, by the state of the service's other instances, between
	 * {@link #ejectAsOutlier} and {@link #forgive}
	 */
	synchronized Verdict callEnded(Outcome outcome, long now) {
		this.inFlight--;
		this.lastAnswer = now;
		if (outcome == Outcome.BUSY) {
			return Verdict.KEEP;
		}
		this.lastCallSucceeded = outcome == Outcome.SUCCESS;
		if (outcome == Outcome.FAILURE) {
			this.consecutiveFailures++;
		}
		else if (outcome == Outcome.SUCCESS) {
			this.consecutiveFailures = 0;
		}
		State current = state(now);
		if (current == State.EJECTED) {
			return Verdict.KEEP;
		}
		if (current == State.TRIAL) {
			if (outcome == Outcome.FAILURE) {
				eject(now);
				return Verdict.EJECTED;
			}
			if (outcome == Outcome.SLOW) {
				return Verdict.SLOW_OUTLIER;
			}
			passTrialCall();
			return Verdict.KEEP;
		}
		record(outcome != Outcome.SUCCESS);
		if (this.consecutiveFailures >= this.settings.consecutiveFailures()) {
			eject(now);
			return Verdict.EJECTED;
		}
		return slowOrFailingTooOften() ? Verdict.SLOW_OUTLIER : Verdict.KEEP;
	}

	/** Takes the instance out of the rotation for being slower than the others. */
	synchronized void ejectAsOutlier(long now) {
		if (state(now) != State.EJECTED) {
			eject(now);
		}
	}

	/**
	 * Keeps a slow instance in the rotation, as no other can take its calls: when every
	 * instance is slow, the slowness is the system's (overload), not this instance's, and
	 * ejecting them all would only turn slow answers into refusals.
	 */
	synchronized void forgive(long now) {
		State current = state(now);
		if (current == State.TRIAL) {
			passTrialCall();
		}
		else if (current == State.HEALTHY) {
			this.windowCalls = 0;
			this.windowBad = 0;
			this.windowNext = 0;
		}
	}

	/**
	 * Able to take another instance's calls: in the rotation, not stalled, answering
	 * lately, and its last call went well (when every instance is slow, none is).
	 */
	synchronized boolean inRotation(long now, long answeredWithinNanos) {
		return state(now) == State.HEALTHY && !stalled(now) && now - this.lastAnswer < answeredWithinNanos
				&& this.lastCallSucceeded;
	}

	private void passTrialCall() {
		if (++this.trialSuccesses >= this.settings.trialCalls()) {
			this.state = State.HEALTHY;
			this.ejectionsInARow = 0;
		}
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
