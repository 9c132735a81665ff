/** Part of {@code revenue}: see the module's top-level package for what it offers. */
@org.jspecify.annotations.NullMarked
package com.abacus.revenue.internal;
