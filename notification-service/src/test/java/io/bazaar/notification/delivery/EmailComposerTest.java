package io.bazaar.notification.delivery;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.bazaar.notification.history.Notification;
import io.bazaar.notification.history.NotificationDetails;
import io.bazaar.notification.history.NotificationDetails.OrderLine;
import io.bazaar.notification.history.NotificationKind;
import io.bazaar.notification.recipient.Recipient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailComposerTest {

	private static final UUID ORDER = UUID.fromString("3f2a91c0-0000-4000-8000-000000000001");

	private final EmailComposer composer = new EmailComposer();

	private final Recipient recipient = new Recipient(UUID.randomUUID(), "ada@example.test", "Ada <script>");

	@Test
	void confirmationListsItemsAndTotalsInBothBodiesEscapingHtml() {
		Email email = this.composer.compose(notification(NotificationKind.ORDER_CONFIRMED,
				NotificationDetails.orderConfirmed(ORDER,
						List.of(new OrderLine("TEA-1", "Tea & <b>cups</b>", 3, new BigDecimal("2.5"), "EUR"),
								new OrderLine("MUG-7", "Mug", 1, new BigDecimal("4.99"), "EUR")),
						new BigDecimal("12.49"), "EUR")),
				this.recipient);

		assertThat(email.subject()).isEqualTo("Your Bazaar order is confirmed");
		assertThat(email.text()).contains("Hi Ada <script>,", "Your order " + ORDER + " is confirmed",
				"- 3 x Tea & <b>cups</b> (TEA-1) at 2.50 EUR: 7.50 EUR", "- 1 x Mug (MUG-7) at 4.99 EUR: 4.99 EUR",
				"Total: 12.49 EUR");
		assertThat(email.html())
			.contains("Ada &lt;script&gt;", "Tea &amp; &lt;b&gt;cups&lt;/b&gt;", "7.50 EUR", "12.49 EUR",
					ORDER.toString())
			.doesNotContain("<script>", "<b>cups</b>");
	}

	@Test
	void cancellationSaysWhy() {
		Email email = this.composer.compose(notification(NotificationKind.ORDER_CANCELLED,
				NotificationDetails.orderCancelled(ORDER, "insufficient-stock")), this.recipient);

		assertThat(email.subject()).isEqualTo("Your Bazaar order was cancelled");
		assertThat(email.text())
			.contains("Your order " + ORDER + " was cancelled because some of the items are no longer in stock.");
		assertThat(email.html()).contains("some of the items are no longer in stock");
	}

	@Test
	void unknownCancellationReasonGetsAGeneralExplanation() {
		Email email = this.composer.compose(notification(NotificationKind.ORDER_CANCELLED,
				NotificationDetails.orderCancelled(ORDER, "<new-reason>")), this.recipient);

		assertThat(email.text()).contains("was cancelled because it could not be completed.");
		assertThat(email.html()).doesNotContain("new-reason");
	}

	@Test
	void welcomeGreetsTheUserByName() {
		Email email = this.composer.compose(notification(NotificationKind.WELCOME, NotificationDetails.welcome("Ada")),
				this.recipient);

		assertThat(email.subject()).isEqualTo("Welcome to Bazaar");
		assertThat(email.text()).startsWith("Hi Ada <script>,");
		assertThat(email.html()).contains("Hi <span>Ada &lt;script&gt;</span>");
	}

	private static Notification notification(NotificationKind kind, NotificationDetails details) {
		return new Notification(UUID.randomUUID(), 1, UUID.randomUUID(), kind, "title", "message", details,
				Instant.now(), null);
	}

}
