package com.abacus.taxes;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code abacus.tax.*}: who sells (printed on every invoice and credit note, and whose country decides whether an EU
 * or UK business buyer is reverse charged), which currencies' prices include tax, and whether US sales tax is
 * collected.
 *
 * @param inclusiveCurrencies prices in these currencies include tax (JPY by default: Japanese prices are shown with
 *     consumption tax in)
 */
@ConfigurationProperties("abacus.tax")
public record TaxSettings(
        @DefaultValue Seller seller,
        @DefaultValue("JPY") Set<String> inclusiveCurrencies,
        @DefaultValue("false") boolean usSalesTax) {

    public record Seller(
            @DefaultValue("Abacus Billing Ltd") String legalName,

            @DefaultValue({"1 Grand Canal Square", "Dublin 2, D02 P820", "Ireland"})
            List<String> address,

            @DefaultValue("IE3668997OH") String taxNumber,
            @DefaultValue("IE") String country) {}
}
