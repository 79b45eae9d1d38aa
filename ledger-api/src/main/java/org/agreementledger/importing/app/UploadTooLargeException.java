package org.agreementledger.importing.app;

import org.springframework.util.unit.DataSize;

/** An upload over {@code ledger.imports.max-upload-size}; refused before it is read whole. */
public class UploadTooLargeException extends RuntimeException {

    public UploadTooLargeException(long maxBytes) {
        super("file: the upload is larger than the limit of " + DataSize.ofBytes(maxBytes).toMegabytes()
                + " MB (ledger.imports.max-upload-size)");
    }
}
