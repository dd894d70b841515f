package io.zohocamel.bulk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FieldMappingsTest {

    private static BulkInputException bad(List<String> header, BulkJobSpec spec) {
        return catchThrowableOfType(BulkInputException.class, () -> FieldMappings.build(header, spec));
    }

    @Test
    void plainHeaderMapsByIndex() {
        FieldMappings m = FieldMappings.build(List.of("Last_Name", "Email", "Phone"), BulkJobSpec.defaults());
        assertThat(m.toJson().toString()).isEqualTo(
                "[{\"api_name\":\"Last_Name\",\"index\":0},{\"api_name\":\"Email\",\"index\":1},{\"api_name\":\"Phone\",\"index\":2}]");
        assertThat(m.maps("Email")).isTrue();
    }

    @Test
    void renameFormatDefaultAndLookups() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        BulkJobSpec spec = new BulkJobSpec("Email", false, ",",
                Map.of("Mail", "Email", "Company", "Account_Name.id"),
                Map.of("Date_of_Birth", new BulkJobSpec.ColumnSpec("dd/MM/yyyy", null),
                        "Lead_Source", new BulkJobSpec.ColumnSpec(null, f.textNode("Web")),
                        "Account_Name", new BulkJobSpec.ColumnSpec(null, f.objectNode().put("name", "ACME")),
                        "Rating", new BulkJobSpec.ColumnSpec(null, f.numberNode(5))));
        FieldMappings m = FieldMappings.build(
                List.of(" Last_Name ", "Mail", "Company", "Date_of_Birth", "Lead_Source", "Owner.Email"), spec);
        assertThat(m.toJson().toString()).isEqualTo("["
                + "{\"api_name\":\"Last_Name\",\"index\":0},"
                + "{\"api_name\":\"Email\",\"index\":1},"
                + "{\"api_name\":\"Account_Name\",\"index\":2,\"find_by\":\"id\",\"default_value\":{\"name\":\"ACME\"}},"
                + "{\"api_name\":\"Date_of_Birth\",\"index\":3,\"format\":\"dd/MM/yyyy\"},"
                + "{\"api_name\":\"Lead_Source\",\"index\":4,\"default_value\":{\"value\":\"Web\"}},"
                + "{\"api_name\":\"Owner\",\"index\":5,\"find_by\":\"Email\"},"
                + "{\"api_name\":\"Rating\",\"default_value\":{\"value\":\"5\"}}]");
        assertThat(m.apiNames()).containsExactly("Last_Name", "Email", "Account_Name.id", "Date_of_Birth",
                "Lead_Source", "Owner.Email");
        assertThat(m.requireFindBy(spec)).isSameAs(m);
        BulkJobSpec byPhone = new BulkJobSpec("Phone", false, ",", null, null);
        assertThat(catchThrowableOfType(BulkInputException.class, () -> m.requireFindBy(byPhone)).code())
                .isEqualTo(BulkInputException.FIND_BY_NOT_MAPPED);
    }

    @Test
    void errorsColumnIsCarriedButNotMapped() {
        FieldMappings m = FieldMappings.build(List.of("Last_Name", "Email", "ERRORS"), BulkJobSpec.defaults());
        assertThat(m.toJson()).hasSize(2);
        assertThat(m.maps("ERRORS")).isFalse();
    }

    @Test
    void duplicates() {
        assertThat(bad(List.of("Email", "Last_Name", "Email"), BulkJobSpec.defaults())).satisfies(e -> {
            assertThat(e.code()).isEqualTo(BulkInputException.DUPLICATE_HEADER);
            assertThat(e.getMessage()).contains("columns 1 and 3");
        });
        // duplicate after rename, and two lookups of the same field
        assertThat(bad(List.of("Mail", "Email"), new BulkJobSpec(null, false, ",", Map.of("Mail", "Email"), null)).code())
                .isEqualTo(BulkInputException.DUPLICATE_HEADER);
        assertThat(bad(List.of("Account_Name.id", "Account_Name.Account_Name"), BulkJobSpec.defaults()).code())
                .isEqualTo(BulkInputException.DUPLICATE_HEADER);
    }

    @Test
    void emptyAndInvalidNames() {
        assertThat(bad(List.of("Last_Name", " "), BulkJobSpec.defaults()).code()).isEqualTo(BulkInputException.EMPTY_HEADER);
        assertThat(bad(List.of("Last Name"), BulkJobSpec.defaults()).code()).isEqualTo(BulkInputException.INVALID_HEADER);
        assertThat(bad(List.of("a.b.c"), BulkJobSpec.defaults()).code()).isEqualTo(BulkInputException.INVALID_HEADER);
        assertThat(bad(List.of("Account_Name."), BulkJobSpec.defaults()).code()).isEqualTo(BulkInputException.INVALID_HEADER);
        assertThat(bad(List.of("Nom_é"), BulkJobSpec.defaults()).code()).isEqualTo(BulkInputException.INVALID_HEADER);
    }

    @Test
    void tooManyColumns() {
        List<String> h = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            h.add("F" + i);
        }
        assertThat(FieldMappings.build(h, BulkJobSpec.defaults()).toJson()).hasSize(200);
        h.add("F200");
        assertThat(bad(h, BulkJobSpec.defaults())).satisfies(e -> {
            assertThat(e.code()).isEqualTo(BulkInputException.TOO_MANY_COLUMNS);
            assertThat(e.getMessage()).contains("201");
        });
    }

    @Test
    void jobJsonMustMatchTheFile() {
        assertThat(bad(List.of("Last_Name"), new BulkJobSpec(null, false, ",", Map.of("Mial", "Email"), null)))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(BulkInputException.INVALID_JOB_JSON);
                    assertThat(e.getMessage()).contains("rename.Mial");
                });
        assertThat(bad(List.of("Last_Name"), new BulkJobSpec(null, false, ",", null,
                Map.of("Phone", new BulkJobSpec.ColumnSpec("x", null)))).getMessage()).contains("columns.Phone");
    }
}
