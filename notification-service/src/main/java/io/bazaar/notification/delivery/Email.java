package io.bazaar.notification.delivery;

/**
 * A rendered e-mail.
 *
 * @param subject its subject
 * @param text its plain-text body
 * @param html its HTML body
 */
record Email(String subject, String text, String html) {

}
