package io.bazaar.deployment.kubernetes;

import java.util.List;

/**
 * One invariant of the rendered manifests.
 */
public interface ManifestCheck {

	/** What holds when the check passes, for test names and failure messages. */
	String invariant();

	/**
	 * Every place the invariant is broken, each naming the object; empty when it holds.
	 */
	List<String> violations(Manifests manifests);

}
