/** Part of {@code payments}: see the module's top-level package for what it offers. */
@org.jspecify.annotations.NullMarked
package com.abacus.payments.internal.processor;
