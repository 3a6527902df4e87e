package de.poststelle.messenger.pin;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MobileNumberTest {

    @ParameterizedTest
    @CsvSource({
            "'+49 170 1234567', +491701234567",
            "'+49-170-123 45 67', +491701234567",
            "'0049 170/1234567', +491701234567",
            "'+43 664 1234567', +436641234567"})
    void numbersWithACountryCodeAreAcceptedAsTheClerkWritesThem(String written, String e164) throws SmsNotSent {
        assertThat(MobileNumber.parse(written).e164()).isEqualTo(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0170 1234567", "01701234567"})
    void aNationalNumberIsRefusedBecauseTheCountryIsUnknown(String written) {
        assertThatThrownBy(() -> MobileNumber.parse(written)).isInstanceOf(SmsNotSent.class)
                .hasMessageContaining("no-country-code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+49 (0)170 1234567", "+49 170 123456789012345", "+49", "Frau Muster", ""})
    void anythingElseIsNotAMobileNumber(String written) {
        assertThatThrownBy(() -> MobileNumber.parse(written)).isInstanceOf(SmsNotSent.class)
                .hasMessageContaining("invalid-number");
    }
}
