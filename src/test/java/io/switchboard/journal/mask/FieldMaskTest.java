package io.switchboard.journal.mask;

import static io.switchboard.journal.mask.JsonPathMaskTest.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.MaskConfig;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Form fields, query parameters and XML elements masked by name. */
class FieldMaskTest {
    private static final Masker MASKER = Masker.of(
            new MaskConfig(List.of("$..cvv", "$.card.number"), List.of(), List.of("pin", "card_pin"), List.of("token")),
            List.of());

    @ParameterizedTest(name = "masks the form field in {0}")
    @CsvSource(delimiter = '|', textBlock = """
            a plain body                  | pin=1234&amount=10                   | pin=***&amount=10
            the last field                | amount=10&pin=1234                   | amount=10&pin=***
            an encoded field name         | card%5Fpin=99&x=1                    | card%5Fpin=***&x=1
            a field name in another case  | PIN=1234                             | PIN=***
            a repeated field              | pin=1&pin=2                          | pin=***&pin=***
            an empty value                | pin=&x=1                             | pin=&x=1
            a field cut off               | x=1&pin=12                           | x=1&pin=***
            a card number in another field | note=4111+1111+1111+1111&pin=0      | note=4111+****+****+1111&pin=***
            """)
    void masksFormFields(String where, String form, String masked) {
        assertThat(body(MASKER, form, false, "application/x-www-form-urlencoded; charset=UTF-8"))
                .isEqualTo(masked);
    }

    @ParameterizedTest(name = "masks the query parameter in {0}")
    @CsvSource(delimiter = '|', textBlock = """
            a plain query                 | /v1/sms?token=abc&to=123         | /v1/sms?token=***&to=123
            an encoded parameter name     | /v1/sms?to=1&%74oken=abc         | /v1/sms?to=1&%74oken=***
            a parameter split by ;        | /v1/sms?to=1;token=abc           | /v1/sms?to=1;token=***
            a card number                 | /pay?pan=4111111111111111        | /pay?pan=4111********1111
            a path but no query           | /v1/token=abc                    | /v1/token=abc
            """)
    void masksQueryParameters(String where, String target, String masked) {
        assertThat(MASKER.pathAndQuery(target)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "masks XML {0}")
    @CsvSource(delimiter = '|', textBlock = """
            an element                    | <pay><cvv>123</cvv></pay>                          | <pay><cvv>***</cvv></pay>
            an element with a prefix      | <p:pay><p:cvv a="1">123</p:cvv></p:pay>            | <p:pay><p:cvv a="1">***</p:cvv></p:pay>
            a CDATA section               | <cvv><![CDATA[1<2]]></cvv>                         | <cvv>***</cvv>
            an element cut off            | <pay><number>4111 1111                             | <pay><number>***
            a card number in any element  | <pay><pan>4111111111111111</pan></pay>             | <pay><pan>4111********1111</pan></pay>
            an empty element              | <cvv/><cvv></cvv>                                  | <cvv/><cvv></cvv>
            """)
    void masksXmlElementsNamedByTheLastStepOfAJsonPath(String what, String xml, String masked) {
        assertThat(body(MASKER, xml, true, "application/soap+xml")).isEqualTo(masked);
    }
}
