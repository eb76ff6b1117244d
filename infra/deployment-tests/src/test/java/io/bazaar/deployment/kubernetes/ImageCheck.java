package io.bazaar.deployment.kubernetes;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Container;

/**
 * Every image is pinned to a tag or digest other than {@code latest}; each platform
 * service runs its own image ({@code bazaar/<service>}, under any registry) tagged with
 * the build's version.
 */
public final class ImageCheck implements ManifestCheck {

	private final String version;

	public ImageCheck(String version) {
		this.version = version;
	}

	@Override
	public String invariant() {
		return "images are pinned; the services' images are tagged " + this.version;
	}

	@Override
	public List<String> violations(Manifests manifests) {
		List<String> violations = new ArrayList<>();
		for (Workload workload : manifests.workloads()) {
			for (Container container : workload.containers()) {
				String where = workload + " container " + container.getName() + ": ";
				ImageReference image = ImageReference.parse(container.getImage());
				if (image.tag() == null && image.digest() == null) {
					violations.add(where + "image " + container.getImage() + " has no tag");
				}
				else if ("latest".equals(image.tag())) {
					violations.add(where + "image " + container.getImage() + " uses the moving tag latest");
				}
				if (workload.isPlatformService()) {
					String expected = "bazaar/" + workload.name();
					if (!image.repository().equals(expected) && !image.repository().endsWith("/" + expected)) {
						violations.add(where + "runs " + image.repository() + ", expected the service's own image "
								+ expected);
					}
					if (!this.version.equals(image.tag())) {
						violations.add(where + "image tag " + image.tag() + " differs from the build version "
								+ this.version + " (k8s/base/kustomization.yaml images: newTag)");
					}
				}
			}
		}
		return violations;
	}

	/**
	 * An image reference split into repository, tag and digest.
	 *
	 * @param repository registry and path, without tag or digest
	 * @param tag the tag, or {@code null}
	 * @param digest the digest, or {@code null}
	 */
	public record ImageReference(String repository, String tag, String digest) {

		public static ImageReference parse(String image) {
			String rest = image;
			String digest = null;
			int at = rest.indexOf('@');
			if (at >= 0) {
				digest = rest.substring(at + 1);
				rest = rest.substring(0, at);
			}
			String tag = null;
			int colon = rest.lastIndexOf(':');
			if (colon > rest.lastIndexOf('/')) {
				tag = rest.substring(colon + 1);
				rest = rest.substring(0, colon);
			}
			return new ImageReference(rest, tag, digest);
		}

	}

}
