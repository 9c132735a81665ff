package com.abacus.shared;

/** An amount or currency that cannot be billed as given. */
public class InvalidMoneyException extends InvalidInputException {

    public InvalidMoneyException(String message) {
        super("amount", message);
    }
}
