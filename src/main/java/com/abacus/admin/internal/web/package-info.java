/** Part of {@code admin}: see the module's top-level package for what it offers. */
@org.jspecify.annotations.NullMarked
package com.abacus.admin.internal.web;
