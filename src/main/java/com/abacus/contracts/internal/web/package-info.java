@org.jspecify.annotations.NullMarked
package com.abacus.contracts.internal.web;
