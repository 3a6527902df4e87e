package de.poststelle.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static de.poststelle.app.GatewayProcess.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * scripts/backup.sh and scripts/restore.sh on a real gateway with PostgreSQL: mail is queued while
 * the next hop is down, tenants are imported, the data directory holds a key store master key;
 * after backup, wiping database and data directory, and restore, everything is back and the
 * restored gateway delivers the queued mail.
 */
@EnabledIfEnvironmentVariable(named = PostgresTestSchema.URL_VARIABLE, matches = ".+",
        disabledReason = "PostgreSQL not available: run the suite with ./poststelle test")
class BackupRestoreTest {

    private static final Path SCRIPTS = Path.of("../scripts").toAbsolutePath().normalize();

    private final String database = "backup_" + UUID.randomUUID().toString().replace("-", "");
    private final URI server = URI.create(System.getenv(PostgresTestSchema.URL_VARIABLE).substring("jdbc:".length()));

    @AfterEach
    void dropDatabase() throws Exception {
        execute("DROP DATABASE IF EXISTS " + database);
    }

    @Test
    void queuedMailTenantsAndMasterKeyComeBackAfterRestore() throws Exception {
        Path work = Files.createTempDirectory("poststelle-backup");
        Path dataDir = Files.createDirectories(work.resolve("data"));
        Path backup = work.resolve("poststelle-backup.tar");
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        Files.write(Files.createDirectories(dataDir.resolve("keystore")).resolve("master.key"), masterKey);
        execute("CREATE DATABASE " + database);
        int smtpPort = freePort();
        int nextHopPort = freePort();

        try (GatewayProcess gateway = startGateway(dataDir, smtpPort, nextHopPort);
             SmtpTestClient client = new SmtpTestClient(smtpPort)) {
            for (String subject : List.of("erste", "zweite")) {
                assertThat(client.sendMail("amt@behoerde.example", "buerger@extern.example",
                        "Subject: " + subject + "\r\n\r\nBitte sichern.\r\n")).startsWith("250");
            }
        }
        List<String> tenants = query("SELECT name FROM tenant ORDER BY name");
        assertThat(tenants).containsExactly("amt2", "demo");
        assertThat(query("SELECT count(*) FROM queued_message")).containsExactly("2");

        assertThat(run("backup.sh", "--data-dir", dataDir.toString(), "--database", libpqUri(), "--output", backup.toString()))
                .isZero();

        execute("DROP DATABASE " + database);
        execute("CREATE DATABASE " + database);
        FileSystemUtils.deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("left-over"), "x");
        assertThat(run("restore.sh", "--input", backup.toString(), "--data-dir", dataDir.toString(), "--database", libpqUri()))
                .as("a data directory that is not empty is refused without --force").isNotZero();
        assertThat(query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                .as("a refused restore changes nothing").containsExactly("0");
        Files.delete(dataDir.resolve("left-over"));

        assertThat(run("restore.sh", "--input", backup.toString(), "--data-dir", dataDir.toString(), "--database", libpqUri()))
                .isZero();
        assertThat(query("SELECT name FROM tenant ORDER BY name")).isEqualTo(tenants);
        assertThat(Files.readAllBytes(dataDir.resolve("keystore/master.key"))).isEqualTo(masterKey);
        assertThat(run("restore.sh", "--input", backup.toString(), "--data-dir", dataDir.toString(), "--database", libpqUri()))
                .as("a database with tables is refused without --force").isNotZero();
        assertThat(run("restore.sh", "--input", backup.toString(), "--data-dir", dataDir.toString(), "--database", libpqUri(),
                "--force")).as("--force replaces database and data directory").isZero();
        assertThat(query("SELECT name FROM tenant ORDER BY name")).isEqualTo(tenants);
        try (var siblings = Files.list(work)) {
            assertThat(siblings.map(path -> path.getFileName().toString()))
                    .as("the replaced data directory is kept").anyMatch(name -> name.startsWith("data.before-restore-"));
        }

        GreenMail nextHop = new GreenMail(new ServerSetup(nextHopPort, "127.0.0.1", "smtp"));
        nextHop.start();
        try (GatewayProcess ignored = startGateway(dataDir, smtpPort, nextHopPort)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> nextHop.getReceivedMessages().length == 2);
            assertThat(Arrays.stream(nextHop.getReceivedMessages()).map(message -> {
                try {
                    return message.getSubject();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })).containsExactlyInAnyOrder("erste", "zweite");
        } finally {
            nextHop.stop();
        }
        FileSystemUtils.deleteRecursively(work); // kept after a failure: the gateways' output is in there
    }

    private GatewayProcess startGateway(Path dataDir, int smtpPort, int nextHopPort) throws IOException {
        return GatewayProcess.start(dataDir, smtpPort, nextHopPort, "256m", List.of(
                "--spring.datasource.url=" + jdbcUrl(database),
                "--poststelle.domains[1].name=amt2.example",
                "--poststelle.domains[1].tenant=amt2",
                "--poststelle.domains[1].receiving-server.host=127.0.0.1"));
    }

    private int run(String script, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(script + " finished").isTrue();
        System.out.println(script + ": " + output);
        return process.exitValue();
    }

    private String libpqUri() {
        return jdbcUrl(database).substring("jdbc:".length());
    }

    private String jdbcUrl(String name) {
        return "jdbc:" + "postgresql://" + server.getAuthority() + "/" + name + "?" + server.getQuery();
    }

    private void execute(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(server.getPath().substring(1)))) {
            connection.createStatement().execute(statement);
        }
    }

    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database));
             ResultSet result = connection.createStatement().executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
