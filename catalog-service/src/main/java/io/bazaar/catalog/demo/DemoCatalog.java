package io.bazaar.catalog.demo;

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

/**
 * A made-up but realistic catalog: fourteen departments, plausible names, descriptions
 * that search can find, prices and stock in believable ranges. The same seed always gives
 * the same catalog, down to the ids, so every instance and every run agree.
 */
final class DemoCatalog {

	private static final List<Department> DEPARTMENTS = List.of(
			new Department("electronics", "Electronics", "Headphones, speakers, wearables and gadgets.", "ELC",
					List.of("Wireless Earbuds", "Bluetooth Speaker", "Smartwatch", "Tablet", "E-Reader",
							"Portable Charger", "Noise-Cancelling Headphones", "Action Camera"),
					List.of("Voltra", "Sonique", "Nexon", "Auralis", "Pixelkin"), 19, 899,
					List.of("Battery life lasts through a long weekend.", "Pairs in seconds over Bluetooth 5.3.",
							"Charges over USB-C.", "Splash resistant for workouts and rainy commutes.",
							"Ships with a two-year warranty.")),
			new Department("computers", "Computers & Accessories", "Keyboards, mice, monitors and storage.", "CMP",
					List.of("Mechanical Keyboard", "Wireless Mouse", "USB-C Hub", "27-inch Monitor", "Laptop Stand",
							"External SSD", "Webcam", "Docking Station"),
					List.of("Keystone", "Bitforge", "Lumina", "Datavault", "Orbit"), 15, 749,
					List.of("Works with Windows, macOS and Linux without drivers.",
							"Aluminium body that stays cool under load.", "Plug and play over USB-C.",
							"Designed for long days at the desk.", "Backed by a three-year warranty.")),
			new Department("kitchen", "Kitchen & Dining", "Cookware, knives, appliances and tableware.", "KIT",
					List.of("Espresso Machine", "Chef's Knife", "Cast Iron Skillet", "Stand Mixer", "Blender",
							"Dutch Oven", "Pour-Over Kettle", "Cutting Board"),
					List.of("Copperleaf", "Hearth & Co", "Saltbridge", "Milano Casa", "Ironwood"), 12, 649,
					List.of("Dishwasher safe for easy cleaning.", "Heats evenly for consistent results.",
							"Forged from high-carbon steel.", "A favourite of home cooks and chefs alike.",
							"Built to last for generations.")),
			new Department("home", "Home & Living", "Lighting, textiles and decor.", "HOM",
					List.of("Throw Blanket", "Table Lamp", "Scented Candle", "Wall Clock", "Linen Curtains",
							"Ceramic Vase", "Area Rug", "Storage Basket"),
					List.of("Nordhaus", "Willow Lane", "Casa Terra", "Oakmere", "Lumen Loft"), 9, 399,
					List.of("Adds warmth to any living room.", "Made from natural, sustainably sourced materials.",
							"Hand finished by skilled artisans.", "A calm, minimal design that fits any style.",
							"Easy to care for.")),
			new Department("garden", "Garden & Patio", "Tools, planters and outdoor furniture.", "GRD",
					List.of("Garden Hose", "Pruning Shears", "Raised Planter", "Solar Lantern", "Bird Feeder",
							"Watering Can", "Patio Chair", "Compost Bin"),
					List.of("Greenthumb", "Fernwood", "Sunbeam Gardens", "Rootstock", "Meadowlark"), 8, 459,
					List.of("Weatherproof for year-round use outdoors.", "Rust-resistant steel construction.",
							"Helps your plants thrive all season.", "Folds flat for winter storage.",
							"UV-stable materials that will not fade.")),
			new Department("sports", "Sports & Fitness", "Training gear for home and gym.", "SPT",
					List.of("Yoga Mat", "Adjustable Dumbbells", "Resistance Bands", "Jump Rope", "Foam Roller",
							"Kettlebell", "Cycling Jersey", "Tennis Racket"),
					List.of("Peakform", "Stridewell", "Ironpulse", "Tempo Athletics", "Balancea"), 9, 499,
					List.of("Built for daily training.", "Non-slip grip even when you sweat.",
							"Trusted by coaches and physiotherapists.", "Compact enough for small apartments.",
							"Durable under heavy use.")),
			new Department("camping", "Camping & Hiking", "Tents, packs and trail essentials.", "CMG",
					List.of("Backpacking Tent", "Sleeping Bag", "Trekking Poles", "Headlamp", "Hiking Backpack",
							"Camp Stove", "Water Filter", "Insulated Bottle"),
					List.of("Summitline", "Trailhead", "Northridge", "Alpenglow", "Basecamp"), 14, 599,
					List.of("Ultralight for long days on the trail.", "Packs down small.",
							"Tested in alpine conditions.", "Sets up in minutes, even in the dark.",
							"Weather sealed against wind and rain.")),
			new Department("books", "Books", "Fiction, non-fiction and cookbooks.", "BOK",
					List.of("Cookbook", "Mystery Novel", "Field Guide", "Science Fiction Novel", "Biography",
							"Travel Guide", "Poetry Collection", "History of Science"),
					List.of("Lantern Press", "Northwind Books", "Quill & Ink", "Harbor House", "Meridian"), 7, 59,
					List.of("A bestseller loved by readers and critics.", "Beautifully illustrated throughout.",
							"Perfect for a quiet weekend.", "Now in a revised and expanded edition.",
							"A thoughtful gift for curious minds.")),
			new Department("toys", "Toys & Games", "Games, puzzles and building sets for all ages.", "TOY",
					List.of("Building Blocks Set", "Board Game", "Jigsaw Puzzle", "Plush Bear", "Remote Control Car",
							"Wooden Train Set", "Card Game", "Science Kit"),
					List.of("Playwise", "Tinkertown", "Brightbox", "Funforge", "Little Oak"), 6, 249,
					List.of("Encourages creativity and problem solving.", "Safety tested for young children.",
							"Fun for the whole family.", "Made from durable, non-toxic materials.",
							"Hours of screen-free play.")),
			new Department("beauty", "Beauty & Personal Care", "Skin care, hair care and grooming.", "BTY",
					List.of("Face Moisturizer", "Hair Dryer", "Electric Toothbrush", "Shaving Kit", "Sunscreen SPF 50",
							"Lip Balm Set", "Body Lotion", "Makeup Brush Set"),
					List.of("Luminelle", "Pure Botanica", "Silkrose", "Verdance", "Glowhaus"), 5, 299,
					List.of("Dermatologist tested for sensitive skin.", "Free from parabens and sulfates.",
							"Cruelty free.", "Leaves skin soft and hydrated.", "Travel-size friendly.")),
			new Department("clothing", "Clothing", "Everyday wear and outerwear.", "CLO",
					List.of("Merino Sweater", "Denim Jacket", "Rain Jacket", "Chino Trousers", "Linen Shirt",
							"Wool Scarf", "Hoodie", "Puffer Vest"),
					List.of("Harbor & Pine", "Urbanweave", "Northloom", "Fieldcraft", "Cotton Row"), 15, 349,
					List.of("Tailored for a comfortable, modern fit.", "Breathable fabric for all-day wear.",
							"Machine washable.", "Ethically made from organic cotton.",
							"Layers easily through the seasons.")),
			new Department("shoes", "Shoes", "Running, hiking and everyday footwear.", "SHO",
					List.of("Running Shoes", "Leather Boots", "Canvas Sneakers", "Hiking Boots", "Sandals", "Slippers",
							"Loafers", "Trail Runners"),
					List.of("Stridewell", "Cobble & Co", "Fleetfoot", "Terrastep", "Marlow"), 19, 289,
					List.of("Cushioned sole for all-day comfort.", "Grippy outsole for wet pavements.",
							"Full-grain leather upper.", "Breaks in quickly.", "Lightweight and breathable.")),
			new Department("office", "Office Supplies", "Pens, paper, furniture and organisation.", "OFF",
					List.of("Fountain Pen", "Notebook", "Desk Organizer", "Ergonomic Chair", "Whiteboard",
							"Label Maker", "Paper Shredder", "Desk Lamp"),
					List.of("Inkwell", "Papercraft", "Deskwise", "Scribe & Co", "Officio"), 4, 699,
					List.of("Keeps your workspace tidy.", "Built for the daily grind of a busy office.",
							"Smooth, reliable and refillable.", "Adjustable for perfect posture.",
							"Recycled materials throughout.")),
			new Department("pets", "Pet Supplies", "Beds, toys and care for cats and dogs.", "PET",
					List.of("Dog Bed", "Cat Tree", "Chew Toy", "Pet Carrier", "Automatic Feeder", "Dog Leash",
							"Grooming Brush", "Aquarium Kit"),
					List.of("Pawsome", "Tailwind Pets", "Furbridge", "Happy Hound", "Whisker & Co"), 6, 329,
					List.of("Loved by cats and dogs alike.", "Easy to clean and machine washable.", "Vet recommended.",
							"Chew resistant for enthusiastic pets.", "Keeps your companion comfortable.")));

