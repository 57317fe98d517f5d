package io.switchboard.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The top of a config file: the keys {@code gateway}, {@code connectors}, {@code capabilities} and {@code callers}, and
 * each connector's id.
 */
final class DocumentSchema {
    private DocumentSchema() {}

    /**
     * What one file holds, with the places the merge of several files needs.
     *
     * @param gateway the gateway section, or null when the file has none (or it is wrong)
     * @param gatewayPlace where the file's {@code gateway:} key is, or null when it has none
     * @param connectors the connectors that could be read, by id, in file order
     * @param connectorPlaces where each connector's id is written, for every id in the file
     * @param capabilities the capabilities that could be read, by id, in file order
     * @param callers the callers that could be read, by name, in file order
     */
    record Bound(
            @Nullable GatewayConfig gateway,
            @Nullable Mark gatewayPlace,
            Map<String, ConnectorConfig> connectors,
            Map<String, Mark> connectorPlaces,
            Map<String, CapabilitySchema.PlacedCapability> capabilities,
            Map<String, CapabilitySchema.PlacedCaller> callers) {}

    /** Binds a file's root node, reporting problems to its file; a null root is an empty file. */
    static Bound bind(@Nullable Node root, SourceFile source) {
        Map<String, Mark> places = new LinkedHashMap<>();
        if (root == null) {
            return new Bound(null, null, Map.of(), places, Map.of(), Map.of());
        }
        ValueType<Map<String, ConnectorConfig>> connectorsType = ValueType.section(
                "a mapping of connector ids to connectors, such as { courier-express: { upstream: { endpoints: ["
                        + " \"http://10.0.0.5:9000\" ] } } }",
                section -> connectors(section, places));
        ValueType<Bound> document =
                ValueType.section("a mapping with the keys gateway, connectors, capabilities and callers", section -> {
                    GatewayConfig gateway = section.optional("gateway", GatewaySchema.TYPE);
                    Map<String, ConnectorConfig> connectors = section.optional("connectors", connectorsType, Map.of());
                    Map<String, CapabilitySchema.PlacedCapability> capabilities =
                            section.optional("capabilities", CapabilitySchema.capabilities(), Map.of());
                    Map<String, CapabilitySchema.PlacedCaller> callers =
                            section.optional("callers", CapabilitySchema.callers(), Map.of());
                    Mark gatewayPlace = section.entry("gateway")
                            .map(entry -> entry.keyNode().getStartMark())
                            .orElse(null);
                    return new Bound(gateway, gatewayPlace, connectors, places, capabilities, callers);
                });
        Bound bound = document.read(new Value(root, root.getStartMark(), "", source));
        return bound != null ? bound : new Bound(null, null, Map.of(), places, Map.of(), Map.of());
    }

    /** Reads every connector; each id's place is noted even when its connector is wrong, for the merge's checks. */
    private static Map<String, ConnectorConfig> connectors(Section section, Map<String, Mark> places) {
        Map<String, ConnectorConfig> connectors = new LinkedHashMap<>();
        for (Section.Entry entry : section.entries()) {
            String id = entry.key();
            Mark place = entry.keyNode().getStartMark();
            places.put(id, place);
            if (!Scalars.isUrlName(id)) {
                // The id is the first segment of the proxy path, so it must read the same in a URL as in the file.
                section.source()
                        .report(
                                place,
                                section.valueOf(entry).path(),
                                ValueText.quoted(id) + " (expected: a connector id of lowercase letters, digits and"
                                        + " dashes, at most 63 of them, such as courier-express)");
            }
            ConnectorConfig connector = ConnectorSchema.type(id).read(section.valueOf(entry));
            if (connector != null) {
                connectors.put(id, connector);
            }
        }
        return connectors;
    }
}
