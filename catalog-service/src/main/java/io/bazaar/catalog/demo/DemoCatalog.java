package io.bazaar.catalog.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * A made-up but realistic catalog: fourteen departments, plausible names, descriptions
 * that search can find, prices and stock in believable ranges. The same seed always gives
 * the same catalog, down to the ids, so every instance and every run agree.
 */
final class DemoCatalog {

	private static final Vocabulary VOCABULARY = Vocabulary.load();

	private final List<Category> categories;

	private final List<Product> products;

	private DemoCatalog(List<Category> categories, List<Product> products) {
		this.categories = categories;
		this.products = products;
	}

	static DemoCatalog generate(long seed, int productCount) {
		Random random = new Random(seed);
		List<Category> categories = VOCABULARY.departments()
			.stream()
			.map((department) -> new Category(id("category:" + department.slug()), department.slug(), department.name(),
					department.description()))
			.toList();
		List<Product> products = new ArrayList<>(productCount);
		Set<String> names = new HashSet<>();
		for (int i = 0; i < productCount; i++) {
			int index = i % VOCABULARY.departments().size();
			Department department = VOCABULARY.departments().get(index);
			String brand = pick(random, department.brands());
			String kind = pick(random, department.kinds());
			String name = brand + " " + pick(random, VOCABULARY.qualifiers()) + " " + kind;
			if (!names.add(name)) {
				name = name + " " + (char) ('A' + random.nextInt(26)) + (100 + random.nextInt(900));
				names.add(name);
			}
			String sku = department.skuPrefix() + "-" + String.format(Locale.ROOT, "%05d", i + 1);
			products
				.add(new Product(id("product:" + sku), sku, name, description(random, department, name, kind, brand),
						price(random, department), "USD", categories.get(index).id(),
						attributes(random, department, brand), images(random, sku), stock(random)));
		}
		return new DemoCatalog(categories, List.copyOf(products));
	}

	List<Category> categories() {
		return this.categories;
	}

	List<Product> products() {
		return this.products;
	}

	private static String description(Random random, Department department, String name, String kind, String brand) {
		List<String> features = new ArrayList<>(department.features());
		String first = features.remove(random.nextInt(features.size()));
		String second = features.remove(random.nextInt(features.size()));
		String noun = kind.toLowerCase(Locale.ROOT);
		String article = ("aeiou".indexOf(noun.charAt(0)) >= 0) ? "an " : "a ";
		return "The " + name + " is " + article + noun + " from " + brand + ". " + first + " " + second;
	}

	private static BigDecimal price(Random random, Department department) {
		// Log-uniform: cheap items are more common than expensive ones, as in real shops.
		double low = Math.log(department.minPrice());
		double high = Math.log(department.maxPrice());
		double dollars = Math.floor(Math.exp(low + random.nextDouble() * (high - low)));
		double cents = random.nextBoolean() ? 0.99 : 0.49;
		return BigDecimal.valueOf(dollars + cents).setScale(2, RoundingMode.HALF_UP);
	}

	private static Map<String, String> attributes(Random random, Department department, String brand) {
		Map<String, String> attributes = new LinkedHashMap<>();
		if (department.slug().equals("books")) {
			attributes.put("publisher", brand);
			attributes.put("format", pick(random, VOCABULARY.bookFormats()));
			attributes.put("pages", Integer.toString(120 + random.nextInt(600)));
		}
		else {
			attributes.put("brand", brand);
			attributes.put("color", pick(random, VOCABULARY.colors()));
			attributes.put("warrantyMonths", Integer.toString(12 * (1 + random.nextInt(3))));
		}
		return attributes;
	}

	private static List<String> images(Random random, String sku) {
		String base = "https://images.bazaar.example/products/" + sku.toLowerCase(Locale.ROOT) + "/";
		List<String> images = new ArrayList<>();
		images.add(base + "main.jpg");
		for (int i = 1, extra = random.nextInt(3); i <= extra; i++) {
			images.add(base + "detail-" + i + ".jpg");
		}
		return images;
	}

	private static int stock(Random random) {
		return (random.nextInt(20) == 0) ? 0 : 1 + random.nextInt(400);
	}

	private static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	private static UUID id(String name) {
		return UUID.nameUUIDFromBytes(("bazaar-demo:" + name).getBytes(StandardCharsets.UTF_8));
	}

	record Category(UUID id, String slug, String name, String description) {

	}

	record Product(UUID id, String sku, String name, String description, BigDecimal price, String currency,
			UUID categoryId, Map<String, String> attributes, List<String> imageUrls, int stock) {

	}

	/** The words the catalog is made of, kept as data in {@code demo-catalog.json}. */
	private record Vocabulary(List<String> qualifiers, List<String> colors, List<String> bookFormats,
			List<Department> departments) {

		static Vocabulary load() {
			try (InputStream json = DemoCatalog.class.getResourceAsStream("demo-catalog.json")) {
				return JsonMapper.builder().build().readValue(json, Vocabulary.class);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("The demo catalog's vocabulary cannot be read", ex);
			}
		}

	}

	private record Department(String slug, String name, String description, String skuPrefix, List<String> kinds,
			List<String> brands, int minPrice, int maxPrice, List<String> features) {

	}

}
