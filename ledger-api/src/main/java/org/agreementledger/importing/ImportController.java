package org.agreementledger.importing;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.InvalidFieldException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/imports}: the workbook as the request body (name it with {@code fileName} or
 * date it with {@code publishedOn}), or as the multipart field {@code file}. Answers with the report.
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    private final UploadedPublications uploads;

    ImportController(UploadedPublications uploads) {
        this.uploads = uploads;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportReport multipart(@RequestParam(name = "file", required = false) MultipartFile file,
                           @RequestParam(required = false) String publishedOn) throws IOException {
        if (file == null) {
            throw new InvalidFieldException("file", "the multipart field 'file' is missing");
        }
        return uploads.importUpload(file.getInputStream(), file.getOriginalFilename(), publishedOn);
    }

    @PostMapping
    ImportReport body(HttpServletRequest request, @RequestParam(required = false) String fileName,
                      @RequestParam(required = false) String publishedOn) throws IOException {
        if (request.getContentLengthLong() > uploads.maxBytes()) {
            throw new UploadTooLargeException(uploads.maxBytes()); // before reading a byte of it
        }
        String name = fileName != null ? fileName
                : org.springframework.http.ContentDisposition.parse(headerOr(request)).getFilename();
        return uploads.importUpload(request.getInputStream(), name, publishedOn);
    }

    private static String headerOr(HttpServletRequest request) {
        String disposition = request.getHeader(HttpHeaders.CONTENT_DISPOSITION);
        return disposition == null ? "attachment" : disposition;
    }
}
