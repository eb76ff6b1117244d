package io.bazaar.catalog.product;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A product's {@code ETag} is its version, quoted: {@code "7"}. {@code If-Match} takes a
 * list of such tags or {@code *}; weak tags never match (RFC 9110 strong comparison).
 */
final class EntityTags {

	private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([^\"]*)\"\\s*(,|$)");

	private EntityTags() {
	}

	static String of(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * The versions an {@code If-Match} header accepts: empty for {@code *}; a set that no
	 * version matches when none of its tags is a strong version tag.
	 */
	static Set<Long> acceptedVersions(String ifMatch) {
		if (ifMatch.strip().equals("*")) {
			return Set.of();
		}
		Set<Long> versions = new HashSet<>();
		Matcher matcher = TAG.matcher(ifMatch);
		while (matcher.find()) {
			if (matcher.group(1) == null && matcher.group(2).matches("\\d{1,18}")) {
				versions.add(Long.parseLong(matcher.group(2)));
			}
		}
		if (versions.isEmpty()) {
			versions.add(-1L);
		}
		return versions;
	}

}
