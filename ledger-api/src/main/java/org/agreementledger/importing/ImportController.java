package org.agreementledger.importing;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.InvalidFieldException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/imports}: the workbook as the request body (name it with {@code fileName} or
 * date it with {@code publishedOn}), or as the multipart field {@code file}. Answers with the report:
 * 200 when applied (or already imported), 202 when recorded but held for review.
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    private final UploadedPublications uploads;

    ImportController(UploadedPublications uploads) {
        this.uploads = uploads;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportReport> multipart(@RequestParam(name = "file", required = false) MultipartFile file,
                                           @RequestParam(required = false) String publishedOn) throws IOException {
        if (file == null) {
            throw new InvalidFieldException("file", "the multipart field 'file' is missing");
        }
        return answer(uploads.importUpload(file.getInputStream(), file.getOriginalFilename(), publishedOn));
    }

    @PostMapping
    ResponseEntity<ImportReport> body(HttpServletRequest request, @RequestParam(required = false) String fileName,
                                      @RequestParam(required = false) String publishedOn) throws IOException {
        if (request.getContentLengthLong() > uploads.maxBytes()) {
            throw new UploadTooLargeException(uploads.maxBytes()); // before reading a byte of it
        }
        String name = fileName != null ? fileName
                : org.springframework.http.ContentDisposition.parse(headerOr(request)).getFilename();
        return answer(uploads.importUpload(request.getInputStream(), name, publishedOn));
    }

    private static ResponseEntity<ImportReport> answer(ImportReport report) {
        return ResponseEntity.status(ImportReport.HELD.equals(report.outcome()) ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(report);
    }

    private static String headerOr(HttpServletRequest request) {
        String disposition = request.getHeader(HttpHeaders.CONTENT_DISPOSITION);
        return disposition == null ? "attachment" : disposition;
    }
}
