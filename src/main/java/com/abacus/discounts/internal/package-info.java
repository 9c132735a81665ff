@org.jspecify.annotations.NullMarked
package com.abacus.discounts.internal;
