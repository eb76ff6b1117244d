package io.bazaar.deployment.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * Pods run as non-root with the runtime's default seccomp profile and no service account
 * token; containers cannot escalate privileges, drop every capability and have a
 * read-only root filesystem (with an explicit, reasoned exception list). The platform's
 * services run as the image's user 10001 and get a writable {@code /tmp} from an
 * emptyDir.
 */
public final class SecurityContextCheck implements ManifestCheck {

	static final long SERVICE_USER = 10001L;

	private final Map<String, String> writableRootFilesystem;

	/**
	 * @param writableRootFilesystem workloads allowed a writable root filesystem, each
	 * with the reason
	 */
	public SecurityContextCheck(Map<String, String> writableRootFilesystem) {
		this.writableRootFilesystem = Map.copyOf(writableRootFilesystem);
	}

	@Override
	public String invariant() {
		return "pods run as non-root with RuntimeDefault seccomp; containers drop all capabilities,"
				+ " cannot escalate and have read-only root filesystems";
	}

	@Override
	public List<String> violations(Manifests manifests) {
		List<String> violations = new ArrayList<>();
		for (Workload workload : manifests.workloads()) {
			PodSpec pod = workload.pod();
			PodSecurityContext podContext = pod.getSecurityContext();
			if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
				violations.add(workload + ": automountServiceAccountToken must be false (no pod talks to the API)");
			}
			for (Container container : workload.containers()) {
				String where = workload + " container " + container.getName() + ": ";
				SecurityContext context = (container.getSecurityContext() != null) ? container.getSecurityContext()
						: new SecurityContext();
				if (!Boolean.TRUE.equals(
						first(context.getRunAsNonRoot(), (podContext != null) ? podContext.getRunAsNonRoot() : null))) {
					violations.add(where + "runAsNonRoot is not true");
				}
				String seccomp = (context.getSeccompProfile() != null) ? context.getSeccompProfile().getType()
						: (podContext != null && podContext.getSeccompProfile() != null)
								? podContext.getSeccompProfile().getType() : null;
				if (!"RuntimeDefault".equals(seccomp)) {
					violations.add(where + "seccomp profile is " + seccomp + ", expected RuntimeDefault");
				}
				if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
					violations.add(where + "allowPrivilegeEscalation is not false");
				}
				if (Boolean.TRUE.equals(context.getPrivileged())) {
					violations.add(where + "runs privileged");
				}
				if (context.getCapabilities() == null || context.getCapabilities().getDrop() == null
						|| !context.getCapabilities().getDrop().contains("ALL")) {
					violations.add(where + "does not drop ALL capabilities");
				}
				if (context.getCapabilities() != null && context.getCapabilities().getAdd() != null
						&& !context.getCapabilities().getAdd().isEmpty()) {
					violations.add(where + "adds capabilities " + context.getCapabilities().getAdd());
				}
				boolean readOnly = Boolean.TRUE.equals(context.getReadOnlyRootFilesystem());
				if (!readOnly && !this.writableRootFilesystem.containsKey(workload.name())) {
					violations.add(where + "root filesystem is writable (readOnlyRootFilesystem is not true)");
				}
				if (workload.isPlatformService()) {
					Long user = first(context.getRunAsUser(), (podContext != null) ? podContext.getRunAsUser() : null);
					if (user == null || user != SERVICE_USER) {
						violations.add(where + "runs as user " + user + ", expected the image's user " + SERVICE_USER);
					}
					if (!mountsEmptyDirAt(pod, container, "/tmp")) {
						violations.add(where + "no emptyDir mounted at /tmp (the JVM and the web server write there)");
					}
				}
			}
		}
		return violations;
	}

	private boolean mountsEmptyDirAt(PodSpec pod, Container container, String path) {
		if (container.getVolumeMounts() == null || pod.getVolumes() == null) {
			return false;
		}
		for (VolumeMount mount : container.getVolumeMounts()) {
			if (path.equals(mount.getMountPath())) {
				for (Volume volume : pod.getVolumes()) {
					if (volume.getName().equals(mount.getName()) && volume.getEmptyDir() != null) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static <T> T first(T preferred, T fallback) {
		return (preferred != null) ? preferred : fallback;
	}

}
