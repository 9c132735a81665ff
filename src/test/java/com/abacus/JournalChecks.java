package com.abacus;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Checks of the revenue journal export (hledger format): every entry balances, and hledger itself agrees. */
public final class JournalChecks {

    private JournalChecks() {}

    public static void assertBalanced(String journal) {
        Map<String, BigDecimal> sums = new HashMap<>();
        String entry = null;
        for (String line : (journal + "\n\n").lines().toList()) {
            if (line.startsWith("    ")) {
                String[] parts = line.trim().split("\\s+");
                sums.merge(parts[parts.length - 2], new BigDecimal(parts[parts.length - 1]), BigDecimal::add);
            } else if (line.isBlank() && entry != null) {
                String current = entry;
                sums.forEach((commodity, sum) -> assertThat(sum)
                        .as("entry '%s' in %s", current, commodity)
                        .isEqualByComparingTo(BigDecimal.ZERO));
                sums.clear();
                entry = null;
            } else if (!line.startsWith(";") && !line.isBlank()) {
                entry = line;
            }
        }
    }

    /** hledger from Debian's package: CI installs it and the check must run there; a developer machine may not have it. */
    public static void checkWithHledger(String journal) throws Exception {
        boolean available = Files.isExecutable(Path.of("/usr/bin/hledger"));
        if (!available) {
            assertThat(System.getenv("CI"))
                    .as("hledger must be installed in CI")
                    .isNull();
            return;
        }
        Path file = Files.createTempFile("abacus", ".journal");
        Files.writeString(file, journal);
        Process process = new ProcessBuilder("/usr/bin/hledger", "-f", file.toString(), "check")
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(new String(process.getInputStream().readAllBytes()))
                .isZero();
    }
}
