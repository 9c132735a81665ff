@org.jspecify.annotations.NullMarked
package com.abacus.taxes.internal;
