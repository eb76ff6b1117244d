package io.bazaar.catalog.inventory;

/**
 * Where an order's reservation stands. Units are held while {@code RESERVED}; releasing
 * gives them back, committing turns them into sold units. Both ends are final.
 */
enum ReservationStatus {

	RESERVED, RELEASED, COMMITTED

}
