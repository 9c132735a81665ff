package com.abacus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What customers read follows the rules by construction: every date on the customer site, in PDFs and on the console's
 * account page is formatted in the account's time zone ({@code @fmt.date(instant, zone)}), and no customer template
 * prints a catalog code or an amount without formatting it.
 */
class TemplateConventionsTests {

    static final List<Path> CUSTOMER_TEMPLATES =
            List.of(Path.of("ui/templates/site"), Path.of("ui/templates/invoicing"), Path.of("ui/templates/contracts"));
    static final Pattern UTC_DATE = Pattern.compile("@?fmt\\.(date|at)\\(([^(),]*|[^(),]*\\([^()]*\\)[^(),]*)\\)");
    static final Pattern RAW_CODE = Pattern.compile("th:text=\"\\$\\{[^}]*\\.(planCode|feature|code)}");
    static final Pattern RAW_AMOUNT =
            Pattern.compile("th:text=\"\\$\\{[a-z]+\\.(total|amount|price|amountDueNow|creditedAmount)}\"");

    @Test
    void customerDatesAreInTheAccountsTimeZone() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : templates()) {
            find(file, UTC_DATE, found);
        }
        find(Path.of("ui/templates/admin/account.html"), UTC_DATE, found);
        // The test clock banner states the clock's own time, in UTC, labelled.
        found.removeIf(hit -> hit.contains("testClock.frozenTime"));
        assertThat(found).as("dates formatted without the account's zone").isEmpty();
    }

    @Test
    void customerTemplatesPrintNamesAndFormattedAmounts() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : templates()) {
            find(file, RAW_CODE, found);
            find(file, RAW_AMOUNT, found);
        }
        assertThat(found)
                .as("codes or unformatted amounts a customer would read")
                .isEmpty();
    }

    static List<Path> templates() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : CUSTOMER_TEMPLATES) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".html")).forEach(files::add);
            }
        }
        return files;
    }

    static void find(Path file, Pattern pattern, List<String> found) throws IOException {
        Matcher m = pattern.matcher(Files.readString(file));
        while (m.find()) {
            found.add(file + ": " + m.group());
        }
    }
}
