package io.bazaar.testsupport.architecture.adapter;

import org.springframework.http.HttpStatus;

/** An HTTP client of another service: an adapter, named as such by its service. */
public class StockClient {

	public boolean isConflict(int status) {
		return HttpStatus.valueOf(status) == HttpStatus.CONFLICT;
	}

}
