package io.bazaar.notification.delivery;

import java.util.List;
import java.util.Locale;

import io.bazaar.notification.history.CancellationReasons;
import io.bazaar.notification.history.Notification;
import io.bazaar.notification.history.NotificationDetails;
import io.bazaar.notification.recipient.Recipient;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.stereotype.Component;

/**
 * Renders a notification's e-mail, plain text and HTML, from the templates under
 * {@code templates/mail/}. The HTML templates write every value with {@code th:text}, so
 * what users typed (their name, product names) is escaped.
 */
@Component
class EmailComposer {

	private final TemplateEngine templates;

	EmailComposer() {
		this.templates = new TemplateEngine();
		this.templates.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
		this.templates.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
	}

	Email compose(Notification notification, Recipient recipient) {
		NotificationDetails details = notification.details();
		Context model = new Context(Locale.ENGLISH);
		model.setVariable("name", recipient.displayName());
		return switch (notification.kind()) {
			case WELCOME -> render("welcome", "Welcome to Bazaar", model);
			case ORDER_CONFIRMED -> {
				model.setVariable("orderNumber", details.orderId().toString());
				model.setVariable("lines", lines(details.items()));
				model.setVariable("total", Money.format(details.total(), details.currency()));
				yield render("order-confirmed", "Your Bazaar order is confirmed", model);
			}
			case ORDER_CANCELLED -> {
				model.setVariable("orderNumber", details.orderId().toString());
				model.setVariable("reason", CancellationReasons.describe(details.cancellationReason()));
				yield render("order-cancelled", "Your Bazaar order was cancelled", model);
			}
		};
	}

	private Email render(String template, String subject, Context model) {
		return new Email(subject, this.templates.process(template + ".txt", model),
				this.templates.process(template + ".html", model));
	}

	private static List<Line> lines(List<NotificationDetails.OrderLine> items) {
		return items.stream()
			.map((item) -> new Line(item.name(), item.sku(), item.quantity(),
					Money.format(item.unitPrice(), item.currency()), Money.format(item.lineTotal(), item.currency())))
			.toList();
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(EmailComposer.class.getClassLoader());
		resolver.setPrefix("templates/mail/");
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.getResolvablePatternSpec().addPattern(pattern);
		resolver.setOrder(order);
		resolver.setCacheable(true);
		return resolver;
	}

	/**
	 * One item line of an order e-mail, formatted.
	 *
	 * @param name the product's name
	 * @param sku its stock-keeping unit
	 * @param quantity how many
	 * @param unitPrice the price of one
	 * @param lineTotal the price of all
	 */
	record Line(String name, String sku, int quantity, String unitPrice, String lineTotal) {

	}

}
