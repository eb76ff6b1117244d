package io.bazaar.testsupport.architecture.clean;

/** Domain code that refuses with a plain exception. */
public class Shelf {

	public void take(int units) {
		if (units > 3) {
			throw new EmptyShelfException();
		}
	}

	public static class EmptyShelfException extends RuntimeException {

	}

}
