/** Part of {@code checkout}: see the module's top-level package for what it offers. */
@org.jspecify.annotations.NullMarked
package com.abacus.checkout.internal.web;
