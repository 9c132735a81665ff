package com.abacus.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What people read for an amount in minor units and for an instant, as a table. */
class FormatsTests {

    final Formats formats = new Formats();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "USD | 20500   | $205.00    | USD 205.00",
                "USD | 578400  | $5,784.00  | USD 5,784.00",
                "EUR | 189000  | €1,890.00  | EUR 1,890.00",
                "GBP | 4000    | £40.00     | GBP 40.00",
                "JPY | 3750    | ¥3,750     | JPY 3,750",
                "JPY | 0       | ¥0         | JPY 0",
                "USD | -2000   | -$20.00    | USD -20.00",
                "USD | 1       | $0.01      | USD 0.01"
            })
    void amountsForCustomersAndForStaff(String currency, long minor, String customer, String staff) {
        assertThat(formats.price(currency, minor)).isEqualTo(customer);
        assertThat(formats.money(currency, minor)).isEqualTo(staff);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-12-01T19:48:00Z | Asia/Tokyo       | 2 Dec 2026 | 2 Dec 2026, 04:48 JST",
                "2026-12-01T19:48:00Z | America/New_York | 1 Dec 2026 | 1 Dec 2026, 14:48 EST",
                "2026-07-01T23:30:00Z | Europe/Berlin    | 2 Jul 2026 | 2 Jul 2026, 01:30 CEST",
                "2026-12-31T23:59:59Z | UTC              | 31 Dec 2026 | 31 Dec 2026, 23:59 UTC"
            })
    void datesInTheAccountsTimeZone(String instant, String zone, String date, String at) {
        assertThat(formats.date(Instant.parse(instant), ZoneId.of(zone))).isEqualTo(date);
        assertThat(formats.at(Instant.parse(instant), ZoneId.of(zone))).isEqualTo(at);
    }
}
