package io.bazaar.deployment.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;

/**
 * Every container has readiness and liveness probes. The platform's services probe the
 * actuator health groups: start-up and liveness on {@code /actuator/health/liveness},
 * readiness on {@code /actuator/health/readiness}, on their own HTTP port, with a
 * start-up allowance of at least two minutes.
 */
public final class ProbeCheck implements ManifestCheck {

	static final String LIVENESS = "/actuator/health/liveness";

	static final String READINESS = "/actuator/health/readiness";

	private static final int MINIMUM_STARTUP_SECONDS = 120;

	@Override
	public String invariant() {
		return "containers have readiness and liveness probes; services probe the actuator health groups";
	}

	@Override
	public List<String> violations(Manifests manifests) {
		List<String> violations = new ArrayList<>();
		for (Workload workload : manifests.workloads()) {
			for (Container container : workload.pod().getContainers()) {
				String where = workload + " container " + container.getName() + ": ";
				if (workload.isPlatformService()) {
					checkActuatorProbe(where + "startupProbe", container.getStartupProbe(), LIVENESS, container,
							violations);
					checkActuatorProbe(where + "readinessProbe", container.getReadinessProbe(), READINESS, container,
							violations);
					checkActuatorProbe(where + "livenessProbe", container.getLivenessProbe(), LIVENESS, container,
							violations);
					checkStartupAllowance(where, container.getStartupProbe(), violations);
				}
				else {
					if (container.getReadinessProbe() == null) {
						violations.add(where + "no readinessProbe");
					}
					if (container.getLivenessProbe() == null) {
						violations.add(where + "no livenessProbe");
					}
				}
			}
		}
		return violations;
	}

	private void checkActuatorProbe(String where, Probe probe, String path, Container container,
			List<String> violations) {
		if (probe == null) {
			violations.add(where + " missing, expected GET " + path);
			return;
		}
		if (probe.getHttpGet() == null) {
			violations.add(where + " must be an HTTP GET of " + path);
			return;
		}
		if (!path.equals(probe.getHttpGet().getPath())) {
			violations.add(where + " GETs " + probe.getHttpGet().getPath() + ", expected " + path);
		}
		if (!isContainerPort(probe.getHttpGet().getPort(), container)) {
			violations.add(where + " probes port " + portText(probe.getHttpGet().getPort())
					+ ", which is not a port of the container");
		}
	}

	private void checkStartupAllowance(String where, Probe startup, List<String> violations) {
		if (startup == null) {
			return;
		}
		int period = Objects.requireNonNullElse(startup.getPeriodSeconds(), 10);
		int failures = Objects.requireNonNullElse(startup.getFailureThreshold(), 3);
		if (period * failures < MINIMUM_STARTUP_SECONDS) {
			violations.add(where + "startupProbe allows " + (period * failures) + "s to start, expected at least "
					+ MINIMUM_STARTUP_SECONDS + "s");
		}
	}

	static boolean isContainerPort(IntOrString port, Container container) {
		if (port == null || container.getPorts() == null) {
			return false;
		}
		for (ContainerPort containerPort : container.getPorts()) {
			if (port.getStrVal() != null && port.getStrVal().equals(containerPort.getName())) {
				return true;
			}
			if (port.getIntVal() != null && port.getIntVal().equals(containerPort.getContainerPort())) {
				return true;
			}
		}
		return false;
	}

	static String portText(IntOrString port) {
		if (port == null) {
			return "(none)";
		}
		return (port.getStrVal() != null) ? port.getStrVal() : String.valueOf(port.getIntVal());
	}

}
