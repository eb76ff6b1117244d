package io.bazaar.testsupport.architecture.adapter;

final class RestockingProblems {

	private RestockingProblems() {
	}

	static String tooLate() {
		return "too-late";
	}

}
