package io.switchboard.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The top-level {@code capabilities:} and {@code callers:} sections, and the checks that need every connector of every
 * file (a provider or a limited connector must exist; a connector's own {@code capability:} must agree).
 */
final class CapabilitySchema {
    private static final ValueType<String> PROVIDER =
            Scalars.urlName("a connector id of lowercase letters, digits and dashes, such as sms-alpha");

    private static final ValueType<List<String>> PROVIDERS = ValueType.distinctListOf(
            "a list of at least one connector id, such as [ sms-alpha, sms-beta ]", PROVIDER, 1);

    private static final ValueType<CapabilityConfig.Strategy> STRATEGY =
            Scalars.oneOf(Scalars.yamlNames(CapabilityConfig.Strategy.class));

    private static final ValueType<Integer> WEIGHT = Scalars.wholeNumber(1, 1000);

    /** A caller's name: what {@code Switchboard-Caller} may carry. */
    private static final Pattern CALLER_NAME = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private static final ValueType<Secret> KEY = ValueType.secret(
            "an API key of at least 16 characters from the environment, such as \"${SHOP_KEY}\"", text -> {
                if (text.length() < 16) {
                    throw new UnexpectedValue("an API key of at least 16 characters, and this one is shorter; make"
                            + " one with: openssl rand -hex 32");
                }
                return new Secret(text);
            });

    private CapabilitySchema() {}

    /**
     * A connector id written in a capability or a caller's limits, with its place, for the checks across files.
     *
     * @param connector the id as written
     * @param mark where it is written
     * @param path its key path
     */
    record Reference(String connector, Mark mark, String path) {}

    /**
     * A capability read from one file.
     *
     * @param config the capability
     * @param source its file
     * @param place where its id is written
     * @param providers where each provider is written
     */
    record PlacedCapability(CapabilityConfig config, SourceFile source, Mark place, List<Reference> providers) {}

    /**
     * A caller read from one file.
     *
     * @param config the caller
     * @param source its file
     * @param place where its name is written
     * @param keyPlace where its key is written, or null when it has none
     * @param limits where each limited connector is written
     */
    record PlacedCaller(
            CallerConfig config,
            SourceFile source,
            Mark place,
            @Nullable Mark keyPlace,
            List<Reference> limits) {}

    /** Returns the type of the {@code capabilities:} mapping. */
    static ValueType<Map<String, PlacedCapability>> capabilities() {
        return ValueType.section(
                "a mapping of capability ids to capabilities, such as { sms: { providers: [ sms-alpha, sms-beta ],"
                        + " strategy: failover } }",
                CapabilitySchema::capabilityMap);
    }

    /** Returns the type of the {@code callers:} mapping. */
    static ValueType<Map<String, PlacedCaller>> callers() {
        return ValueType.section(
                "a mapping of caller names to callers, such as { shop: { key: \"${SHOP_KEY}\", limits: {"
                        + " courier-express: 5/s } } }",
                CapabilitySchema::callerMap);
    }

    private static Map<String, PlacedCapability> capabilityMap(Section section) {
        Map<String, PlacedCapability> capabilities = new LinkedHashMap<>();
        for (Section.Entry entry : section.entries()) {
            String id = entry.key();
            Mark place = entry.keyNode().getStartMark();
            Value value = section.valueOf(entry);
            if (!Scalars.isUrlName(id)) {
                section.source()
                        .report(
                                place,
                                value.path(),
                                ValueText.quoted(id) + " (expected: a capability id of lowercase letters, digits and"
                                        + " dashes, at most 63 of them, such as sms)");
            }
            List<Reference> references = new ArrayList<>();
            CapabilityConfig config = ValueType.section(
                            "a mapping such as { providers: [ sms-alpha, sms-beta ], strategy: failover }",
                            capability -> capability(id, capability, references))
                    .read(value);
            if (config != null) {
                capabilities.put(id, new PlacedCapability(config, section.source(), place, references));
            }
        }
        return capabilities;
    }

    private static @Nullable CapabilityConfig capability(String id, Section section, List<Reference> references) {
        List<String> providers = section.required("providers", PROVIDERS);
        CapabilityConfig.Strategy written = section.optional("strategy", STRATEGY);
        boolean strategyWrong = written == null && section.has("strategy");
        CapabilityConfig.Strategy strategy = written == null ? CapabilityConfig.Strategy.FAILOVER : written;
        Map<String, Integer> weights = section.optional(
                "weights",
                ValueType.section(
                        "a mapping of providers to whole numbers, such as { sms-alpha: 3, sms-beta: 1 }",
                        CapabilitySchema::weights),
                Map.of());
        FailureTriggers failoverOn =
                FailureTriggers.all(section.optional("failover-on", FailureTriggers.LIST, List.of()));
        section.entry("providers").ifPresent(entry -> {
            if (entry.valueNode() instanceof SequenceNode sequence) {
                for (Node item : sequence.getValue()) {
                    if (item instanceof ScalarNode scalar) {
                        references.add(
                                new Reference(scalar.getValue(), item.getStartMark(), section.path() + ".providers"));
                    }
                }
            }
        });
        if (providers == null) {
            return null;
        }
        if (section.has("weights") && strategy != CapabilityConfig.Strategy.WEIGHTED && !strategyWrong) {
            section.report(
                    "weights",
                    "weights under strategy failover (expected: strategy: weighted beside them, or no" + " weights)");
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (String provider : providers) {
            if (strategy == CapabilityConfig.Strategy.WEIGHTED) {
                ordered.put(provider, weights.getOrDefault(provider, 1));
            }
        }
        section.entry("weights").ifPresent(entry -> {
            Section weightSection = new Section(section.valueOf(entry));
            for (Section.Entry weight : weightSection.entries()) {
                if (!providers.contains(weight.key())) {
                    section.source()
                            .report(
                                    weight.keyNode().getStartMark(),
                                    section.path() + ".weights." + weight.key(),
                                    ValueText.quoted(weight.key()) + " (expected: one of the providers, "
                                            + String.join(", ", providers)
                                            + DidYouMean.hint(weight.key(), providers) + ")");
                }
            }
        });
        return new CapabilityConfig(id, providers, strategy, ordered, failoverOn.failures(), failoverOn.statuses());
    }

    private static Map<String, Integer> weights(Section section) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (Section.Entry entry : section.entries()) {
            Integer weight = WEIGHT.read(section.valueOf(entry));
            if (weight != null) {
                weights.put(entry.key(), weight);
            }
        }
        return weights;
    }

    private static Map<String, PlacedCaller> callerMap(Section section) {
        Map<String, PlacedCaller> callers = new LinkedHashMap<>();
        for (Section.Entry entry : section.entries()) {
            String name = entry.key();
            Mark place = entry.keyNode().getStartMark();
            Value value = section.valueOf(entry);
            if (!CALLER_NAME.matcher(name).matches()) {
                section.source()
                        .report(
                                place,
                                value.path(),
                                ValueText.quoted(name) + " (expected: a caller name of 1 to 64 letters, digits, dots,"
                                        + " dashes, underscores or colons, such as shop)");
            }
            List<Reference> references = new ArrayList<>();
            Mark[] keyPlace = new Mark[1];
            CallerConfig config = ValueType.section(
                            "a mapping such as { key: \"${SHOP_KEY}\", limits: { courier-express: 5/s } }",
                            caller -> caller(name, caller, references, keyPlace))
                    .read(value);
            if (config != null) {
                callers.put(name, new PlacedCaller(config, section.source(), place, keyPlace[0], references));
            }
        }
        return callers;
    }

    private static CallerConfig caller(String name, Section section, List<Reference> references, Mark[] keyPlace) {
        Secret key = section.optional("key", KEY);
        section.entry("key").ifPresent(entry -> keyPlace[0] = entry.keyNode().getStartMark());
        Map<String, Rate> limits = section.optional(
                "limits",
                ValueType.section(
                        "a mapping of connector ids to rates, such as { courier-express: 5/s }",
                        limits1 -> limits(limits1, references)),
                Map.of());
        return new CallerConfig(name, key, limits);
    }

    private static Map<String, Rate> limits(Section section, List<Reference> references) {
        Map<String, Rate> limits = new LinkedHashMap<>();
        for (Section.Entry entry : section.entries()) {
            references.add(
                    new Reference(entry.key(), entry.keyNode().getStartMark(), section.path() + "." + entry.key()));
            Rate rate = Scalars.RATE.read(section.valueOf(entry));
            if (rate != null) {
                limits.put(entry.key(), rate);
            }
        }
        return limits;
    }

    /**
     * Checks what spans files: every provider and limited connector exists, a connector's own {@code capability:}
     * names the capability that lists it (or is absent), and no two callers share a key.
     *
     * @param defined every connector id written in any file (also those whose settings are wrong)
     * @param connectors the connectors that could be read
     */
    static void check(
            Set<String> defined,
            Map<String, ConnectorConfig> connectors,
            List<PlacedCapability> capabilities,
            List<PlacedCaller> callers) {
        List<String> known = List.copyOf(new TreeSet<>(defined));
        Map<String, String> listedIn = new HashMap<>();
        for (PlacedCapability placed : capabilities) {
            String id = placed.config().id();
            for (Reference reference : placed.providers()) {
                String provider = reference.connector();
                if (!defined.contains(provider)) {
                    placed.source().report(reference.mark(), reference.path(), unknownConnector(provider, known));
                    continue;
                }
                ConnectorConfig connector = connectors.get(provider);
                String own = connector == null ? null : connector.capability();
                if (own != null && !own.equals(id)) {
                    placed.source()
                            .report(
                                    reference.mark(),
                                    reference.path(),
                                    ValueText.quoted(provider) + " (expected: a connector whose own capability"
                                            + " agrees; connectors." + provider + ".capability is "
                                            + ValueText.quoted(own) + ", not " + ValueText.quoted(id) + ")");
                }
                listedIn.putIfAbsent(provider, id);
            }
        }
        Map<String, PlacedCapability> byId = new HashMap<>();
        capabilities.forEach(placed -> byId.put(placed.config().id(), placed));
        for (ConnectorConfig connector : connectors.values()) {
            String own = connector.capability();
            PlacedCapability capability = own == null ? null : byId.get(own);
            if (own != null
                    && capability != null
                    && !capability.config().providers().contains(connector.id())) {
                capability
                        .source()
                        .report(
                                capability.place(),
                                "capabilities." + own + ".providers",
                                "a provider list without " + ValueText.quoted(connector.id()) + " (expected: every"
                                        + " connector whose capability is " + ValueText.quoted(own)
                                        + " among the providers, or no capability key on that connector)");
            }
        }
        Map<String, String> keyOwners = new HashMap<>();
        for (PlacedCaller placed : callers) {
            for (Reference reference : placed.limits()) {
                if (!defined.contains(reference.connector())) {
                    placed.source()
                            .report(reference.mark(), reference.path(), unknownConnector(reference.connector(), known));
                }
            }
            Secret key = placed.config().key();
            Mark keyPlace = placed.keyPlace();
            if (key != null && keyPlace != null) {
                String owner =
                        keyOwners.putIfAbsent(key.value(), placed.config().name());
                if (owner != null) {
                    placed.source()
                            .report(
                                    keyPlace,
                                    "callers." + placed.config().name() + ".key",
                                    "the same key as caller " + ValueText.quoted(owner)
                                            + " (expected: a key of each caller's own)");
                }
            }
        }
    }

    private static String unknownConnector(String id, List<String> known) {
        String expected;
        if (known.isEmpty()) {
            expected = "a connector id, and no connector is defined";
        } else if (known.size() > 12) {
            expected = "the id of a defined connector" + DidYouMean.hint(id, known);
        } else {
            expected = "one of the connectors, " + String.join(", ", known) + DidYouMean.hint(id, known);
        }
        return ValueText.quoted(id) + " (expected: " + expected + ")";
    }
}
