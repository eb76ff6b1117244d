package io.bazaar.deployment.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize}, which works offline. The
 * kubectl binary is taken from {@code -Dkubectl=...}, then {@code $KUBECTL}, then the
 * {@code PATH}.
 */
public final class Kustomize {

	private static final ConcurrentHashMap<Path, String> RENDERED = new ConcurrentHashMap<>();

	private Kustomize() {
	}

	/** The rendered YAML, cached per directory for the test run. */
	public static String render(Path kustomization) {
		return RENDERED.computeIfAbsent(kustomization.toAbsolutePath().normalize(), Kustomize::run);
	}

	private static String run(Path directory) {
		String kubectl = kubectl();
		List<String> command = List.of(kubectl, "kustomize", directory.toString());
		try {
			Path stderr = Files.createTempFile("kustomize", ".err");
			try {
				Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
				String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (!process.waitFor(2, TimeUnit.MINUTES)) {
					process.destroyForcibly();
					throw new IllegalStateException(String.join(" ", command) + " did not finish within 2 minutes");
				}
				if (process.exitValue() != 0) {
					throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
							+ "):\n" + Files.readString(stderr));
				}
				return output;
			}
			finally {
				Files.deleteIfExists(stderr);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run '" + kubectl + "' (" + ex.getMessage()
					+ "). The Kubernetes checks render the overlays with kubectl kustomize: install kubectl"
					+ " 1.27 or later, or point -Dkubectl or $KUBECTL at it.", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while rendering " + directory, ex);
		}
	}

	private static String kubectl() {
		String property = System.getProperty("kubectl");
		if (property != null && !property.isBlank()) {
			return property;
		}
		String environment = System.getenv("KUBECTL");
		return (environment != null && !environment.isBlank()) ? environment : "kubectl";
	}

}
