package com.abacus.invoicing;

import java.util.List;
import org.springframework.modulith.events.Externalized;

/** A batch of the invoice run was paid; each element means exactly what an {@link InvoicePaid} means. */
@Externalized("abacus.invoices")
public record InvoicesPaid(List<InvoicePaid> invoices) {}
