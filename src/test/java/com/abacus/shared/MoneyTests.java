package com.abacus.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTests {

    static final Currency USD = Currency.getInstance("USD");
    static final Currency JPY = Currency.getInstance("JPY");
    static final Currency BHD = Currency.getInstance("BHD");

    @Test
    void minorUnitsFollowIso4217() {
        assertThat(Money.parse("12.34", "USD").minor()).isEqualTo(1234);
        assertThat(Money.parse("1500", "JPY").minor()).isEqualTo(1500);
        assertThat(Money.parse("1.234", "BHD").minor()).isEqualTo(1234);
        assertThat(Money.ofMinor(1500, JPY).toPlainString()).isEqualTo("1500");
        assertThat(Money.ofMinor(5, USD).toPlainString()).isEqualTo("0.05");
    }

    @Test
    void overPreciseAmountsAreRejectedNotRounded() {
        assertThatThrownBy(() -> Money.parse("12.345", "USD"))
                .isInstanceOf(InvalidMoneyException.class)
                .hasMessageContaining("2 decimals");
        assertThatThrownBy(() -> Money.parse("10.5", "JPY")).isInstanceOf(InvalidMoneyException.class);
        assertThat(Money.parse("12.340", "USD").minor()).isEqualTo(1234);
    }

    @Test
    void unknownCurrenciesAndGarbageAreRejected() {
        assertThatThrownBy(() -> Money.parse("1", "XYZ")).isInstanceOf(InvalidMoneyException.class);
        assertThatThrownBy(() -> Money.parse("1", "usd")).isInstanceOf(InvalidMoneyException.class);
        assertThatThrownBy(() -> Money.parse("one", "USD")).isInstanceOf(InvalidMoneyException.class);
        assertThatThrownBy(() -> Money.of(new BigDecimal("1"), Currency.getInstance("XXX")))
                .isInstanceOf(InvalidMoneyException.class);
        assertThatThrownBy(() -> Money.currency("XXX")).isInstanceOf(InvalidMoneyException.class);
        assertThatThrownBy(() -> Money.currency("XAU")).isInstanceOf(InvalidMoneyException.class);
        assertThatThrownBy(() -> Money.parse("99999999999999999999", "USD")).isInstanceOf(InvalidMoneyException.class);
    }

    @Test
    void fractionsRoundHalfUpOnceAtTheEnd() {
        // 10.00 * 1/3 = 3.333... -> 3.33; 10.00 * 2/3 = 6.666... -> 6.67; 0.05 * 1/2 = 0.025 -> 0.03
        assertThat(Money.parse("10.00", "USD").fraction(1, 3).minor()).isEqualTo(333);
        assertThat(Money.parse("10.00", "USD").fraction(2, 3).minor()).isEqualTo(667);
        assertThat(Money.parse("0.05", "USD").fraction(1, 2).minor()).isEqualTo(3);
        assertThat(Money.parse("1000", "JPY").fraction(1, 3).minor()).isEqualTo(333);
        assertThat(Money.parse("-0.05", "USD").fraction(1, 2).minor()).isEqualTo(-3);
    }

    @Test
    void allocationSumsExactlyWithRemainderOnTheFirstParts() {
        var parts = Money.parse("100.00", "USD").allocate(3);
        assertThat(parts).extracting(Money::minor).containsExactly(3334L, 3333L, 3333L);
        assertThat(parts.stream().mapToLong(Money::minor).sum()).isEqualTo(10000);
        var negative = Money.ofMinor(-10, USD).allocate(3);
        assertThat(negative).extracting(Money::minor).containsExactly(-4L, -3L, -3L);
        var yen = Money.parse("1000", "JPY").allocate(7);
        assertThat(yen.stream().mapToLong(Money::minor).sum()).isEqualTo(1000);
    }

    @Test
    void arithmeticRefusesMixedCurrencies() {
        assertThatThrownBy(() -> Money.ofMinor(1, USD).plus(Money.ofMinor(1, JPY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Money.ofMinor(100, USD).minus(Money.ofMinor(150, USD)).minor())
                .isEqualTo(-50);
    }
}
