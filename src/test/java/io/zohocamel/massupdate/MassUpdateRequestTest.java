package io.zohocamel.massupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MassUpdateRequestTest {

    private static final MassUpdateParser PARSER = new MassUpdateParser(Set.of());
    private static final Set<String> ZOHO_KEYS = Set.of("data", "ids", "cvid", "territory", "over_write");

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.valueOf(554023000000000000L + i)).collect(Collectors.toList());
    }

    private static MassUpdateRequest idsRequest(int n) {
        String ids = ids(n).stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(","));
        return PARSER.parse("{\"module\":\"Leads\",\"data\":[{\"Lead_Source\":\"Web\"}],\"ids\":[" + ids
                + "],\"over_write\":true,\"request_id\":\"crm-sync-42\"}").request();
    }

    @Test
    void splitsTwelveHundredIdsIntoThreeBodiesInOrder() {
        MassUpdateRequest req = idsRequest(1200);

        List<ObjectNode> bodies = req.zohoBodies(500);

        assertThat(bodies).extracting(b -> b.get("ids").size()).containsExactly(500, 500, 200);
        List<String> sent = new ArrayList<>();
        for (ObjectNode body : bodies) {
            assertThat(ZOHO_KEYS).containsAll(iterable(body));
            assertThat(body.has("module")).isFalse();
            assertThat(body.has("request_id")).isFalse();
            assertThat(body.get("data").toString()).isEqualTo("[{\"Lead_Source\":\"Web\"}]");
            assertThat(body.get("over_write").booleanValue()).isTrue();
            body.get("ids").forEach(id -> sent.add(id.textValue()));
        }
        assertThat(sent).isEqualTo(ids(1200));
        assertThat(req.zohoBodies()).isEqualTo(bodies);
        assertThat(req.idBatches(500)).extracting(List::size).containsExactly(500, 500, 200);
    }

    @Test
    void bodiesOmitOverWriteWhenNotGivenAndHonourSmallerBatches() {
        MassUpdateRequest req = PARSER.parse("{\"module\":\"Leads\",\"data\":[{\"A\":1}],\"ids\":[\"1\",\"2\",\"3\"]}").request();
        List<ObjectNode> bodies = req.zohoBodies(2);
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0).toString()).isEqualTo("{\"data\":[{\"A\":1}],\"ids\":[\"1\",\"2\"]}");
        assertThat(bodies.get(1).toString()).isEqualTo("{\"data\":[{\"A\":1}],\"ids\":[\"3\"]}");
        assertThatThrownBy(() -> req.zohoBodies(501)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> req.zohoBodies(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(req::zohoBody).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cvidBodyCarriesTerritoryButNotTheRuntimeKeys() {
        MassUpdateRequest req = PARSER.parse("{\"module\":\"Accounts\",\"request_id\":\"r-1\",\"data\":[{\"Industry\":\"Education\"}],"
                + "\"cvid\":\"554023000000091515\",\"territory\":{\"id\":\"554023000000430409\",\"include_child\":true}}").request();

        ObjectNode body = req.zohoBody();

        // the body of Zoho's own reference sample (examples/mass-update-by-cvid--scheduled-with-territory.json)
        assertThat(body.toString()).isEqualTo("{\"data\":[{\"Industry\":\"Education\"}],\"cvid\":\"554023000000091515\","
                + "\"territory\":{\"id\":\"554023000000430409\",\"include_child\":true}}");
        assertThatThrownBy(() -> req.zohoBodies(500)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cvidBodyWithOverWriteAndWithoutTerritory() {
        MassUpdateRequest req = PARSER.parse("{\"module\":\"Leads\",\"data\":[{\"No_of_Employees\":1000}],"
                + "\"cvid\":\"738964000000091563\",\"over_write\":false}").request();
        assertThat(req.zohoBody().toString())
                .isEqualTo("{\"data\":[{\"No_of_Employees\":1000}],\"cvid\":\"738964000000091563\",\"over_write\":false}");
    }

    @Test
    void isImmutable() {
        MassUpdateRequest req = idsRequest(3);
        req.data0().put("Other", 1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) req.zohoBodies().get(0).get("data").get(0)).put("Other", 1);
        req.originalBody()[0] = 'x';
        assertThat(req.data0().toString()).isEqualTo("{\"Lead_Source\":\"Web\"}");
        assertThat(req.zohoBodies().get(0).get("data").toString()).isEqualTo("[{\"Lead_Source\":\"Web\"}]");
        assertThat(req.originalBody()[0]).isEqualTo((byte) '{');
        assertThatThrownBy(() -> req.ids().add("9")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(req.toString()).doesNotContain("Web");
    }

    private static Iterable<String> iterable(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
