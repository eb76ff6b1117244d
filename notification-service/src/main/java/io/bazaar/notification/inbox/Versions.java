package io.bazaar.notification.inbox;

/** The event schema versions this service reads. */
final class Versions {

	private Versions() {
	}

	static void requireSupported(EventHeader header) {
		if (header.version() == null || header.version() != EventHeader.SUPPORTED_VERSION) {
			throw new InvalidEventException("%s %s has version %s; only version %d is read".formatted(header.type(),
					header.eventId(), header.version(), EventHeader.SUPPORTED_VERSION), null);
		}
	}

}
