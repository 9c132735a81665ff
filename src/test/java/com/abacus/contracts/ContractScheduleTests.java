package com.abacus.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.contracts.ContractSchedule.ScheduledInvoice;
import com.abacus.contracts.ContractTerms.Item;
import com.abacus.contracts.ContractTerms.Price;
import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import com.abacus.taxes.TaxTreatment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The invoices a contract's terms issue, worked by hand: ramps, quarters, years, the true-up, tax per line. */
class ContractScheduleTests {

    private static final TaxTreatment UNTAXED = TaxTreatment.notTaxed("no billing address", false);

    /** Business plan: 1,500.00 a month in year 1, 1,800.00 from month 13; 10 seats at 20.00, 25.00 from month 7. */
    private static ContractTerms terms(ContractTerms.Billing billing, String commitment) {
        return new ContractTerms(
                AccountId.random(),
                "USD",
                LocalDate.of(2027, 1, 31),
                24,
                billing,
                ContractTerms.PaymentTerms.NET30,
                false,
                List.of(
                        new Item(
                                Item.Kind.PLAN,
                                "edge-business-monthly",
                                "edge",
                                "Business",
                                1,
                                List.of(new Price(1, usd("1500.00")), new Price(13, usd("1800.00")))),
                        new Item(
                                Item.Kind.ADDON,
                                "edge-extra-load-balancer",
                                "edge",
                                "Extra load balancer",
                                10,
                                List.of(new Price(1, usd("20.00")), new Price(7, usd("25.00"))))),
                List.of(),
                commitment == null ? null : usd(commitment));
    }

    @Test
    void aQuarterlyContractBillsEachQuarterUpfrontAtThePricesInForceInItsMonths() {
        List<ScheduledInvoice> invoices =
                ContractSchedule.of(terms(ContractTerms.Billing.QUARTERLY, null), day -> UNTAXED);
        assertThat(invoices).hasSize(8);
        // Quarter 1 (months 1–3): 3 × 1,500 + 3 × 10 × 20 = 5,100.00, on 31 January; it runs to 29 April.
        assertThat(invoices.get(0).date()).isEqualTo(LocalDate.of(2027, 1, 31));
        assertThat(invoices.get(0).periodEnd()).isEqualTo(LocalDate.of(2027, 4, 29));
        assertThat(invoices.get(0).total()).isEqualTo(usd("5100.00"));
        // Quarter 3 (months 7–9): seats at 25.00 now: 4,500 + 750 = 5,250.00, on 31 July.
        assertThat(invoices.get(2).date()).isEqualTo(LocalDate.of(2027, 7, 31));
        assertThat(invoices.get(2).total()).isEqualTo(usd("5250.00"));
        // Quarter 5 (months 13–15): the second year's plan price: 5,400 + 750 = 6,150.00.
        assertThat(invoices.get(4).date()).isEqualTo(LocalDate.of(2028, 1, 31));
        assertThat(invoices.get(4).total()).isEqualTo(usd("6150.00"));
        assertThat(invoices.get(4).lines().get(0).description()).isEqualTo("Business, months 13–15");
        assertThat(invoices.get(4).lines().get(1).description()).isEqualTo("Extra load balancer × 10, months 13–15");
        // The last quarter ends the day before the term ends (31 January 2029).
        assertThat(invoices.get(7).periodEnd()).isEqualTo(LocalDate.of(2029, 1, 30));
    }

    @Test
    void aRampThatChangesMidQuarterBillsEachMonthAtItsOwnPrice() {
        ContractTerms terms = terms(ContractTerms.Billing.QUARTERLY, null);
        ContractTerms midQuarter = new ContractTerms(
                terms.accountId(),
                "USD",
                terms.startDate(),
                12,
                ContractTerms.Billing.QUARTERLY,
                terms.paymentTerms(),
                false,
                List.of(new Item(
                        Item.Kind.PLAN,
                        "edge-business-monthly",
                        "edge",
                        "Business",
                        1,
                        List.of(new Price(1, usd("100.00")), new Price(5, usd("200.00"))))),
                List.of(),
                null);
        // Quarter 2 is months 4, 5, 6: 100 + 200 + 200.
        assertThat(ContractSchedule.of(midQuarter, day -> UNTAXED).get(1).total())
                .isEqualTo(usd("500.00"));
    }

    @Test
    void annualAndMonthlyContractsSumTheSameMonths() {
        List<ScheduledInvoice> annual = ContractSchedule.of(terms(ContractTerms.Billing.ANNUAL, null), day -> UNTAXED);
        assertThat(annual)
                .extracting(ScheduledInvoice::date)
                .containsExactly(LocalDate.of(2027, 1, 31), LocalDate.of(2028, 1, 31));
        // Year 1: 12 × 1,500 + 6 × 200 + 6 × 250 = 20,700.00; year 2: 12 × 1,800 + 12 × 250 = 24,600.00.
        assertThat(annual).extracting(ScheduledInvoice::total).containsExactly(usd("20700.00"), usd("24600.00"));
        List<ScheduledInvoice> monthly =
                ContractSchedule.of(terms(ContractTerms.Billing.MONTHLY, null), day -> UNTAXED);
        assertThat(monthly).hasSize(24);
        // Anchored on the 31st: February's invoice is on the 28th.
        assertThat(monthly.get(1).date()).isEqualTo(LocalDate.of(2027, 2, 28));
        assertThat(monthly.stream()
                        .map(ScheduledInvoice::total)
                        .reduce(Money::plus)
                        .orElseThrow())
                .isEqualTo(usd("45300.00"));
    }

    @Test
    void aCommitmentAboveTheFeesAddsATrueUpAtTermEndAndOneBelowThemDoesNot() {
        List<ScheduledInvoice> withTrueUp =
                ContractSchedule.of(terms(ContractTerms.Billing.ANNUAL, "50000.00"), day -> UNTAXED);
        assertThat(withTrueUp).hasSize(3);
        ScheduledInvoice trueUp = withTrueUp.get(2);
        assertThat(trueUp.date()).isEqualTo(LocalDate.of(2029, 1, 31));
        // 50,000.00 committed less 45,300.00 of fees.
        assertThat(trueUp.total()).isEqualTo(usd("4700.00"));
        assertThat(trueUp.lines().get(0).kind()).isEqualTo("true_up");
        assertThat(ContractSchedule.of(terms(ContractTerms.Billing.ANNUAL, "45300.00"), day -> UNTAXED))
                .hasSize(2);
    }

    @Test
    void eachLineIsTaxedAsTheAccountIsOnTheInvoicesDate() {
        TaxTreatment vat19 =
                new TaxTreatment(TaxTreatment.Kind.TAXED, "DE", "VAT", new BigDecimal("19"), "DE VAT 19%", null, false);
        List<ScheduledInvoice> invoices =
                ContractSchedule.of(terms(ContractTerms.Billing.QUARTERLY, null), day -> vat19);
        // 4,500.00 × 19% = 855.00 and 600.00 × 19% = 114.00.
        assertThat(invoices.get(0).tax()).isEqualTo(usd("969.00"));
        assertThat(invoices.get(0).subtotal()).isEqualTo(usd("5100.00"));
        assertThat(invoices.get(0).total()).isEqualTo(usd("6069.00"));
    }

    private static Money usd(String amount) {
        return Money.parse(amount, "USD");
    }
}
