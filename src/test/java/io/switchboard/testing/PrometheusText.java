package io.switchboard.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text exposition parsed into samples, so tests can look a series up by its name and labels. */
public final class PrometheusText {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    /** Parses the text format; comment lines are skipped. */
    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new PrometheusText(samples);
    }

    /** Returns every sample. */
    public List<Sample> samples() {
        return samples;
    }

    /** Returns the value of the series with exactly these labels; fails when there is none. */
    public double value(String name, Map<String, String> labels) {
        for (Sample sample : samples) {
            if (sample.name().equals(name) && sample.labels().equals(labels)) {
                return sample.value();
            }
        }
        throw new AssertionError("no series " + name + labels + " in:\n" + names());
    }

    /** Returns whether any sample of any series carries this label value. */
    public boolean hasLabel(String label, String value) {
        return samples.stream().anyMatch(sample -> value.equals(sample.labels().get(label)));
    }

    private String names() {
        StringBuilder text = new StringBuilder();
        for (Sample sample : samples) {
            text.append(sample.name())
                    .append(sample.labels())
                    .append(' ')
                    .append(sample.value())
                    .append('\n');
        }
        return text.toString();
    }

    /**
     * One sample line.
     *
     * @param name the series name
     * @param labels its labels
     * @param value its value
     */
    public record Sample(String name, Map<String, String> labels, double value) {}
}
