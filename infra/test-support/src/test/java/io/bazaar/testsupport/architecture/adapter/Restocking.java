package io.bazaar.testsupport.architecture.adapter;

/** Domain code that calls a problem mapping, which only the web layer may use. */
public class Restocking {

	public Object refuse() {
		return RestockingProblems.tooLate();
	}

}
