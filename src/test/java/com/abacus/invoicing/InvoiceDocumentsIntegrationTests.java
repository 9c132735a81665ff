package com.abacus.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.payments.Charges;
import com.abacus.payments.Payment;
import com.abacus.payments.RefundRequest;
import com.abacus.payments.Refunds;
import com.abacus.shared.Money;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Invoices and credit notes as the customer reads them: status after credits, the credit note's own PDF. */
@IntegrationTest
class InvoiceDocumentsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    Invoicing invoicing;

    @Autowired
    Charges charges;

    @Autowired
    Refunds refunds;

    Invoice paidInvoice(Customer customer, ApiClient api) {
        var order = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("edge-pro-monthly", "USD", TestCustomers.CARD_OK));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !invoicing.invoices(customer.account().id()).isEmpty());
        return invoicing.invoices(customer.account().id()).get(0);
    }

    void refund(Customer customer, String amount) {
        Payment payment = charges.paymentsOf(customer.account().id()).get(0);
        refunds.refund(new RefundRequest(
                payment.id(),
                Money.parse(amount, "USD"),
                "Outage on 3 March",
                "test",
                UUID.randomUUID().toString()));
    }

    /** The PDF's text as read, lines joined: where a cell wraps is layout, not content. */
    static String text(byte[] pdf) throws Exception {
        return InvoicingIntegrationTests.pdfText(pdf).replaceAll("\\s+", " ");
    }

    @Test
    void anInvoiceCreditedInPartThenInFullSaysSoAndEachCreditNoteHasItsPdf() throws Exception {
        Customer customer = customers.create();
        ApiClient api = new ApiClient(port);
        Invoice invoice = paidInvoice(customer, api);
        assertThat(invoice.displayStatus()).isEqualTo("paid");

        refund(customer, "20.00");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> invoicing.invoice(invoice.id()).displayStatus().equals("partially_credited"));
        String invoicePdf = text(api.bytes("/api/v1/invoices/" + invoice.id() + "/pdf", customer.apiKey()));
        assertThat(invoicePdf)
                .contains("PARTIALLY CREDITED")
                .contains("-$20.00")
                .contains("Net after credits $30.00");

        CreditNote note = invoicing.creditNotes(customer.account().id()).get(0);
        String notePdf = text(api.bytes("/api/v1/credit-notes/" + note.id() + "/pdf", customer.apiKey()));
        assertThat(notePdf)
                .contains("Credit note " + note.number())
                .contains(invoice.number())
                .contains("Outage on 3 March")
                .contains("$20.00")
                .contains("Invoice after all its credit notes $30.00");

        refund(customer, "30.00");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> invoicing.invoice(invoice.id()).displayStatus().equals("credited"));
        assertThat(text(api.bytes("/api/v1/invoices/" + invoice.id() + "/pdf", customer.apiKey())))
                .contains("CREDITED")
                .doesNotContain("PAID")
                .contains("Net after credits $0.00");
    }

    @Test
    void anotherCustomersCreditNoteIsNotFound() {
        Customer owner = customers.create();
        Customer other = customers.create();
        ApiClient api = new ApiClient(port);
        paidInvoice(owner, api);
        refund(owner, "5.00");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !invoicing.creditNotes(owner.account().id()).isEmpty());
        CreditNote note = invoicing.creditNotes(owner.account().id()).get(0);
        var answer = api.get("/api/v1/credit-notes/" + note.id() + "/pdf", other.apiKey());
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
    }
}
