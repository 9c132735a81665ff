/**
 * Shared kernel: money, identifiers, time and the error vocabulary every module speaks. Kept small on purpose.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.jspecify.annotations.NullMarked
package com.abacus.shared;
