package com.abacus.invoicing;

import java.util.List;
import org.springframework.modulith.events.Externalized;

/**
 * A batch of the invoice run was issued: one event for the batch instead of one per invoice, because one recorded
 * publication per invoice would cost the run more than the invoices themselves. Each element means exactly what an
 * {@link InvoiceFinalized} means.
 */
@Externalized("abacus.invoices")
public record InvoicesIssued(List<InvoiceFinalized> invoices) {}
