package org.agreementledger.importing.app;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.visibility.Acknowledgement;
import org.agreementledger.visibility.AcknowledgedWrites;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/imports}: the workbook as the request body (name it with {@code fileName} or
 * date it with {@code publishedOn}), or as the multipart field {@code file}. Answers with the report,
 * once the reports hold what the import appended ({@link AcknowledgedWrites}): 200 when applied (or
 * already imported), 202 when recorded but held for review.
 */
@RestController
@RequestMapping("/api/imports")
@Tag(name = "Imports", description = "ICE's lists imported whole or not at all (archivists)")
record ImportController(UploadedPublications uploads, AcknowledgedWrites writes) {

    private static final String SUMMARY = "Import one of ICE's lists (xlsx or csv) and answer its report";
    private static final String DESCRIPTION = "The workbook as the request body (fileName names it, publishedOn"
            + " dates it), or as the multipart field file. Answered once the reports hold what it appended.";

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = SUMMARY, description = DESCRIPTION, responses = {
            @ApiResponse(responseCode = "200", description = "imported (or already imported): its report"),
            @ApiResponse(responseCode = "202", description = "recorded but held for review: its report")})
    ResponseEntity<ImportReport> multipart(@RequestParam(name = "file", required = false) MultipartFile file,
                                           @RequestParam(required = false) String publishedOn) throws IOException {
        if (file == null) {
            throw new InvalidFieldException("file", "the multipart field 'file' is missing");
        }
        var in = file.getInputStream();
        return acknowledged(writes.append(() -> uploads.importUpload(in, file.getOriginalFilename(), publishedOn)));
    }

    @PostMapping
    @Operation(summary = SUMMARY, description = DESCRIPTION, responses = {
            @ApiResponse(responseCode = "200", description = "imported (or already imported): its report"),
            @ApiResponse(responseCode = "202", description = "recorded but held for review: its report")})
    ResponseEntity<ImportReport> body(HttpServletRequest request, @RequestParam(required = false) String fileName,
                                      @RequestParam(required = false) String publishedOn) throws IOException {
        if (request.getContentLengthLong() > uploads.maxBytes()) {
            throw new UploadTooLargeException(uploads.maxBytes()); // before reading a byte of it
        }
        String name = fileName != null ? fileName
                : org.springframework.http.ContentDisposition.parse(headerOr(request)).getFilename();
        var in = request.getInputStream();
        return acknowledged(writes.append(() -> uploads.importUpload(in, name, publishedOn)));
    }

    private static ResponseEntity<ImportReport> acknowledged(Acknowledgement<ImportReport> imported) {
        boolean held = ImportReport.HELD.equals(imported.result().outcome());
        return ResponseEntity.status(held ? HttpStatus.ACCEPTED : HttpStatus.OK).headers(imported.headers())
                .body(imported.result());
    }

    private static String headerOr(HttpServletRequest request) {
        String disposition = request.getHeader(HttpHeaders.CONTENT_DISPOSITION);
        return disposition == null ? "attachment" : disposition;
    }
}
