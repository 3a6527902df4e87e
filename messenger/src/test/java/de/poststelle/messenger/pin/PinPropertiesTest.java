package de.poststelle.messenger.pin;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class PinPropertiesTest {

    @EnableConfigurationProperties(PinProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner gateway = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void byDefaultThePinGoesToTheClerkAndNeedsNoSmsGateway() {
        gateway.run(context -> assertThat(context.getBean(PinProperties.class).delivery())
                .isEqualTo(PinProperties.Delivery.SENDER));
    }

    @Test
    void smsWithoutAGatewayAddressStopsTheStartWithTheKeyToSet() {
        gateway.withPropertyValues("poststelle.messenger.pin.delivery=SENDER_AND_SMS").run(context ->
                assertThat(context).getFailure().rootCause().hasMessage("poststelle.messenger.pin.sms.url is required "
                        + "when poststelle.messenger.pin.delivery is SENDER_AND_SMS"));
    }
}
