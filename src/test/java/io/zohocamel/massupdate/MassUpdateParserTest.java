package io.zohocamel.massupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import io.zohocamel.massupdate.MassUpdateRejection.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MassUpdateParserTest {

    private static final MassUpdateParser PARSER = new MassUpdateParser(Set.of("Projects_X"));

    /** Single quotes keep the cases readable; they become double quotes. */
    private static String json(String s) {
        return s.replace('\'', '"');
    }

    private static String ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "\"" + (1_000_000_000L + i) + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of("[1,2]", Code.NOT_AN_OBJECT, "$"),
                Arguments.of("\"text\"", Code.NOT_AN_OBJECT, "$"),
                Arguments.of("{'module':", Code.INVALID_JSON, "$"),
                Arguments.of("   ", Code.INVALID_JSON, "$"),
                Arguments.of("{'module':'Leads','module':'Deals','data':[{'A':1}],'ids':['1']}", Code.INVALID_JSON, "$"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':['1']} {}", Code.INVALID_JSON, "$"),
                Arguments.of("{'data':[{'A':1}],'ids':['1']}", Code.UNKNOWN_MODULE, "$.module"),
                Arguments.of("{'module':7,'data':[{'A':1}],'ids':['1']}", Code.UNKNOWN_MODULE, "$.module"),
                Arguments.of("{'module':'leads','data':[{'A':1}],'ids':['1']}", Code.UNKNOWN_MODULE, "$.module"),
                Arguments.of("{'module':'Lead','data':[{'A':1}],'ids':['1']}", Code.UNKNOWN_MODULE, "$.module"),
                Arguments.of("{'module':'Leads','ids':['1']}", Code.INVALID_DATA, "$.data"),
                Arguments.of("{'module':'Leads','data':{'A':1},'ids':['1']}", Code.INVALID_DATA, "$.data"),
                Arguments.of("{'module':'Leads','data':[],'ids':['1']}", Code.INVALID_DATA, "$.data"),
                Arguments.of("{'module':'Leads','data':[{'A':1},{'B':2}],'ids':['1']}", Code.INVALID_DATA, "$.data"),
                Arguments.of("{'module':'Leads','data':['A'],'ids':['1']}", Code.INVALID_DATA, "$.data[0]"),
                Arguments.of("{'module':'Leads','data':[{}],'ids':['1']}", Code.NO_FIELD, "$.data[0]"),
                Arguments.of("{'module':'Leads','data':[{'A':1,'B':2}],'ids':['1']}", Code.TOO_MANY_FIELDS, "$.data[0]"),
                Arguments.of("{'module':'Deals','data':[{'A':1,'B':2,'C':3,'D':4}],'ids':['1']}", Code.TOO_MANY_FIELDS, "$.data[0]"),
                Arguments.of("{'module':'Leads','data':[{'Owner':{'id':'1'}}],'ids':['1']}", Code.FIELD_NOT_ALLOWED, "$.data[0].Owner"),
                Arguments.of("{'module':'Leads','data':[{'Email':'a@b.c'}],'ids':['1']}", Code.FIELD_NOT_ALLOWED, "$.data[0].Email"),
                Arguments.of("{'module':'Leads','data':[{'Secondary_Email':'a@b.c'}],'ids':['1']}", Code.FIELD_NOT_ALLOWED, "$.data[0].Secondary_Email"),
                Arguments.of("{'module':'Leads','data':[{'WorkEmail':'a@b.c'}],'ids':['1']}", Code.FIELD_NOT_ALLOWED, "$.data[0].WorkEmail"),
                Arguments.of("{'module':'Leads','data':[{'Items':[{'a':1}]}],'ids':['1']}", Code.FIELD_NOT_ALLOWED, "$.data[0].Items[0]"),
                Arguments.of("{'module':'Leads','data':[{'Tags':['a',2]}],'ids':['1']}", Code.WRONG_TYPE, "$.data[0].Tags[1]"),
                Arguments.of("{'module':'Leads','data':[{'A':1}]}", Code.MISSING_TARGET, "$"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':null}", Code.MISSING_TARGET, "$"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':[]}", Code.MISSING_TARGET, "$.ids"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':['1'],'cvid':'2'}", Code.AMBIGUOUS_TARGET, "$"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':['1'],'territory':{'id':'3'}}", Code.TERRITORY_NEEDS_CVID, "$.territory"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':['1','2',3]}", Code.INVALID_ID, "$.ids[2]"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':['1','2','3','x9']}", Code.INVALID_ID, "$.ids[3]"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':['']}", Code.INVALID_ID, "$.ids[0]"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':['1234567890123456789012345678901']}", Code.INVALID_ID, "$.ids[0]"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':[null]}", Code.INVALID_ID, "$.ids[0]"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'cvid':'12a'}", Code.INVALID_ID, "$.cvid"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'cvid':'1','territory':{'id':'x'}}", Code.INVALID_ID, "$.territory.id"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':" + ids(50_001) + "}", Code.TOO_MANY_IDS, "$.ids"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':'1'}", Code.WRONG_TYPE, "$.ids"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':['1'],'over_write':'yes'}", Code.WRONG_TYPE, "$.over_write"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'cvid':1}", Code.INVALID_ID, "$.cvid"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'cvid':true}", Code.INVALID_ID, "$.cvid"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'cvid':'1','territory':'3'}", Code.WRONG_TYPE, "$.territory"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'cvid':'1','territory':{'include_child':true}}", Code.WRONG_TYPE, "$.territory.id"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'cvid':'1','territory':{'id':3}}", Code.WRONG_TYPE, "$.territory.id"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'cvid':'1','territory':{'id':'3','include_child':'y'}}", Code.WRONG_TYPE, "$.territory.include_child"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'cvid':'1','territory':{'id':'3','name':'x'}}", Code.UNKNOWN_KEY, "$.territory.name"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':['1'],'request_id':''}", Code.INVALID_REQUEST_ID, "$.request_id"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':['1'],'request_id':'a b'}", Code.INVALID_REQUEST_ID, "$.request_id"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':['1'],'request_id':42}", Code.INVALID_REQUEST_ID, "$.request_id"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':['1'],'request_id':'" + "r".repeat(201) + "'}", Code.INVALID_REQUEST_ID, "$.request_id"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':['1'],'foo':1}", Code.UNKNOWN_KEY, "$.foo"),
                Arguments.of("{'module':'Leads','data':[{'A':1}],'ids':['1'],'layout id':1}", Code.UNKNOWN_KEY, "$['layout id']"),
                Arguments.of("{'modul':'Leads','data':[{'A':1}],'ids':['1']}", Code.UNKNOWN_KEY, "$.modul"));
    }

    @ParameterizedTest(name = "[{index}] {1} at {2}")
    @MethodSource("rejections")
    void rejects(String body, Code code, String where) {
        MassUpdateParseResult result = PARSER.parse(json(body));

        assertThat(result.isValid()).as("valid: %s", result).isFalse();
        assertThat(result.rejection().code()).isEqualTo(code.name());
        assertThat(result.rejection().where()).isEqualTo(where);
        assertMessageIsOneSentence(result.rejection().message());
    }

    @Test
    void zohoIdsAreOneToThirtyAsciiDigits() {
        assertThat(ZohoIds.isZohoId("554023000000497007")).isTrue();
        assertThat(ZohoIds.isZohoId("1")).isTrue();
        assertThat(ZohoIds.isZohoId("1".repeat(30))).isTrue();
        assertThat(ZohoIds.isZohoId("1".repeat(31))).isFalse();
        assertThat(ZohoIds.isZohoId("")).isFalse();
        assertThat(ZohoIds.isZohoId("12 3")).isFalse();
        assertThat(ZohoIds.isZohoId("-12")).isFalse();
        assertThat(ZohoIds.isZohoId("\u0663\u0664")).isFalse(); // Arabic-Indic digits are not Zoho ids
    }

    @Test
    void rejectsBodyOverTheLimit() {
        MassUpdateParser small = new MassUpdateParser(Set.of(), 100);
        String body = json("{'module':'Leads','data':[{'A':1}],'ids':" + ids(10) + "}");
        assertThat(body.length()).isGreaterThan(100);

        MassUpdateRejection r = small.parse(body).rejection();
        assertThat(r.code()).isEqualTo(Code.BODY_TOO_LARGE.name());
        assertThat(r.where()).isEqualTo("$");
        assertThat(r.message()).contains("100 bytes");
        assertMessageIsOneSentence(r.message());
    }

    @Test
    void defaultLimitIsTenMebibytes() {
        assertThat(new MassUpdateParser().maxBodyBytes()).isEqualTo(10 * 1024 * 1024);
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertThat(new MassUpdateParser().parse(big).rejection().code()).isEqualTo(Code.BODY_TOO_LARGE.name());
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] body = json("{'module':'Leads','data':[{'A':'x'}],'ids':['1']}").getBytes(StandardCharsets.UTF_8);
        body[body.length - 12] = (byte) 0xC3; // a lone lead byte inside the value
        MassUpdateRejection r = PARSER.parse(body).rejection();
        assertThat(r.code()).isEqualTo(Code.INVALID_JSON.name());
        assertThat(r.message()).contains("UTF-8");
        assertThat(PARSER.parse((byte[]) null).rejection().code()).isEqualTo(Code.INVALID_JSON.name());
        assertThat(PARSER.parse(new byte[0]).rejection().code()).isEqualTo(Code.INVALID_JSON.name());
    }

    @Test
    void invalidJsonMessageSaysWhere() {
        MassUpdateRejection r = PARSER.parse("{\"module\":\n  \"Leads\",,}").rejection();
        assertThat(r.message()).startsWith("The body is not valid JSON (line 2");
    }

    @Test
    void leadsWithTwoFieldsIsRejected() {
        MassUpdateRejection r = PARSER.parse(json("{'module':'Leads','data':[{'Lead_Source':'Web','Rating':'Hot'}],'ids':['1']}")).rejection();
        assertThat(r.code()).isEqualTo(Code.TOO_MANY_FIELDS.name());
        assertThat(r.message()).contains("at most 1 field").contains("Leads");
    }

    @Test
    void dealsAcceptsThreeFieldsAndRejectsFour() {
        String three = json("{'module':'Deals','data':[{'Lead_Source':'Advertisement','Type':'Existing Business',"
                + "'Languages_Known':['English','Spanish']}],'over_write':true,'ids':['554023000000497007','554023000000497021']}");
        MassUpdateRequest ok = PARSER.parse(three).request();
        assertThat(ok.fieldNames()).containsExactly("Lead_Source", "Type", "Languages_Known");
        assertThat(ok.overWrite()).isTrue();

        MassUpdateRejection four = PARSER.parse(json("{'module':'Deals','data':[{'A':1,'B':2,'C':3,'D':4}],'cvid':'1'}")).rejection();
        assertThat(four.code()).isEqualTo(Code.TOO_MANY_FIELDS.name());
        assertThat(four.message()).contains("at most 3 fields at a time in Deals");
    }

    @Test
    void numbersAsIdsAreRejectedWithAHint() {
        MassUpdateRejection r = PARSER.parse(json("{'module':'Leads','data':[{'A':1}],'ids':[554023000000497007]}")).rejection();
        assertThat(r.code()).isEqualTo(Code.INVALID_ID.name());
        assertThat(r.where()).isEqualTo("$.ids[0]");
        assertThat(r.message()).contains("is a number").contains("string");
    }

    @Test
    void fiftyThousandIdsAreAcceptedAndOneMoreIsNot() {
        assertThat(PARSER.parse(json("{'module':'Leads','data':[{'A':1}],'ids':" + ids(50_000) + "}")).request().ids())
                .hasSize(50_000);
        MassUpdateRejection r = PARSER.parse(json("{'module':'Leads','data':[{'A':1}],'ids':" + ids(50_001) + "}")).rejection();
        assertThat(r.code()).isEqualTo(Code.TOO_MANY_IDS.name());
        assertThat(r.message()).contains("50001").contains("50000");
    }

    @Test
    void extraKeyFooIsRejected() {
        MassUpdateParseResult result = PARSER.parse(json(
                "{'module':'Leads','data':[{'Lead_Source':'Web'}],'ids':['1'],'request_id':'crm-sync-42','foo':'bar'}"));
        assertThat(result.rejection()).isEqualTo(new MassUpdateRejection(Code.UNKNOWN_KEY.name(),
                result.rejection().message(), "$.foo", "crm-sync-42"));
        assertThat(result.rejection().message()).contains("\"foo\"");
        assertThat(result.requestId()).as("request_id still known for the dead letter").isEqualTo("crm-sync-42");
    }

    @Test
    void parsesTheIdsExampleFromTheBrief() {
        MassUpdateParseResult result = PARSER.parse(json("{'module':'Leads','data':[{'Lead_Source':'Web'}],"
                + "'ids':['554023000000497007'],'over_write':true,'request_id':'crm-sync-42'}"));
        MassUpdateRequest req = result.request();
        assertThat(req.module()).isEqualTo("Leads");
        assertThat(req.requestId()).isEqualTo("crm-sync-42");
        assertThat(req.kind()).isEqualTo(MassUpdateKind.IDS);
        assertThat(req.ids()).containsExactly("554023000000497007");
        assertThat(req.cvid()).isNull();
        assertThat(req.data0().toString()).isEqualTo("{\"Lead_Source\":\"Web\"}");
        assertThat(req.overWrite()).isTrue();
        assertThat(req.territory()).isNull();
        assertThat(new String(req.originalBody(), StandardCharsets.UTF_8)).contains("crm-sync-42");
        assertThat(result.requestId()).isEqualTo("crm-sync-42");
    }

    @Test
    void parsesTheCvidExampleFromTheBrief() {
        MassUpdateRequest req = PARSER.parse(json("{'module':'Deals','data':[{'Stage':'Closed Won'}],"
                + "'cvid':'554023000000091515','territory':{'id':'554023000000430409','include_child':true}}")).request();
        assertThat(req.kind()).isEqualTo(MassUpdateKind.CVID);
        assertThat(req.cvid()).isEqualTo("554023000000091515");
        assertThat(req.ids()).isEmpty();
        assertThat(req.requestId()).isNull();
        assertThat(req.overWrite()).isNull();
        assertThat(req.territory().toString()).isEqualTo("{\"id\":\"554023000000430409\",\"include_child\":true}");
    }

    @Test
    void acceptsPlainValuesNullsAndStringLists() {
        for (String value : new String[] {"'x'", "12", "12.50", "true", "null", "['a','b']", "[]"}) {
            assertThat(PARSER.parse(json("{'module':'Leads','data':[{'F':" + value + "}],'ids':['1']}")).isValid())
                    .as(value).isTrue();
        }
        // numbers pass through unchanged
        assertThat(PARSER.parse(json("{'module':'Leads','data':[{'F':12.50}],'ids':['1']}")).request().data0().toString())
                .isEqualTo("{\"F\":12.50}");
    }

    @Test
    void explicitNullsForOptionalKeysCountAsAbsent() {
        MassUpdateRequest req = PARSER.parse(json("{'module':'Leads','data':[{'A':1}],'ids':['1'],'cvid':null,"
                + "'territory':null,'over_write':null,'request_id':null}")).request();
        assertThat(req.kind()).isEqualTo(MassUpdateKind.IDS);
        assertThat(req.requestId()).isNull();
        assertThat(req.overWrite()).isNull();
    }

    @Test
    void removesDuplicateIdsKeepingTheFirst() {
        MassUpdateRequest req = PARSER.parse(json("{'module':'Leads','data':[{'A':1}],'ids':['3','1','3','2','1']}")).request();
        assertThat(req.ids()).containsExactly("3", "1", "2");
        assertThat(req.duplicatesRemoved()).isEqualTo(2);
    }

    @Test
    void knowsStandardAndCustomModules() {
        for (String module : new String[] {"Leads", "Accounts", "Contacts", "Deals", "Campaigns", "Tasks", "Calls",
                "Meetings", "Activities", "Solutions", "Products", "Vendors", "Price_Books", "Quotes", "Sales_Orders",
                "Purchase_Orders", "Invoices", "Cases", "Projects_X"}) {
            assertThat(PARSER.parse(json("{'module':'" + module + "','data':[{'A':1}],'cvid':'1'}")).isValid()).as(module).isTrue();
        }
        assertThat(new MassUpdateParser().parse(json("{'module':'Projects_X','data':[{'A':1}],'cvid':'1'}"))
                .rejection().code()).isEqualTo(Code.UNKNOWN_MODULE.name());
        assertThat(PARSER.parse(json("{'module':'leads','data':[{'A':1}],'cvid':'1'}")).rejection().message())
                .contains("did you mean \"Leads\"");
        assertThatThrownBy(() -> new MassUpdateParser(Set.of("bad name"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recognisesEmailFieldsByName() {
        assertThat(ZohoModules.isEmailField("Email")).isTrue();
        assertThat(ZohoModules.isEmailField("email")).isTrue();
        assertThat(ZohoModules.isEmailField("Secondary_Email")).isTrue();
        assertThat(ZohoModules.isEmailField("work_email")).isTrue();
        assertThat(ZohoModules.isEmailField("SecondaryEmail")).isTrue();
        assertThat(ZohoModules.isEmailField("Email_Opt_Out")).isFalse();
        assertThat(ZohoModules.isEmailField("Voicemail")).isFalse();
    }

    @Test
    void acceptsAUtf8ByteOrderMark() {
        assertThat(PARSER.parse("\uFEFF" + json("{'module':'Leads','data':[{'A':'é'}],'ids':['1']}")).isValid()).isTrue();
    }

    @Test
    void everyRejectionCodeHasACase() {
        Set<Code> covered = rejections().map(a -> (Code) a.get()[1]).collect(Collectors.toSet());
        covered.add(Code.BODY_TOO_LARGE); // rejectsBodyOverTheLimit
        assertThat(covered).containsExactlyInAnyOrder(Code.values());
    }

    static void assertMessageIsOneSentence(String message) {
        assertThat(message).isNotBlank().doesNotContain("\n").endsWith(".");
        assertThat(Character.isUpperCase(message.charAt(0)) || Character.isLowerCase(message.charAt(0))).isTrue();
    }
}
