package de.poststelle.messenger.web;

import de.poststelle.messenger.MessengerProperties;
import de.poststelle.messenger.store.MailboxRepository;
import de.poststelle.messenger.store.MessengerAuditLog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import de.poststelle.messenger.service.MailboxPasswords;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Clock;

/** The pages under {@code /messenger} and their security chain, ahead of the console's catch-all chain. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = MessengerWeb.class)
public class MessengerWeb {

    @Bean
    @Order(0)
    SecurityFilterChain messengerSecurity(HttpSecurity http, MailboxRepository mailboxes, MailboxPasswords passwords,
                                          MessengerAuditLog audit,
                                          MessengerProperties properties, Clock clock) throws Exception {
        return MessengerSecurity.chain(http, new MailboxLogin(mailboxes, passwords, audit, properties, clock));
    }
}
