package io.bazaar.benchmarks;

import io.gatling.javaapi.core.Simulation;

/**
 * A simulation whose measured requests and CPU use go to the results file of run.sh.
 */
abstract class MeasuredSimulation extends Simulation {

	protected final Measurements measurements;

	MeasuredSimulation(String name) {
		this.measurements = new Measurements(name, BenchmarkSettings.path("results"));
	}

	@Override
	public void before() {
		this.measurements.start();
	}

	@Override
	public void after() {
		this.measurements.finish();
	}

}