	private static final List<String> QUALIFIERS = List.of("Classic", "Pro", "Compact", "Deluxe", "Essential",
			"Premium", "Everyday", "Signature", "Eco", "Ultra");

	private static final List<String> COLORS = List.of("Black", "White", "Slate Grey", "Navy", "Forest Green", "Sand",
			"Terracotta", "Charcoal", "Sky Blue", "Burgundy");

	private static final List<String> BOOK_FORMATS = List.of("Hardcover", "Paperback", "Large Print");

	private final List<Category> categories;

	private final List<Product> products;

	private DemoCatalog(List<Category> categories, List<Product> products) {
		this.categories = categories;
		this.products = products;
	}

	static DemoCatalog generate(long seed, int productCount) {
		Random random = new Random(seed);
		List<Category> categories = DEPARTMENTS.stream()
			.map((department) -> new Category(id("category:" + department.slug()), department.slug(), department.name(),
					department.description()))
			.toList();
		List<Product> products = new ArrayList<>(productCount);
		Set<String> names = new HashSet<>();
		for (int i = 0; i < productCount; i++) {
			int index = i % DEPARTMENTS.size();
			Department department = DEPARTMENTS.get(index);
			String brand = pick(random, department.brands());
			String kind = pick(random, department.kinds());
			String name = brand + " " + pick(random, QUALIFIERS) + " " + kind;
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
			attributes.put("format", pick(random, BOOK_FORMATS));
			attributes.put("pages", Integer.toString(120 + random.nextInt(600)));
		}
		else {
			attributes.put("brand", brand);
			attributes.put("color", pick(random, COLORS));
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

	private record Department(String slug, String name, String description, String skuPrefix, List<String> kinds,
			List<String> brands, int minPrice, int maxPrice, List<String> features) {

	}

}
