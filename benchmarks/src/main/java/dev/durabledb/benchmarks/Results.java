package dev.durabledb.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects the figures of a run, prints each as it comes ({@code RESULT <scenario> <value>
 * <unit>}, {@code RATIO <name> <value>}), then a table and a JSON file.
 */
final class Results {

	private final PrintStream out;

	private final List<Figure> figures = new ArrayList<>();

	Results(PrintStream out) {
		this.out = out;
	}

	void result(String scenario, double value, String unit) {
		this.figures.add(new Figure("RESULT", scenario, value, unit, null, null));
		this.out.println("RESULT " + scenario + " " + format(value) + " " + unit);
	}

	/**
	 * A result with a target of its own.
	 * @param target the target the result must meet
	 * @param atMost whether the target is an upper bound (else a lower bound)
	 */
	void result(String scenario, double value, String unit, double target, boolean atMost) {
		this.figures.add(new Figure("RESULT", scenario, value, unit, target, atMost));
		this.out.println("RESULT " + scenario + " " + format(value) + " " + unit);
	}

	/**
	 * @param target the target the ratio must meet
	 * @param atMost whether the target is an upper bound (else a lower bound)
	 */
	void ratio(String name, double value, double target, boolean atMost) {
		this.figures.add(new Figure("RATIO", name, value, null, target, atMost));
		this.out.println("RATIO " + name + " " + format(value));
	}

	/** Something a reader of figure {@code name} must know: how it was taken, where it falls short. */
	void note(String name, String text) {
		this.out.println("NOTE " + name + ": " + text);
	}

	/** A figure this run could not take, and why; it is left out of the table and the JSON. */
	void skipped(String name, String reason) {
		this.out.println("SKIP " + name + ": " + reason);
	}

	List<Figure> figures() {
		return this.figures;
	}

	void printTable() {
		this.out.println();
		this.out.println(String.format(Locale.ROOT, "%-34s %14s  %-8s %s", "figure", "value", "unit", "target"));
		for (Figure figure : this.figures) {
			String target = (figure.target() == null) ? ""
					: (figure.atMost() ? "<= " : ">= ") + format(figure.target()) + (figure.met() ? "  met" : "  MISSED");
			this.out.println(String.format(Locale.ROOT, "%-34s %14s  %-8s %s", figure.name(), format(figure.value()),
					(figure.unit() != null) ? figure.unit() : "ratio", target));
		}
	}

	Path writeJson(Path file, String mode) throws IOException {
		StringBuilder json = new StringBuilder("{\n  \"mode\": \"" + mode + "\",\n  \"figures\": [\n");
		for (int i = 0; i < this.figures.size(); i++) {
			Figure figure = this.figures.get(i);
			json.append("    {\"kind\": \"").append(figure.kind()).append("\", \"name\": \"").append(figure.name())
				.append("\", \"value\": ").append(format(figure.value()));
			if (figure.unit() != null) {
				json.append(", \"unit\": \"").append(figure.unit()).append('"');
			}
			if (figure.target() != null) {
				json.append(", \"target\": ").append(format(figure.target()))
					.append(", \"atMost\": ").append(figure.atMost())
					.append(", \"met\": ").append(figure.met());
			}
			json.append('}').append((i < this.figures.size() - 1) ? ",\n" : "\n");
		}
		json.append("  ]\n}\n");
		Files.createDirectories(file.toAbsolutePath().getParent());
		return Files.writeString(file, json);
	}

	static String format(double value) {
		return String.format(Locale.ROOT, "%.4f", value);
	}

	/** One figure of the run. */
	record Figure(String kind, String name, double value, String unit, Double target, Boolean atMost) {

		boolean met() {
			return this.target == null || (this.atMost ? this.value <= this.target : this.value >= this.target);
		}

	}

}
